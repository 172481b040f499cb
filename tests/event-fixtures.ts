// Test data and helpers for the events tests: events, people, and the calendar objects found
// in queued e-mails, parsed with ical.js.
import { randomUUID } from 'node:crypto'
import ICAL from 'ical.js'
import { createTestUser } from '../prisma/factories.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'

export const DAY_MS = 24 * 3600 * 1000

export function createTestEvent(overrides: Partial<Prisma.EventUncheckedCreateInput> = {}) {
  const startsAt = overrides.startsAt
    ? new Date(overrides.startsAt)
    : new Date(Math.floor((Date.now() + 14 * DAY_MS) / 60_000) * 60_000)
  return prisma.event.create({
    data: {
      slug: `rencontre-${randomUUID().slice(0, 8)}`,
      title: 'Rencontre IA & musées',
      titleEn: 'AI & museums meetup',
      descriptionFr: 'Présentations et échanges.',
      format: 'rencontre',
      status: 'published',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000),
      timeZone: 'Europe/Paris',
      venueName: 'Musée des Confluences',
      venueAddress: '86 quai Perrache, 69002 Lyon',
      regionCode: 'R-84',
      capacity: 10,
      challengeCodes: ['GT-DATA-IA'],
      ...overrides,
    },
  })
}

export async function createPeople(count: number, overrides: { locale?: string } = {}) {
  const people = []
  for (let i = 0; i < count; i++) {
    people.push(
      await createTestUser(prisma, {
        email: `personne-${i}-${randomUUID().slice(0, 8)}@exemple.fr`,
        ...overrides,
      }),
    )
  }
  return people
}

export function mailsTo(address: string) {
  return prisma.outboxEmail.findMany({
    where: { toAddress: address },
    orderBy: { createdAt: 'asc' },
  })
}

export interface ParsedCalendar {
  method: string
  uid: string
  sequence: number
  status: string
  start: Date
  end: Date
  tzid: string | null
  vevents: ICAL.Component[]
  calendar: ICAL.Component
}

/** Parses an iCalendar text with ical.js, resolving TZIDs with the document's VTIMEZONEs only. */
export function parseIcs(ics: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  ICAL.TimezoneService.reset()
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz)
  const vevents = calendar.getAllSubcomponents('vevent')
  const first = vevents[0]
  const time = (name: string) => {
    const value = first?.getFirstPropertyValue(name) as ICAL.Time | undefined
    return value ? value.toJSDate() : new Date(Number.NaN)
  }
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    uid: String(first?.getFirstPropertyValue('uid') ?? ''),
    sequence: Number(first?.getFirstPropertyValue('sequence') ?? -1),
    status: String(first?.getFirstPropertyValue('status') ?? ''),
    start: time('dtstart'),
    end: time('dtend'),
    tzid: (first?.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null,
    vevents,
    calendar,
  }
}

/** Calendar objects attached to the messages queued for this address, oldest first. */
export async function invitesTo(address: string) {
  return (await mailsTo(address))
    .filter((mail) => mail.calendarContent)
    .map((mail) => ({ mail, ics: parseIcs(mail.calendarContent!) }))
}
