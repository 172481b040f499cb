// Schemas of the contact request forms: answering a need, asking for an introduction, and the
// recipient's decision. Shared by the server actions and the browser; messages are catalogue keys.
import { z } from 'zod'
import { MESSAGE_MAX_LENGTH, MESSAGE_MIN_LENGTH, NOTE_MAX_LENGTH } from './constants.ts'

/** "Répondre à ce besoin" and "Demander une mise en relation": which of my organisations sends it. */
export const ContactRequestSchema = z.object({
  fromOrgId: z.string({ error: 'needs:errors.senderRequired' }).trim().min(1),
  message: z
    .string({ error: 'needs:errors.messageTooShort' })
    .trim()
    .min(MESSAGE_MIN_LENGTH, 'needs:errors.messageTooShort')
    .max(MESSAGE_MAX_LENGTH, 'needs:errors.messageTooLong'),
})
export type ContactRequestInput = z.output<typeof ContactRequestSchema>

/** Accept or decline (recipient), optionally with a note; withdraw (sender). */
export const ContactRequestDecisionSchema = z.object({
  intent: z.enum(['accept', 'decline', 'withdraw'], { error: 'common:errors.unknownAction' }),
  requestId: z.string({ error: 'common:errors.required' }).trim().min(1),
  note: z.string().trim().max(NOTE_MAX_LENGTH, 'needs:errors.noteTooLong').optional(),
})
export type ContactRequestDecision = z.output<typeof ContactRequestDecisionSchema>
