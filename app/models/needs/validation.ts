// Form and query schemas for needs ("besoins"), shared by the server and the browser. Messages
// are catalogue keys. Taxonomy codes are checked against the live taxonomy on the server
// (need.server.ts): here only their shape.
import { z } from 'zod'
import {
  API_MAX_PER_PAGE,
  BUDGET_BANDS,
  NEED_DEFAULT_VALIDITY_DAYS,
  NEED_DESCRIPTION_MAX,
  NEED_DESCRIPTION_MIN,
  NEED_MAX_VALIDITY_DAYS,
  NEED_TITLE_MAX,
  NEED_TITLE_MIN,
  ORG_KINDS,
} from './constants.ts'

const TAXONOMY_CODE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/
export const TaxonomyCodeSchema = z
  .string()
  .trim()
  .max(48, 'needs:errors.unknownCode')
  .regex(TAXONOMY_CODE, 'needs:errors.unknownCode')

const codeList = (max: number) =>
  z.array(TaxonomyCodeSchema).max(max, 'needs:errors.tooManyTags').default([])

const NeedFields = {
  title: z
    .string({ error: 'common:errors.required' })
    .trim()
    .min(NEED_TITLE_MIN, 'needs:errors.titleTooShort')
    .max(NEED_TITLE_MAX, 'needs:errors.titleTooLong')
    .regex(/^[^\p{Cc}]*$/u, 'common:errors.invalidCharacters'),
  description: z
    .string({ error: 'common:errors.required' })
    .trim()
    .min(NEED_DESCRIPTION_MIN, 'needs:errors.descriptionTooShort')
    .max(NEED_DESCRIPTION_MAX, 'needs:errors.descriptionTooLong'),
  challengeCodes: codeList(8).refine((codes) => codes.length > 0, 'needs:errors.challengeRequired'),
  sectorCodes: codeList(8),
  technologyCodes: codeList(8),
  budgetBand: z.enum(BUDGET_BANDS, { error: 'needs:errors.budgetInvalid' }).default('unknown'),
  deadline: z
    .date({ error: 'needs:errors.deadlineInvalid' })
    .refine((deadline) => !deadlineIsPast(deadline), 'needs:errors.deadlinePast')
    .optional(),
  regionCode: z.string({ error: 'needs:errors.regionRequired' }).trim().min(1).max(48),
  anonymous: z.boolean().default(false),
}

/** `/besoins/nouveau`: the organisation that posts, the need, and how long it stays open. */
export const NeedCreateSchema = z.object({
  organisationId: z.string({ error: 'needs:errors.organisationRequired' }).trim().min(1),
  ...NeedFields,
  validityDays: z
    .number({ error: 'needs:errors.validityInvalid' })
    .int('needs:errors.validityInvalid')
    .min(1, 'needs:errors.validityInvalid')
    .max(NEED_MAX_VALIDITY_DAYS, 'needs:errors.validityTooLong')
    .default(NEED_DEFAULT_VALIDITY_DAYS),
})
export type NeedCreateInput = z.output<typeof NeedCreateSchema>

/** `/besoins/:id/modifier`: the need's content (its organisation never changes). */
export const NeedUpdateSchema = z.object(NeedFields)
export type NeedUpdateInput = z.output<typeof NeedUpdateSchema>

/** Status changes from the edit page: close, mark fulfilled, renew (reopens and extends). */
export const NeedStatusChangeSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('fulfil') }),
  z.object({
    intent: z.literal('renew'),
    validityDays: z
      .number({ error: 'needs:errors.validityInvalid' })
      .int('needs:errors.validityInvalid')
      .min(1, 'needs:errors.validityInvalid')
      .max(NEED_MAX_VALIDITY_DAYS, 'needs:errors.validityTooLong')
      .default(NEED_DEFAULT_VALIDITY_DAYS),
  }),
])

/** Deadline in the past? Checked where "today" is known (both server and browser). */
export function deadlineIsPast(deadline: Date | undefined, now = new Date()) {
  if (!deadline) return false
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  return deadline.getTime() < today.getTime()
}

/** GET filters of `/besoins`; a value that does not parse is ignored (the list stays usable). */
export const NeedListFiltersSchema = z.object({
  tag: TaxonomyCodeSchema.optional().catch(undefined),
  region: TaxonomyCodeSchema.optional().catch(undefined),
  sector: TaxonomyCodeSchema.optional().catch(undefined),
  technology: TaxonomyCodeSchema.optional().catch(undefined),
  budget: z.enum(BUDGET_BANDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
})
export type NeedListFilters = z.output<typeof NeedListFiltersSchema>

export function parseNeedListFilters(searchParams: URLSearchParams): NeedListFilters {
  const raw: Record<string, string> = {}
  for (const key of ['tag', 'region', 'sector', 'technology', 'budget', 'page']) {
    const value = searchParams.get(key)
    if (value) raw[key] = value
  }
  return NeedListFiltersSchema.parse(raw)
}

/** Query of the open data API (`/api/v1/needs`): anything invalid is a 400. */
export const NeedsApiQuerySchema = z.object({
  page: z.coerce
    .number({ error: 'page must be a positive integer' })
    .int('page must be a positive integer')
    .min(1, 'page must be a positive integer')
    .max(100_000, 'page is too large')
    .default(1),
  per_page: z.coerce
    .number({ error: `per_page must be an integer between 1 and ${API_MAX_PER_PAGE}` })
    .int(`per_page must be an integer between 1 and ${API_MAX_PER_PAGE}`)
    .min(1, `per_page must be an integer between 1 and ${API_MAX_PER_PAGE}`)
    .max(API_MAX_PER_PAGE, `per_page must be an integer between 1 and ${API_MAX_PER_PAGE}`)
    .default(20),
  tag: z.string().regex(TAXONOMY_CODE, 'tag must be a taxonomy code').optional(),
  region: z.string().regex(TAXONOMY_CODE, 'region must be a taxonomy code').optional(),
  kind: z.enum(ORG_KINDS, { error: `kind must be one of ${ORG_KINDS.join(', ')}` }).optional(),
})
export type NeedsApiQuery = z.output<typeof NeedsApiQuerySchema>

const API_PARAMS = ['page', 'per_page', 'tag', 'region', 'kind'] as const

export function parseNeedsApiQuery(
  searchParams: URLSearchParams,
): { ok: true; query: NeedsApiQuery } | { ok: false; issues: string[] } {
  const raw: Record<string, string> = {}
  const issues: string[] = []
  for (const key of API_PARAMS) {
    const values = searchParams.getAll(key)
    if (values.length > 1) issues.push(`${key} must be given once`)
    if (values.length === 1) raw[key] = values[0]
  }
  const parsed = NeedsApiQuerySchema.safeParse(raw)
  if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => issue.message))
  return issues.length || !parsed.success ? { ok: false, issues } : { ok: true, query: parsed.data }
}
