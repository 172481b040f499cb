// Test data for the business-meeting (rendez-vous) tests: a published rendez_vous event, its
// organizer, confirmed participants with their organisations, a configured session, and the
// invites found in queued e-mails (parsed with ical.js).
import { randomUUID } from 'node:crypto'
import ICAL from 'ical.js'
import { createTestOrganisation, createTestUser } from '../prisma/factories.ts'
import type { OrgKind } from '~/generated/prisma/enums.ts'
import {
  loadMeetingContext,
  saveSessionConfig,
  type MeetingContext,
} from '~/models/meetings/meetings.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { zonedLocalToUtc } from '~/utils/zoned-time.ts'

export const DAY_MS = 24 * 3600 * 1000

/** The local date (Paris) two weeks from now. */
export function eventDay(offsetDays = 14) {
  return new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10)
}

export async function createRendezVousEvent(
  options: { format?: 'rendez_vous' | 'rencontre'; status?: 'draft' | 'published' } = {},
) {
  const organizer = await createTestUser(prisma, { role: 'organizer' })
  const day = eventDay()
  const event = await prisma.event.create({
    data: {
      slug: `rendez-vous-${randomUUID().slice(0, 8)}`,
      title: "Rendez-vous d'affaires culture & numérique",
      titleEn: 'Culture & tech business meetings',
      format: options.format ?? 'rendez_vous',
      status: options.status ?? 'published',
      startsAt: zonedLocalToUtc(`${day}T08:00`, 'Europe/Paris')!,
      endsAt: zonedLocalToUtc(`${day}T18:00`, 'Europe/Paris')!,
      timeZone: 'Europe/Paris',
      venueName: 'Cité des sciences',
      venueAddress: '30 avenue Corentin-Cariou, 75019 Paris',
      capacity: 200,
      createdById: organizer.id,
    },
  })
  return { organizer, event, day }
}

const KINDS: OrgKind[] = ['startup', 'institution', 'lab', 'company']

/** People with a confirmed registration, each coming for their own published organisation. */
export async function addParticipants(
  eventId: string,
  count: number,
  { locale = 'fr' }: { locale?: string } = {},
) {
  const people = []
  for (let i = 0; i < count; i++) {
    const user = await createTestUser(prisma, {
      email: `participant-${i}-${randomUUID().slice(0, 8)}@exemple.fr`,
      locale,
    })
    const organisation = await createTestOrganisation(prisma, {
      owner: user,
      kind: KINDS[i % KINDS.length],
    })
    await prisma.registration.create({
      data: {
        eventId,
        userId: user.id,
        organisationId: organisation.id,
        status: 'confirmed',
        confirmedAt: new Date(),
      },
    })
    people.push({ ...user, organisation })
  }
  await prisma.event.update({
    where: { id: eventId },
    data: { confirmedCount: { increment: count } },
  })
  return people
}

export async function contextFor(
  slug: string,
  user: { id: string; role: 'member' | 'organizer' | 'admin' },
) {
  return loadMeetingContext(slug, { id: user.id, role: user.role })
}

/** Configures the session: `windows` lines without a date are put on the event's day. */
export async function configureSession(
  slug: string,
  organizer: { id: string; role: 'member' | 'organizer' | 'admin' },
  day: string,
  {
    windows = ['09:00-10:00'],
    slotMinutes = 20,
    tableCount = 2,
    tableNames = [] as string[],
    maxMeetingsPerParticipant = 8,
    bookingOpensAt = new Date(Date.now() - DAY_MS),
    bookingClosesAt = new Date(Date.now() + 7 * DAY_MS),
    cancelAffected = false,
  } = {},
) {
  const local = (date: Date) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(date)
      .replace(' ', 'T')
  return saveSessionConfig(await contextFor(slug, organizer), {
    windows: windows.map((w) => (/^\d{4}-/.test(w) ? w : `${day} ${w}`)).join('\n'),
    slotMinutes,
    tableCount,
    tableNames,
    maxMeetingsPerParticipant,
    bookingOpensAt: local(bookingOpensAt),
    bookingClosesAt: local(bookingClosesAt),
    cancelAffected,
  })
}

export interface ParsedInvite {
  method: string
  uid: string
  sequence: number
  status: string
  start: Date
  end: Date
  summary: string
  location: string
}

export function parseInvite(ics: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  ICAL.TimezoneService.reset()
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz)
  const vevent = calendar.getFirstSubcomponent('vevent')!
  const time = (name: string) => (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate()
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: String(vevent.getFirstPropertyValue('status')),
    start: time('dtstart'),
    end: time('dtend'),
    summary: String(vevent.getFirstPropertyValue('summary')),
    location: String(vevent.getFirstPropertyValue('location') ?? ''),
  }
}

/** Invites queued to this address, oldest first. */
export async function invitesTo(address: string) {
  const mails = await prisma.outboxEmail.findMany({
    where: { toAddress: address, calendarContent: { not: null } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return mails.map((mail) => ({ mail, invite: parseInvite(mail.calendarContent!) }))
}

export type { MeetingContext }
