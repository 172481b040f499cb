// Business-meeting sessions (rendez-vous d'affaires) of an event: who may see and do what, the
// organizer's set-up (time windows split into slots, tables, caps, booking dates), and the
// participants' requests, answers and unavailability. Scheduling lives in
// meeting-planning.server.ts, e-mailed invites in meeting-calendar.server.ts.
import { data } from '@remix-run/node'
import type {
  Event,
  MeetingSession,
  MeetingSlot,
  Prisma,
  Registration,
} from '~/generated/prisma/client.ts'
import type { MeetingPriority } from '~/generated/prisma/enums.ts'
import { prisma } from '~/utils/db.server.ts'
import {
  computeSlots,
  MAX_SLOTS,
  parseWindowLines,
  sortWindows,
  tableNamesFrom,
  type InstantWindow,
  type LocalWindow,
} from './windows.ts'
import type { SessionConfigInput } from './validation.server.ts'
import { utcToZonedLocal, zonedLocalToUtc } from '~/utils/zoned-time.ts'
import { isEventOrganizer } from '~/models/events/access.server.ts'
import { queueMeetingEmails, queueRequestEmail } from './calendar.server.ts'
import type { Viewer } from '~/models/directory/access.server.ts'

type Tx = Prisma.TransactionClient

/** Long enough for a big session on the single-connection embedded database. */
export const MEETINGS_TX = { maxWait: 120_000, timeout: 120_000 }

/** A business rule refused the action: a catalogue key and the HTTP status to answer with. */
export class MeetingRuleError extends Error {
  constructor(
    readonly key: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(key)
  }
}

export interface MeetingContext {
  event: Event
  session: MeetingSession | null
  slots: MeetingSlot[]
  viewer: Viewer
  isOrganizer: boolean
  /** The viewer's confirmed registration, if any. */
  registration: Registration | null
}

/**
 * The business-meeting side of an event, as the viewer may see it: 404 when the event is
 * unknown, a draft they do not organise, or not of format rendez_vous.
 */
export async function loadMeetingContext(
  slug: string | undefined,
  viewer: Viewer,
): Promise<MeetingContext> {
  const event = slug ? await prisma.event.findUnique({ where: { slug } }) : null
  const isOrganizer = event ? isEventOrganizer(event, viewer) : false
  if (!event || (event.status === 'draft' && !isOrganizer) || event.format !== 'rendez_vous') {
    throw data('meetings:errors.eventNotFound', { status: 404 })
  }
  const [session, registration] = await Promise.all([
    prisma.meetingSession.findUnique({
      where: { eventId: event.id },
      include: { slots: { orderBy: { index: 'asc' } } },
    }),
    prisma.registration.findFirst({
      where: { eventId: event.id, userId: viewer.id, status: 'confirmed' },
    }),
  ])
  const { slots = [], ...sessionFields } = session ?? {}
  return {
    event,
    session: session ? (sessionFields as MeetingSession) : null,
    slots,
    viewer,
    isOrganizer,
    registration,
  }
}

export function requireOrganizer(context: MeetingContext) {
  if (!context.isOrganizer) throw data('meetings:errors.organizerOnly', { status: 403 })
}

export function isParticipant(context: MeetingContext) {
  return context.registration !== null
}

export function requireParticipant(context: MeetingContext) {
  if (!context.registration) throw data('meetings:errors.participantsOnly', { status: 403 })
  return context.registration
}

export type BookingState = 'not_configured' | 'not_open' | 'open' | 'closed'

/** Requests can be sent between the opening and closing dates, while the event is on. */
export function bookingState(
  context: Pick<MeetingContext, 'event' | 'session' | 'slots'>,
  now = new Date(),
): BookingState {
  const { session, event } = context
  if (!session || context.slots.length === 0 || session.tableNames.length === 0)
    return 'not_configured'
  if (event.status !== 'published' || now >= event.endsAt) return 'closed'
  if (session.bookingOpensAt && now < session.bookingOpensAt) return 'not_open'
  if (session.bookingClosesAt && now >= session.bookingClosesAt) return 'closed'
  return 'open'
}

/** Locks the session's row for the rest of the transaction: planning and changes queue up. */
export async function lockSession(tx: Tx, sessionId: string) {
  await tx.$queryRaw`SELECT "id" FROM "MeetingSession" WHERE "id" = ${sessionId} FOR UPDATE`
}

/** Cancels scheduled meetings (next SEQUENCE) and sends both people a CANCEL for each. */
async function cancelMeetings(tx: Tx, meetings: ReadonlyArray<{ id: string }>) {
  for (const meeting of meetings) {
    await tx.meeting.update({
      where: { id: meeting.id },
      data: { status: 'cancelled', locked: false, sequence: { increment: 1 } },
    })
  }
  await queueMeetingEmails(
    tx,
    meetings.map((meeting) => ({ meetingId: meeting.id, kind: 'cancelled' as const })),
  )
}

// ─── Set-up ─────────────────────────────────────────────────────────────────

export interface SessionFormValues {
  windows: string
  slotMinutes: number
  tableCount: number | null
  tableNames: string
  maxMeetingsPerParticipant: number
  bookingOpensAt: string
  bookingClosesAt: string
}

const StoredWindows = (value: unknown): InstantWindow[] =>
  Array.isArray(value)
    ? value.flatMap((item) => {
        const start = new Date((item as { start?: string })?.start ?? '')
        const end = new Date((item as { end?: string })?.end ?? '')
        return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) ? [] : [{ start, end }]
      })
    : []

/** The form's values: the stored session in the event's zone, or sensible defaults. */
export function sessionFormValues(context: MeetingContext): SessionFormValues {
  const { event, session } = context
  const zone = event.timeZone
  if (!session) {
    const day = utcToZonedLocal(event.startsAt, zone).slice(0, 10)
    return {
      windows: `${day} 09:00-10:40\n${day} 11:00-12:20`,
      slotMinutes: 20,
      tableCount: 10,
      tableNames: '',
      maxMeetingsPerParticipant: 8,
      bookingOpensAt: utcToZonedLocal(new Date(), zone),
      bookingClosesAt: utcToZonedLocal(event.startsAt, zone),
    }
  }
  const windows: LocalWindow[] = StoredWindows(session.windows).map((window) => {
    const start = utcToZonedLocal(window.start, zone)
    return {
      date: start.slice(0, 10),
      start: start.slice(11, 16),
      end: utcToZonedLocal(window.end, zone).slice(11, 16),
    }
  })
  const numbered = session.tableNames.every((name, index) => name === String(index + 1))
  return {
    windows: windows.map((w) => `${w.date} ${w.start}-${w.end}`).join('\n'),
    slotMinutes: session.slotMinutes,
    tableCount: numbered ? session.tableNames.length : null,
    tableNames: numbered ? '' : session.tableNames.join('\n'),
    maxMeetingsPerParticipant: session.maxMeetingsPerParticipant,
    bookingOpensAt: session.bookingOpensAt ? utcToZonedLocal(session.bookingOpensAt, zone) : '',
    bookingClosesAt: session.bookingClosesAt ? utcToZonedLocal(session.bookingClosesAt, zone) : '',
  }
}

/** Windows typed in the event's zone as UTC instants, checked against the event's dates. */
export function resolveWindows(
  text: string,
  event: Pick<Event, 'timeZone' | 'startsAt' | 'endsAt'>,
) {
  const parsed = parseWindowLines(text)
  if (!parsed.ok) throw new MeetingRuleError('meetings:errors.windowFormat', 400, 'windows')
  const windows: InstantWindow[] = []
  for (const window of parsed.windows) {
    const start = zonedLocalToUtc(`${window.date}T${window.start}`, event.timeZone)
    const end = zonedLocalToUtc(`${window.date}T${window.end}`, event.timeZone)
    if (!start || !end) throw new MeetingRuleError('meetings:errors.windowFormat', 400, 'windows')
    if (end <= start)
      throw new MeetingRuleError('meetings:errors.windowEndBeforeStart', 400, 'windows')
    if (start < event.startsAt || end > event.endsAt)
      throw new MeetingRuleError('meetings:errors.windowOutsideEvent', 400, 'windows')
    windows.push({ start, end })
  }
  const sorted = sortWindows(windows)
  if (!sorted) throw new MeetingRuleError('meetings:errors.windowsOverlap', 400, 'windows')
  return sorted
}

export type SaveSessionOutcome =
  | { status: 'saved'; slots: number; cancelledMeetings: number }
  /** Scheduled meetings sit on slots or tables the change removes: confirm to cancel them. */
  | { status: 'needs_confirmation'; affectedMeetings: number }

/**
 * Saves the set-up and materialises the slots. Slots are matched by their times: a meeting or
 * an unavailability on a slot that still exists follows it even if its index changes. Scheduled
 * meetings on a removed slot or table are never dropped silently: the change is refused until
 * the organizer confirms, then they are cancelled and both people get a CANCEL invite.
 */
export async function saveSessionConfig(
  context: MeetingContext,
  input: SessionConfigInput,
): Promise<SaveSessionOutcome> {
  requireOrganizer(context)
  const { event } = context
  const windows = resolveWindows(input.windows, event)
  const slots = computeSlots(windows, input.slotMinutes)
  if (slots.length === 0)
    throw new MeetingRuleError('meetings:errors.windowTooShort', 400, 'windows')
  if (slots.length > MAX_SLOTS)
    throw new MeetingRuleError('meetings:errors.tooManySlots', 400, 'windows')
  const tableNames = tableNamesFrom(input.tableNames, input.tableCount)
  const opensAt = zonedLocalToUtc(input.bookingOpensAt, event.timeZone)
  const closesAt = zonedLocalToUtc(input.bookingClosesAt, event.timeZone)
  if (!opensAt) throw new MeetingRuleError('meetings:errors.dateTimeInvalid', 400, 'bookingOpensAt')
  if (!closesAt)
    throw new MeetingRuleError('meetings:errors.dateTimeInvalid', 400, 'bookingClosesAt')
  if (closesAt <= opensAt)
    throw new MeetingRuleError('meetings:errors.bookingCloseBeforeOpen', 400, 'bookingClosesAt')
  if (closesAt > event.endsAt)
    throw new MeetingRuleError('meetings:errors.bookingClosesAfterEvent', 400, 'bookingClosesAt')

  const fields = {
    slotMinutes: input.slotMinutes,
    windows: windows.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
    tableNames,
    maxMeetingsPerParticipant: input.maxMeetingsPerParticipant,
    bookingOpensAt: opensAt,
    bookingClosesAt: closesAt,
  }

  return prisma.$transaction(async (tx) => {
    const session = await tx.meetingSession.upsert({
      where: { eventId: event.id },
      create: { eventId: event.id, ...fields },
      update: {},
    })
    await lockSession(tx, session.id)
    const oldSlots = await tx.meetingSlot.findMany({ where: { sessionId: session.id } })
    const newIndexByTimes = new Map(
      slots.map((slot) => [`${slot.startsAt.getTime()}/${slot.endsAt.getTime()}`, slot.index]),
    )
    const remap = new Map<number, number>()
    for (const slot of oldSlots) {
      const index = newIndexByTimes.get(`${slot.startsAt.getTime()}/${slot.endsAt.getTime()}`)
      if (index !== undefined) remap.set(slot.index, index)
    }
    const tables = new Set(tableNames)
    const meetings = await tx.meeting.findMany({ where: { sessionId: session.id } })
    const affected = meetings.filter(
      (m) => m.status === 'scheduled' && (!remap.has(m.slotIndex) || !tables.has(m.tableLabel)),
    )
    if (affected.length > 0 && !input.cancelAffected) {
      return { status: 'needs_confirmation', affectedMeetings: affected.length } as const
    }

    // Before the slots are replaced: the CANCEL invites carry the old times.
    await cancelMeetings(tx, affected)

    // Follow the slots to their new index; negative values first so the unique index
    // (session, slot, table) of scheduled meetings never sees two rows at once.
    const moving = meetings.filter(
      (m) => remap.has(m.slotIndex) && remap.get(m.slotIndex) !== m.slotIndex,
    )
    for (const meeting of moving) {
      await tx.meeting.update({
        where: { id: meeting.id },
        data: { slotIndex: -1 - remap.get(meeting.slotIndex)! },
      })
    }
    if (moving.length > 0) {
      await tx.$executeRaw`
        UPDATE "Meeting" SET "slotIndex" = -1 - "slotIndex"
        WHERE "sessionId" = ${session.id} AND "slotIndex" < 0`
    }

    const unavailability = await tx.meetingUnavailability.findMany({
      where: { sessionId: session.id },
    })
    await tx.meetingUnavailability.deleteMany({ where: { sessionId: session.id } })
    await tx.meetingUnavailability.createMany({
      data: unavailability.flatMap((row) =>
        remap.has(row.slotIndex)
          ? [{ sessionId: session.id, userId: row.userId, slotIndex: remap.get(row.slotIndex)! }]
          : [],
      ),
    })

    await tx.meetingSlot.deleteMany({ where: { sessionId: session.id } })
    await tx.meetingSlot.createMany({
      data: slots.map((slot) => ({ sessionId: session.id, ...slot })),
    })
    await tx.meetingSession.update({ where: { id: session.id }, data: fields })
    return { status: 'saved', slots: slots.length, cancelledMeetings: affected.length } as const
  }, MEETINGS_TX)
}

// ─── Participants ───────────────────────────────────────────────────────────

export interface ListedOrganisation {
  id: string
  name: string
  slug: string
}

type OrganisationRow = {
  id: string
  name: string
  slug: string
  visibility: 'draft' | 'members' | 'public'
  unpublishedAt: Date | null
}

/** Organisations shown to other participants: published ones only (never a draft's name). */
export function listedOrganisation(organisation: OrganisationRow | null | undefined) {
  if (!organisation || organisation.visibility === 'draft' || organisation.unpublishedAt)
    return null
  return { id: organisation.id, name: organisation.name, slug: organisation.slug }
}

export interface SessionParticipant {
  userId: string
  name: string
  organisation: ListedOrganisation | null
}

/** Everyone with a confirmed registration, with the organisation they come for. */
export async function sessionParticipants(eventId: string): Promise<SessionParticipant[]> {
  const registrations = await prisma.registration.findMany({
    where: { eventId, status: 'confirmed' },
    select: { userId: true, organisationId: true, user: { select: { name: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const organisationIds = registrations.flatMap((r) => (r.organisationId ? [r.organisationId] : []))
  const organisations = new Map(
    (
      await prisma.organisation.findMany({
        where: { id: { in: organisationIds } },
        select: { id: true, name: true, slug: true, visibility: true, unpublishedAt: true },
      })
    ).map((organisation) => [organisation.id, organisation]),
  )
  return registrations.map((registration) => ({
    userId: registration.userId,
    name: registration.user.name,
    organisation: listedOrganisation(
      registration.organisationId ? organisations.get(registration.organisationId) : null,
    ),
  }))
}

export interface RequestView {
  id: string
  direction: 'sent' | 'received'
  counterpart: SessionParticipant
  priority: MeetingPriority
  message: string
  status: 'pending' | 'accepted' | 'declined' | 'cancelled'
  createdAt: Date
  meeting: { slotIndex: number; tableLabel: string } | null
}

/** The viewer's requests, sent and received, newest first. */
export async function requestsOf(
  context: MeetingContext,
  participants: SessionParticipant[],
): Promise<RequestView[]> {
  if (!context.session) return []
  const userId = context.viewer.id
  const requests = await prisma.meetingRequest.findMany({
    where: {
      sessionId: context.session.id,
      OR: [{ requesterId: userId }, { recipientId: userId }],
    },
    include: { meeting: true },
    orderBy: { createdAt: 'desc' },
  })
  const byId = new Map(participants.map((p) => [p.userId, p]))
  const missingIds = requests
    .map((r) => (r.requesterId === userId ? r.recipientId : r.requesterId))
    .filter((id) => !byId.has(id))
  if (missingIds.length > 0) {
    // People who are no longer registered still show under their name.
    for (const user of await prisma.user.findMany({
      where: { id: { in: missingIds } },
      select: { id: true, name: true },
    })) {
      byId.set(user.id, { userId: user.id, name: user.name, organisation: null })
    }
  }
  return requests.map((request) => {
    const sent = request.requesterId === userId
    const counterpartId = sent ? request.recipientId : request.requesterId
    return {
      id: request.id,
      direction: sent ? 'sent' : 'received',
      counterpart: byId.get(counterpartId) ?? {
        userId: counterpartId,
        name: '',
        organisation: null,
      },
      priority: request.priority,
      message: request.message,
      status: request.status,
      createdAt: request.createdAt,
      meeting:
        request.meeting?.status === 'scheduled'
          ? { slotIndex: request.meeting.slotIndex, tableLabel: request.meeting.tableLabel }
          : null,
    }
  })
}

export async function unavailableSlotsOf(sessionId: string, userId: string) {
  const rows = await prisma.meetingUnavailability.findMany({
    where: { sessionId, userId },
    select: { slotIndex: true },
    orderBy: { slotIndex: 'asc' },
  })
  return rows.map((row) => row.slotIndex)
}

// ─── Requests ───────────────────────────────────────────────────────────────

function requireSession(context: MeetingContext) {
  if (!context.session || context.slots.length === 0)
    throw new MeetingRuleError('meetings:errors.notConfigured', 409)
  return context.session
}

export async function createMeetingRequest(
  context: MeetingContext,
  input: { recipientId: string; priority: MeetingPriority; message?: string },
  now = new Date(),
) {
  requireParticipant(context)
  const session = requireSession(context)
  const state = bookingState(context, now)
  if (state !== 'open') {
    throw new MeetingRuleError(
      state === 'not_open' ? 'meetings:errors.bookingNotOpen' : 'meetings:errors.bookingClosed',
      409,
    )
  }
  const requesterId = context.viewer.id
  if (input.recipientId === requesterId)
    throw new MeetingRuleError('meetings:errors.cannotRequestSelf', 400, 'recipientId')
  const recipient = await prisma.registration.findFirst({
    where: { eventId: context.event.id, userId: input.recipientId, status: 'confirmed' },
  })
  if (!recipient)
    throw new MeetingRuleError('meetings:errors.recipientNotParticipant', 400, 'recipientId')

  return prisma.$transaction(async (tx) => {
    await lockSession(tx, session.id)
    const existing = await tx.meetingRequest.findMany({
      where: {
        sessionId: session.id,
        OR: [
          { requesterId, recipientId: input.recipientId },
          { requesterId: input.recipientId, recipientId: requesterId },
        ],
      },
    })
    if (existing.some((r) => r.status === 'pending' || r.status === 'accepted'))
      throw new MeetingRuleError('meetings:errors.requestExists', 409)
    const mine = existing.find((r) => r.requesterId === requesterId)
    if (mine?.status === 'declined')
      throw new MeetingRuleError('meetings:errors.requestDeclinedBefore', 409)
    const values = {
      priority: input.priority,
      message: input.message ?? '',
      status: 'pending' as const,
      respondedAt: null,
    }
    // A request the requester cancelled earlier is sent again (one row per pair and direction).
    const request = mine
      ? await tx.meetingRequest.update({
          where: { id: mine.id },
          data: { ...values, createdAt: now },
        })
      : await tx.meetingRequest.create({
          data: { sessionId: session.id, requesterId, recipientId: input.recipientId, ...values },
        })
    await queueRequestEmail(tx, request.id, 'received')
    return request
  }, MEETINGS_TX)
}

/** Accept or decline a pending request received; cancel one's own (or an accepted one). */
export async function decideMeetingRequest(
  context: MeetingContext,
  requestId: string,
  decision: 'accept' | 'decline' | 'cancel',
  now = new Date(),
) {
  requireParticipant(context)
  const session = requireSession(context)
  const userId = context.viewer.id
  return prisma.$transaction(async (tx) => {
    await lockSession(tx, session.id)
    const request = await tx.meetingRequest.findFirst({
      where: {
        id: requestId,
        sessionId: session.id,
        OR: [{ requesterId: userId }, { recipientId: userId }],
      },
      include: { meeting: true },
    })
    if (!request) throw new MeetingRuleError('meetings:errors.requestNotFound', 404)
    const isRecipient = request.recipientId === userId
    if (decision === 'accept' || decision === 'decline') {
      if (!isRecipient) throw new MeetingRuleError('meetings:errors.requestNotFound', 404)
      if (request.status !== 'pending')
        throw new MeetingRuleError('meetings:errors.requestNotPending', 409)
      const updated = await tx.meetingRequest.update({
        where: { id: request.id },
        data: { status: decision === 'accept' ? 'accepted' : 'declined', respondedAt: now },
      })
      if (decision === 'accept') await queueRequestEmail(tx, request.id, 'accepted')
      return updated
    }
    // Cancel: the requester while pending or accepted; either side once accepted.
    const allowed = request.status === 'accepted' || (request.status === 'pending' && !isRecipient)
    if (!allowed) throw new MeetingRuleError('meetings:errors.requestNotCancellable', 409)
    const updated = await tx.meetingRequest.update({
      where: { id: request.id },
      data: { status: 'cancelled', respondedAt: now },
    })
    if (request.meeting?.status === 'scheduled') await cancelMeetings(tx, [request.meeting])
    return updated
  }, MEETINGS_TX)
}

/** Replaces the viewer's unavailable slots; returns their meetings now at an unavailable slot. */
export async function setUnavailability(context: MeetingContext, slotIndexes: number[]) {
  requireParticipant(context)
  const session = requireSession(context)
  const userId = context.viewer.id
  const valid = [...new Set(slotIndexes)].filter((i) => i >= 0 && i < context.slots.length)
  if (valid.length !== new Set(slotIndexes).size)
    throw new MeetingRuleError('meetings:errors.slotUnknown', 400)
  return prisma.$transaction(async (tx) => {
    await lockSession(tx, session.id)
    await tx.meetingUnavailability.deleteMany({ where: { sessionId: session.id, userId } })
    await tx.meetingUnavailability.createMany({
      data: valid.map((slotIndex) => ({ sessionId: session.id, userId, slotIndex })),
    })
    return tx.meeting.count({
      where: {
        sessionId: session.id,
        status: 'scheduled',
        slotIndex: { in: valid },
        request: { OR: [{ requesterId: userId }, { recipientId: userId }] },
      },
    })
  }, MEETINGS_TX)
}

/**
 * For the events flow: when an event is cancelled, every scheduled meeting is cancelled too and
 * both people get a CANCEL for it. Call inside the caller's transaction.
 */
export async function cancelEventMeetings(tx: Tx, eventId: string) {
  const session = await tx.meetingSession.findUnique({ where: { eventId } })
  if (!session) return 0
  await lockSession(tx, session.id)
  const meetings = await tx.meeting.findMany({
    where: { sessionId: session.id, status: 'scheduled' },
  })
  await cancelMeetings(tx, meetings)
  return meetings.length
}

/**
 * For the registrations flow: when someone's seat goes, their scheduled meetings are cancelled
 * (with CANCEL invites) and their open requests closed. Call inside the caller's transaction.
 */
export async function releaseParticipantMeetings(tx: Tx, eventId: string, userId: string) {
  const session = await tx.meetingSession.findUnique({ where: { eventId } })
  if (!session) return 0
  await lockSession(tx, session.id)
  const meetings = await tx.meeting.findMany({
    where: {
      sessionId: session.id,
      status: 'scheduled',
      request: { OR: [{ requesterId: userId }, { recipientId: userId }] },
    },
  })
  await cancelMeetings(tx, meetings)
  await tx.meetingRequest.updateMany({
    where: {
      sessionId: session.id,
      status: { in: ['pending', 'accepted'] },
      OR: [{ requesterId: userId }, { recipientId: userId }],
    },
    data: { status: 'cancelled', respondedAt: new Date() },
  })
  return meetings.length
}

// ─── Agenda and grid ────────────────────────────────────────────────────────

export interface AgendaEntry {
  meetingId: string
  slotIndex: number
  startsAt: Date
  endsAt: Date
  tableLabel: string
  counterpart: SessionParticipant
  priority: MeetingPriority
  message: string
}

/** The viewer's scheduled meetings in time order. */
export async function participantAgenda(
  context: MeetingContext,
  participants: SessionParticipant[],
): Promise<AgendaEntry[]> {
  if (!context.session) return []
  const userId = context.viewer.id
  const meetings = await prisma.meeting.findMany({
    where: {
      sessionId: context.session.id,
      status: 'scheduled',
      request: { OR: [{ requesterId: userId }, { recipientId: userId }] },
    },
    include: { request: true },
    orderBy: { slotIndex: 'asc' },
  })
  const people = new Map(participants.map((p) => [p.userId, p]))
  const slots = new Map(context.slots.map((slot) => [slot.index, slot]))
  return meetings.flatMap((meeting) => {
    const slot = slots.get(meeting.slotIndex)
    if (!slot) return []
    const { requesterId, recipientId } = meeting.request
    const counterpartId = requesterId === userId ? recipientId : requesterId
    return [
      {
        meetingId: meeting.id,
        slotIndex: meeting.slotIndex,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        tableLabel: meeting.tableLabel,
        counterpart: people.get(counterpartId) ?? {
          userId: counterpartId,
          name: '',
          organisation: null,
        },
        priority: meeting.request.priority,
        message: meeting.request.message,
      },
    ]
  })
}

export interface GridMeeting {
  meetingId: string
  slotIndex: number
  tableLabel: string
  locked: boolean
  priority: MeetingPriority
  people: [SessionParticipant, SessionParticipant]
}

/** Every scheduled meeting of the session with both people (organizer views). */
export async function sessionMeetings(
  context: MeetingContext,
  participants: SessionParticipant[],
): Promise<GridMeeting[]> {
  requireOrganizer(context)
  if (!context.session) return []
  const meetings = await prisma.meeting.findMany({
    where: { sessionId: context.session.id, status: 'scheduled' },
    include: { request: true },
    orderBy: [{ slotIndex: 'asc' }, { tableLabel: 'asc' }],
  })
  const people = new Map(participants.map((p) => [p.userId, p]))
  const missing = meetings
    .flatMap((m) => [m.request.requesterId, m.request.recipientId])
    .filter((id) => !people.has(id))
  for (const user of missing.length
    ? await prisma.user.findMany({
        where: { id: { in: missing } },
        select: { id: true, name: true },
      })
    : []) {
    people.set(user.id, { userId: user.id, name: user.name, organisation: null })
  }
  const person = (id: string) => people.get(id) ?? { userId: id, name: '', organisation: null }
  return meetings.map((meeting) => ({
    meetingId: meeting.id,
    slotIndex: meeting.slotIndex,
    tableLabel: meeting.tableLabel,
    locked: meeting.locked,
    priority: meeting.request.priority,
    people: [person(meeting.request.requesterId), person(meeting.request.recipientId)],
  }))
}
