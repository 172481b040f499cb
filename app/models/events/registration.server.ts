// Registrations to meetups: seats, waitlist, approval, cancellation, check-in.
//
// Capacity is enforced by the database. A seat is taken with a conditional UPDATE of
// Event.confirmedCount in the same transaction as the registration row, and a CHECK
// (confirmedCount <= capacity) refuses any write that would overbook. Every transaction that
// changes an event's registrations first locks the event row, so they run one after the
// other per event (never a deadlock: event row first, then registration rows), and a seat
// released is handed to the head of the waitlist in the same transaction.
import type { Event, Prisma, Registration, RegistrationStatus } from '~/generated/prisma/client.ts'
import { isUniqueViolation, prisma } from '~/utils/db.server.ts'
import { queueEventEmail } from './emails.server.ts'
import { releaseParticipantMeetings } from '~/models/meetings/meetings.server.ts'
import { getMembership } from '~/models/directory/access.server.ts'

type Tx = Prisma.TransactionClient

/** Hundreds of people may register at once: wait for the pool and the event's row lock. */
export const REGISTRATION_TX = { maxWait: 120_000, timeout: 120_000 }

export const ACTIVE_STATUSES: RegistrationStatus[] = ['confirmed', 'waitlisted', 'pending_approval']

export type RegistrationRefusal =
  | 'notFound'
  | 'notOpen'
  | 'started'
  | 'deadlinePassed'
  | 'declined'
  | 'notMember'
  | 'notRegistered'
  | 'notPending'
  | 'notConfirmed'

export type RegistrationOutcome =
  | { ok: true; status: RegistrationStatus; registration: Registration; already?: boolean }
  | { ok: false; error: RegistrationRefusal }

/** Locks the event's row for the rest of the transaction and returns it. */
export async function lockEvent(tx: Tx, eventId: string): Promise<Event | null> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Event" WHERE "id" = ${eventId} FOR UPDATE`
  if (rows.length === 0) return null
  return tx.event.findUnique({ where: { id: eventId } })
}

/** Takes one seat if there is one left: the database decides, never a count read earlier. */
export async function takeSeat(tx: Tx, eventId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ confirmedCount: number }>>`
    UPDATE "Event" SET "confirmedCount" = "confirmedCount" + 1
    WHERE "id" = ${eventId} AND "confirmedCount" < "capacity"
    RETURNING "confirmedCount"`
  return rows.length === 1
}

async function releaseSeat(tx: Tx, eventId: string) {
  await tx.$executeRaw`
    UPDATE "Event" SET "confirmedCount" = "confirmedCount" - 1 WHERE "id" = ${eventId}`
}

/**
 * Gives free seats to the waitlist, oldest first, and sends each promoted person their
 * invite. Call with the event row locked. Nobody is promoted once the event has started.
 */
export async function fillSeatsFromWaitlist(tx: Tx, eventId: string, now = new Date()) {
  const promoted: Registration[] = []
  for (;;) {
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId } })
    if (event.status !== 'published' || event.startsAt <= now) break
    if (event.confirmedCount >= event.capacity) break
    const [next] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM "Registration"
      WHERE "eventId" = ${eventId} AND "status" = 'waitlisted'
      ORDER BY "waitlistedAt" ASC, "createdAt" ASC
      LIMIT 1
      FOR UPDATE SKIP LOCKED`
    if (!next) break
    if (!(await takeSeat(tx, eventId))) break
    const registration = await tx.registration.update({
      where: { id: next.id },
      data: { status: 'confirmed', confirmedAt: now },
    })
    const current = await tx.event.findUniqueOrThrow({ where: { id: eventId } })
    await queueEventEmail(tx, 'promoted', current, registration)
    promoted.push(registration)
  }
  return promoted
}

function registrationOpen(event: Event, now: Date): RegistrationRefusal | null {
  if (event.status !== 'published') return 'notOpen'
  if (event.startsAt <= now) return 'started'
  if (event.registrationDeadline && now > event.registrationDeadline) return 'deadlinePassed'
  return null
}

/**
 * Registers a person: a seat if one is left (confirmed), else the waitlist; or a request the
 * organizer approves when the event asks for it. Registering again is harmless.
 */
export async function registerForEvent(
  eventId: string,
  userId: string,
  { organisationId = null, now = new Date() }: { organisationId?: string | null; now?: Date } = {},
): Promise<RegistrationOutcome> {
  if (organisationId && !(await getMembership(organisationId, userId))) {
    return { ok: false, error: 'notMember' }
  }
  try {
    return await prisma.$transaction(async (tx): Promise<RegistrationOutcome> => {
      const event = await lockEvent(tx, eventId)
      if (!event) return { ok: false, error: 'notFound' }
      const existing = await tx.registration.findUnique({
        where: { eventId_userId: { eventId, userId } },
      })
      if (existing && ACTIVE_STATUSES.includes(existing.status)) {
        return { ok: true, status: existing.status, registration: existing, already: true }
      }
      if (existing?.status === 'declined') return { ok: false, error: 'declined' }
      const refusal = registrationOpen(event, now)
      if (refusal) return { ok: false, error: refusal }

      const status: RegistrationStatus = event.approvalRequired
        ? 'pending_approval'
        : (await takeSeat(tx, eventId))
          ? 'confirmed'
          : 'waitlisted'
      const data = {
        status,
        organisationId,
        confirmedAt: status === 'confirmed' ? now : null,
        waitlistedAt: status === 'waitlisted' ? now : null,
        cancelledAt: null,
        checkedInAt: null,
      }
      const registration = existing
        ? await tx.registration.update({ where: { id: existing.id }, data })
        : await tx.registration.create({ data: { eventId, userId, ...data } })
      const current =
        status === 'confirmed'
          ? await tx.event.findUniqueOrThrow({ where: { id: eventId } })
          : event
      await queueEventEmail(
        tx,
        status === 'confirmed' ? 'confirmed' : status === 'waitlisted' ? 'waitlisted' : 'pending',
        current,
        registration,
      )
      return { ok: true, status, registration }
    }, REGISTRATION_TX)
  } catch (error) {
    // The same person registering twice at once: the other request won.
    if (isUniqueViolation(error)) {
      const existing = await prisma.registration.findUnique({
        where: { eventId_userId: { eventId, userId } },
      })
      if (existing) {
        return { ok: true, status: existing.status, registration: existing, already: true }
      }
    }
    throw error
  }
}

/** The person cancels their own registration; a seat they held goes to the waitlist. */
export async function cancelRegistration(
  eventId: string,
  userId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<RegistrationOutcome> {
  return prisma.$transaction(async (tx): Promise<RegistrationOutcome> => {
    const event = await lockEvent(tx, eventId)
    if (!event) return { ok: false, error: 'notFound' }
    const existing = await tx.registration.findUnique({
      where: { eventId_userId: { eventId, userId } },
    })
    if (!existing || !ACTIVE_STATUSES.includes(existing.status)) {
      return { ok: false, error: 'notRegistered' }
    }
    if (event.startsAt <= now) return { ok: false, error: 'started' }
    const registration = await tx.registration.update({
      where: { id: existing.id },
      data: { status: 'cancelled', cancelledAt: now },
    })
    if (existing.status === 'confirmed') {
      await releaseSeat(tx, eventId)
      // Their 1:1 meetings of a business-meeting session go with the seat (CANCEL sent).
      await releaseParticipantMeetings(tx, eventId, userId)
    }
    const current = await tx.event.findUniqueOrThrow({ where: { id: eventId } })
    if (event.status !== 'cancelled') {
      await queueEventEmail(tx, 'registrationCancelled', current, registration, {
        previousStatus: existing.status,
      })
    }
    if (existing.status === 'confirmed') await fillSeatsFromWaitlist(tx, eventId, now)
    return { ok: true, status: 'cancelled', registration }
  }, REGISTRATION_TX)
}

async function pendingRegistration(tx: Tx, eventId: string, registrationId: string) {
  const registration = await tx.registration.findUnique({ where: { id: registrationId } })
  return registration && registration.eventId === eventId ? registration : null
}

/** The organizer accepts a request: a seat if one is left, else the waitlist. */
export async function approveRegistration(
  eventId: string,
  registrationId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<RegistrationOutcome> {
  return prisma.$transaction(async (tx): Promise<RegistrationOutcome> => {
    const event = await lockEvent(tx, eventId)
    if (!event) return { ok: false, error: 'notFound' }
    const existing = await pendingRegistration(tx, eventId, registrationId)
    if (!existing) return { ok: false, error: 'notFound' }
    if (existing.status !== 'pending_approval') return { ok: false, error: 'notPending' }
    if (event.status !== 'published') return { ok: false, error: 'notOpen' }
    const seat = event.startsAt > now && (await takeSeat(tx, eventId))
    const registration = await tx.registration.update({
      where: { id: existing.id },
      data: seat
        ? { status: 'confirmed', confirmedAt: now }
        : { status: 'waitlisted', waitlistedAt: now },
    })
    const current = await tx.event.findUniqueOrThrow({ where: { id: eventId } })
    await queueEventEmail(tx, seat ? 'confirmed' : 'waitlisted', current, registration)
    return { ok: true, status: registration.status, registration }
  }, REGISTRATION_TX)
}

export async function declineRegistration(
  eventId: string,
  registrationId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<RegistrationOutcome> {
  return prisma.$transaction(async (tx): Promise<RegistrationOutcome> => {
    const event = await lockEvent(tx, eventId)
    if (!event) return { ok: false, error: 'notFound' }
    const existing = await pendingRegistration(tx, eventId, registrationId)
    if (!existing) return { ok: false, error: 'notFound' }
    if (existing.status !== 'pending_approval') return { ok: false, error: 'notPending' }
    const registration = await tx.registration.update({
      where: { id: existing.id },
      data: { status: 'declined', cancelledAt: now },
    })
    await queueEventEmail(tx, 'declined', event, registration)
    return { ok: true, status: 'declined', registration }
  }, REGISTRATION_TX)
}

/** Day-of check-in (or its undo) of a confirmed person. */
export async function setCheckIn(
  eventId: string,
  registrationId: string,
  present: boolean,
  { now = new Date() }: { now?: Date } = {},
): Promise<RegistrationOutcome> {
  const { count } = await prisma.registration.updateMany({
    where: { id: registrationId, eventId, status: 'confirmed' },
    data: { checkedInAt: present ? now : null },
  })
  if (count === 0) return { ok: false, error: 'notConfirmed' }
  const registration = await prisma.registration.findUniqueOrThrow({
    where: { id: registrationId },
  })
  return { ok: true, status: registration.status, registration }
}

// ─── Reading ────────────────────────────────────────────────────────────────

export function getRegistration(eventId: string, userId: string) {
  return prisma.registration.findUnique({ where: { eventId_userId: { eventId, userId } } })
}

export interface RegistrationRow {
  id: string
  status: RegistrationStatus
  name: string
  email: string
  organisationName: string | null
  createdAt: Date
  confirmedAt: Date | null
  waitlistedAt: Date | null
  checkedInAt: Date | null
}

/** Every registration of an event with its person and organisation, in a stable order. */
export async function listEventRegistrations(eventId: string): Promise<RegistrationRow[]> {
  const registrations = await prisma.registration.findMany({
    where: { eventId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  const organisationIds = [
    ...new Set(registrations.map((r) => r.organisationId).filter((id): id is string => !!id)),
  ]
  const organisations = organisationIds.length
    ? await prisma.organisation.findMany({
        where: { id: { in: organisationIds } },
        select: { id: true, name: true },
      })
    : []
  const names = new Map(organisations.map((o) => [o.id, o.name]))
  return registrations.map((r) => ({
    id: r.id,
    status: r.status,
    name: r.user.name,
    email: r.user.email,
    organisationName: r.organisationId ? (names.get(r.organisationId) ?? null) : null,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    waitlistedAt: r.waitlistedAt,
    checkedInAt: r.checkedInAt,
  }))
}

/** Waitlist in promotion order. */
export function sortWaitlist(rows: RegistrationRow[]) {
  return rows
    .filter((row) => row.status === 'waitlisted')
    .sort(
      (a, b) =>
        (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    )
}

export function normalizeForSearch(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
}

/** Confirmed people whose name (or e-mail) contains the query, accents and case ignored. */
export async function searchCheckInList(eventId: string, query: string) {
  const rows = (await listEventRegistrations(eventId)).filter((r) => r.status === 'confirmed')
  const q = normalizeForSearch(query)
  return rows
    .filter(
      (row) =>
        !q || normalizeForSearch(row.name).includes(q) || normalizeForSearch(row.email).includes(q),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}

export interface RegistrationStats {
  confirmed: number
  waitlisted: number
  pending: number
  checkedIn: number
  byKind: Array<{ kind: string; count: number }>
  byChallenge: Array<{ code: string; count: number }>
}

/** Who comes (confirmed), by kind of organisation and by the challenge tags of those. */
export async function registrationStats(eventId: string): Promise<RegistrationStats> {
  const registrations = await prisma.registration.findMany({
    where: { eventId },
    select: { status: true, organisationId: true, checkedInAt: true },
  })
  const confirmed = registrations.filter((r) => r.status === 'confirmed')
  const organisationIds = [
    ...new Set(confirmed.map((r) => r.organisationId).filter((id): id is string => !!id)),
  ]
  const organisations = organisationIds.length
    ? await prisma.organisation.findMany({
        where: { id: { in: organisationIds } },
        select: { id: true, kind: true, challengeCodes: true },
      })
    : []
  const byId = new Map(organisations.map((o) => [o.id, o]))
  const kinds = new Map<string, number>()
  const challenges = new Map<string, number>()
  for (const registration of confirmed) {
    const organisation = registration.organisationId ? byId.get(registration.organisationId) : null
    const kind = organisation?.kind ?? 'none'
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
    for (const code of organisation?.challengeCodes ?? []) {
      challenges.set(code, (challenges.get(code) ?? 0) + 1)
    }
  }
  const sorted = <K extends string>(map: Map<string, number>, key: K) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, count]) => ({ [key]: value, count }) as Record<K, string> & { count: number })
  return {
    confirmed: confirmed.length,
    waitlisted: registrations.filter((r) => r.status === 'waitlisted').length,
    pending: registrations.filter((r) => r.status === 'pending_approval').length,
    checkedIn: confirmed.filter((r) => r.checkedInAt).length,
    byKind: sorted(kinds, 'kind'),
    byChallenge: sorted(challenges, 'code'),
  }
}

/** My registrations with their events (not drafts), soonest first. */
export function listMyRegistrations(userId: string) {
  return prisma.registration.findMany({
    where: { userId, event: { status: { not: 'draft' } } },
    include: { event: true },
    orderBy: { event: { startsAt: 'asc' } },
  })
}
