// "Générer le planning": runs the scheduler on the accepted requests of a session and writes
// the result — meetings created, moved or cancelled, each with its invites — in one
// transaction. The scheduler keeps locked meetings where they are and moves as few of the
// announced (currently scheduled) meetings as it can.
import { createHash, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { queueMeetingEmails, type MeetingChange } from './calendar.server.ts'
import {
  lockSession,
  MEETINGS_TX,
  MeetingRuleError,
  requireOrganizer,
  type MeetingContext,
} from './meetings.server.ts'
import {
  scheduleMeetings,
  validateSchedule,
  type LockIssueCode,
  type ScheduleInput,
  type ScheduleStats,
  type UnscheduledReason,
} from './scheduling.server.ts'

type Db = Pick<
  Prisma.TransactionClient,
  | 'meetingSession'
  | 'meetingSlot'
  | 'registration'
  | 'meetingUnavailability'
  | 'meetingRequest'
  | 'meeting'
>

/** Safety net for very large sessions; the default effort finishes far sooner. */
const SCHEDULER_TIME_BUDGET_MS = 20_000
const MAX_ATTEMPTS = 3

export const PLANNING_AUDIT_ACTION = 'meetings.planning'

async function loadInput(db: Db, sessionId: string): Promise<ScheduleInput> {
  const session = await db.meetingSession.findUniqueOrThrow({ where: { id: sessionId } })
  const [slotCount, registrations, unavailability, requests, meetings] = await Promise.all([
    db.meetingSlot.count({ where: { sessionId } }),
    db.registration.findMany({
      where: { eventId: session.eventId, status: 'confirmed' },
      select: { userId: true },
      orderBy: { userId: 'asc' },
    }),
    db.meetingUnavailability.findMany({
      where: { sessionId },
      orderBy: [{ userId: 'asc' }, { slotIndex: 'asc' }],
    }),
    db.meetingRequest.findMany({
      where: { sessionId, status: 'accepted' },
      select: { id: true, requesterId: true, recipientId: true, priority: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    db.meeting.findMany({
      where: { sessionId, status: 'scheduled' },
      select: { requestId: true, slotIndex: true, tableLabel: true, locked: true },
      orderBy: [{ slotIndex: 'asc' }, { tableLabel: 'asc' }],
    }),
  ])
  const unavailableOf = new Map<string, number[]>()
  for (const row of unavailability) {
    const list = unavailableOf.get(row.userId) ?? []
    list.push(row.slotIndex)
    unavailableOf.set(row.userId, list)
  }
  const assignments = meetings.map((m) => ({
    requestId: m.requestId,
    slotIndex: m.slotIndex,
    table: m.tableLabel,
  }))
  return {
    slotCount,
    tables: session.tableNames,
    maxMeetingsPerParticipant: session.maxMeetingsPerParticipant,
    participants: registrations.map(({ userId }) => ({
      id: userId,
      unavailableSlots: unavailableOf.get(userId) ?? [],
    })),
    requests: requests.map((r) => ({
      id: r.id,
      participantIds: [r.requesterId, r.recipientId] as const,
      priority: r.priority,
    })),
    locked: meetings.flatMap((m, i) => (m.locked ? [assignments[i]] : [])),
    previous: assignments,
  }
}

function fingerprint(input: ScheduleInput) {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex')
}

export interface PlanningReport {
  at: string
  stats: ScheduleStats
  created: number
  moved: number
  cancelled: number
  kept: number
  unscheduled: Array<{ requestId: string; reason: UnscheduledReason; participantId?: string }>
  lockIssues: Array<{ requestId: string; code: LockIssueCode }>
}

/**
 * Schedules the session and persists the result. The scheduler runs outside the transaction;
 * the transaction then locks the session and checks that its input has not changed meanwhile
 * (otherwise it starts again), so a request cancelled during the run is never scheduled.
 */
export async function generatePlanning(
  context: MeetingContext,
  now = new Date(),
): Promise<PlanningReport> {
  requireOrganizer(context)
  const session = context.session
  if (!session || context.slots.length === 0 || session.tableNames.length === 0)
    throw new MeetingRuleError('meetings:errors.notConfigured', 409)

  for (let attempt = 1; ; attempt++) {
    const input = await loadInput(prisma, session.id)
    const expected = fingerprint(input)
    const result = scheduleMeetings(input, { timeBudgetMs: SCHEDULER_TIME_BUDGET_MS })
    const violations = validateSchedule(input, result)
    if (violations.length > 0) {
      throw new Error(
        `The scheduler produced an invalid schedule: ${JSON.stringify(violations[0])}`,
      )
    }
    const report = await prisma.$transaction(async (tx) => {
      await lockSession(tx, session.id)
      if (fingerprint(await loadInput(tx, session.id)) !== expected) return null
      const changes = await applySchedule(tx, session.id, result.meetings, now)
      const counts = { created: 0, moved: 0, cancelled: 0 }
      for (const change of changes) {
        if (change.kind === 'cancelled') counts.cancelled++
        else if (change.kind === 'moved') counts.moved++
        else counts.created++
      }
      await queueMeetingEmails(tx, changes)
      const report: PlanningReport = {
        at: now.toISOString(),
        stats: result.stats,
        ...counts,
        kept: result.meetings.length - counts.created - counts.moved,
        unscheduled: result.unscheduled.map(({ requestId, reason, participantId }) => ({
          requestId,
          reason,
          ...(participantId ? { participantId } : {}),
        })),
        lockIssues: result.lockIssues.map(({ requestId, code }) => ({ requestId, code })),
      }
      await tx.meetingSession.update({
        where: { id: session.id },
        data: { lastScheduledAt: now },
      })
      await tx.auditLog.create({
        data: {
          actorId: context.viewer.id,
          action: PLANNING_AUDIT_ACTION,
          targetType: 'MeetingSession',
          targetId: session.id,
          details: report as unknown as Prisma.InputJsonValue,
        },
      })
      return report
    }, MEETINGS_TX)
    if (report) return report
    if (attempt >= MAX_ATTEMPTS) throw new MeetingRuleError('meetings:errors.planningBusy', 409)
  }
}

/**
 * Writes the new schedule over the session's meetings: new ones are created (SEQUENCE 0), moved
 * or revived ones get the next SEQUENCE, scheduled ones left out are cancelled (next SEQUENCE).
 */
async function applySchedule(
  tx: Prisma.TransactionClient,
  sessionId: string,
  planned: ReadonlyArray<{ requestId: string; slotIndex: number; table: string | number }>,
  now: Date,
): Promise<MeetingChange[]> {
  const existing = await tx.meeting.findMany({ where: { sessionId } })
  const byRequest = new Map(existing.map((m) => [m.requestId, m]))
  const plannedRequests = new Set(planned.map((p) => p.requestId))
  const changes: MeetingChange[] = []

  const cancelled = existing.filter(
    (m) => m.status === 'scheduled' && !plannedRequests.has(m.requestId),
  )
  for (const meeting of cancelled) {
    await tx.meeting.update({
      where: { id: meeting.id },
      data: { status: 'cancelled', locked: false, sequence: { increment: 1 } },
    })
    changes.push({ meetingId: meeting.id, kind: 'cancelled' })
  }

  const moves: Array<{ id: string; slotIndex: number; tableLabel: string; revived: boolean }> = []
  const created: Prisma.MeetingCreateManyInput[] = []
  for (const item of planned) {
    const tableLabel = String(item.table)
    const meeting = byRequest.get(item.requestId)
    if (!meeting) {
      created.push({
        id: randomUUID(),
        sessionId,
        requestId: item.requestId,
        slotIndex: item.slotIndex,
        tableLabel,
        status: 'scheduled',
        sequence: 0,
        announcedAt: now,
      })
      continue
    }
    const inPlace =
      meeting.status === 'scheduled' &&
      meeting.slotIndex === item.slotIndex &&
      meeting.tableLabel === tableLabel
    if (!inPlace) {
      moves.push({
        id: meeting.id,
        slotIndex: item.slotIndex,
        tableLabel,
        revived: meeting.status !== 'scheduled',
      })
    }
  }
  // Moved meetings leave their places first, so that the unique index on (session, slot,
  // table) never sees two scheduled meetings at one table while they swap places.
  for (const move of moves) {
    if (!move.revived)
      await tx.meeting.update({ where: { id: move.id }, data: { tableLabel: `~${move.id}` } })
  }
  for (const move of moves) {
    await tx.meeting.update({
      where: { id: move.id },
      data: {
        slotIndex: move.slotIndex,
        tableLabel: move.tableLabel,
        status: 'scheduled',
        sequence: { increment: 1 },
        announcedAt: now,
      },
    })
    changes.push({ meetingId: move.id, kind: move.revived ? 'scheduled' : 'moved' })
  }
  if (created.length > 0) await tx.meeting.createMany({ data: created })
  for (const meeting of created) changes.push({ meetingId: meeting.id!, kind: 'scheduled' })
  return changes
}

/** The organizer pins a meeting where it is (the scheduler will not move it) or frees it. */
export async function setMeetingLock(context: MeetingContext, meetingId: string, locked: boolean) {
  requireOrganizer(context)
  const session = context.session
  if (!session) throw new MeetingRuleError('meetings:errors.meetingNotFound', 404)
  const { count } = await prisma.meeting.updateMany({
    where: { id: meetingId, sessionId: session.id, status: 'scheduled' },
    data: { locked },
  })
  if (count === 0) throw new MeetingRuleError('meetings:errors.meetingNotFound', 404)
}

const ReportSchema = z.object({
  at: z.string(),
  stats: z.object({
    requests: z.number(),
    scheduled: z.number(),
    scheduledWeight: z.number(),
    locked: z.number(),
    keptFromPrevious: z.number(),
    movedFromPrevious: z.number(),
    droppedFromPrevious: z.number(),
  }),
  created: z.number(),
  moved: z.number(),
  cancelled: z.number(),
  kept: z.number(),
  unscheduled: z.array(
    z.object({
      requestId: z.string(),
      reason: z.string() as z.ZodType<UnscheduledReason>,
      participantId: z.string().optional(),
    }),
  ),
  lockIssues: z.array(
    z.object({ requestId: z.string(), code: z.string() as z.ZodType<LockIssueCode> }),
  ),
})

/** The report of the last "Générer le planning" of the session, if any. */
export async function lastPlanningReport(sessionId: string): Promise<PlanningReport | null> {
  const entry = await prisma.auditLog.findFirst({
    where: { action: PLANNING_AUDIT_ACTION, targetType: 'MeetingSession', targetId: sessionId },
    orderBy: { createdAt: 'desc' },
  })
  const parsed = ReportSchema.safeParse(entry?.details)
  return parsed.success ? parsed.data : null
}

export interface PlanningOverview {
  requests: { pending: number; accepted: number; declined: number; cancelled: number }
  scheduled: number
  locked: number
  participants: number
}

export async function planningOverview(context: MeetingContext): Promise<PlanningOverview> {
  requireOrganizer(context)
  const requests = { pending: 0, accepted: 0, declined: 0, cancelled: 0 }
  const session = context.session
  const participants = await prisma.registration.count({
    where: { eventId: context.event.id, status: 'confirmed' },
  })
  if (!session) return { requests, scheduled: 0, locked: 0, participants }
  const [groups, scheduled, locked] = await Promise.all([
    prisma.meetingRequest.groupBy({
      by: ['status'],
      where: { sessionId: session.id },
      _count: { _all: true },
    }),
    prisma.meeting.count({ where: { sessionId: session.id, status: 'scheduled' } }),
    prisma.meeting.count({ where: { sessionId: session.id, status: 'scheduled', locked: true } }),
  ])
  for (const group of groups) requests[group.status] = group._count._all
  return { requests, scheduled, locked, participants }
}

export interface UnplannedRequest {
  requestId: string
  requesterId: string
  recipientId: string
  priority: 'indispensable' | 'souhaite'
  /** From the last run; null when the request was accepted after it. */
  reason: UnscheduledReason | null
  participantId: string | null
}

/** Accepted requests without a scheduled meeting, with the reason the last run gave. */
export async function unplannedRequests(
  context: MeetingContext,
  report: PlanningReport | null,
): Promise<UnplannedRequest[]> {
  requireOrganizer(context)
  if (!context.session) return []
  const requests = await prisma.meetingRequest.findMany({
    where: {
      sessionId: context.session.id,
      status: 'accepted',
      OR: [{ meeting: null }, { meeting: { status: 'cancelled' } }],
    },
    orderBy: { createdAt: 'asc' },
  })
  const reasons = new Map(report?.unscheduled.map((u) => [u.requestId, u]) ?? [])
  return requests.map((request) => {
    const known = reasons.get(request.id)
    return {
      requestId: request.id,
      requesterId: request.requesterId,
      recipientId: request.recipientId,
      priority: request.priority,
      reason: known?.reason ?? null,
      participantId: known?.participantId ?? null,
    }
  })
}
