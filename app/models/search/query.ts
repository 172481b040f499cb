// The search form's parameters (GET /recherche) as the page uses them: constants, links.
// Parsing them (zod) is server-only: app/models/search/validation.server.ts.
import { FACET_NAMES, type FacetFilters, type FacetName, type SearchType } from './types.ts'

export const SEARCH_PAGE_SIZE = 20
/** Values listed per facet before « Afficher plus » (the page stays light, engagement #07). */
export const FACET_VALUES_SHOWN = 6
/** Pages past the engines' cap (1 000 results) are not served. */
export const SEARCH_MAX_PAGE = 50

export interface SearchQuery {
  q: string
  type: SearchType
  page: number
  kind: string[]
  region: string[]
  sector: string[]
  technology: string[]
  theme: string[]
  challenge: string[]
  /** Facets whose every value is listed (« Afficher plus », parameter `plus`). */
  more: FacetName[]
}
/** The selected facet values, limited to the facets of the searched type. */
export function filtersOf(
  query: SearchQuery,
  facets: readonly FacetName[] = FACET_NAMES,
): FacetFilters {
  return Object.fromEntries(
    facets.filter((facet) => query[facet].length).map((facet) => [facet, query[facet]]),
  )
}

/** The URL of these parameters (defaults left out, so links stay short and shareable). */
export function searchHref(query: SearchQuery, changes: Partial<SearchQuery> = {}) {
  const next = { ...query, ...changes }
  const params = new URLSearchParams()
  if (next.q) params.set('q', next.q)
  if (next.type !== 'organisations') params.set('type', next.type)
  for (const facet of FACET_NAMES) for (const value of next[facet]) params.append(facet, value)
  for (const facet of next.more) params.append('plus', facet)
  if (next.page > 1) params.set('page', String(next.page))
  const search = params.toString()
  return search ? `/recherche?${search}` : '/recherche'
}
