// Which organisations to score for a source: never the whole table. With Zipf-like tags a
// common tag is carried by 30–40 % of organisations, so retrieval starts from the source's
// rarest tags (IDF), takes a capped posting list per tag (most recently active first), and adds
// the most recently active organisations of complementary kinds in the same region. The plan is
// pure so the SQL engine (retrieval.server.ts) and the in-memory batch (batch.server.ts) follow
// exactly the same rules.
import { ORG_KINDS } from '~/models/directory/constants.ts'
import {
  matchingWeights,
  rarestTags,
  type MatchContext,
  type OrgKind,
  type PreparedNeed,
  type PreparedProfile,
  type RetrievalFacet,
} from '~/models/matching/matching.server.ts'

export type RetrievalColumn = 'challengeCodes' | 'sectorCodes' | 'technologyCodes'

/** Restricts a technology look-up to the side that offers it or the side that seeks it. */
export type KindFilter = 'institution' | 'not_institution'

export interface TagLookup {
  readonly code: string
  readonly column: RetrievalColumn
  readonly kindFilter?: KindFilter
  readonly documentFrequency: number
  /**
   * How the SQL engine reads the posting list (same result either way). 'tag': every carrier
   * through the GIN index, then the most recent; 'activity': walk organisations from the most
   * recently active and keep carriers, cheaper when a tag is common. PostgreSQL's planner
   * misjudges where one beats the other for arrays, and we know the document frequency.
   */
  readonly access: 'tag' | 'activity'
}

export interface RetrievalPlan {
  readonly tags: readonly TagLookup[]
  readonly regionCode: string
  /** Complementary kinds looked up in the source's region. */
  readonly regionKinds: readonly OrgKind[]
  readonly limits: RetrievalLimits
}

export interface RetrievalLimits {
  /** How many of the source's rarest tags are looked up. */
  readonly tags: number
  /** Posting-list cap of a rare tag: one carried by at most this many organisations is read whole. */
  readonly perTag: number
  /**
   * Cap of a common tag (carried by more than `perTag`): its most recently active carriers only.
   * A common tag says little about a pair, so it gets a small share of the work.
   */
  readonly perCommonTag: number
  /** Cap per complementary kind in the source's region. */
  readonly perRegionKind: number
}

export const RETRIEVAL_LIMITS: RetrievalLimits = {
  tags: 6,
  perTag: 250,
  perCommonTag: 60,
  perRegionKind: 50,
}

/** How many carriers of a tag are read. */
export function tagCap(tag: Pick<TagLookup, 'documentFrequency'>, limits: RetrievalLimits) {
  return tag.documentFrequency <= limits.perTag ? limits.perTag : limits.perCommonTag
}

/** Upper bound of the candidates scored for one source. */
export function maxCandidates(limits: RetrievalLimits = RETRIEVAL_LIMITS): number {
  return limits.tags * Math.max(limits.perTag, limits.perCommonTag) + 3 * limits.perRegionKind
}

const FACET_LOOKUPS: Partial<
  Record<RetrievalFacet, { column: RetrievalColumn; kindFilter?: KindFilter }>
> = {
  challenge: { column: 'challengeCodes' },
  sector: { column: 'sectorCodes' },
  // The source seeks it: look among those who offer technologies (tech actors)…
  sought_technology: { column: 'technologyCodes', kindFilter: 'not_institution' },
  // …or offers it: look among those who seek technologies (institutions).
  offered_technology: { column: 'technologyCodes', kindFilter: 'institution' },
  // Themes and engagements are broad and have no column: they are never a way in.
}

/** Kinds worth meeting for this kind (the platform's point: culture ↔ tech), itself excluded. */
export function complementaryKinds(kind: OrgKind | undefined): OrgKind[] {
  const table = matchingWeights.KIND_COMPLEMENTARITY
  if (kind === undefined) return [...ORG_KINDS]
  return (Object.keys(table[kind]) as OrgKind[]).filter(
    (other) => other !== kind && table[kind][other] >= 0.6,
  )
}

export function planRetrieval(
  source: PreparedProfile | PreparedNeed,
  ctx: MatchContext,
  limits: RetrievalLimits = RETRIEVAL_LIMITS,
): RetrievalPlan {
  const tags: TagLookup[] = []
  const seen = new Set<string>()
  for (const tag of rarestTags(source, ctx, Number.MAX_SAFE_INTEGER)) {
    if (tags.length >= limits.tags) break
    const lookup = FACET_LOOKUPS[tag.facet]
    // Nobody carries it (not even the source, e.g. a draft): nothing to find.
    if (lookup === undefined || tag.documentFrequency === 0) continue
    const key = `${lookup.column}|${lookup.kindFilter ?? ''}|${tag.code}`
    if (seen.has(key)) continue
    seen.add(key)
    const cap = tagCap(tag, limits)
    tags.push({
      code: tag.code,
      ...lookup,
      documentFrequency: tag.documentFrequency,
      // Reading df rows by index vs ~cap·N/df rows by activity: even around df = √(cap·N).
      access: tag.documentFrequency <= Math.sqrt(cap * ctx.totalOrgs) ? 'tag' : 'activity',
    })
  }
  return {
    tags,
    regionCode: source.regionCode,
    regionKinds: source.regionCode === '' ? [] : complementaryKinds(source.kind),
    limits,
  }
}
