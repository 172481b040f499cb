// Parsing the search form's parameters (GET /recherche); server-only so zod stays out of the
// browser bundle (docs/decisions/005-light-pages.md).
import { z } from 'zod'
import { FACET_NAMES, SEARCH_TYPES } from './types.ts'
import { SEARCH_MAX_PAGE, type SearchQuery } from './query.ts'

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
  more: z.array(z.enum(FACET_NAMES, { message: 'search:errors.invalidParams' })).default([]),
})
/** Reads the form from a URL: repeated facet parameters become lists; empty values are ignored. */
export function parseSearchQuery(
  searchParams: URLSearchParams,
): { success: true; data: SearchQuery } | { success: false; error: z.ZodError } {
  const input: Record<string, unknown> = {}
  for (const key of ['q', 'type', 'page'] as const) {
    const value = searchParams.get(key)
    if (value !== null && value !== '') input[key] = value
  }
  // Pasted text may carry control characters (PostgreSQL refuses NUL): they separate words.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (typeof input.q === 'string') input.q = input.q.replace(/[\u0000-\u001f\u007f]+/g, ' ')
  for (const facet of FACET_NAMES) {
    const values = [...new Set(searchParams.getAll(facet).filter(Boolean))]
    if (values.length) input[facet] = values
  }
  const more = [...new Set(searchParams.getAll('plus').filter(Boolean))]
  if (more.length) input.more = more
  return SearchQuerySchema.safeParse(input)
}
