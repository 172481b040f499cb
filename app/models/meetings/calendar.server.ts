// E-mails of business meetings, each queued in the caller's transaction and written in the
// recipient's language: request received or accepted, and for every change of a scheduled
// meeting an iTIP invite to each of the two people — REQUEST when it is scheduled, REQUEST
// again with a higher SEQUENCE when it moves, CANCEL when it goes. The UID is the meeting's
// (meetingUid), the same as in the personal calendar feed.
import type { TFunction } from 'i18next'
import type {
  Event,
  Meeting,
  MeetingRequest,
  MeetingSlot,
  Prisma,
} from '~/generated/prisma/client.ts'
import { getFixedT } from '~/i18n.server.ts'
import { languageOf, type Language } from '~/i18n.ts'
import { appUrl } from '~/utils/env.server.ts'
import { calendarOrganizer, organizerNames } from '~/models/calendar/organizer.server.ts'
import { formatSlot, tableDisplay, zoneLabel } from './format.ts'
import { buildMeetingInvite, type CalendarMeetingInput } from '~/models/calendar/ical.server.ts'
import { queueEmail, queueEmails, type EmailMessage } from '~/models/mail/email.server.ts'

type Tx = Prisma.TransactionClient

export type MeetingChangeKind = 'scheduled' | 'moved' | 'cancelled'

export interface MeetingChange {
  meetingId: string
  kind: MeetingChangeKind
}

const translators = new Map<Language, Promise<TFunction>>()

export function meetingsT(language: Language) {
  let t = translators.get(language)
  if (!t) {
    t = getFixedT(language, ['meetings', 'events', 'common'])
    translators.set(language, t)
  }
  return t
}

export function agendaUrl(slug: string) {
  return `${appUrl()}/evenements/${slug}/rendez-vous/mon-agenda`
}

export function meetingsPageUrl(slug: string) {
  return `${appUrl()}/evenements/${slug}/rendez-vous`
}

function eventTitleIn(event: Pick<Event, 'title' | 'titleEn'>, language: Language) {
  return language === 'en' && event.titleEn ? event.titleEn : event.title
}

/** "Jeanne Martin (Muséoscope)" */
export function personLabel(name: string, organisationName: string | null | undefined) {
  return organisationName ? `${name} (${organisationName})` : name
}

/** A meeting as a calendar entry seen by one of its two people. */
export function toCalendarMeeting(input: {
  meeting: Pick<Meeting, 'id' | 'sequence' | 'updatedAt' | 'tableLabel' | 'status'>
  slot: Pick<MeetingSlot, 'startsAt' | 'endsAt'>
  event: Pick<
    Event,
    'id' | 'slug' | 'title' | 'titleEn' | 'timeZone' | 'venueName' | 'venueAddress' | 'onlineUrl'
  >
  counterpart: string
  organizerName: string
  language: Language
  t: TFunction
}): CalendarMeetingInput {
  const { meeting, slot, event, t } = input
  return {
    id: meeting.id,
    eventId: event.id,
    title: t('meetings:calendar.title', {
      counterpart: input.counterpart,
      event: eventTitleIn(event, input.language),
    }),
    start: slot.startsAt,
    end: slot.endsAt,
    timeZone: event.timeZone,
    tableLabel: tableDisplay(meeting.tableLabel, t),
    counterpartName: input.counterpart,
    url: agendaUrl(event.slug),
    sequence: meeting.sequence,
    status: meeting.status === 'cancelled' ? 'cancelled' : 'confirmed',
    updatedAt: meeting.updatedAt,
    venueAddress: [event.venueName, event.venueAddress].filter(Boolean).join(', ') || null,
    onlineUrl: event.onlineUrl,
    organizer: calendarOrganizer(input.organizerName),
  }
}

interface PersonRow {
  id: string
  name: string
  email: string
  locale: string
}

/** People, and the organisation each comes to the event for (published ones only). */
export async function loadPeople(
  db: Pick<Tx, 'user' | 'registration' | 'organisation'>,
  pairs: Array<{ eventId: string; userId: string }>,
) {
  const userIds = [...new Set(pairs.map((p) => p.userId))]
  const eventIds = [...new Set(pairs.map((p) => p.eventId))]
  const [users, registrations] = await Promise.all([
    db.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, name: true, email: true, locale: true },
    }),
    db.registration.findMany({
      where: { eventId: { in: eventIds }, userId: { in: userIds } },
      select: { eventId: true, userId: true, organisationId: true },
    }),
  ])
  const organisationIds = registrations.flatMap((r) => (r.organisationId ? [r.organisationId] : []))
  const organisations = new Map(
    (organisationIds.length
      ? await db.organisation.findMany({
          where: { id: { in: organisationIds }, visibility: { not: 'draft' }, unpublishedAt: null },
          select: { id: true, name: true },
        })
      : []
    ).map((o) => [o.id, o.name]),
  )
  const byId = new Map<string, PersonRow>(users.map((u) => [u.id, u]))
  const organisationOf = new Map(
    registrations.map((r) => [
      `${r.eventId}/${r.userId}`,
      r.organisationId ? (organisations.get(r.organisationId) ?? null) : null,
    ]),
  )
  return {
    person: (userId: string) => byId.get(userId),
    label: (eventId: string, userId: string) =>
      personLabel(byId.get(userId)?.name ?? '', organisationOf.get(`${eventId}/${userId}`)),
  }
}

type MeetingWithContext = Meeting & {
  request: MeetingRequest
  session: { event: Event; slots: MeetingSlot[] }
}

/**
 * One e-mail with an invite to each of the two people of every changed meeting. Call after the
 * Meeting rows were written (the SEQUENCE sent is the row's), in the same transaction.
 */
export async function queueMeetingEmails(tx: Tx, changes: readonly MeetingChange[]) {
  if (changes.length === 0) return 0
  const meetings: MeetingWithContext[] = await tx.meeting.findMany({
    where: { id: { in: changes.map((c) => c.meetingId) } },
    include: { request: true, session: { include: { event: true, slots: true } } },
  })
  const byId = new Map(meetings.map((m) => [m.id, m]))
  const people = await loadPeople(
    tx,
    meetings.flatMap((m) => [
      { eventId: m.session.event.id, userId: m.request.requesterId },
      { eventId: m.session.event.id, userId: m.request.recipientId },
    ]),
  )
  const organizerOf = await organizerNames(
    meetings.map((m) => m.session.event),
    tx,
  )
  const messages: EmailMessage[] = []
  for (const change of changes) {
    const meeting = byId.get(change.meetingId)
    if (!meeting) continue
    const slot = meeting.session.slots.find((s) => s.index === meeting.slotIndex)
    if (!slot) continue
    const event = meeting.session.event
    const sides = [
      [meeting.request.requesterId, meeting.request.recipientId],
      [meeting.request.recipientId, meeting.request.requesterId],
    ] as const
    for (const [userId, counterpartId] of sides) {
      const recipient = people.person(userId)
      if (!recipient) continue
      const language = languageOf(recipient.locale)
      const t = await meetingsT(language)
      const counterpart = people.label(event.id, counterpartId)
      const calendarMeeting = toCalendarMeeting({
        meeting,
        slot,
        event,
        counterpart,
        organizerName: organizerOf(event),
        language,
        t,
      })
      const invite = buildMeetingInvite(
        change.kind === 'cancelled' ? 'CANCEL' : 'REQUEST',
        calendarMeeting,
        {
          key: recipient.id,
          name: recipient.name,
          email: recipient.email,
          partstat: change.kind === 'cancelled' ? 'DECLINED' : 'ACCEPTED',
        },
        { domain: appUrl(), locale: language },
      )
      const values = {
        name: recipient.name,
        counterpart,
        event: eventTitleIn(event, language),
        when: `${formatSlot(slot.startsAt, slot.endsAt, event.timeZone, language)} (${zoneLabel(event.timeZone, t)})`,
        table: tableDisplay(meeting.tableLabel, t),
        link: agendaUrl(event.slug),
      }
      messages.push({
        to: recipient.email,
        subject: t(`meetings:emails.${change.kind}.subject`, values),
        text: [
          t(`meetings:emails.${change.kind}.body`, values),
          t('meetings:emails.invite'),
          t('meetings:emails.signature'),
        ].join('\n\n'),
        calendar: { method: invite.method, content: invite.content },
      })
    }
  }
  // One INSERT per message (≈ 10 ms each): about 1 s per 50 meetings.
  await queueEmails(messages, tx)
  return messages.length
}

/** "X proposes a meeting" to the recipient, or "Y accepted" to the requester. */
export async function queueRequestEmail(tx: Tx, requestId: string, kind: 'received' | 'accepted') {
  const request = await tx.meetingRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { session: { include: { event: true } } },
  })
  const event = request.session.event
  const [toId, fromId] =
    kind === 'received'
      ? [request.recipientId, request.requesterId]
      : [request.requesterId, request.recipientId]
  const people = await loadPeople(tx, [
    { eventId: event.id, userId: toId },
    { eventId: event.id, userId: fromId },
  ])
  const recipient = people.person(toId)
  if (!recipient) return
  const language = languageOf(recipient.locale)
  const t = await meetingsT(language)
  const values = {
    name: recipient.name,
    counterpart: people.label(event.id, fromId),
    event: eventTitleIn(event, language),
    priority: t(`meetings:priority.${request.priority}`),
    message: request.message,
    link: meetingsPageUrl(event.slug),
  }
  await queueEmail(
    {
      to: recipient.email,
      subject: t(`meetings:emails.request_${kind}.subject`, values),
      text: [
        t(`meetings:emails.request_${kind}.body`, values),
        kind === 'received' && request.message ? t('meetings:emails.requestMessage', values) : '',
        t('meetings:emails.signature'),
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    tx,
  )
}
