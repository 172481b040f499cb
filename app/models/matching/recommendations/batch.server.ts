// Recomputes the recommendation snapshots of many organisations at once. Running the live
// query per organisation would cost a round trip and a fetch of ~2 000 rows each; instead the
// recommendable organisations are read once, posting lists are built in memory in the order the
// SQL engine uses (most recently active first, then id), and every source follows the same
// retrieval plan (retrieval.ts) and ranking as the live path.
import { rankCandidates, type PreparedProfile } from '~/models/matching/matching.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { buildMatchContext, RECOMMENDABLE_SQL, type LiveMatchContext } from './context.server.ts'
import {
  MATCH_COLUMNS,
  parseMatchRows,
  preparedProfileOf,
  type OrganisationMatchRow,
} from './profiles.server.ts'
import { matchRowsByIds } from './retrieval.server.ts'
import {
  planRetrieval,
  RETRIEVAL_LIMITS,
  type RetrievalLimits,
  type RetrievalPlan,
  tagCap,
  type TagLookup,
} from './retrieval.ts'

const PAGE_SIZE = 10_000
const WRITE_CHUNK = 1000

async function loadRecommendableRows(): Promise<OrganisationMatchRow[]> {
  const rows: OrganisationMatchRow[] = []
  let after = ''
  for (;;) {
    const page = parseMatchRows(
      await prisma.$queryRaw<unknown[]>`
        SELECT ${MATCH_COLUMNS} FROM "Organisation" o
        WHERE ${RECOMMENDABLE_SQL} AND o."id" > ${after}
        ORDER BY o."id" LIMIT ${PAGE_SIZE}`,
    )
    rows.push(...page)
    if (page.length < PAGE_SIZE) return rows
    after = page[page.length - 1]!.id
  }
}

function byActivity(a: OrganisationMatchRow, b: OrganisationMatchRow) {
  const delta = b.lastActiveAt.getTime() - a.lastActiveAt.getTime()
  return delta !== 0 ? delta : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function tagKey(tag: Pick<TagLookup, 'column' | 'kindFilter' | 'code'>) {
  return `${tag.column}|${tag.kindFilter ?? ''}|${tag.code}`
}

/** Posting lists over row positions, each in activity order, like the SQL look-ups. */
class CandidateIndex {
  readonly rows: OrganisationMatchRow[]
  private readonly postings = new Map<string, number[]>()
  private readonly seenBy: Int32Array
  private stamp = 0

  constructor(rows: OrganisationMatchRow[]) {
    this.rows = [...rows].sort(byActivity)
    this.seenBy = new Int32Array(this.rows.length)
    this.rows.forEach((row, position) => {
      const add = (key: string) => {
        let list = this.postings.get(key)
        if (list === undefined) this.postings.set(key, (list = []))
        list.push(position)
      }
      for (const code of row.challengeCodes) add(tagKey({ column: 'challengeCodes', code }))
      for (const code of row.sectorCodes) add(tagKey({ column: 'sectorCodes', code }))
      const side = row.kind === 'institution' ? 'institution' : 'not_institution'
      for (const code of row.technologyCodes) {
        add(tagKey({ column: 'technologyCodes', kindFilter: side, code }))
      }
      add(`region|${row.regionCode}|${row.kind}`)
    })
  }

  /** Row positions the plan retrieves, each once, minus `excluded` ids. */
  candidates(plan: RetrievalPlan, excluded: ReadonlySet<string>): number[] {
    this.stamp++
    const found: number[] = []
    const take = (list: number[] | undefined, cap: number) => {
      if (list === undefined) return
      for (let i = 0; i < list.length && i < cap; i++) {
        const position = list[i]!
        if (this.seenBy[position] === this.stamp) continue
        this.seenBy[position] = this.stamp
        if (!excluded.has(this.rows[position]!.id)) found.push(position)
      }
    }
    for (const tag of plan.tags) take(this.postings.get(tagKey(tag)), tagCap(tag, plan.limits))
    for (const kind of plan.regionKinds) {
      take(this.postings.get(`region|${plan.regionCode}|${kind}`), plan.limits.perRegionKind)
    }
    return found
  }
}

export interface BatchOptions {
  /** Sources; default every recommendable organisation. */
  organisationIds?: readonly string[]
  /** Recommendations kept per organisation. */
  size?: number
  retrievalLimits?: RetrievalLimits
  /** Write snapshots (default true); the benchmark reads the results instead. */
  store?: boolean
  context?: LiveMatchContext
}

export interface BatchResult {
  sources: number
  /** Pairs scored in all. */
  scored: number
  /** Wall time of each step, in milliseconds. */
  timings: { load: number; rank: number; write: number }
  /** Source id → candidate ids and scores, best first. */
  results: Map<string, { candidateId: string; score: number }[]>
}

export async function recomputeRecommendationSnapshots({
  organisationIds,
  size = 30,
  retrievalLimits = RETRIEVAL_LIMITS,
  store = true,
  context,
}: BatchOptions = {}): Promise<BatchResult> {
  const started = performance.now()
  const [ctx, rows] = await Promise.all([context ?? buildMatchContext(), loadRecommendableRows()])
  const index = new CandidateIndex(rows)
  const rowsById = new Map(rows.map((row) => [row.id, row]))
  const sourceIds = organisationIds ?? rows.map((row) => row.id)
  const missing = sourceIds.filter((id) => !rowsById.has(id))
  for (const row of await matchRowsByIds(missing)) rowsById.set(row.id, row)

  const feedback = await prisma.matchFeedback.findMany({
    where: {
      verdict: 'not_relevant',
      ...(organisationIds ? { organisationId: { in: [...organisationIds] } } : {}),
    },
    select: { organisationId: true, targetOrgId: true },
  })
  const dislikedBySource = new Map<string, string[]>()
  for (const { organisationId, targetOrgId } of feedback) {
    dislikedBySource.set(organisationId, [
      ...(dislikedBySource.get(organisationId) ?? []),
      targetOrgId,
    ])
  }
  const dislikedTargets = [...new Set(feedback.map((row) => row.targetOrgId))]
  for (const row of await matchRowsByIds(dislikedTargets.filter((id) => !rowsById.has(id)))) {
    rowsById.set(row.id, row)
  }

  const prepared: (PreparedProfile | undefined)[] = new Array(index.rows.length)
  const preparedAt = (position: number) =>
    (prepared[position] ??= preparedProfileOf(index.rows[position]!, ctx))

  const loaded = performance.now()
  const results = new Map<string, { candidateId: string; score: number }[]>()
  let scored = 0
  for (const sourceId of sourceIds) {
    const source = rowsById.get(sourceId)
    if (!source) continue
    const preparedSource = preparedProfileOf(source, ctx)
    const disliked = dislikedBySource.get(sourceId) ?? []
    const positions = index.candidates(
      planRetrieval(preparedSource, ctx, retrievalLimits),
      new Set([sourceId, ...disliked]),
    )
    scored += positions.length
    const ranked = rankCandidates(preparedSource, positions.map(preparedAt), ctx, {
      limit: size,
      excludeIds: disliked,
      negativeFeedback: disliked
        .map((id) => rowsById.get(id))
        .filter((row): row is OrganisationMatchRow => row !== undefined)
        .map((row) => preparedProfileOf(row, ctx)),
    })
    results.set(
      sourceId,
      ranked.map((result) => ({ candidateId: result.candidateId, score: result.score })),
    )
  }
  const ranked = performance.now()
  if (store) await writeSnapshots(results)
  return {
    sources: results.size,
    scored,
    timings: {
      load: Math.round(loaded - started),
      rank: Math.round(ranked - loaded),
      write: Math.round(performance.now() - ranked),
    },
    results,
  }
}

/** Upserts snapshots in chunks: one statement each, so no long transaction is held. */
async function writeSnapshots(results: Map<string, { candidateId: string; score: number }[]>) {
  const computedAt = new Date()
  const entries = [...results]
  for (let start = 0; start < entries.length; start += WRITE_CHUNK) {
    const chunk = entries.slice(start, start + WRITE_CHUNK).map(([organisationId, items]) => ({
      organisationId,
      candidateIds: items.map((item) => item.candidateId),
      scores: items.map((item) => item.score),
    }))
    await prisma.$executeRaw`
      INSERT INTO "RecommendationSnapshot" ("organisationId", "candidateIds", "scores", "computedAt")
      SELECT r."organisationId", r."candidateIds", r."scores", ${computedAt}
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        AS r("organisationId" text, "candidateIds" text[], "scores" int[])
      WHERE EXISTS (SELECT 1 FROM "Organisation" o WHERE o."id" = r."organisationId")
      ON CONFLICT ("organisationId") DO UPDATE SET "candidateIds" = EXCLUDED."candidateIds",
        "scores" = EXCLUDED."scores", "computedAt" = EXCLUDED."computedAt"`
  }
}
