// Partner recommendations: pure scoring and explanation. Candidate retrieval (which rows to score)
// belongs to the DB layer, which should start from `rarestTags` and may cache `prepareProfile`.
import { cosineSimilarity, sharedTerms, termVector } from './text.ts'
import type {
  FeedbackPenalty,
  LocalizedLabel,
  MatchContext,
  MatchNeed,
  MatchProfile,
  MatchResult,
  PreparedNeed,
  PreparedParty,
  PreparedProfile,
  RankOptions,
  Reason,
  ReasonTag,
  TagReasonCode,
} from './types.ts'
import {
  ACTIVITY_HALF_LIFE_DAYS,
  CHALLENGE_SATURATION,
  CONTEXT_FLOOR,
  DEFAULT_RANK_LIMIT,
  ENGAGEMENT_SATURATION,
  FEEDBACK_MAX_PENALTY,
  FEEDBACK_SAME_KIND_SHARE,
  FEEDBACK_SAME_SUBKIND_SHARE,
  FEEDBACK_SIMILARITY_THRESHOLD,
  FEEDBACK_TAG_SHARE,
  GUARANTEED_REASONS,
  KIND_COMPLEMENTARITY,
  MAX_REASON_TERMS,
  MAX_REASONS,
  MIN_REASON_POINTS,
  NEIGHBOUR_REGION_STRENGTH,
  RECENCY_FLOOR,
  REGION_GROUP_STRENGTH,
  SAME_REGION_STRENGTH,
  SECONDARY_REASON_SHARE,
  SECTOR_SATURATION,
  TECH_SATURATION,
  TEXT_SATURATION,
  THEME_SATURATION,
  TOPICAL_POINTS_FOR_FULL_CONTEXT,
  WEIGHT_KIND_COMPLEMENTARITY,
  WEIGHT_LANGUAGE,
  WEIGHT_REGION,
  WEIGHT_SHARED_CHALLENGES,
  WEIGHT_SHARED_ENGAGEMENTS,
  WEIGHT_SHARED_SECTORS,
  WEIGHT_SHARED_THEMES,
  WEIGHT_TECH_SEEK_OFFER,
  WEIGHT_TEXT_SEEK_OFFER,
} from './weights.ts'

export type * from './types.ts'
export { REASON_CODES } from './types.ts'
export { ORG_KINDS } from '~/models/directory/constants.ts'
export * as matchingWeights from './weights.ts'
export { cosineSimilarity, foldAccents, stem, termVector, tokenize } from './text.ts'
export { formatReasons, renderReason } from './render.ts'

const DAY_MS = 24 * 60 * 60 * 1000

// ─── Preparation ────────────────────────────────────────────────────────────────────────────

const RECOMMENDABLE_VISIBILITIES: ReadonlySet<string> = new Set(['public', 'members'])

export function isRecommendable(profile: MatchProfile): boolean {
  return profile.visibility === undefined || RECOMMENDABLE_VISIBILITIES.has(profile.visibility)
}

export function orgIdOf(profile: MatchProfile): string {
  return profile.orgId ?? profile.id
}

/** Technologies a profile seeks; institutions' plain technologies are read as interests. */
export function soughtTechnologies(profile: MatchProfile): readonly string[] {
  return (
    profile.seeksTechnologyCodes ?? (profile.kind === 'institution' ? profile.technologyCodes : [])
  )
}

/** Technologies a profile offers; tech actors' plain technologies are read as their offer. */
export function offeredTechnologies(profile: MatchProfile): readonly string[] {
  return (
    profile.offersTechnologyCodes ?? (profile.kind === 'institution' ? [] : profile.technologyCodes)
  )
}

export function prepareProfile(profile: MatchProfile | PreparedProfile): PreparedProfile {
  if (isPreparedProfile(profile)) return profile
  const seeksTechnologies = new Set(soughtTechnologies(profile))
  const offersTechnologies = new Set(offeredTechnologies(profile))
  return {
    prepared: 'profile',
    profile,
    id: profile.id,
    orgId: orgIdOf(profile),
    kind: profile.kind,
    subKind: profile.subKind,
    regionCode: profile.regionCode,
    languages: new Set(profile.languages),
    challenges: new Set(profile.challengeCodes),
    themes: new Set(profile.themeCodes),
    engagements: new Set(profile.engagementCodes),
    sectors: new Set(profile.sectorCodes),
    seeksTechnologies,
    offersTechnologies,
    seeksVector: termVector(profile.seeksText),
    offersVector: termVector(profile.offersText),
    lastActiveAt: profile.lastActiveAt,
    allTags: new Set([
      ...profile.challengeCodes,
      ...profile.themeCodes,
      ...profile.engagementCodes,
      ...profile.sectorCodes,
      ...profile.technologyCodes,
      ...seeksTechnologies,
      ...offersTechnologies,
    ]),
  }
}

export function prepareNeed(need: MatchNeed | PreparedNeed): PreparedNeed {
  if (isPreparedNeed(need)) return need
  const themeCodes = need.themeCodes ?? []
  const engagementCodes = need.engagementCodes ?? []
  return {
    prepared: 'need',
    need,
    id: need.id,
    orgId: need.orgId,
    kind: need.orgKind,
    regionCode: need.regionCode,
    languages: new Set(need.languages ?? []),
    challenges: new Set(need.challengeCodes),
    themes: new Set(themeCodes),
    engagements: new Set(engagementCodes),
    sectors: new Set(need.sectorCodes),
    seeksTechnologies: new Set(need.technologyCodes),
    offersTechnologies: new Set(),
    seeksVector: termVector(`${need.title}\n${need.description}`),
    offersVector: termVector(''),
    allTags: new Set([
      ...need.challengeCodes,
      ...themeCodes,
      ...engagementCodes,
      ...need.sectorCodes,
      ...need.technologyCodes,
    ]),
  }
}

function isPreparedProfile(value: MatchProfile | PreparedProfile): value is PreparedProfile {
  return (value as Partial<PreparedProfile>).prepared === 'profile'
}

function isPreparedNeed(value: MatchNeed | PreparedNeed): value is PreparedNeed {
  return (value as Partial<PreparedNeed>).prepared === 'need'
}

// ─── Rarity ─────────────────────────────────────────────────────────────────────────────────

/**
 * IDF of a tag, ln((N + 1) / (df + 1)) + 1, divided by its largest possible value (df = 0) so it
 * lies in (0, 1]: 1 for a tag nobody else carries, about 0.1 for one everybody carries.
 */
export function tagRarity(code: string, ctx: MatchContext): number {
  const total = Math.max(0, ctx.totalOrgs)
  const documentFrequency = Math.min(total, Math.max(0, ctx.tagDocFrequency.get(code) ?? 0))
  const maxIdf = Math.log(total + 1) + 1
  return (Math.log((total + 1) / (documentFrequency + 1)) + 1) / maxIdf
}

/** Counts, for each tag code, how many organisations carry it (each organisation once). */
export function countTagDocFrequency(profiles: Iterable<MatchProfile>): Map<string, number> {
  const tagsByOrg = new Map<string, Set<string>>()
  for (const profile of profiles) {
    const orgId = orgIdOf(profile)
    const tags = tagsByOrg.get(orgId) ?? new Set<string>()
    for (const code of prepareProfile(profile).allTags) tags.add(code)
    tagsByOrg.set(orgId, tags)
  }
  const frequency = new Map<string, number>()
  for (const tags of tagsByOrg.values()) {
    for (const code of tags) frequency.set(code, (frequency.get(code) ?? 0) + 1)
  }
  return frequency
}

export type RetrievalFacet =
  | 'challenge'
  | 'theme'
  | 'engagement'
  | 'sector'
  /** The source seeks it: look it up among candidates' offered technologies. */
  | 'sought_technology'
  /** The source offers it: look it up among candidates' sought technologies. */
  | 'offered_technology'

export interface RetrievalTag {
  readonly code: string
  readonly facet: RetrievalFacet
  readonly documentFrequency: number
  readonly rarity: number
}

/**
 * The k rarest explicit tags of a profile or need, rarest first (ties by code). Candidate
 * retrieval must start from these: a common tag can match 40 % of the table.
 */
export function rarestTags(
  source: MatchProfile | PreparedProfile | MatchNeed | PreparedNeed,
  ctx: MatchContext,
  k: number,
): RetrievalTag[] {
  const party = toParty(source)
  const facets: readonly (readonly [RetrievalFacet, ReadonlySet<string>])[] = [
    ['challenge', party.challenges],
    ['sought_technology', party.seeksTechnologies],
    ['offered_technology', party.offersTechnologies],
    ['sector', party.sectors],
    ['engagement', party.engagements],
    ['theme', party.themes],
  ]
  const tags: RetrievalTag[] = []
  for (const [facet, codes] of facets) {
    for (const code of codes) {
      tags.push({
        code,
        facet,
        documentFrequency: ctx.tagDocFrequency.get(code) ?? 0,
        rarity: tagRarity(code, ctx),
      })
    }
  }
  tags.sort(
    (a, b) =>
      b.rarity - a.rarity || compareStrings(a.code, b.code) || compareStrings(a.facet, b.facet),
  )
  return tags.slice(0, Math.max(0, k))
}

function toParty(source: MatchProfile | PreparedProfile | MatchNeed | PreparedNeed): PreparedParty {
  if ('prepared' in source) return source
  return 'kind' in source ? prepareProfile(source) : prepareNeed(source)
}

// ─── Scoring ────────────────────────────────────────────────────────────────────────────────

type Mode = 'profile' | 'need'

/** A match source with its context-dependent sets computed once per ranking. */
interface SourceView {
  readonly party: PreparedParty
  readonly mode: Mode
  readonly themes: ReadonlySet<string>
  readonly engagements: ReadonlySet<string>
  /** Undefined for needs: only the candidate's activity counts. */
  readonly lastActiveAt: Date | undefined
}

function profileView(source: PreparedProfile, ctx: MatchContext): SourceView {
  return {
    party: source,
    mode: 'profile',
    themes: themesOf(source, ctx),
    engagements: engagementsOf(source, ctx),
    lastActiveAt: source.lastActiveAt,
  }
}

function needView(need: PreparedNeed, ctx: MatchContext): SourceView {
  return {
    party: need,
    mode: 'need',
    themes: themesOf(need, ctx),
    engagements: engagementsOf(need, ctx),
    lastActiveAt: undefined,
  }
}

/** Every number behind a pair's score. Shared codes are listed again only to explain. */
interface PairMeasure {
  readonly techTheyOfferRarity: number
  readonly techYouOfferRarity: number
  readonly textTheyOffer: number
  readonly textYouOffer: number
  readonly challengePoints: number
  readonly themePoints: number
  readonly engagementPoints: number
  readonly sectorPoints: number
  readonly techPoints: number
  readonly textPoints: number
  readonly kindPoints: number
  readonly region: RegionMatch
  readonly regionPoints: number
  readonly languagePoints: number
  readonly recency: number
  /** Unrounded score before any feedback penalty. */
  readonly raw: number
}

function saturate(sum: number, saturation: number): number {
  return sum <= 0 ? 0 : 1 - Math.exp(-sum / saturation)
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function labelOf(code: string, ctx: MatchContext): LocalizedLabel {
  return ctx.labels.get(code) ?? { fr: code, en: code }
}

// Quantized to multiples of 2^-32: sums of a few dozen such numbers are exact in floating point,
// so they do not depend on the order the shared tags are met in. That is what makes profile
// scores exactly symmetric without sorting anything per pair.
const RARITY_QUANTUM = 2 ** 32
const rarityCache = new WeakMap<MatchContext, Map<string, number>>()

function quantizedRarity(code: string, ctx: MatchContext): number {
  let cache = rarityCache.get(ctx)
  if (cache === undefined) {
    cache = new Map()
    rarityCache.set(ctx, cache)
  }
  let rarity = cache.get(code)
  if (rarity === undefined) {
    rarity = Math.round(tagRarity(code, ctx) * RARITY_QUANTUM) / RARITY_QUANTUM
    cache.set(code, rarity)
  }
  return rarity
}

function sharedRarity(a: ReadonlySet<string>, b: ReadonlySet<string>, ctx: MatchContext): number {
  if (a.size === 0 || b.size === 0) return 0
  const small = a.size <= b.size ? a : b
  const large = small === a ? b : a
  let sum = 0
  for (const code of small) if (large.has(code)) sum += quantizedRarity(code, ctx)
  return sum
}

/** Rarest first, ties by code, with labels. */
function reasonTags(codes: readonly string[], ctx: MatchContext): ReasonTag[] {
  return codes
    .map((code) => ({ code, rarity: quantizedRarity(code, ctx) }))
    .sort((a, b) => b.rarity - a.rarity || compareStrings(a.code, b.code))
    .map(({ code }) => ({ code, label: labelOf(code, ctx) }))
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const shared: string[] = []
  if (a.size === 0 || b.size === 0) return shared
  const small = a.size <= b.size ? a : b
  const large = small === a ? b : a
  for (const code of small) if (large.has(code)) shared.push(code)
  return shared
}

function hasCommon(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const small = a.size <= b.size ? a : b
  const large = small === a ? b : a
  for (const code of small) if (large.has(code)) return true
  return false
}

/** Explicit themes plus those implied by the challenges. */
function themesOf(party: PreparedParty, ctx: MatchContext): Set<string> {
  const themes = new Set(party.themes)
  for (const challenge of party.challenges) {
    const theme = ctx.challengeToTheme.get(challenge)
    if (theme !== undefined) themes.add(theme)
  }
  return themes
}

/** Explicit engagements plus those implied by the challenges. */
function engagementsOf(party: PreparedParty, ctx: MatchContext): Set<string> {
  const engagements = new Set(party.engagements)
  if (ctx.challengeToEngagements === undefined) return engagements
  for (const challenge of party.challenges) {
    for (const engagement of ctx.challengeToEngagements.get(challenge) ?? []) {
      engagements.add(engagement)
    }
  }
  return engagements
}

function carriesTheme(party: PreparedParty, theme: string, ctx: MatchContext): boolean {
  if (party.themes.has(theme)) return true
  for (const challenge of party.challenges) {
    if (ctx.challengeToTheme.get(challenge) === theme) return true
  }
  return false
}

function carriesEngagement(party: PreparedParty, engagement: string, ctx: MatchContext): boolean {
  if (party.engagements.has(engagement)) return true
  if (ctx.challengeToEngagements === undefined) return false
  for (const challenge of party.challenges) {
    if (ctx.challengeToEngagements.get(challenge)?.includes(engagement)) {
      return true
    }
  }
  return false
}

function sharesChallengeImplying(
  source: PreparedParty,
  candidate: PreparedParty,
  implies: (challenge: string) => boolean,
): boolean {
  for (const challenge of source.challenges) {
    if (candidate.challenges.has(challenge) && implies(challenge)) return true
  }
  return false
}

/**
 * Broader matches: themes and engagements both sides carry (explicitly or through their
 * challenges), except those a shared challenge already implies — that challenge is the better
 * explanation and already scored.
 */
function isBroaderSharedTheme(
  source: SourceView,
  candidate: PreparedParty,
  theme: string,
  ctx: MatchContext,
): boolean {
  return (
    carriesTheme(candidate, theme, ctx) &&
    !sharesChallengeImplying(
      source.party,
      candidate,
      (challenge) => ctx.challengeToTheme.get(challenge) === theme,
    )
  )
}

function isBroaderSharedEngagement(
  source: SourceView,
  candidate: PreparedParty,
  engagement: string,
  ctx: MatchContext,
): boolean {
  return (
    carriesEngagement(candidate, engagement, ctx) &&
    !sharesChallengeImplying(
      source.party,
      candidate,
      (challenge) => ctx.challengeToEngagements?.get(challenge)?.includes(engagement) ?? false,
    )
  )
}

function broaderSharedThemes(
  source: SourceView,
  candidate: PreparedParty,
  ctx: MatchContext,
): string[] {
  return [...source.themes].filter((theme) => isBroaderSharedTheme(source, candidate, theme, ctx))
}

function broaderSharedEngagements(
  source: SourceView,
  candidate: PreparedParty,
  ctx: MatchContext,
): string[] {
  return [...source.engagements].filter((engagement) =>
    isBroaderSharedEngagement(source, candidate, engagement, ctx),
  )
}

function broaderThemeRarity(
  source: SourceView,
  candidate: PreparedParty,
  ctx: MatchContext,
): number {
  let sum = 0
  for (const theme of source.themes) {
    if (isBroaderSharedTheme(source, candidate, theme, ctx)) {
      sum += quantizedRarity(theme, ctx)
    }
  }
  return sum
}

function broaderEngagementRarity(
  source: SourceView,
  candidate: PreparedParty,
  ctx: MatchContext,
): number {
  let sum = 0
  for (const engagement of source.engagements) {
    if (isBroaderSharedEngagement(source, candidate, engagement, ctx)) {
      sum += quantizedRarity(engagement, ctx)
    }
  }
  return sum
}

export type RegionMatch =
  | { readonly kind: 'same' | 'neighbour'; readonly strength: number }
  | {
      readonly kind: 'group'
      readonly strength: number
      readonly group: string
    }
  | { readonly kind: 'none'; readonly strength: 0 }

const NO_REGION_MATCH: RegionMatch = { kind: 'none', strength: 0 }
const SAME_REGION: RegionMatch = {
  kind: 'same',
  strength: SAME_REGION_STRENGTH,
}
const NEIGHBOUR_REGION: RegionMatch = {
  kind: 'neighbour',
  strength: NEIGHBOUR_REGION_STRENGTH,
}

export function regionProximity(a: string, b: string, ctx: MatchContext): RegionMatch {
  if (a === '' || b === '') return NO_REGION_MATCH
  const groups = ctx.regionGroups
  if (a === b) {
    // Two profiles placed in 'R-EUROPE' share an area, not a region.
    return groups?.has(a)
      ? { kind: 'group', strength: REGION_GROUP_STRENGTH, group: a }
      : SAME_REGION
  }
  if (ctx.regionNeighbours.get(a)?.includes(b) || ctx.regionNeighbours.get(b)?.includes(a)) {
    return NEIGHBOUR_REGION
  }
  const aReachesB = groups?.get(a)?.includes(b) ?? false
  const bReachesA = groups?.get(b)?.includes(a) ?? false
  if (!aReachesB && !bReachesA) return NO_REGION_MATCH
  // Named symmetrically: the first code when each group contains the other.
  const group = aReachesB && bReachesA ? (compareStrings(a, b) <= 0 ? a : b) : aReachesB ? a : b
  return { kind: 'group', strength: REGION_GROUP_STRENGTH, group }
}

/** Recency factor in [RECENCY_FLOOR, 1]; 1 when the date is unknown or in the future. */
export function recencyFactor(lastActiveAt: Date | undefined, now: Date): number {
  if (lastActiveAt === undefined) return 1
  const time = lastActiveAt.getTime()
  if (!Number.isFinite(time)) return RECENCY_FLOOR
  const ageDays = Math.max(0, (now.getTime() - time) / DAY_MS)
  return RECENCY_FLOOR + (1 - RECENCY_FLOOR) * Math.pow(2, -ageDays / ACTIVITY_HALF_LIFE_DAYS)
}

function leastRecent(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  const ta = a.getTime()
  const tb = b.getTime()
  if (!Number.isFinite(ta)) return a
  if (!Number.isFinite(tb)) return b
  return ta <= tb ? a : b
}

function contextScaleFor(topicalPoints: number): number {
  return (
    CONTEXT_FLOOR +
    (1 - CONTEXT_FLOOR) * Math.min(1, topicalPoints / TOPICAL_POINTS_FOR_FULL_CONTEXT)
  )
}

/** Text points if both cosines were 1 (a cosine is 0 when either text is empty). */
function maxTextPoints(party: PreparedParty, candidate: PreparedProfile): number {
  const directions =
    (party.seeksVector.norm > 0 && candidate.offersVector.norm > 0 ? 1 : 0) +
    (candidate.seeksVector.norm > 0 && party.offersVector.norm > 0 ? 1 : 0)
  return WEIGHT_TEXT_SEEK_OFFER * saturate(directions, TEXT_SATURATION)
}

// Guards the bound against rounding: it is computed in another order than the score.
const BOUND_SLACK = 1e-9

/**
 * The heart of the module, allocation-light because it runs for every candidate. Each component
 * is computed from both sides in an order that does not depend on which side is the source, so
 * profile scores are exactly symmetric; only the wording of reasons depends on the viewpoint.
 *
 * With `minRaw`, returns undefined as soon as the pair provably scores below it: texts are
 * compared last, and only when an upper bound of the score (both cosines at 1) reaches it.
 */
function measurePair(
  source: SourceView,
  candidate: PreparedProfile,
  ctx: MatchContext,
  minRaw = -Infinity,
): PairMeasure | undefined {
  const party = source.party

  // Topical components.
  const techTheyOfferRarity = sharedRarity(
    party.seeksTechnologies,
    candidate.offersTechnologies,
    ctx,
  )
  const techYouOfferRarity = sharedRarity(
    candidate.seeksTechnologies,
    party.offersTechnologies,
    ctx,
  )
  const challengePoints =
    WEIGHT_SHARED_CHALLENGES *
    saturate(sharedRarity(party.challenges, candidate.challenges, ctx), CHALLENGE_SATURATION)
  const themePoints =
    WEIGHT_SHARED_THEMES * saturate(broaderThemeRarity(source, candidate, ctx), THEME_SATURATION)
  const engagementPoints =
    WEIGHT_SHARED_ENGAGEMENTS *
    saturate(broaderEngagementRarity(source, candidate, ctx), ENGAGEMENT_SATURATION)
  const sectorPoints =
    WEIGHT_SHARED_SECTORS *
    saturate(sharedRarity(party.sectors, candidate.sectors, ctx), SECTOR_SATURATION)
  const techPoints =
    WEIGHT_TECH_SEEK_OFFER * saturate(techTheyOfferRarity + techYouOfferRarity, TECH_SATURATION)

  // Contextual strengths; their points depend on the topical total.
  const kindStrength =
    party.kind === undefined ? 0 : KIND_COMPLEMENTARITY[party.kind][candidate.kind]
  const region = regionProximity(party.regionCode, candidate.regionCode, ctx)
  const sharesLanguage = hasCommon(party.languages, candidate.languages)
  const recency = recencyFactor(leastRecent(source.lastActiveAt, candidate.lastActiveAt), ctx.now)

  if (minRaw > -Infinity) {
    const topicalBound =
      challengePoints +
      themePoints +
      engagementPoints +
      sectorPoints +
      techPoints +
      maxTextPoints(party, candidate)
    const contextual =
      WEIGHT_KIND_COMPLEMENTARITY * kindStrength +
      WEIGHT_REGION * region.strength +
      (sharesLanguage ? WEIGHT_LANGUAGE : 0)
    const bound = recency * (topicalBound + contextScaleFor(topicalBound) * contextual)
    if (bound + BOUND_SLACK < minRaw) return undefined
  }

  const textTheyOffer = cosineSimilarity(party.seeksVector, candidate.offersVector)
  const textYouOffer = cosineSimilarity(candidate.seeksVector, party.offersVector)
  const textPoints =
    WEIGHT_TEXT_SEEK_OFFER * saturate(textTheyOffer + textYouOffer, TEXT_SATURATION)
  const topicalPoints =
    challengePoints + themePoints + engagementPoints + sectorPoints + techPoints + textPoints

  // Contextual components, scaled by topical relevance.
  const contextScale = contextScaleFor(topicalPoints)
  const kindPoints = WEIGHT_KIND_COMPLEMENTARITY * kindStrength * contextScale
  const regionPoints = WEIGHT_REGION * region.strength * contextScale
  const languagePoints = sharesLanguage ? WEIGHT_LANGUAGE * contextScale : 0

  const raw = recency * (topicalPoints + kindPoints + regionPoints + languagePoints)

  return {
    techTheyOfferRarity,
    techYouOfferRarity,
    textTheyOffer,
    textYouOffer,
    challengePoints,
    themePoints,
    engagementPoints,
    sectorPoints,
    techPoints,
    textPoints,
    kindPoints,
    region,
    regionPoints,
    languagePoints,
    recency,
    raw,
  }
}

/** Every positive contribution, in points actually added to the score, worded for the source. */
function contributionsOf(
  source: SourceView,
  candidate: PreparedProfile,
  measure: PairMeasure,
  ctx: MatchContext,
): Reason[] {
  const party = source.party
  const need = source.mode === 'need' ? (party as PreparedNeed).need : undefined
  const { recency } = measure
  const contributions: Reason[] = []
  const add = (reason: Reason): void => {
    if (reason.weight > 0) contributions.push(reason)
  }
  const tagReason = (code: TagReasonCode, weight: number, codes: readonly string[]): void => {
    if (weight > 0) add({ code, weight, params: { tags: reasonTags(codes, ctx) } })
  }

  tagReason(
    'shared_challenges',
    recency * measure.challengePoints,
    intersect(party.challenges, candidate.challenges),
  )
  tagReason(
    'shared_themes',
    recency * measure.themePoints,
    broaderSharedThemes(source, candidate, ctx),
  )
  tagReason(
    'shared_engagements',
    recency * measure.engagementPoints,
    broaderSharedEngagements(source, candidate, ctx),
  )
  tagReason(
    'shared_sectors',
    recency * measure.sectorPoints,
    intersect(party.sectors, candidate.sectors),
  )

  // Pooled points split between the two directions in proportion to what each one matched.
  const techTotal = measure.techTheyOfferRarity + measure.techYouOfferRarity
  if (techTotal > 0) {
    const techTheyOffer = intersect(party.seeksTechnologies, candidate.offersTechnologies)
    const share = (rarity: number): number => (recency * measure.techPoints * rarity) / techTotal
    const theyOfferWeight = share(measure.techTheyOfferRarity)
    if (need !== undefined) {
      if (theyOfferWeight > 0) {
        add({
          code: 'need_tech_match',
          weight: theyOfferWeight,
          params: {
            needId: need.id,
            needTitle: need.title,
            tags: reasonTags(techTheyOffer, ctx),
          },
        })
      }
    } else {
      tagReason('tech_offer_matches_seek', theyOfferWeight, techTheyOffer)
    }
    tagReason(
      'tech_seek_matches_offer',
      share(measure.techYouOfferRarity),
      intersect(candidate.seeksTechnologies, party.offersTechnologies),
    )
  }

  const textTotal = measure.textTheyOffer + measure.textYouOffer
  if (textTotal > 0) {
    const share = (similarity: number): number =>
      (recency * measure.textPoints * similarity) / textTotal
    if (measure.textTheyOffer > 0) {
      const terms = sharedTerms(party.seeksVector, candidate.offersVector, MAX_REASON_TERMS)
      const similarity = measure.textTheyOffer
      const weight = share(similarity)
      add(
        need !== undefined
          ? {
              code: 'need_text_match',
              weight,
              params: {
                needId: need.id,
                needTitle: need.title,
                terms,
                similarity,
              },
            }
          : { code: 'text_match', weight, params: { terms, similarity } },
      )
    }
    if (measure.textYouOffer > 0) {
      add({
        code: 'text_match_reverse',
        weight: share(measure.textYouOffer),
        params: {
          terms: sharedTerms(party.offersVector, candidate.seeksVector, MAX_REASON_TERMS),
          similarity: measure.textYouOffer,
        },
      })
    }
  }

  if (party.kind !== undefined) {
    add({
      code: party.kind === candidate.kind ? 'same_kind' : 'complementary_kinds',
      weight: recency * measure.kindPoints,
      params: { sourceKind: party.kind, candidateKind: candidate.kind },
    })
  }
  const region = measure.region
  const regionWeight = recency * measure.regionPoints
  if (region.kind === 'same' || region.kind === 'neighbour') {
    add({
      code: region.kind === 'same' ? 'same_region' : 'neighbour_region',
      weight: regionWeight,
      params: {
        region: {
          code: candidate.regionCode,
          label: labelOf(candidate.regionCode, ctx),
        },
      },
    })
  } else if (region.kind === 'group') {
    add({
      code: 'same_region_group',
      weight: regionWeight,
      params: {
        group: { code: region.group, label: labelOf(region.group, ctx) },
      },
    })
  }
  add({
    code: 'shared_languages',
    weight: recency * measure.languagePoints,
    params: {
      languages: intersect(party.languages, candidate.languages).sort(compareStrings),
    },
  })

  return contributions.sort((a, b) => b.weight - a.weight || compareStrings(a.code, b.code))
}

/**
 * Reasons shown, from contributions sorted largest first: those of at least MIN_REASON_POINTS;
 * the first GUARANTEED_REASONS always, then up to MAX_REASONS those worth at least
 * SECONDARY_REASON_SHARE of the largest.
 */
function selectReasons(sortedContributions: readonly Reason[]): Reason[] {
  const eligible = sortedContributions.filter((reason) => reason.weight >= MIN_REASON_POINTS)
  const top = eligible[0]?.weight ?? 0
  return eligible
    .slice(0, MAX_REASONS)
    .filter(
      (reason, index) =>
        index < GUARANTEED_REASONS || reason.weight >= SECONDARY_REASON_SHARE * top,
    )
}

function toScore(points: number): number {
  return Math.max(0, Math.min(100, Math.round(points)))
}

function toResult(
  source: SourceView,
  candidate: PreparedProfile,
  measure: PairMeasure,
  ctx: MatchContext,
  penalty?: FeedbackPenalty,
): MatchResult {
  const result = {
    candidateId: candidate.id,
    score: toScore(measure.raw - (penalty?.points ?? 0)),
    reasons: selectReasons(contributionsOf(source, candidate, measure, ctx)),
  }
  return penalty === undefined ? result : { ...result, feedbackPenalty: penalty }
}

/** Score of `candidate` for `source`; the score is symmetric, the reasons are worded for `source`. */
export function scoreProfilePair(
  source: MatchProfile | PreparedProfile,
  candidate: MatchProfile | PreparedProfile,
  ctx: MatchContext,
): MatchResult {
  const view = profileView(prepareProfile(source), ctx)
  const preparedCandidate = prepareProfile(candidate)
  const measure = measurePair(view, preparedCandidate, ctx)!
  return toResult(view, preparedCandidate, measure, ctx)
}

export interface PairExplanation {
  /** Unrounded score; `score` is its rounding, clamped to [0, 100]. */
  readonly points: number
  /** Every positive contribution, largest first; `reasons` is a prefix of it. */
  readonly contributions: readonly Reason[]
}

/** Full breakdown of a profile pair, for admin screens and tests. */
export function explainProfilePair(
  source: MatchProfile | PreparedProfile,
  candidate: MatchProfile | PreparedProfile,
  ctx: MatchContext,
): PairExplanation {
  const view = profileView(prepareProfile(source), ctx)
  const preparedCandidate = prepareProfile(candidate)
  const measure = measurePair(view, preparedCandidate, ctx)!
  return {
    points: measure.raw,
    contributions: contributionsOf(view, preparedCandidate, measure, ctx),
  }
}

/** Score of `candidate` as an answer to `need`; only the candidate's activity counts for recency. */
export function scoreNeedCandidate(
  need: MatchNeed | PreparedNeed,
  candidate: MatchProfile | PreparedProfile,
  ctx: MatchContext,
): MatchResult {
  const view = needView(prepareNeed(need), ctx)
  const preparedCandidate = prepareProfile(candidate)
  const measure = measurePair(view, preparedCandidate, ctx)!
  return toResult(view, preparedCandidate, measure, ctx)
}

// ─── Negative feedback ──────────────────────────────────────────────────────────────────────

/** Similarity in [0, 1] of a candidate to a profile marked "pas pertinent" (see weights.ts). */
export function feedbackSimilarity(
  candidate: MatchProfile | PreparedProfile,
  disliked: MatchProfile | PreparedProfile,
): number {
  const a = prepareProfile(candidate)
  const b = prepareProfile(disliked)
  const sameKind = a.kind === b.kind
  const sameSubKind = sameKind && a.subKind !== undefined && a.subKind === b.subKind
  const sharedTagCount = intersect(a.allTags, b.allTags).length
  const unionSize = a.allTags.size + b.allTags.size - sharedTagCount
  const jaccard = unionSize === 0 ? 0 : sharedTagCount / unionSize
  return (
    (sameKind ? FEEDBACK_SAME_KIND_SHARE : 0) +
    (sameSubKind ? FEEDBACK_SAME_SUBKIND_SHARE : 0) +
    FEEDBACK_TAG_SHARE * jaccard
  )
}

function feedbackPenaltyFor(
  candidate: PreparedProfile,
  disliked: readonly PreparedProfile[],
  raw: number,
): FeedbackPenalty | undefined {
  let best: { id: string; similarity: number } | undefined
  for (const profile of disliked) {
    const similarity = feedbackSimilarity(candidate, profile)
    if (
      best === undefined ||
      similarity > best.similarity ||
      (similarity === best.similarity && compareStrings(profile.id, best.id) < 0)
    ) {
      best = { id: profile.id, similarity }
    }
  }
  if (best === undefined || best.similarity < FEEDBACK_SIMILARITY_THRESHOLD || raw <= 0)
    return undefined
  const fraction =
    (FEEDBACK_MAX_PENALTY * (best.similarity - FEEDBACK_SIMILARITY_THRESHOLD)) /
    (1 - FEEDBACK_SIMILARITY_THRESHOLD)
  if (fraction <= 0) return undefined
  return {
    points: raw * fraction,
    similarToId: best.id,
    similarity: best.similarity,
  }
}

// ─── Ranking ────────────────────────────────────────────────────────────────────────────────

function rank(
  source: SourceView,
  candidates: readonly (MatchProfile | PreparedProfile)[],
  ctx: MatchContext,
  options: RankOptions,
): MatchResult[] {
  const disliked = (options.negativeFeedback ?? []).map(prepareProfile)
  const excluded = new Set<string>([
    source.party.id,
    ...(options.excludeIds ?? []),
    ...disliked.map(({ id }) => id),
  ])
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_RANK_LIMIT))
  if (limit === 0) return []

  // Scores for all, explanations only for those returned: building reasons costs more than scoring.
  // Only the best `limit` are kept, in order, as they come: sorting every candidate cost more
  // than scoring when thousands are ranked for a top 20.
  const best: ScoredCandidate[] = []
  const seen = new Set<string>()
  for (const input of candidates) {
    const candidate = prepareProfile(input)
    if (
      seen.has(candidate.id) ||
      excluded.has(candidate.id) ||
      excluded.has(candidate.orgId) ||
      candidate.orgId === source.party.orgId ||
      !isRecommendable(candidate.profile)
    ) {
      continue
    }
    seen.add(candidate.id)
    // Once `limit` are kept, a candidate must beat the last of them (ties go by id, so by a hair).
    const minRaw = best.length === limit ? best[limit - 1]!.points : -Infinity
    const measure = measurePair(source, candidate, ctx, minRaw)
    if (measure === undefined) continue
    const penalty =
      disliked.length > 0 ? feedbackPenaltyFor(candidate, disliked, measure.raw) : undefined
    keepBest(best, limit, {
      candidate,
      measure,
      penalty,
      points: measure.raw - (penalty?.points ?? 0),
    })
  }
  return best.map(({ candidate, measure, penalty }) =>
    toResult(source, candidate, measure, ctx, penalty),
  )
}

interface ScoredCandidate {
  readonly candidate: PreparedProfile
  readonly measure: PairMeasure
  readonly penalty: FeedbackPenalty | undefined
  readonly points: number
}

/** Best first, ties by id. */
function compareScored(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.points - a.points || compareStrings(a.candidate.id, b.candidate.id)
}

/** Inserts `entry` into `best` (sorted by compareScored) when it is among the `limit` best. */
function keepBest(best: ScoredCandidate[], limit: number, entry: ScoredCandidate): void {
  if (limit === 0) return
  if (best.length === limit && compareScored(entry, best[limit - 1]!) >= 0) return
  let low = 0
  let high = best.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (compareScored(best[middle]!, entry) <= 0) low = middle + 1
    else high = middle
  }
  best.splice(low, 0, entry)
  if (best.length > limit) best.pop()
}

/**
 * Best partners for a profile, best first (ties by id). Never returns the source, profiles of
 * its organisation, non-recommendable profiles (draft, hidden), `excludeIds`, or profiles in
 * `negativeFeedback`; look-alikes of the latter lose up to FEEDBACK_MAX_PENALTY of their score.
 */
export function rankCandidates(
  source: MatchProfile | PreparedProfile,
  candidates: readonly (MatchProfile | PreparedProfile)[],
  ctx: MatchContext,
  options: RankOptions = {},
): MatchResult[] {
  return rank(profileView(prepareProfile(source), ctx), candidates, ctx, options)
}

/** Best answers to a need, with the same exclusions as `rankCandidates` (the need's org included). */
export function rankNeedCandidates(
  need: MatchNeed | PreparedNeed,
  candidates: readonly (MatchProfile | PreparedProfile)[],
  ctx: MatchContext,
  options: RankOptions = {},
): MatchResult[] {
  return rank(needView(prepareNeed(need), ctx), candidates, ctx, options)
}
