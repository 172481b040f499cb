// The 1:1 meetings of a person, as calendar entries for their private feed (/agenda/:token.ics):
// the same entries (UID, SEQUENCE, title) as the invites they were e-mailed.
import { prisma } from '~/utils/db.server.ts'
import type { CalendarMeetingInput } from '~/models/calendar/ical.server.ts'
import { languageOf } from '~/i18n.ts'
import { loadPeople, meetingsT, toCalendarMeeting } from './calendar.server.ts'

export async function personalFeedMeetings(userId: string): Promise<CalendarMeetingInput[]> {
  const [user, meetings] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { locale: true } }),
    prisma.meeting.findMany({
      where: {
        status: 'scheduled',
        request: { OR: [{ requesterId: userId }, { recipientId: userId }] },
        session: { event: { status: 'published' } },
      },
      include: { session: { include: { event: true, slots: true } }, request: true },
      orderBy: { createdAt: 'asc' },
    }),
  ])
  if (!user || meetings.length === 0) return []
  const language = languageOf(user.locale)
  const t = await meetingsT(language)
  const counterpartOf = (m: (typeof meetings)[number]) =>
    m.request.requesterId === userId ? m.request.recipientId : m.request.requesterId
  const people = await loadPeople(
    prisma,
    meetings.map((m) => ({ eventId: m.session.eventId, userId: counterpartOf(m) })),
  )
  const organisationIds = [
    ...new Set(
      meetings.flatMap((m) =>
        m.session.event.organisationId ? [m.session.event.organisationId] : [],
      ),
    ),
  ]
  const organisers = new Map(
    (organisationIds.length
      ? await prisma.organisation.findMany({
          where: { id: { in: organisationIds } },
          select: { id: true, name: true },
        })
      : []
    ).map((o) => [o.id, o.name]),
  )
  return meetings.flatMap((meeting) => {
    const slot = meeting.session.slots.find((s) => s.index === meeting.slotIndex)
    if (!slot) return []
    const event = meeting.session.event
    return [
      toCalendarMeeting({
        meeting,
        slot,
        event,
        counterpart: people.label(event.id, counterpartOf(meeting)),
        organizerName:
          (event.organisationId && organisers.get(event.organisationId)) || 'Passerelle',
        language,
        t,
      }),
    ]
  })
}
