// Demo business-meeting session: the demo's rendez_vous event (created here when the events
// demo has none) organised by organisatrice@passerelle.example, with slots and tables, meeting
// requests in every state, some unavailability, and a schedule already generated. Call after
// the organisations, users and events are seeded. Deterministic; sends no e-mail.
import { randomUUID } from 'node:crypto'
import type { Prisma, PrismaClient } from '~/generated/prisma/client.ts'
import type { MeetingPriority, MeetingRequestStatus } from '~/generated/prisma/enums.ts'
import { PLANNING_AUDIT_ACTION, type PlanningReport } from '~/models/meetings/planning.server.ts'
import { scheduleMeetings, type ScheduleInput } from '~/models/meetings/scheduling.server.ts'
import { computeSlots } from '~/models/meetings/windows.ts'

const ORGANIZER_EMAIL = 'organisatrice@passerelle.example'
const INSTITUTION_EMAIL = 'musee@passerelle.example'
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const PARTICIPANTS = 30
const TABLES = 12

function createRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function findOrCreateEvent(prisma: PrismaClient, organizerId: string) {
  const existing = await prisma.event.findFirst({
    where: { format: 'rendez_vous', status: 'published', startsAt: { gt: new Date() } },
    orderBy: { startsAt: 'asc' },
  })
  if (existing) {
    return prisma.event.update({ where: { id: existing.id }, data: { createdById: organizerId } })
  }
  const day = new Date(Date.now() + 23 * DAY)
  // 09:00 in Paris, summer or winter.
  const probe = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9))
  const parisHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric' }).format(probe),
  )
  const startsAt = new Date(probe.getTime() - (parisHour - 9) * 60 * MINUTE)
  return prisma.event.create({
    data: {
      slug: `rendez-vous-affaires-culture-tech-${startsAt.getUTCFullYear()}`,
      title: "Session de rendez-vous d'affaires culture × tech",
      titleEn: 'Culture × tech business-meeting session',
      descriptionFr:
        "Une matinée de rendez-vous de vingt minutes entre institutions culturelles, startups et laboratoires : chacun demande les rencontres qu'il souhaite, l'organisation compose le planning.",
      descriptionEn:
        'A morning of twenty-minute meetings between cultural institutions, startups and labs: everyone requests the meetings they want, the organizers build the schedule.',
      format: 'rendez_vous',
      status: 'published',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * 60 * MINUTE),
      timeZone: 'Europe/Paris',
      venueName: 'Centre Pompidou',
      venueAddress: 'Centre Pompidou, place Georges-Pompidou, 75004 Paris',
      regionCode: 'R-11',
      capacity: 120,
      challengeCodes: ['GT-INNOVATION', 'CP-TERRITOIRES'],
      createdById: organizerId,
    },
  })
}

/** People who will take part: the event's confirmed registrants, topped up to ~30. */
async function ensureParticipants(
  prisma: PrismaClient,
  event: { id: string; capacity: number },
  institutionUserId: string | null,
) {
  const confirmed = async () =>
    prisma.registration.findMany({
      where: { eventId: event.id, status: 'confirmed' },
      select: { userId: true, organisationId: true },
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
    })
  let registrations = await confirmed()
  const wanted = new Set(registrations.map((r) => r.userId))
  const additions: Array<{ userId: string; organisationId: string }> = []
  const memberships = await prisma.membership.findMany({
    where: { organisation: { visibility: 'public', unpublishedAt: null } },
    select: { userId: true, organisationId: true },
    orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
  })
  if (institutionUserId && !wanted.has(institutionUserId)) {
    const own = memberships.find((m) => m.userId === institutionUserId)
    if (own) {
      additions.push(own)
      wanted.add(own.userId)
    }
  }
  for (const membership of memberships) {
    if (registrations.length + additions.length >= PARTICIPANTS) break
    if (wanted.has(membership.userId)) continue
    additions.push(membership)
    wanted.add(membership.userId)
  }
  const room = Math.max(0, event.capacity - registrations.length)
  const added = additions.slice(0, room)
  if (added.length > 0) {
    // A person may already hold a cancelled or waitlisted row for the event: confirm it.
    for (const { userId, organisationId } of added) {
      await prisma.registration.upsert({
        where: { eventId_userId: { eventId: event.id, userId } },
        create: {
          eventId: event.id,
          userId,
          organisationId,
          status: 'confirmed',
          confirmedAt: new Date(),
        },
        update: {
          status: 'confirmed',
          organisationId,
          confirmedAt: new Date(),
          waitlistedAt: null,
        },
      })
    }
    registrations = await confirmed()
    await prisma.event.update({
      where: { id: event.id },
      data: { confirmedCount: registrations.length },
    })
  }
  return registrations
}

export async function seedMeetingDemo(prisma: PrismaClient) {
  const organizer = await prisma.user.findUnique({ where: { email: ORGANIZER_EMAIL } })
  if (!organizer) return { event: null, requests: 0, meetings: 0 }
  const event = await findOrCreateEvent(prisma, organizer.id)
  if (await prisma.meetingSession.findUnique({ where: { eventId: event.id } })) {
    return { event: event.slug, requests: 0, meetings: 0 }
  }
  const institution = await prisma.user.findUnique({ where: { email: INSTITUTION_EMAIL } })
  const registrations = await ensureParticipants(prisma, event, institution?.id ?? null)
  const random = createRandom(2026)

  // Two windows of 20-minute slots with a break, inside the event's morning.
  const start = event.startsAt.getTime()
  const windows = [
    { start: new Date(start + 30 * MINUTE), end: new Date(start + 130 * MINUTE) },
    { start: new Date(start + 150 * MINUTE), end: new Date(start + 230 * MINUTE) },
  ].filter((w) => w.end <= event.endsAt)
  const slots = computeSlots(windows, 20)
  const tableNames = Array.from({ length: TABLES }, (_, i) => String(i + 1))
  const session = await prisma.meetingSession.create({
    data: {
      eventId: event.id,
      slotMinutes: 20,
      windows: windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
      tableNames,
      maxMeetingsPerParticipant: 6,
      bookingOpensAt: new Date(Date.now() - 7 * DAY),
      bookingClosesAt: new Date(Math.max(Date.now() + DAY, start - 2 * DAY)),
      slots: { create: slots },
    },
  })

  // Requests: each participant asks two or three others; most are accepted.
  const people = registrations.map((r) => r.userId)
  const requests: Prisma.MeetingRequestCreateManyInput[] = []
  const pairs = new Set<string>()
  const statusOf = (): MeetingRequestStatus => {
    const roll = random()
    return roll < 0.62
      ? 'accepted'
      : roll < 0.85
        ? 'pending'
        : roll < 0.95
          ? 'declined'
          : 'cancelled'
  }
  const add = (from: string, to: string, status: MeetingRequestStatus) => {
    const key = [from, to].sort().join('|')
    if (from === to || pairs.has(key)) return
    pairs.add(key)
    const priority: MeetingPriority = random() < 0.3 ? 'indispensable' : 'souhaite'
    requests.push({
      id: randomUUID(),
      sessionId: session.id,
      requesterId: from,
      recipientId: to,
      priority,
      message:
        priority === 'indispensable'
          ? 'Nous aimerions vous présenter un projet pilote adapté à vos collections.'
          : '',
      status,
      respondedAt: status === 'pending' ? null : new Date(),
    })
  }
  for (const from of people) {
    const count = 2 + Math.floor(random() * 2)
    for (let i = 0; i < count; i++)
      add(from, people[Math.floor(random() * people.length)], statusOf())
  }
  // The demo institution account has requests waiting for its answer and one accepted.
  if (institution && people.includes(institution.id)) {
    const others = people.filter((id) => id !== institution.id)
    add(others[0], institution.id, 'pending')
    add(others[1], institution.id, 'pending')
    add(institution.id, others[2], 'accepted')
  }
  await prisma.meetingRequest.createMany({ data: requests })

  const unavailability = people.flatMap((userId) =>
    random() < 0.2
      ? [{ sessionId: session.id, userId, slotIndex: Math.floor(random() * slots.length) }]
      : [],
  )
  await prisma.meetingUnavailability.createMany({ data: unavailability, skipDuplicates: true })

  // A schedule already generated and announced (invites are not e-mailed for demo data).
  const unavailableOf = new Map<string, number[]>()
  for (const row of unavailability)
    unavailableOf.set(row.userId, [...(unavailableOf.get(row.userId) ?? []), row.slotIndex])
  const accepted = requests.filter((r) => r.status === 'accepted')
  const input: ScheduleInput = {
    slotCount: slots.length,
    tables: tableNames,
    maxMeetingsPerParticipant: 6,
    participants: people.map((id) => ({ id, unavailableSlots: unavailableOf.get(id) ?? [] })),
    requests: accepted.map((r) => ({
      id: r.id!,
      participantIds: [r.requesterId, r.recipientId] as const,
      priority: r.priority ?? 'souhaite',
    })),
  }
  const result = scheduleMeetings(input)
  const now = new Date()
  await prisma.meeting.createMany({
    data: result.meetings.map((m) => ({
      sessionId: session.id,
      requestId: m.requestId,
      slotIndex: m.slotIndex,
      tableLabel: String(m.table),
      announcedAt: now,
    })),
  })
  const report: PlanningReport = {
    at: now.toISOString(),
    stats: result.stats,
    created: result.meetings.length,
    moved: 0,
    cancelled: 0,
    kept: 0,
    unscheduled: result.unscheduled.map(({ requestId, reason, participantId }) => ({
      requestId,
      reason,
      ...(participantId ? { participantId } : {}),
    })),
    lockIssues: [],
  }
  await prisma.auditLog.create({
    data: {
      actorId: organizer.id,
      action: PLANNING_AUDIT_ACTION,
      targetType: 'MeetingSession',
      targetId: session.id,
      details: report as unknown as Prisma.InputJsonValue,
    },
  })
  await prisma.meetingSession.update({ where: { id: session.id }, data: { lastScheduledAt: now } })
  return { event: event.slug, requests: requests.length, meetings: result.meetings.length }
}
