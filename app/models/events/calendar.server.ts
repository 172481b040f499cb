// From Event rows to the calendar module's inputs: the .ics download, the public feed, the
// personal feed and the iTIP invites all describe an event the same way.
import type { Event } from '~/generated/prisma/client.ts'
import { languageOf, type Language } from '~/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { calendarOrganizer, organizerNames } from '~/models/calendar/organizer.server.ts'
import { eventDescription, eventTitle } from './format.ts'
import {
  buildEventIcs,
  buildPersonalFeed,
  buildPublicFeed,
  type CalendarEventInput,
} from '~/models/calendar/ical.server.ts'
import { personalFeedMeetings } from '~/models/meetings/feed.server.ts'

export function eventPageUrl(slug: string) {
  return `${appUrl()}/evenements/${slug}`
}

export type CalendarEventRow = Pick<
  Event,
  | 'id'
  | 'slug'
  | 'title'
  | 'titleEn'
  | 'descriptionFr'
  | 'descriptionEn'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'venueName'
  | 'venueAddress'
  | 'onlineUrl'
  | 'sequence'
  | 'status'
  | 'updatedAt'
>

export function toCalendarEvent(
  event: CalendarEventRow,
  { language, organizerName }: { language: Language; organizerName?: string | null },
): CalendarEventInput {
  return {
    id: event.id,
    title: eventTitle(event, language),
    description: eventDescription(event, language),
    url: eventPageUrl(event.slug),
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    venueAddress: [event.venueName, event.venueAddress].filter(Boolean).join(', ') || null,
    onlineUrl: event.onlineUrl,
    sequence: event.sequence,
    status: event.status === 'cancelled' ? 'cancelled' : 'confirmed',
    organizer: calendarOrganizer(organizerName),
    updatedAt: event.updatedAt,
  }
}

/** "Ajouter à mon agenda": METHOD:PUBLISH with the event's public UID. */
export async function eventIcs(event: Event, language: Language) {
  const nameOf = await organizerNames([event])
  return buildEventIcs(toCalendarEvent(event, { language, organizerName: nameOf(event) }), {
    domain: appUrl(),
    locale: language,
  })
}

export async function publicFeedIcs(events: Event[], language: Language) {
  const nameOf = await organizerNames(events)
  return buildPublicFeed(
    events.map((event) => toCalendarEvent(event, { language, organizerName: nameOf(event) })),
    { domain: appUrl(), locale: language },
  )
}

/** The private feed of the person holding this token, or null for an unknown token. */
export async function personalFeedIcs(token: string) {
  if (!/^[0-9a-f-]{36}$/i.test(token)) return null
  const user = await prisma.user.findUnique({
    where: { calendarToken: token },
    select: { id: true, locale: true },
  })
  if (!user) return null
  const language = languageOf(user.locale)
  const registrations = await prisma.registration.findMany({
    where: { userId: user.id, status: 'confirmed', event: { status: { not: 'draft' } } },
    include: { event: true },
    orderBy: { event: { startsAt: 'asc' } },
  })
  const events = registrations.map((registration) => registration.event)
  const nameOf = await organizerNames(events)
  // Business-meeting sessions add the person's 1:1 meetings through this hook.
  const meetings = await personalFeedMeetings(user.id)
  return buildPersonalFeed(
    {
      events: events.map((event) =>
        toCalendarEvent(event, { language, organizerName: nameOf(event) }),
      ),
      meetings,
    },
    { domain: appUrl(), locale: language },
  )
}
