// The organisation profile form (create and edit), the member forms and the directory's GET
// filters, validated by the server only (docs/decisions/005-light-pages.md). Messages are
// catalogue keys. Pass the taxonomy's `byCode` map to check tag codes against the vocabulary.
import { z } from 'zod'
import {
  LIMITS,
  MEMBER_ROLES,
  ORG_KIND_CODES,
  ORG_KINDS,
  SIZE_BANDS,
  VISIBILITIES,
  WORKING_LANGUAGES,
} from './constants.ts'
import { EmailSchema } from '~/models/users/validation.server.ts'

// No control characters in one-line fields; multi-line fields keep line breaks and tabs.
const ONE_LINE = /^[^\p{Cc}]*$/u
const stripLineBreaks = (value: string) => value.replace(/\r\n?/g, '\n').replace(/[\n\t]/g, ' ')

function oneLine(max: number, tooLong: string) {
  return z.string().trim().max(max, tooLong).regex(ONE_LINE, 'common:errors.invalidCharacters')
}

/** Line breaks kept (normalised to \n); other control characters refused. */
function multiLine(max: number, tooLong: string) {
  return z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, tooLong)
        .refine(
          (value) => ONE_LINE.test(value.replace(/[\n\t]/g, '')),
          'common:errors.invalidCharacters',
        ),
    )
}

function optionalText<T extends z.ZodType<string, string>>(schema: T) {
  return schema.optional().transform((value) => value ?? '')
}

function isHttpUrl(value: string) {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')
  } catch {
    return false
  }
}

const WebsiteSchema = z
  .string()
  .trim()
  .max(LIMITS.website, 'directory:errors.websiteTooLong')
  // "www.exemple.fr" is understood as https://www.exemple.fr; other schemes are refused.
  .transform((value) => (/^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`))
  .refine(isHttpUrl, 'directory:errors.websiteInvalid')

const YearSchema = z
  .number({ error: 'directory:errors.yearInvalid' })
  .int('directory:errors.yearInvalid')
  .min(LIMITS.yearMin, 'directory:errors.yearRange')
  .refine((year) => year <= new Date().getFullYear(), 'directory:errors.yearRange')

const PhoneSchema = oneLine(LIMITS.phone, 'directory:errors.phoneInvalid').regex(
  /^\+?[0-9][0-9 ().-]{5,}$/,
  'directory:errors.phoneInvalid',
)

const unique = (codes: string[]) => [...new Set(codes)]

/** What the schema needs from the taxonomy: `TaxonomyView.byCode` fits. */
export type TaxonomyCodes = ReadonlyMap<string, { kind: string; parent?: string | null }>

function tagList(kind: string, taxonomy?: TaxonomyCodes) {
  return z
    .array(z.string().max(48, 'directory:errors.unknownTag'))
    .max(LIMITS.tagsPerKind, 'directory:errors.tooManyTags')
    .transform(unique)
    .refine(
      (codes) => !taxonomy || codes.every((code) => taxonomy.get(code)?.kind === kind),
      'directory:errors.unknownTag',
    )
}

/** The profile form. Without `taxonomy`, tag codes are only checked for shape. */
export function organisationSchema(taxonomy?: TaxonomyCodes) {
  return z
    .object({
      name: z
        .string({ error: 'common:errors.required' })
        .trim()
        .min(LIMITS.nameMin, 'directory:errors.nameTooShort')
        .max(LIMITS.name, 'directory:errors.nameTooLong')
        .regex(ONE_LINE, 'common:errors.invalidCharacters'),
      kind: z.enum(ORG_KINDS, { error: 'directory:errors.kindRequired' }),
      subKind: z.string().max(48, 'directory:errors.subKindMismatch').optional(),
      pitchFr: optionalText(multiLine(LIMITS.pitch, 'directory:errors.pitchTooLong')).transform(
        stripLineBreaks,
      ),
      pitchEn: optionalText(multiLine(LIMITS.pitch, 'directory:errors.pitchTooLong')).transform(
        stripLineBreaks,
      ),
      descriptionFr: optionalText(
        multiLine(LIMITS.description, 'directory:errors.descriptionTooLong'),
      ),
      descriptionEn: optionalText(
        multiLine(LIMITS.description, 'directory:errors.descriptionTooLong'),
      ),
      regionCode: z
        .string({ error: 'directory:errors.regionRequired' })
        .max(48, 'directory:errors.regionRequired')
        .refine(
          (code) =>
            taxonomy ? taxonomy.get(code)?.kind === 'region' : /^R-[A-Z0-9-]+$/.test(code),
          'directory:errors.regionRequired',
        ),
      city: optionalText(oneLine(LIMITS.city, 'directory:errors.cityTooLong')),
      website: WebsiteSchema.optional(),
      foundedYear: YearSchema.optional(),
      sizeBand: z.enum(SIZE_BANDS, { error: 'directory:errors.invalidChoice' }).optional(),
      sectorCodes: tagList('sector', taxonomy),
      technologyCodes: tagList('technology', taxonomy),
      challengeCodes: tagList('challenge', taxonomy),
      offers: optionalText(multiLine(LIMITS.offersSeeks, 'directory:errors.offersTooLong')),
      seeks: optionalText(multiLine(LIMITS.offersSeeks, 'directory:errors.offersTooLong')),
      contactEmail: EmailSchema,
      contactPhone: PhoneSchema.optional(),
      languages: z
        .array(z.enum(WORKING_LANGUAGES, { error: 'directory:errors.invalidChoice' }))
        .min(1, 'directory:errors.languagesRequired')
        .max(WORKING_LANGUAGES.length)
        .transform(unique),
      visibility: z.enum(VISIBILITIES, { error: 'directory:errors.invalidChoice' }),
    })
    .superRefine((value, ctx) => {
      if (!value.subKind) return
      const parent = ORG_KIND_CODES[value.kind]
      const entry = taxonomy?.get(value.subKind)
      const fits = taxonomy
        ? entry?.kind === 'org_subkind' && entry.parent === parent
        : value.subKind.startsWith(`${parent}-`)
      if (!fits) {
        ctx.addIssue({
          code: 'custom',
          path: ['subKind'],
          message: 'directory:errors.subKindMismatch',
        })
      }
    })
}

export type OrganisationInput = z.output<ReturnType<typeof organisationSchema>>

export const InviteMemberSchema = z.object({
  intent: z.literal('invite'),
  email: EmailSchema,
  role: z.enum(MEMBER_ROLES, { error: 'directory:errors.invalidChoice' }),
})

export const ChangeRoleSchema = z.object({
  intent: z.literal('change-role'),
  userId: z.uuid(),
  role: z.enum(MEMBER_ROLES, { error: 'directory:errors.invalidChoice' }),
})

export const MemberTargetSchema = z.object({
  intent: z.enum(['remove-member', 'revoke-invitation']),
  userId: z.uuid().optional(),
  invitationId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
})

const optionalCode = (pattern: RegExp) => z.string().regex(pattern).optional().catch(undefined)

/** The directory's GET filters: anything malformed is dropped, never an error. */
export const DirectoryFiltersSchema = z.object({
  kind: z.enum(ORG_KINDS).optional().catch(undefined),
  region: optionalCode(/^R-[A-Z0-9-]{1,40}$/),
  challenge: optionalCode(/^[A-Z][A-Z0-9-]{1,47}$/),
  sector: optionalCode(/^S-[A-Z0-9-]{1,45}$/),
  technology: optionalCode(/^TECH-[A-Z0-9-]{1,42}$/),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})
export type DirectoryFilters = z.output<typeof DirectoryFiltersSchema>

export function parseDirectoryFilters(params: URLSearchParams): DirectoryFilters {
  const raw: Record<string, string> = {}
  for (const key of ['kind', 'region', 'challenge', 'sector', 'technology', 'page']) {
    const value = params.get(key)
    if (value) raw[key] = value
  }
  return DirectoryFiltersSchema.parse(raw)
}
