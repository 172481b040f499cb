// Partner recommendations on the live database: "Partenaires recommandés" of an organisation,
// "Qui peut répondre ?" for a need, "pas pertinent" feedback, and pair scores for other
// features. Scoring is the pure matching module; this file decides what to score (retrieval.ts:
// rare tags first, never the whole table) and who may see what (organisation-access.server.ts).
import { data } from '@remix-run/node'
import {
  rankCandidates,
  rankNeedCandidates,
  scoreProfilePair,
  type LocalizedLabel,
  type MatchResult,
  type OrgKind,
  type PreparedProfile,
  type Reason,
} from './matching.server.ts'
import {
  canViewOrganisation,
  memberOrganisationIds,
  requireOrganisationMember,
  type Viewer,
} from '~/models/directory/access.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { getMatchContext, type LiveMatchContext } from './recommendations/context.server.ts'
import {
  preparedProfileOf,
  toPreparedNeed,
  type OrganisationMatchRow,
} from './recommendations/profiles.server.ts'
import { matchRowsByIds, retrieveCandidateRows } from './recommendations/retrieval.server.ts'
import {
  planRetrieval,
  RETRIEVAL_LIMITS,
  type RetrievalLimits,
} from './recommendations/retrieval.ts'

export { invalidateMatchContext } from './recommendations/context.server.ts'
export { maxCandidates, RETRIEVAL_LIMITS } from './recommendations/retrieval.ts'

export interface RecommendedOrganisation {
  id: string
  slug: string
  name: string
  kind: OrgKind
  subKind: string | null
  regionCode: string
  regionLabel: LocalizedLabel
  city: string
}

export interface Recommendation {
  organisation: RecommendedOrganisation
  /** 0–100. */
  score: number
  /** 3 to 5 structured reasons; render them with formatReasons (matching/render.ts). */
  reasons: Reason[]
  /** Pushed down because it resembles an organisation marked "pas pertinent". */
  lowered: boolean
}

export interface Recommendations {
  items: Recommendation[]
  /** Organisations retrieved and scored: bounded by maxCandidates(), whatever the table size. */
  candidateCount: number
}

export interface RecommendOptions {
  limit?: number
  retrievalLimits?: RetrievalLimits
}

export const DEFAULT_LIMIT = 20

function describe(row: OrganisationMatchRow, ctx: LiveMatchContext): RecommendedOrganisation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    subKind: row.subKind,
    regionCode: row.regionCode,
    regionLabel: ctx.labels.get(row.regionCode) ?? { fr: row.regionCode, en: row.regionCode },
    city: row.city,
  }
}

function toRecommendations(
  results: readonly MatchResult[],
  rowsById: ReadonlyMap<string, OrganisationMatchRow>,
  candidateCount: number,
  ctx: LiveMatchContext,
): Recommendations {
  return {
    candidateCount,
    items: results.map((result) => ({
      organisation: describe(rowsById.get(result.candidateId)!, ctx),
      score: result.score,
      reasons: [...result.reasons],
      lowered: result.feedbackPenalty !== undefined,
    })),
  }
}

/** The organisation behind a page's :slug, or a 404 when the viewer may not see it. */
export async function findVisibleOrganisation(slug: string, viewer: Viewer) {
  const [organisation, viewerOrgIds] = await Promise.all([
    prisma.organisation.findUnique({
      where: { slug },
      select: { id: true, slug: true, name: true, visibility: true, unpublishedAt: true },
    }),
    memberOrganisationIds(viewer.id),
  ])
  if (!organisation || !canViewOrganisation(organisation, viewer, viewerOrgIds)) {
    throw data('matching:errors.unknownOrganisation', { status: 404 })
  }
  return { id: organisation.id, slug: organisation.slug, name: organisation.name }
}

type VisibilityCheck = (row: OrganisationMatchRow) => boolean

async function visibilityFor(viewer: Viewer): Promise<VisibilityCheck> {
  const viewerOrgIds = await memberOrganisationIds(viewer.id)
  return (row) => canViewOrganisation(row, viewer, viewerOrgIds)
}

async function notRelevantTargets(organisationId: string): Promise<string[]> {
  const rows = await prisma.matchFeedback.findMany({
    where: { organisationId, verdict: 'not_relevant' },
    select: { targetOrgId: true },
    orderBy: { createdAt: 'asc' },
  })
  return rows.map((row) => row.targetOrgId)
}

async function rankingInputs(organisationId: string) {
  const [ctx, dislikedIds] = await Promise.all([
    getMatchContext(),
    notRelevantTargets(organisationId),
  ])
  return { ctx, dislikedIds }
}

/**
 * Ranked partners for an organisation, without access checks: `canView` filters the candidates
 * (drafts and withdrawn profiles are never retrieved nor recommended anyway).
 */
export async function computePartnerRecommendations(
  source: OrganisationMatchRow,
  {
    canView = () => true,
    limit = DEFAULT_LIMIT,
    retrievalLimits = RETRIEVAL_LIMITS,
    prefetched,
  }: {
    canView?: VisibilityCheck
    /** Already read by the caller, in parallel with its own queries. */
    prefetched?: { ctx: LiveMatchContext; dislikedIds: string[] }
  } & RecommendOptions = {},
): Promise<Recommendations> {
  const { ctx, dislikedIds } = prefetched ?? (await rankingInputs(source.id))
  const preparedSource = preparedProfileOf(source, ctx)
  const plan = planRetrieval(preparedSource, ctx, retrievalLimits)
  const [candidateRows, dislikedRows] = await Promise.all([
    retrieveCandidateRows(plan, [source.id, ...dislikedIds]),
    matchRowsByIds(dislikedIds),
  ])
  const visible = candidateRows.filter(canView)
  const results = rankCandidates(
    preparedSource,
    visible.map((row) => preparedProfileOf(row, ctx)),
    ctx,
    {
      limit,
      excludeIds: dislikedIds,
      negativeFeedback: dislikedRows.map((row) => preparedProfileOf(row, ctx)),
    },
  )
  return toRecommendations(
    results,
    new Map(visible.map((row) => [row.id, row])),
    candidateRows.length,
    ctx,
  )
}

/** Resolves to the error a promise rejects with, or undefined: checks can run in parallel. */
function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error ?? new Error('rejected'),
  )
}

/** "Partenaires recommandés": members of the organisation only (403 otherwise). */
export async function recommendPartners(
  organisationId: string,
  viewer: Viewer,
  options: RecommendOptions = {},
): Promise<Recommendations> {
  // One round trip for the membership check and everything the ranking needs besides the
  // candidates; the check's verdict still comes first.
  const [notMember, rows, canView, ctx, dislikedIds] = await Promise.all([
    failureOf(requireOrganisationMember(organisationId, viewer)),
    matchRowsByIds([organisationId]),
    visibilityFor(viewer),
    getMatchContext(),
    notRelevantTargets(organisationId),
  ])
  if (notMember) throw notMember
  const source = rows[0]
  if (!source) throw data('matching:errors.unknownOrganisation', { status: 404 })
  return computePartnerRecommendations(source, {
    ...options,
    canView,
    prefetched: { ctx, dislikedIds },
  })
}

/** "Qui peut répondre ?": organisations for a need, for members of its organisation only. */
export async function recommendForNeed(
  needId: string,
  viewer: Viewer,
  { limit = DEFAULT_LIMIT, retrievalLimits = RETRIEVAL_LIMITS }: RecommendOptions = {},
): Promise<Recommendations & { need: { id: string; title: string; organisationId: string } }> {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    select: {
      id: true,
      organisationId: true,
      title: true,
      description: true,
      challengeCodes: true,
      sectorCodes: true,
      technologyCodes: true,
      regionCode: true,
      organisation: { select: { kind: true, languages: true } },
    },
  })
  if (!need) throw data('matching:errors.unknownNeed', { status: 404 })
  const [notMember, ctx, canView] = await Promise.all([
    failureOf(requireOrganisationMember(need.organisationId, viewer)),
    getMatchContext(),
    visibilityFor(viewer),
  ])
  if (notMember) throw notMember
  const preparedNeed = toPreparedNeed(need, ctx.taxonomy)
  const plan = planRetrieval(preparedNeed, ctx, retrievalLimits)
  const candidateRows = await retrieveCandidateRows(plan, [need.organisationId])
  const visible = candidateRows.filter(canView)
  const results = rankNeedCandidates(
    preparedNeed,
    visible.map((row) => preparedProfileOf(row, ctx)),
    ctx,
    { limit },
  )
  return {
    need: { id: need.id, title: need.title, organisationId: need.organisationId },
    ...toRecommendations(
      results,
      new Map(visible.map((row) => [row.id, row])),
      candidateRows.length,
      ctx,
    ),
  }
}

// ─── "Pas pertinent" ───────────────────────────────────────────────────────────────────────

async function findTarget(targetOrgId: string) {
  const target = await prisma.organisation.findUnique({
    where: { id: targetOrgId },
    select: { id: true, name: true },
  })
  if (!target) throw data('matching:errors.unknownOrganisation', { status: 404 })
  return target
}

/**
 * "Pas pertinent": hides `targetOrgId` from the organisation's recommendations and lowers
 * look-alikes. Members of the organisation only (403).
 */
export async function recordNotRelevant(organisationId: string, targetOrgId: string, user: Viewer) {
  await requireOrganisationMember(organisationId, user)
  if (targetOrgId === organisationId) {
    throw data('matching:errors.notRelevantSelf', { status: 400 })
  }
  const target = await findTarget(targetOrgId)
  await prisma.matchFeedback.upsert({
    where: { organisationId_targetOrgId: { organisationId, targetOrgId } },
    create: { organisationId, targetOrgId, verdict: 'not_relevant', createdById: user.id },
    update: { verdict: 'not_relevant', createdById: user.id, createdAt: new Date() },
  })
  await forgetSnapshot(organisationId)
  return { target }
}

/** Undoes "pas pertinent" (same rule: members of the organisation only). */
export async function undoNotRelevant(organisationId: string, targetOrgId: string, user: Viewer) {
  await requireOrganisationMember(organisationId, user)
  const target = await findTarget(targetOrgId)
  const { count } = await prisma.matchFeedback.deleteMany({
    where: { organisationId, targetOrgId },
  })
  await forgetSnapshot(organisationId)
  return { target, removed: count > 0 }
}

// ─── Pair scores ───────────────────────────────────────────────────────────────────────────

export interface PairScore {
  /** 0–100, symmetric: the same whichever organisation comes first. */
  score: number
  /** Worded for the first organisation ("ils proposent ce que vous cherchez"). */
  reasons: Reason[]
}

function pairKey(a: string, b: string) {
  return `${a}|${b}`
}

/**
 * Scores of organisation pairs (e.g. participants of a business-meeting session): one query
 * for all the organisations, no retrieval, no visibility filter (the caller decides who sees
 * what). Stable: the context is cached and recency moves once a day. Keys are "idA|idB";
 * pairs with an unknown organisation are left out.
 */
export async function scoreOrganisationPairs(
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<Map<string, PairScore>> {
  const ids = [...new Set(pairs.flat())]
  const [ctx, rows] = await Promise.all([getMatchContext(), matchRowsByIds(ids)])
  const prepared = new Map<string, PreparedProfile>(
    rows.map((row) => [row.id, preparedProfileOf(row, ctx)]),
  )
  const scores = new Map<string, PairScore>()
  for (const [a, b] of pairs) {
    const source = prepared.get(a)
    const candidate = prepared.get(b)
    if (!source || !candidate) continue
    const result = scoreProfilePair(source, candidate, ctx)
    scores.set(pairKey(a, b), { score: result.score, reasons: [...result.reasons] })
  }
  return scores
}

/** Score of two organisations, or null when either does not exist. */
export async function scoreOrganisationPair(
  orgIdA: string,
  orgIdB: string,
): Promise<PairScore | null> {
  const scores = await scoreOrganisationPairs([[orgIdA, orgIdB]])
  return scores.get(pairKey(orgIdA, orgIdB)) ?? null
}

// ─── Snapshots (dashboard) ─────────────────────────────────────────────────────────────────

export const SNAPSHOT_SIZE = 30
export const SNAPSHOT_MAX_AGE_MS = 24 * 60 * 60 * 1000

async function forgetSnapshot(organisationId: string) {
  await prisma.recommendationSnapshot.deleteMany({ where: { organisationId } })
}

export async function storeSnapshot(
  organisationId: string,
  items: readonly { candidateId: string; score: number }[],
  computedAt = new Date(),
) {
  const snapshot = {
    candidateIds: items.map((item) => item.candidateId),
    scores: items.map((item) => item.score),
    computedAt,
  }
  await prisma.recommendationSnapshot.upsert({
    where: { organisationId },
    create: { organisationId, ...snapshot },
    update: snapshot,
  })
}

/** Recomputes one organisation's snapshot on the live path. */
export async function refreshSnapshot(organisationId: string) {
  const [source] = await matchRowsByIds([organisationId])
  if (!source) return
  const { items } = await computePartnerRecommendations(source, { limit: SNAPSHOT_SIZE })
  await storeSnapshot(
    organisationId,
    items.map((item) => ({ candidateId: item.organisation.id, score: item.score })),
  )
}

/**
 * A few recommendations for a dashboard, from the organisation's snapshot (recomputed when
 * missing or older than a day). The viewer's visibility and the latest feedback are applied
 * again, and reasons are recomputed for the few shown. Members of the organisation only.
 */
export async function dashboardRecommendations(
  organisationId: string,
  viewer: Viewer,
  { limit = 5 }: { limit?: number } = {},
): Promise<Recommendation[]> {
  await requireOrganisationMember(organisationId, viewer)
  let snapshot = await prisma.recommendationSnapshot.findUnique({ where: { organisationId } })
  if (!snapshot || Date.now() - snapshot.computedAt.getTime() > SNAPSHOT_MAX_AGE_MS) {
    await refreshSnapshot(organisationId)
    snapshot = await prisma.recommendationSnapshot.findUnique({ where: { organisationId } })
  }
  if (!snapshot) return []
  const [ctx, canView, dislikedIds] = await Promise.all([
    getMatchContext(),
    visibilityFor(viewer),
    notRelevantTargets(organisationId),
  ])
  const rows = await matchRowsByIds([organisationId, ...snapshot.candidateIds, ...dislikedIds])
  const rowsById = new Map(rows.map((row) => [row.id, row]))
  const source = rowsById.get(organisationId)
  if (!source) return []
  const candidates = snapshot.candidateIds
    .map((id) => rowsById.get(id))
    .filter((row): row is OrganisationMatchRow => row !== undefined && canView(row))
  // Re-ranked with today's scores, reasons and feedback; the snapshot only chose whom to score.
  const results = rankCandidates(
    preparedProfileOf(source, ctx),
    candidates.map((row) => preparedProfileOf(row, ctx)),
    ctx,
    {
      limit,
      excludeIds: dislikedIds,
      negativeFeedback: dislikedIds
        .map((id) => rowsById.get(id))
        .filter((row): row is OrganisationMatchRow => row !== undefined)
        .map((row) => preparedProfileOf(row, ctx)),
    },
  )
  return toRecommendations(results, rowsById, candidates.length, ctx).items
}

/**
 * Recomputes the stalest snapshots (dashboards read them), up to `max` per run. Claimed by
 * bumping their date with FOR UPDATE SKIP LOCKED, so several app servers share the work; a
 * snapshot left stale by a crash is simply recomputed on the next dashboard read.
 */
export async function refreshStaleSnapshots({ max = 100, now = new Date() } = {}) {
  const staleBefore = new Date(now.getTime() - SNAPSHOT_MAX_AGE_MS)
  const claimed = await prisma.$queryRaw<Array<{ organisationId: string }>>`
    UPDATE "RecommendationSnapshot" SET "computedAt" = ${now}
    WHERE "organisationId" IN (
      SELECT "organisationId" FROM "RecommendationSnapshot"
      WHERE "computedAt" < ${staleBefore}
      ORDER BY "computedAt"
      LIMIT ${max}
      FOR UPDATE SKIP LOCKED)
    RETURNING "organisationId"`
  for (const { organisationId } of claimed) await refreshSnapshot(organisationId)
  return claimed.length
}

/** To register in worker-tasks.server.ts. */
export const recommendationRefreshTask = {
  name: 'recommendation-snapshots',
  everyMs: 10 * 60 * 1000,
  run: () => refreshStaleSnapshots(),
}
