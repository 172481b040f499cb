// The MatchContext of the live database: taxonomy maps and labels, tag document frequencies
// over recommendable organisations, region adjacency. Derived data, cached per process for a
// few minutes: several app servers may each hold a slightly different copy, which only moves
// scores by a point or so.
import { Prisma } from '~/generated/prisma/client.ts'
import type { LocalizedLabel, MatchContext } from '~/models/matching/matching.server.ts'
import { getTaxonomy, type TaxonomyView } from '~/models/taxonomy/store.server.ts'
import { loadRegionNeighbours } from '~/models/taxonomy/taxonomy.server.ts'
import { prisma } from '~/utils/db.server.ts'

/**
 * Organisations that may ever be recommended: published by their members, not withdrawn by an
 * admin. Literal SQL (not parameters) so that the planner matches the partial indexes of
 * migration 20261125194153_match_retrieval.
 */
export const RECOMMENDABLE_SQL = Prisma.sql`"visibility" IN ('public', 'members') AND "unpublishedAt" IS NULL`

export const CONTEXT_TTL_MS = 5 * 60_000
const DAY_MS = 24 * 60 * 60 * 1000

/** What matching derives from the taxonomy, beyond the MatchContext maps. */
export interface TaxonomyMaps {
  /** Changes when the maps do: prepared profiles are cached under it. */
  readonly signature: string
  /** Challenge → the theme (parent) and engagements (meta.engagements) it implies. */
  readonly impliedByChallenge: ReadonlyMap<string, readonly string[]>
  readonly challengeToTheme: ReadonlyMap<string, string>
  readonly challengeToEngagements: ReadonlyMap<string, readonly string[]>
}

export interface LiveMatchContext extends MatchContext {
  readonly taxonomy: TaxonomyMaps
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}

export function taxonomyMaps(taxonomy: TaxonomyView): TaxonomyMaps {
  const challengeToTheme = new Map<string, string>()
  const challengeToEngagements = new Map<string, string[]>()
  const impliedByChallenge = new Map<string, string[]>()
  for (const entry of taxonomy.ofKind('challenge')) {
    const implied: string[] = []
    if (entry.parent && taxonomy.byCode.get(entry.parent)?.kind === 'theme') {
      challengeToTheme.set(entry.code, entry.parent)
      implied.push(entry.parent)
    }
    const engagements = stringList(entry.meta?.engagements).filter(
      (code) => taxonomy.byCode.get(code)?.kind === 'engagement',
    )
    if (engagements.length > 0) {
      challengeToEngagements.set(entry.code, engagements)
      implied.push(...engagements)
    }
    if (implied.length > 0) impliedByChallenge.set(entry.code, implied)
  }
  return {
    signature: JSON.stringify([...impliedByChallenge]),
    impliedByChallenge,
    challengeToTheme,
    challengeToEngagements,
  }
}

function regionMaps() {
  const data = loadRegionNeighbours()
  const regionNeighbours = new Map(Object.entries(data.neighbours))
  const regionGroups = new Map<string, readonly string[]>()
  for (const group of Object.values(data.groups)) {
    if (!Array.isArray(group)) regionGroups.set(group.code, group.members)
  }
  return { regionNeighbours, regionGroups }
}

/**
 * How many recommendable organisations carry each tag, themes and engagements implied by their
 * challenges included: one pass of `unnest` and GROUP BY (each organisation's codes deduplicated
 * on the spot, so no global DISTINCT has to sort every (organisation, tag) pair).
 */
async function countDocumentFrequencies(maps: TaxonomyMaps) {
  const implied = JSON.stringify(Object.fromEntries(maps.impliedByChallenge))
  const [rows, [total]] = await Promise.all([
    prisma.$queryRaw<Array<{ code: string; documentFrequency: number }>>`
      SELECT t."code", count(*)::int AS "documentFrequency"
      FROM "Organisation" o
      CROSS JOIN LATERAL (
        SELECT DISTINCT x AS "code"
        FROM unnest(
          o."challengeCodes" || o."sectorCodes" || o."technologyCodes"
            || ARRAY(
              SELECT jsonb_array_elements_text(${implied}::jsonb -> c)
              FROM unnest(o."challengeCodes") AS c
            )
        ) AS x
      ) t
      WHERE ${RECOMMENDABLE_SQL}
      GROUP BY t."code"`,
    prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS "count" FROM "Organisation" WHERE ${RECOMMENDABLE_SQL}`,
  ])
  return {
    totalOrgs: total?.count ?? 0,
    tagDocFrequency: new Map(rows.map((row) => [row.code, row.documentFrequency])),
  }
}

/** Start of the UTC day: recency then moves once a day, so scores stay put between requests. */
export function scoringDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS)
}

export async function buildMatchContext(now = new Date()): Promise<LiveMatchContext> {
  const taxonomy = await getTaxonomy()
  const maps = taxonomyMaps(taxonomy)
  const { totalOrgs, tagDocFrequency } = await countDocumentFrequencies(maps)
  const labels = new Map<string, LocalizedLabel>()
  for (const entry of taxonomy.entries) {
    labels.set(entry.code, { fr: entry.labelFr, en: entry.labelEn || entry.labelFr })
  }
  return {
    totalOrgs,
    tagDocFrequency,
    challengeToTheme: maps.challengeToTheme,
    challengeToEngagements: maps.challengeToEngagements,
    ...regionMaps(),
    labels,
    now: scoringDay(now),
    taxonomy: maps,
  }
}

let cached: { context: Promise<LiveMatchContext>; at: number } | undefined
let refreshing: Promise<LiveMatchContext> | undefined

/**
 * The process's context. After CONTEXT_TTL_MS the old one keeps being served while a new one is
 * built in the background (counting tags reads every organisation: seconds at 100 000), so no
 * request waits for it except the very first.
 */
export function getMatchContext(): Promise<LiveMatchContext> {
  if (cached === undefined) {
    const context = buildMatchContext()
    const entry = { context, at: Date.now() }
    cached = entry
    context.catch(() => {
      if (cached === entry) cached = undefined
    })
    return context
  }
  if (Date.now() - cached.at >= CONTEXT_TTL_MS && refreshing === undefined) {
    const context = buildMatchContext()
    refreshing = context
    context
      .then(
        (built) => {
          if (refreshing === context) cached = { context: Promise.resolve(built), at: Date.now() }
        },
        () => {},
      )
      .finally(() => {
        if (refreshing === context) refreshing = undefined
      })
  }
  return cached.context
}

/** Forgets the cached context (tests, and after bulk imports). */
export function invalidateMatchContext() {
  cached = undefined
  refreshing = undefined
}
