// Plain data shapes of the matching module. No Remix, no Prisma: the DB layer maps its rows
// onto these and may cache the prepared forms (see prepareProfile / prepareNeed).

import type { OrgKindValue } from '~/models/directory/constants.ts'

export type OrgKind = OrgKindValue

/**
 * Only 'public' and 'members' profiles are ever recommended; 'hidden' (withdrawn by its owner)
 * and 'draft' (not finished) never are. A profile without visibility is treated as recommendable.
 */
export type ProfileVisibility = 'public' | 'members' | 'hidden' | 'draft'

export type Locale = 'fr' | 'en'

export interface LocalizedLabel {
  readonly fr: string
  readonly en: string
}

export interface MatchProfile {
  readonly id: string
  /** Organisation owning the profile; defaults to `id` (one profile per organisation). */
  readonly orgId?: string
  readonly kind: OrgKind
  /** Taxonomy code of the sub-kind, e.g. 'ORG-INSTITUTION-MUSEE', 'ORG-LABO-FABLAB'. */
  readonly subKind?: string
  readonly name: string
  /** 'R-76', or a group code such as 'R-EUROPE' / 'R-INTL'. Empty when unknown. */
  readonly regionCode: string
  /** ISO 639-1 codes: 'fr', 'en'… */
  readonly languages: readonly string[]
  /** Exact challenge tags: official défis (D01…D24) or working-group / consultation topics. */
  readonly challengeCodes: readonly string[]
  /** Strategy themes (T1…T4) chosen explicitly; themes implied by challenges are added. */
  readonly themeCodes: readonly string[]
  /** Strategy engagements (E01…E08). */
  readonly engagementCodes: readonly string[]
  readonly sectorCodes: readonly string[]
  /**
   * Technologies the organisation works with. When offers/seeks are not given separately, an
   * institution's technologies are read as what it seeks and a tech actor's as what it offers.
   */
  readonly technologyCodes: readonly string[]
  readonly offersTechnologyCodes?: readonly string[]
  readonly seeksTechnologyCodes?: readonly string[]
  readonly offersText: string
  readonly seeksText: string
  readonly lastActiveAt: Date
  readonly visibility?: ProfileVisibility
}

/** A need posted by an organisation ("Numériser nos fonds"), used as a match source. */
export interface MatchNeed {
  readonly id: string
  readonly orgId: string
  /** Kind of the posting organisation, for kind complementarity. */
  readonly orgKind?: OrgKind
  readonly title: string
  readonly description: string
  readonly challengeCodes: readonly string[]
  readonly themeCodes?: readonly string[]
  readonly engagementCodes?: readonly string[]
  readonly sectorCodes: readonly string[]
  /** Technologies sought. */
  readonly technologyCodes: readonly string[]
  readonly regionCode: string
  readonly languages?: readonly string[]
}

export interface MatchContext {
  /** Number of organisations the document frequencies were counted over. */
  readonly totalOrgs: number
  /** How many organisations carry each tag code (codes are unique across facets). */
  readonly tagDocFrequency: ReadonlyMap<string, number>
  readonly challengeToTheme: ReadonlyMap<string, string>
  readonly challengeToEngagements?: ReadonlyMap<string, readonly string[]>
  /** Adjacency; read symmetrically (a lists b or b lists a). */
  readonly regionNeighbours: ReadonlyMap<string, readonly string[]>
  /**
   * Group region code → member region codes, e.g. 'R-EUROPE' → every French region,
   * 'R-INTL' → ['R-EUROPE', …]. A profile located in a group is within reach of its members.
   */
  readonly regionGroups?: ReadonlyMap<string, readonly string[]>
  /** Taxonomy labels (challenges, themes, engagements, sectors, technologies, regions). */
  readonly labels: ReadonlyMap<string, LocalizedLabel>
  readonly now: Date
}

export interface ReasonTag {
  readonly code: string
  readonly label: LocalizedLabel
}

export type TagReasonCode =
  | 'shared_challenges'
  | 'shared_themes'
  | 'shared_engagements'
  | 'shared_sectors'
  /** They offer technologies you seek. */
  | 'tech_offer_matches_seek'
  /** They seek technologies you offer. */
  | 'tech_seek_matches_offer'

export type TextReasonCode =
  /** Their offer text matches your seeks text. */
  | 'text_match'
  /** Their seeks text matches your offer text. */
  | 'text_match_reverse'

export type KindReasonCode = 'complementary_kinds' | 'same_kind'

export type Reason =
  | {
      readonly code: TagReasonCode
      readonly weight: number
      readonly params: { readonly tags: readonly ReasonTag[] }
    }
  | {
      readonly code: TextReasonCode
      readonly weight: number
      readonly params: {
        readonly terms: readonly string[]
        readonly similarity: number
      }
    }
  | {
      readonly code: 'need_tech_match'
      readonly weight: number
      readonly params: {
        readonly needId: string
        readonly needTitle: string
        readonly tags: readonly ReasonTag[]
      }
    }
  | {
      readonly code: 'need_text_match'
      readonly weight: number
      readonly params: {
        readonly needId: string
        readonly needTitle: string
        readonly terms: readonly string[]
        readonly similarity: number
      }
    }
  | {
      readonly code: KindReasonCode
      readonly weight: number
      readonly params: {
        readonly sourceKind: OrgKind
        readonly candidateKind: OrgKind
      }
    }
  | {
      readonly code: 'same_region' | 'neighbour_region'
      readonly weight: number
      /** `region` is the candidate's region. */
      readonly params: { readonly region: ReasonTag }
    }
  | {
      readonly code: 'same_region_group'
      readonly weight: number
      readonly params: { readonly group: ReasonTag }
    }
  | {
      readonly code: 'shared_languages'
      readonly weight: number
      readonly params: { readonly languages: readonly string[] }
    }

export type ReasonCode = Reason['code']

export const REASON_CODES: readonly ReasonCode[] = [
  'complementary_kinds',
  'same_kind',
  'shared_challenges',
  'shared_themes',
  'shared_engagements',
  'shared_sectors',
  'tech_offer_matches_seek',
  'tech_seek_matches_offer',
  'need_tech_match',
  'text_match',
  'text_match_reverse',
  'need_text_match',
  'same_region',
  'neighbour_region',
  'same_region_group',
  'shared_languages',
]

export interface FeedbackPenalty {
  /** Points removed from the score. */
  readonly points: number
  /** The disliked profile the candidate resembles most. */
  readonly similarToId: string
  /** Similarity to it, in [0, 1]. */
  readonly similarity: number
}

export interface MatchResult {
  readonly candidateId: string
  /** Integer in [0, 100]. */
  readonly score: number
  /** The 3 to 5 largest positive contributions, largest first (fewer when fewer exist). */
  readonly reasons: readonly Reason[]
  readonly feedbackPenalty?: FeedbackPenalty
}

export interface RankOptions {
  /** Default 20. */
  readonly limit?: number
  /** Profile or organisation ids never to recommend (already contacted, blocked…). */
  readonly excludeIds?: Iterable<string>
  /** Profiles the source marked "pas pertinent": excluded, and look-alikes pushed down. */
  readonly negativeFeedback?: readonly (MatchProfile | PreparedProfile)[]
}

/** Term frequencies of a text, sorted by term hash for fast comparison (see text.ts). */
export interface TermVector {
  /** Stemmed terms. */
  readonly terms: readonly string[]
  /** 53-bit hashes of `terms`, ascending. */
  readonly hashes: Float64Array
  readonly counts: Float64Array
  readonly norm: number
  /** First surface form met for each term (lowercase, accents kept), for explanations. */
  readonly surfaces: readonly string[]
}

/** Context-free precomputation of a profile or need; safe to cache while the source row is unchanged. */
export interface PreparedParty {
  readonly id: string
  readonly orgId: string
  readonly kind?: OrgKind
  readonly subKind?: string
  readonly regionCode: string
  readonly languages: ReadonlySet<string>
  readonly challenges: ReadonlySet<string>
  readonly themes: ReadonlySet<string>
  readonly engagements: ReadonlySet<string>
  readonly sectors: ReadonlySet<string>
  readonly seeksTechnologies: ReadonlySet<string>
  readonly offersTechnologies: ReadonlySet<string>
  readonly seeksVector: TermVector
  readonly offersVector: TermVector
  /** Every explicit tag code, for feedback similarity. */
  readonly allTags: ReadonlySet<string>
}

export interface PreparedProfile extends PreparedParty {
  readonly prepared: 'profile'
  readonly kind: OrgKind
  readonly profile: MatchProfile
  readonly lastActiveAt: Date
}

export interface PreparedNeed extends PreparedParty {
  readonly prepared: 'need'
  readonly need: MatchNeed
}

/** i18next-compatible translate function (pass the app's `t`, ideally bound to namespace 'matching'). */
export type TranslateFn = (key: string, options?: Record<string, unknown>) => string
