// The search form's parameters (GET /recherche), shared by the loader and the page.
import { z } from 'zod'
import {
  FACET_NAMES,
  SEARCH_TYPES,
  type FacetFilters,
  type FacetName,
} from '~/models/search/types.ts'

export const SEARCH_PAGE_SIZE = 20
/** Pages past the engines' cap (1 000 results) are not served. */
export const SEARCH_MAX_PAGE = 50
const MAX_VALUES_PER_FACET = 20

const facetValues = z
  .array(z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'search:errors.invalidParams'))
  .max(MAX_VALUES_PER_FACET, 'search:errors.invalidParams')

export const SearchQuerySchema = z.object({
  q: z.string().trim().max(200, 'search:errors.queryTooLong').default(''),
  type: z.enum(SEARCH_TYPES, { message: 'search:errors.invalidParams' }).default('organisations'),
  page: z.coerce
    .number({ message: 'search:errors.invalidParams' })
    .int('search:errors.invalidParams')
    .min(1, 'search:errors.invalidParams')
    .max(SEARCH_MAX_PAGE, 'search:errors.pageTooFar')
    .default(1),
  kind: facetValues.default([]),
  region: facetValues.default([]),
  sector: facetValues.default([]),
  technology: facetValues.default([]),
  theme: facetValues.default([]),
  challenge: facetValues.default([]),
})
export type SearchQuery = z.infer<typeof SearchQuerySchema>

/** Reads the form from a URL: repeated facet parameters become lists; empty values are ignored. */
export function parseSearchQuery(searchParams: URLSearchParams) {
  const input: Record<string, unknown> = {}
  for (const key of ['q', 'type', 'page'] as const) {
    const value = searchParams.get(key)
    if (value !== null && value !== '') input[key] = value
  }
  for (const facet of FACET_NAMES) {
    const values = [...new Set(searchParams.getAll(facet).filter(Boolean))]
    if (values.length) input[facet] = values
  }
  return SearchQuerySchema.safeParse(input)
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
  if (next.page > 1) params.set('page', String(next.page))
  const search = params.toString()
  return search ? `/recherche?${search}` : '/recherche'
}
