// Form schemas of the business-meeting pages (rendez-vous d'affaires), shared by the server
// actions and the browser (conform). Messages are catalogue keys.
import { z } from 'zod'
import { MAX_MESSAGE_LENGTH, MAX_SLOTS, MAX_TABLES, parseWindowLines } from './windows.ts'

export const MEETING_PRIORITIES = ['indispensable', 'souhaite'] as const

const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const NO_CONTROL_EXCEPT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/u

const localDateTime = z
  .string({ error: 'common:errors.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'meetings:errors.dateTimeInvalid')

const windowErrorKeys = {
  format: 'meetings:errors.windowFormat',
  missingDate: 'meetings:errors.windowMissingDate',
  endBeforeStart: 'meetings:errors.windowEndBeforeStart',
  tooMany: 'meetings:errors.tooManyWindows',
} as const

export const SessionConfigSchema = z
  .object({
    windows: z
      .string({ error: 'meetings:errors.windowsRequired' })
      .max(2000, 'meetings:errors.tooLong')
      .regex(NO_CONTROL_EXCEPT_LINES, 'common:errors.invalidCharacters')
      .superRefine((text, ctx) => {
        const parsed = parseWindowLines(text)
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: windowErrorKeys[parsed.error] })
        else if (parsed.windows.length === 0)
          ctx.addIssue({ code: 'custom', message: 'meetings:errors.windowsRequired' })
      }),
    slotMinutes: z
      .number({ error: 'meetings:errors.slotMinutesInvalid' })
      .int('meetings:errors.slotMinutesInvalid')
      .min(5, 'meetings:errors.slotMinutesInvalid')
      .max(240, 'meetings:errors.slotMinutesInvalid'),
    tableCount: z
      .number({ error: 'meetings:errors.tableCountInvalid' })
      .int('meetings:errors.tableCountInvalid')
      .min(1, 'meetings:errors.tableCountInvalid')
      .max(MAX_TABLES, 'meetings:errors.tableCountInvalid')
      .optional(),
    tableNames: z
      .string()
      .max(20_000, 'meetings:errors.tooLong')
      .regex(NO_CONTROL_EXCEPT_LINES, 'common:errors.invalidCharacters')
      .optional()
      .transform((text) =>
        (text ?? '')
          .split(/\r\n|\r|\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().max(60, 'meetings:errors.tableNameTooLong'))
          .max(MAX_TABLES, 'meetings:errors.tableCountInvalid')
          .refine(
            (names) => new Set(names.map((name) => name.toLowerCase())).size === names.length,
            'meetings:errors.tableNamesDuplicate',
          ),
      ),
    maxMeetingsPerParticipant: z
      .number({ error: 'meetings:errors.maxMeetingsInvalid' })
      .int('meetings:errors.maxMeetingsInvalid')
      .min(1, 'meetings:errors.maxMeetingsInvalid')
      .max(MAX_SLOTS, 'meetings:errors.maxMeetingsInvalid'),
    bookingOpensAt: localDateTime,
    bookingClosesAt: localDateTime,
    cancelAffected: z.boolean().optional(),
  })
  .refine((value) => value.tableNames.length > 0 || value.tableCount !== undefined, {
    path: ['tableCount'],
    message: 'meetings:errors.tablesRequired',
  })
  .refine((value) => value.bookingClosesAt > value.bookingOpensAt, {
    path: ['bookingClosesAt'],
    message: 'meetings:errors.bookingCloseBeforeOpen',
  })
export type SessionConfigInput = z.output<typeof SessionConfigSchema>

export const MeetingRequestSchema = z.object({
  intent: z.literal('request'),
  recipientId: z.uuid('meetings:errors.unknownParticipant'),
  priority: z.enum(MEETING_PRIORITIES, { error: 'meetings:errors.priorityRequired' }),
  message: z
    .string()
    .trim()
    .max(MAX_MESSAGE_LENGTH, 'meetings:errors.messageTooLong')
    .regex(NO_CONTROL_EXCEPT_LINES, 'common:errors.invalidCharacters')
    .optional(),
})

export const RequestDecisionSchema = z.object({
  intent: z.enum(['accept', 'decline', 'cancel']),
  requestId: z.uuid('meetings:errors.requestNotFound'),
})

export const UnavailabilitySchema = z.object({
  intent: z.literal('unavailability'),
  slot: z
    .array(z.number().int().min(0).max(MAX_SLOTS))
    .max(MAX_SLOTS)
    .optional()
    .transform((slots) => [...new Set(slots ?? [])]),
})

export const PlanningActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('generate') }),
  z.object({
    intent: z.enum(['lock', 'unlock']),
    meetingId: z.uuid('meetings:errors.meetingNotFound'),
  }),
])

export const ParticipantFilterSchema = z.object({
  q: z.string().trim().max(100).regex(NO_CONTROL_CHARACTERS).optional().catch(undefined),
})
