// Form and query schemas of the events pages, used by their actions and loaders (the browser
// gets no zod: docs/decisions/005-light-pages.md). Messages are catalogue keys. Times are typed
// as wall-clock values in the event's zone and converted to UTC with zoned-time.ts.
import { z } from 'zod'
import { EVENT_FORMATS, MAX_EVENT_CAPACITY } from './constants.ts'
import { EVENT_TIME_ZONES, zonedLocalToUtc } from '~/utils/zoned-time.ts'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'events:errors.tooLong')
    .regex(/^[^\p{Cc}]*$/u, 'common:errors.invalidCharacters')
    .optional()

const optionalLongText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'events:errors.tooLong')
    // Line breaks and tabs are fine in a description; other control characters are not.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/u, 'common:errors.invalidCharacters')
    .optional()

const localDateTime = z
  .string({ error: 'common:errors.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'events:errors.dateTimeInvalid')

const httpUrl = z
  .string()
  .trim()
  .max(500, 'events:errors.tooLong')
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'https:' || url.protocol === 'http:'
    } catch {
      return false
    }
  }, 'events:errors.urlInvalid')
  .optional()

export const EventFormSchema = z
  .object({
    title: z
      .string({ error: 'common:errors.required' })
      .trim()
      .min(3, 'events:errors.titleTooShort')
      .max(160, 'events:errors.tooLong')
      .regex(/^[^\p{Cc}]*$/u, 'common:errors.invalidCharacters'),
    titleEn: optionalText(160),
    descriptionFr: optionalLongText(10_000),
    descriptionEn: optionalLongText(10_000),
    format: z.enum(EVENT_FORMATS, { error: 'events:errors.formatRequired' }),
    startsAt: localDateTime,
    endsAt: localDateTime,
    timeZone: z.enum(EVENT_TIME_ZONES, { error: 'events:errors.timeZoneInvalid' }),
    venueName: optionalText(200),
    venueAddress: optionalText(300),
    onlineUrl: httpUrl,
    regionCode: z
      .string()
      .regex(/^R-[A-Z0-9]+$/, 'events:errors.regionInvalid')
      .optional(),
    capacity: z
      .number({ error: 'events:errors.capacityInvalid' })
      .int('events:errors.capacityInvalid')
      .min(1, 'events:errors.capacityInvalid')
      .max(MAX_EVENT_CAPACITY, 'events:errors.capacityInvalid'),
    registrationDeadline: localDateTime.optional(),
    approvalRequired: z.boolean().optional(),
    challengeCodes: z
      .array(z.string().regex(/^[A-Z0-9-]{2,40}$/, 'events:errors.tagInvalid'))
      .max(20, 'events:errors.tagInvalid')
      .optional(),
    organisationId: z.uuid('events:errors.organisationInvalid').optional(),
  })
  .superRefine((value, ctx) => {
    const start = zonedLocalToUtc(value.startsAt, value.timeZone)
    const end = zonedLocalToUtc(value.endsAt, value.timeZone)
    if (!start)
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'events:errors.dateTimeInvalid' })
    if (!end)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'events:errors.dateTimeInvalid' })
    if (start && end && end.getTime() <= start.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'events:errors.endBeforeStart' })
    }
    if (value.registrationDeadline) {
      const deadline = zonedLocalToUtc(value.registrationDeadline, value.timeZone)
      if (!deadline) {
        ctx.addIssue({
          code: 'custom',
          path: ['registrationDeadline'],
          message: 'events:errors.dateTimeInvalid',
        })
      } else if (end && deadline.getTime() > end.getTime()) {
        ctx.addIssue({
          code: 'custom',
          path: ['registrationDeadline'],
          message: 'events:errors.deadlineAfterEnd',
        })
      }
    }
    if (!value.venueAddress && !value.onlineUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['venueAddress'],
        message: 'events:errors.placeRequired',
      })
    }
  })

export type EventFormValue = z.infer<typeof EventFormSchema>

/** The form's values with its times converted to UTC (call after a successful parse). */
export function eventInputFromForm(value: EventFormValue) {
  return {
    title: value.title,
    titleEn: value.titleEn ?? '',
    descriptionFr: value.descriptionFr ?? '',
    descriptionEn: value.descriptionEn ?? '',
    format: value.format,
    startsAt: zonedLocalToUtc(value.startsAt, value.timeZone)!,
    endsAt: zonedLocalToUtc(value.endsAt, value.timeZone)!,
    timeZone: value.timeZone,
    venueName: value.venueName ?? null,
    venueAddress: value.venueAddress ?? null,
    onlineUrl: value.onlineUrl ?? null,
    regionCode: value.regionCode ?? null,
    capacity: value.capacity,
    registrationDeadline: value.registrationDeadline
      ? zonedLocalToUtc(value.registrationDeadline, value.timeZone)
      : null,
    approvalRequired: value.approvalRequired ?? false,
    challengeCodes: [...new Set(value.challengeCodes ?? [])],
    organisationId: value.organisationId ?? null,
  }
}

export type EventInput = ReturnType<typeof eventInputFromForm>

export const RegisterSchema = z.object({
  organisationId: z.uuid('events:errors.organisationInvalid').optional(),
})

/** Query string of the list and of the public feed; anything invalid is ignored. */
export const EventListQuerySchema = z.object({
  quand: z.enum(['a-venir', 'passes']).catch('a-venir'),
  tag: z
    .string()
    .regex(/^[A-Z0-9-]{2,40}$/)
    .optional()
    .catch(undefined),
  region: z
    .string()
    .regex(/^R-[A-Z0-9]+$/)
    .optional()
    .catch(undefined),
  format: z.enum(EVENT_FORMATS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export type EventListQuery = z.infer<typeof EventListQuerySchema>

export function parseEventListQuery(searchParams: URLSearchParams): EventListQuery {
  const raw = Object.fromEntries(
    ['quand', 'tag', 'region', 'format', 'page'].flatMap((key) => {
      const value = searchParams.get(key)
      return value ? [[key, value]] : []
    }),
  )
  return EventListQuerySchema.parse(raw)
}
