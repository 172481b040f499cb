// The one shape both search engines answer with, and the parameters they take.
import type { Language } from '~/i18n.ts'

export const SEARCH_TYPES = ['organisations', 'needs'] as const
export type SearchType = (typeof SEARCH_TYPES)[number]

export const FACET_NAMES = ['kind', 'region', 'sector', 'technology', 'theme', 'challenge'] as const
export type FacetName = (typeof FACET_NAMES)[number]

/** Facets shown for each type (an anonymous need has no kind, so needs have no kind facet). */
export const FACETS_BY_TYPE: Record<SearchType, readonly FacetName[]> = {
  organisations: FACET_NAMES,
  needs: ['region', 'sector', 'technology', 'theme', 'challenge'],
}

export type FacetFilters = Partial<Record<FacetName, string[]>>

export interface SearchParams {
  query: string
  type: SearchType
  filters: FacetFilters
  /** 1-based. */
  page: number
  pageSize: number
  language: Language
  /** Signed-in people also see profiles whose visibility is `members`. */
  signedIn: boolean
  /** Current time (needs past their expiry are not returned); injectable for tests. */
  now?: Date
}

export interface FacetValueCount {
  value: string
  count: number
}

export interface SearchHit {
  type: 'organisation' | 'need'
  id: string
  /** Organisation slug; null for an anonymous need. */
  slug: string | null
  title: string
  /** Safe HTML: escaped text with <mark> around matches. */
  titleHtml: string
  /** Safe HTML excerpt with <mark> around matches (may be empty). */
  snippetHtml: string
  kind: string | null
  regionCode: string
  city: string
  tags: string[]
  /** The need's organisation, unless the need is anonymous. */
  organisationName: string | null
  verified: boolean
  expiresAt: string | null
  deadline: string | null
}

export interface SearchResult {
  engine: 'postgres' | 'meilisearch'
  type: SearchType
  query: string
  hits: SearchHit[]
  /** Number of matching documents, or a lower bound when `totalIsLowerBound`. */
  total: number
  totalIsLowerBound: boolean
  /** Counts per facet value; computed on the first matches when `facetsAreEstimates`. */
  facets: Record<FacetName, FacetValueCount[]>
  facetsAreEstimates: boolean
  page: number
  pageSize: number
  pageCount: number
  /** Some words were not in the index and were replaced by the closest ones. */
  typoCorrected: boolean
  tookMs: number
}

export interface SearchEngine {
  readonly name: SearchResult['engine']
  search(params: SearchParams): Promise<SearchResult>
}

export function emptyFacets(): Record<FacetName, FacetValueCount[]> {
  return { kind: [], region: [], sector: [], technology: [], theme: [], challenge: [] }
}
