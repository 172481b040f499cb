// Weights of the partner score, in points out of 100. Each component is a strength in [0, 1]
// times its weight, so the components' maxima add up to 100.
import type { OrgKind } from './types.ts'

// Topical components: what the two organisations actually have in common (71 points).
// An exact shared challenge is the strongest signal: it is the vocabulary of the strategy itself.
export const WEIGHT_SHARED_CHALLENGES = 24
// Themes and engagements are broad (4 themes, 8 engagements): only those not already implied
// by a shared challenge count, and for less.
export const WEIGHT_SHARED_THEMES = 6
export const WEIGHT_SHARED_ENGAGEMENTS = 4
export const WEIGHT_SHARED_SECTORS = 8
// Seeks ↔ offers, both directions pooled: the heart of a partnership, so as heavy as text.
export const WEIGHT_TECH_SEEK_OFFER = 15
export const WEIGHT_TEXT_SEEK_OFFER = 14

// Contextual components: how easy the partnership would be (29 points). They are scaled by
// topical relevance (see CONTEXT_FLOOR) so that two unrelated organisations next door do not
// outrank a real match further away.
export const WEIGHT_KIND_COMPLEMENTARITY = 15
export const WEIGHT_REGION = 10
export const WEIGHT_LANGUAGE = 4

/** Fraction of the contextual points kept when nothing topical is shared. */
export const CONTEXT_FLOOR = 0.35
/** Topical points from which contextual points count in full. */
export const TOPICAL_POINTS_FOR_FULL_CONTEXT = 12

// Tag components saturate: strength = 1 − exp(−Σ rarity / saturation), where rarity is the IDF
// of the tag divided by the largest possible IDF (so in (0, 1], independent of the table size).
// Strictly increasing, so one more or one rarer shared tag always helps, with diminishing returns.
// With 1 000 organisations, one tag carried by 5 of them (rarity ≈ 0.77) gives 47 % of the
// challenge weight, one carried by 400 (rarity ≈ 0.24) 18 %, three rare ones 85 %.
export const CHALLENGE_SATURATION = 1.2
export const THEME_SATURATION = 0.6
export const ENGAGEMENT_SATURATION = 0.6
export const SECTOR_SATURATION = 0.8
export const TECH_SATURATION = 0.8
// Same shape on the sum of the two cosine similarities: short profile texts rarely exceed 0.5,
// so a cosine of 0.3 already gives 58 % of the text weight.
export const TEXT_SATURATION = 0.35

// Region strength: same region 1; neighbouring region 0.6; a profile placed in a group
// ('R-EUROPE', 'R-INTL') meeting one of the group's members 0.3.
export const SAME_REGION_STRENGTH = 1
export const NEIGHBOUR_REGION_STRENGTH = 0.6
export const REGION_GROUP_STRENGTH = 0.3

// Kind complementarity, symmetric. The platform exists to bring cultural institutions and tech
// actors together: startup ↔ institution is the target pair; companies are treated like startups
// but a little lower (agencies often already serve institutions); lab ↔ institution next
// (research partnerships), startup ↔ lab next (tech transfer). Same kind stays above zero: two
// museums can share a project.
export const KIND_COMPLEMENTARITY: Readonly<Record<OrgKind, Readonly<Record<OrgKind, number>>>> = {
  startup: { startup: 0.2, lab: 0.6, institution: 1, company: 0.3 },
  lab: { startup: 0.6, lab: 0.2, institution: 0.75, company: 0.5 },
  institution: { startup: 1, lab: 0.75, institution: 0.2, company: 0.85 },
  company: { startup: 0.3, lab: 0.5, institution: 0.85, company: 0.2 },
}

// Recency multiplies the whole score: factor = floor + (1 − floor) · 2^(−days / half-life), on
// the least recently active side of the pair. A dormant organisation keeps 40 %: its tags are
// still true, it is just less likely to answer.
export const ACTIVITY_HALF_LIFE_DAYS = 90
export const RECENCY_FLOOR = 0.4

// Negative feedback. Similarity of a candidate to a profile marked "pas pertinent":
// 0.3 for the same kind + 0.2 for the same sub-kind + 0.5 × Jaccard index of their tags.
// Below the threshold nothing happens (being a museum like the disliked museum is not enough:
// it needs the same sub-kind and a fifth of the tags in common, or the same kind and 60 % of the
// tags). Above it the score loses up to FEEDBACK_MAX_PENALTY of itself, linearly up to
// similarity 1. Only the most similar disliked profile counts, so the penalty is bounded.
export const FEEDBACK_SAME_KIND_SHARE = 0.3
export const FEEDBACK_SAME_SUBKIND_SHARE = 0.2
export const FEEDBACK_TAG_SHARE = 0.5
export const FEEDBACK_SIMILARITY_THRESHOLD = 0.6
export const FEEDBACK_MAX_PENALTY = 0.5

// Explanations: contributions under half a point are noise. The first three are always given;
// a 4th and 5th only when worth at least 15 % of the largest, so the list stays meaningful.
export const MIN_REASON_POINTS = 0.5
export const GUARANTEED_REASONS = 3
export const MAX_REASONS = 5
export const SECONDARY_REASON_SHARE = 0.15
export const MAX_REASON_TERMS = 5

export const DEFAULT_RANK_LIMIT = 20
