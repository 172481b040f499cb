// E-mails about meetups, queued in the caller's transaction, in the recipient's language.
// Confirmations, promotions and changes carry an iTIP REQUEST; cancellations of a seat a
// person held carry a CANCEL. Each invite to a person gets a higher SEQUENCE than the last
// one they received and than the event's own (Registration.sequence remembers it).
import type { TFunction } from 'i18next'
import type { Event, Prisma, Registration } from '~/generated/prisma/client.ts'
import { getFixedT } from '~/i18n.server.ts'
import { languageOf, type Language } from '~/i18n.ts'
import { appUrl } from '~/utils/env.server.ts'
import { eventPlace, eventTitle, formatEventWhen } from './format.ts'
import {
  buildCancellation,
  buildInvite,
  type CalendarInvite,
} from '~/models/calendar/ical.server.ts'
import { queueEmail } from '~/models/mail/email.server.ts'
import { eventPageUrl, toCalendarEvent } from './calendar.server.ts'
import { organizerNames } from '~/models/calendar/organizer.server.ts'

export type EventMailKind =
  | 'confirmed'
  | 'waitlisted'
  | 'pending'
  | 'promoted'
  | 'declined'
  | 'changed'
  | 'registrationCancelled'
  | 'eventCancelled'
  | 'reminder'

type Tx = Prisma.TransactionClient

const translators = new Map<Language, Promise<TFunction>>()

export function eventsT(language: Language) {
  let t = translators.get(language)
  if (!t) {
    t = getFixedT(language, ['events', 'common'])
    translators.set(language, t)
  }
  return t
}

/** SEQUENCE of the next invite to this person: above their last one and the event's. */
export function nextInviteSequence(
  event: Pick<Event, 'sequence'>,
  registration: Pick<Registration, 'sequence'>,
) {
  return Math.max(event.sequence, registration.sequence) + 1
}

interface Recipient {
  id: string
  name: string
  email: string
  locale: string
}

function calendarFor(
  kind: EventMailKind,
  registration: Pick<Registration, 'status'>,
  previousStatus: Registration['status'] | null,
): 'REQUEST' | 'CANCEL' | null {
  if (kind === 'confirmed' || kind === 'promoted' || kind === 'changed') return 'REQUEST'
  // Only someone who held a seat has an invite in their calendar to take back.
  if (kind === 'registrationCancelled' || kind === 'eventCancelled') {
    return (previousStatus ?? registration.status) === 'confirmed' ? 'CANCEL' : null
  }
  return null
}

/**
 * Queues the e-mail of `kind` about `event` to the registration's person, with an invite or
 * a cancellation when there is one to send (and records the SEQUENCE it used).
 * `previousStatus`: the registration's status before this change (cancellations).
 */
export async function queueEventEmail(
  tx: Tx,
  kind: EventMailKind,
  event: Event,
  registration: Registration,
  options: {
    previousStatus?: Registration['status']
    recipient?: Recipient
    dedupeKey?: string
  } = {},
) {
  const recipient =
    options.recipient ??
    (await tx.user.findUniqueOrThrow({
      where: { id: registration.userId },
      select: { id: true, name: true, email: true, locale: true },
    }))
  const language = languageOf(recipient.locale)
  const t = await eventsT(language)
  const method = calendarFor(kind, registration, options.previousStatus ?? null)
  let calendar: CalendarInvite | null = null
  if (method) {
    const sequence = nextInviteSequence(event, registration)
    await tx.registration.update({ where: { id: registration.id }, data: { sequence } })
    registration.sequence = sequence
    const input = {
      ...toCalendarEvent(event, {
        language,
        organizerName: (await organizerNames([event], tx))(event),
      }),
      sequence,
    }
    const attendee = {
      key: recipient.id,
      name: recipient.name,
      email: recipient.email,
      partstat: method === 'CANCEL' ? ('DECLINED' as const) : ('ACCEPTED' as const),
    }
    const options = { domain: appUrl(), locale: language }
    calendar =
      method === 'REQUEST'
        ? buildInvite(input, attendee, options)
        : buildCancellation({ ...input, status: 'cancelled' }, attendee, options)
  }
  const values = {
    name: recipient.name,
    title: eventTitle(event, language),
    when: formatEventWhen(event.startsAt, event.endsAt, event.timeZone, language, t),
    where: eventPlace(event) || t('events:emails.placeTbd'),
    link: eventPageUrl(event.slug),
    agenda: `${appUrl()}/me/agenda`,
  }
  const text = [
    t(`events:emails.${kind}.body`, values),
    t('events:emails.details', values),
    calendar ? t('events:emails.invite') : '',
    t('events:emails.signature', values),
  ]
    .filter(Boolean)
    .join('\n\n')
  await queueEmail(
    {
      to: recipient.email,
      subject: t(`events:emails.${kind}.subject`, values),
      text,
      calendar: calendar ? { method: calendar.method, content: calendar.content } : undefined,
      dedupeKey: options.dedupeKey,
    },
    tx,
  )
}
