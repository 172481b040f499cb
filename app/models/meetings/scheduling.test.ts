import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_DROP_COST,
  DEFAULT_MOVE_COST,
  DEFAULT_WEIGHTS,
  scheduleMeetings,
  scheduleUpperBound,
  validateSchedule,
  type MeetingPriority,
  type ScheduleInput,
  type ScheduleResult,
  type SlotAssignment,
} from './scheduling.server.ts'

interface SessionShape {
  maxParticipants: number
  maxSlots: number
  maxTables: number
  maxRequests: number
}

/** Random sessions, including some locks and a previous schedule (both possibly invalid). */
function sessionArbitrary({ maxParticipants, maxSlots, maxTables, maxRequests }: SessionShape) {
  return fc
    .record({
      participantCount: fc.integer({ min: 2, max: maxParticipants }),
      slotCount: fc.integer({ min: 1, max: maxSlots }),
      tableCount: fc.integer({ min: 1, max: maxTables }),
      namedTables: fc.boolean(),
      sessionCap: fc.option(fc.integer({ min: 0, max: maxSlots }), {
        nil: undefined,
      }),
    })
    .chain(({ participantCount, slotCount, tableCount, namedTables, sessionCap }) => {
      const participantIndex = fc.integer({
        min: 0,
        max: participantCount - 1,
      })
      const slotIndex = fc.integer({ min: 0, max: slotCount - 1 })
      const tableIds = namedTables
        ? Array.from({ length: tableCount }, (_, index) => `T${index}`)
        : Array.from({ length: tableCount }, (_, index) => index + 1)
      const assignment = (requestCount: number) =>
        fc.record({
          request: fc.integer({ min: 0, max: Math.max(0, requestCount - 1) }),
          slotIndex,
          table: fc.constantFrom(...tableIds),
        })
      return fc
        .record({
          participants: fc.array(
            fc.record({
              unavailable: fc.uniqueArray(slotIndex, {
                maxLength: slotCount,
              }),
              cap: fc.option(fc.integer({ min: 0, max: slotCount }), {
                nil: undefined,
                freq: 3,
              }),
            }),
            { minLength: participantCount, maxLength: participantCount },
          ),
          requests: fc.array(
            fc.record({
              pair: fc.tuple(participantIndex, participantIndex),
              priority: fc.constantFrom<MeetingPriority>('indispensable', 'souhaite'),
            }),
            { maxLength: maxRequests },
          ),
          seed: fc.integer({ min: 0, max: 1000 }),
        })
        .chain((drawn) =>
          fc
            .record({
              locked: fc.array(assignment(drawn.requests.length), {
                maxLength: 3,
              }),
              previous: fc.array(assignment(drawn.requests.length), {
                maxLength: maxRequests,
              }),
            })
            .map(({ locked, previous }) => {
              const toAssignment = ({ request, slotIndex, table }: (typeof locked)[number]) => ({
                requestId: `r${request}`,
                slotIndex,
                table,
              })
              const input: ScheduleInput = {
                slotCount,
                tables: namedTables ? (tableIds as string[]) : tableCount,
                maxMeetingsPerParticipant: sessionCap,
                participants: drawn.participants.map(({ unavailable, cap }, index) => ({
                  id: `p${index}`,
                  unavailableSlots: unavailable,
                  maxMeetings: cap,
                })),
                requests: drawn.requests.map(({ pair, priority }, index) => ({
                  id: `r${index}`,
                  participantIds: [`p${pair[0]}`, `p${pair[1]}`] as const,
                  priority,
                })),
                locked: drawn.requests.length > 0 ? locked.map(toAssignment) : [],
                previous: drawn.requests.length > 0 ? previous.map(toAssignment) : [],
              }
              return { input, seed: drawn.seed }
            }),
        )
    })
}

const weightOf = (input: ScheduleInput, result: Pick<ScheduleResult, 'meetings'>) => {
  const priorityOf = new Map(input.requests.map((request) => [request.id, request.priority]))
  return result.meetings.reduce(
    (sum, meeting) => sum + DEFAULT_WEIGHTS[priorityOf.get(meeting.requestId)!],
    0,
  )
}

const acceptedLocks = (input: ScheduleInput, result: ScheduleResult) => {
  // The first lock of a request decides; later ones are reported as duplicate_lock.
  const rejected = new Set(
    result.lockIssues
      .filter((issue) => issue.code !== 'duplicate_lock')
      .map((issue) => issue.requestId),
  )
  const seen = new Set<string>()
  const accepted: SlotAssignment[] = []
  for (const lock of input.locked ?? []) {
    if (rejected.has(lock.requestId) || seen.has(lock.requestId)) continue
    seen.add(lock.requestId)
    accepted.push(lock)
  }
  return accepted
}

/**
 * Value of a schedule as the scheduler sees it: weight, minus the cost of each announced meeting
 * (first `previous` entry of a valid request) now at another slot or no longer scheduled.
 */
function scheduleValue(
  input: ScheduleInput,
  slotOfRequest: Map<string, number>,
  validRequestIds: Set<string>,
  costs: { moveCost: number; dropCost: number },
) {
  const priorityOf = new Map(input.requests.map((request) => [request.id, request.priority]))
  let value = 0
  for (const requestId of slotOfRequest.keys()) value += DEFAULT_WEIGHTS[priorityOf.get(requestId)!]
  const seen = new Set<string>()
  for (const { requestId, slotIndex } of input.previous ?? []) {
    if (!validRequestIds.has(requestId) || seen.has(requestId)) continue
    seen.add(requestId)
    const slot = slotOfRequest.get(requestId)
    if (slot === undefined) value -= costs.dropCost
    else if (slot !== slotIndex) value -= costs.moveCost
  }
  return value
}

/**
 * Exact optimum by enumeration: every request is unscheduled or at one slot. Tables are
 * interchangeable apart from locks (which hold distinct tables), so a slot is feasible when it
 * has at most `tables` meetings. Returns the best weight, the best count and the best value.
 */
function bruteForce(
  input: ScheduleInput,
  locks: SlotAssignment[],
  excluded: Set<string>,
  costs: { moveCost: number; dropCost: number },
) {
  const tableCount = typeof input.tables === 'number' ? input.tables : input.tables.length
  const participants = new Map(
    input.participants.map((participant) => [participant.id, participant]),
  )
  const capOf = (id: string) =>
    participants.get(id)!.maxMeetings ?? input.maxMeetingsPerParticipant ?? input.slotCount
  const lockOf = new Map(locks.map((lock) => [lock.requestId, lock.slotIndex]))
  // A pair meets once: keep its highest-priority request (the first one on a tie).
  const requestOfPair = new Map<string, ScheduleInput['requests'][number]>()
  for (const request of input.requests) {
    const [a, b] = request.participantIds
    const key = [a, b].sort().join(':')
    const kept = requestOfPair.get(key)
    if (a === b || (kept && DEFAULT_WEIGHTS[kept.priority] >= DEFAULT_WEIGHTS[request.priority]))
      continue
    requestOfPair.set(key, request)
  }
  const validRequestIds = new Set([...requestOfPair.values()].map((request) => request.id))
  const requests = [...requestOfPair.values()].filter((request) => !excluded.has(request.id))
  let bestWeight = 0
  let bestCount = 0
  let bestValue = Number.NEGATIVE_INFINITY
  const slotOfRequest = new Map<string, number>()
  const busy = new Set<string>()
  const load = new Map<string, number>()
  const slotLoad = new Array<number>(input.slotCount).fill(0)
  const visit = (index: number, weight: number) => {
    if (index === requests.length) {
      bestWeight = Math.max(bestWeight, weight)
      bestCount = Math.max(bestCount, slotOfRequest.size)
      bestValue = Math.max(bestValue, scheduleValue(input, slotOfRequest, validRequestIds, costs))
      return
    }
    const request = requests[index]
    const [a, b] = request.participantIds
    const locked = lockOf.get(request.id)
    if (locked === undefined) visit(index + 1, weight)
    for (let s = 0; s < input.slotCount; s++) {
      if (locked !== undefined && s !== locked) continue
      const ok =
        [a, b].every(
          (p) =>
            !participants.get(p)!.unavailableSlots?.includes(s) &&
            !busy.has(`${p}@${s}`) &&
            (load.get(p) ?? 0) < capOf(p),
        ) && slotLoad[s] < tableCount
      if (!ok) continue
      for (const p of [a, b]) {
        busy.add(`${p}@${s}`)
        load.set(p, (load.get(p) ?? 0) + 1)
      }
      slotLoad[s]++
      slotOfRequest.set(request.id, s)
      visit(index + 1, weight + DEFAULT_WEIGHTS[request.priority])
      slotOfRequest.delete(request.id)
      slotLoad[s]--
      for (const p of [a, b]) {
        busy.delete(`${p}@${s}`)
        load.set(p, load.get(p)! - 1)
      }
    }
  }
  visit(0, 0)
  return { bestWeight, bestCount, bestValue, validRequestIds }
}

const participant = (id: string, unavailableSlots: number[] = [], maxMeetings?: number) => ({
  id,
  unavailableSlots,
  maxMeetings,
})
const request = (id: string, a: string, b: string, priority: MeetingPriority = 'souhaite') => ({
  id,
  participantIds: [a, b] as const,
  priority,
})

describe('scheduleMeetings on random sessions', () => {
  test('produces valid schedules that keep accepted locks and stay under the upper bound', () => {
    fc.assert(
      fc.property(
        sessionArbitrary({
          maxParticipants: 10,
          maxSlots: 6,
          maxTables: 4,
          maxRequests: 25,
        }),
        ({ input, seed }) => {
          const result = scheduleMeetings(input, { seed })
          expect(validateSchedule(input, result)).toEqual([])
          const placed = new Map(result.meetings.map((meeting) => [meeting.requestId, meeting]))
          for (const lock of acceptedLocks(input, result)) {
            expect(placed.get(lock.requestId)).toEqual(lock)
          }
          const rejectedLocks = result.lockIssues.filter(
            (issue) =>
              !['duplicate_lock', 'unknown_request', 'invalid_request'].includes(issue.code),
          )
          for (const issue of rejectedLocks) expect(placed.has(issue.requestId)).toBe(false)
          expect(result.meetings.length).toBeLessThanOrEqual(scheduleUpperBound(input))
          expect(result.stats.scheduled).toBe(result.meetings.length)
          expect(scheduleMeetings(input, { seed })).toEqual(result)
        },
      ),
      { numRuns: 300 },
    )
  })

  test('unscheduled reasons say what is true of the schedule', () => {
    fc.assert(
      fc.property(
        sessionArbitrary({
          maxParticipants: 8,
          maxSlots: 5,
          maxTables: 3,
          maxRequests: 20,
        }),
        ({ input, seed }) => {
          const result = scheduleMeetings(input, { seed })
          const unavailable = new Map(
            input.participants.map((p) => [p.id, new Set(p.unavailableSlots)]),
          )
          const requestById = new Map(input.requests.map((r) => [r.id, r]))
          const meetingsOf = new Map<string, number>()
          const busyAt = new Set<string>()
          const perSlot = new Array<number>(input.slotCount).fill(0)
          for (const meeting of result.meetings) {
            perSlot[meeting.slotIndex]++
            for (const p of requestById.get(meeting.requestId)!.participantIds) {
              meetingsOf.set(p, (meetingsOf.get(p) ?? 0) + 1)
              busyAt.add(`${p}@${meeting.slotIndex}`)
            }
          }
          const tableCount = typeof input.tables === 'number' ? input.tables : input.tables.length
          for (const { requestId, reason, participantId } of result.unscheduled) {
            const [a, b] = requestById.get(requestId)!.participantIds
            const common = [...Array(input.slotCount).keys()].filter(
              (s) => !unavailable.get(a)?.has(s) && !unavailable.get(b)?.has(s),
            )
            if (reason === 'no_common_free_slot') expect(common).toEqual([])
            if (reason === 'cap_reached') {
              expect(common.some((s) => !busyAt.has(`${participantId}@${s}`))).toBe(true)
              const cap =
                input.participants.find((p) => p.id === participantId)!.maxMeetings ??
                input.maxMeetingsPerParticipant ??
                input.slotCount
              expect(meetingsOf.get(participantId!) ?? 0).toBeGreaterThanOrEqual(
                Math.min(cap, input.slotCount),
              )
            }
            if (reason === 'conflict') {
              expect(common.length).toBeGreaterThan(0)
              for (const s of common)
                expect(busyAt.has(`${a}@${s}`) || busyAt.has(`${b}@${s}`)).toBe(true)
            }
            if (reason === 'no_table') {
              const idleSlots = common.filter(
                (s) => !busyAt.has(`${a}@${s}`) && !busyAt.has(`${b}@${s}`),
              )
              expect(idleSlots.length).toBeGreaterThan(0)
              for (const s of idleSlots) expect(perSlot[s]).toBe(tableCount)
            }
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  test('reaches the exact optimum on tiny sessions, and the bound is at least the best count', () => {
    const noStabilityCost = { moveCost: 0, dropCost: 0 }
    const defaultCosts = {
      moveCost: DEFAULT_MOVE_COST,
      dropCost: DEFAULT_DROP_COST,
    }
    fc.assert(
      fc.property(
        sessionArbitrary({
          maxParticipants: 5,
          maxSlots: 3,
          maxTables: 2,
          maxRequests: 6,
        }),
        ({ input, seed }) => {
          const weightFirst = scheduleMeetings(input, {
            seed,
            ...noStabilityCost,
          })
          const excluded = new Set(
            weightFirst.unscheduled
              .filter((entry) => entry.reason === 'lock_rejected')
              .map((entry) => entry.requestId),
          )
          const locks = acceptedLocks(input, weightFirst)
          const exact = bruteForce(input, locks, excluded, defaultCosts)
          expect(weightOf(input, weightFirst)).toBe(exact.bestWeight)
          expect(scheduleUpperBound(input)).toBeGreaterThanOrEqual(exact.bestCount)

          // With the default costs, weight and stability are traded exactly as the scheduler says.
          const stable = scheduleMeetings(input, { seed })
          const slotOfRequest = new Map(
            stable.meetings.map((meeting) => [meeting.requestId, meeting.slotIndex]),
          )
          expect(
            scheduleValue(input, slotOfRequest, exact.validRequestIds, defaultCosts),
          ).toBeCloseTo(exact.bestValue, 9)
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('re-running a session', () => {
  const mediumSession = (seed: number): ScheduleInput => {
    let state = seed
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state / 2147483648
    }
    const participants = Array.from({ length: 30 }, (_, index) =>
      participant(
        `p${index}`,
        [
          ...new Set(
            Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * 8)),
          ),
        ],
        4 + Math.floor(random() * 3),
      ),
    )
    const requests = []
    const pairs = new Set<string>()
    while (requests.length < 90) {
      const a = Math.floor(random() * 30)
      const b = Math.floor(random() * 30)
      const key = `${Math.min(a, b)}:${Math.max(a, b)}`
      if (a === b || pairs.has(key)) continue
      pairs.add(key)
      requests.push(
        request(
          `r${requests.length}`,
          `p${a}`,
          `p${b}`,
          random() < 0.3 ? 'indispensable' : 'souhaite',
        ),
      )
    }
    return { slotCount: 8, tables: 10, participants, requests }
  }

  test.each([1, 2, 3, 4, 5])(
    'after one cancellation, at most two other meetings move (session %i)',
    (seed) => {
      const input = mediumSession(seed)
      const first = scheduleMeetings(input)
      const cancelled = first.meetings[Math.floor(first.meetings.length / 2)].requestId
      const rerunInput = {
        ...input,
        requests: input.requests.filter((r) => r.id !== cancelled),
        previous: first.meetings.filter((meeting) => meeting.requestId !== cancelled),
      }
      const rerun = scheduleMeetings(rerunInput)
      expect(validateSchedule(rerunInput, rerun)).toEqual([])
      expect(rerun.stats.movedFromPrevious + rerun.stats.droppedFromPrevious).toBeLessThanOrEqual(2)
      expect(rerun.stats.keptFromPrevious).toBeGreaterThanOrEqual(first.meetings.length - 3)
    },
  )

  test('an unchanged session keeps its schedule exactly', () => {
    const input = mediumSession(9)
    const first = scheduleMeetings(input)
    const rerun = scheduleMeetings({ ...input, previous: first.meetings }, { seed: 77 })
    expect(rerun.meetings).toEqual(first.meetings)
  })
})

describe('scheduleMeetings on hand-built sessions', () => {
  test('with one slot, the indispensable meeting wins', () => {
    const input: ScheduleInput = {
      slotCount: 1,
      tables: 5,
      participants: [participant('ana'), participant('bob'), participant('chloe')],
      requests: [request('wish', 'ana', 'bob'), request('must', 'ana', 'chloe', 'indispensable')],
    }
    const result = scheduleMeetings(input)
    expect(result.meetings).toEqual([{ requestId: 'must', slotIndex: 0, table: 1 }])
    expect(result.unscheduled).toEqual([
      { requestId: 'wish', reason: 'conflict', participantId: 'ana' },
    ])
  })

  test('a pair that is never free together gets no_common_free_slot', () => {
    const input: ScheduleInput = {
      slotCount: 3,
      tables: 2,
      participants: [
        participant('ana', [0, 1]),
        participant('bob', [2]),
        participant('chloe', [0, 1, 2]),
      ],
      requests: [request('r1', 'ana', 'bob'), request('r2', 'ana', 'chloe')],
    }
    expect(scheduleMeetings(input).unscheduled).toEqual([
      { requestId: 'r1', reason: 'no_common_free_slot' },
      {
        requestId: 'r2',
        reason: 'no_common_free_slot',
        participantId: 'chloe',
      },
    ])
  })

  test('a participant with a cap of 1 and two requests gets cap_reached for one', () => {
    const input: ScheduleInput = {
      slotCount: 4,
      tables: 2,
      maxMeetingsPerParticipant: 3,
      participants: [participant('ana', [], 1), participant('bob'), participant('chloe')],
      requests: [request('r1', 'ana', 'bob'), request('r2', 'ana', 'chloe', 'indispensable')],
    }
    const result = scheduleMeetings(input)
    expect(result.meetings.map((meeting) => meeting.requestId)).toEqual(['r2'])
    expect(result.unscheduled).toEqual([
      { requestId: 'r1', reason: 'cap_reached', participantId: 'ana' },
    ])
  })

  test('when every table is taken, the request gets no_table', () => {
    const input: ScheduleInput = {
      slotCount: 1,
      tables: ['Salon Lumière'],
      participants: ['a', 'b', 'c', 'd'].map((id) => participant(id)),
      requests: [request('r1', 'a', 'b', 'indispensable'), request('r2', 'c', 'd')],
    }
    const result = scheduleMeetings(input)
    expect(result.meetings).toEqual([{ requestId: 'r1', slotIndex: 0, table: 'Salon Lumière' }])
    expect(result.unscheduled).toEqual([{ requestId: 'r2', reason: 'no_table' }])
  })

  test('moves a meeting to another slot to make room (ejection chain)', () => {
    // r1 can go at slot 0 or 1; r2 only at slot 0 (bob is away at slot 1).
    const input: ScheduleInput = {
      slotCount: 2,
      tables: 1,
      participants: [participant('ana'), participant('bob', [1]), participant('chloe')],
      requests: [request('r1', 'ana', 'chloe'), request('r2', 'ana', 'bob')],
      previous: [{ requestId: 'r1', slotIndex: 0, table: 1 }],
    }
    const result = scheduleMeetings(input)
    expect(result.meetings).toEqual([
      { requestId: 'r2', slotIndex: 0, table: 1 },
      { requestId: 'r1', slotIndex: 1, table: 1 },
    ])
    expect(result.stats).toMatchObject({
      keptFromPrevious: 0,
      movedFromPrevious: 1,
    })
  })

  test('keeps locked meetings in place and reports invalid locks instead of failing', () => {
    const input: ScheduleInput = {
      slotCount: 2,
      tables: 2,
      participants: ['a', 'b', 'c', 'd', 'e'].map((id) => participant(id, id === 'e' ? [1] : [])),
      requests: [
        request('r1', 'a', 'b'),
        request('r2', 'c', 'd'),
        request('r3', 'a', 'c'),
        request('r4', 'b', 'e'),
      ],
      locked: [
        { requestId: 'r1', slotIndex: 1, table: 2 },
        { requestId: 'r2', slotIndex: 1, table: 2 },
        { requestId: 'r4', slotIndex: 1, table: 1 },
        { requestId: 'ghost', slotIndex: 0, table: 1 },
      ],
    }
    const result = scheduleMeetings(input)
    expect(result.lockIssues).toEqual([
      { requestId: 'r2', code: 'table_taken', conflictingRequestId: 'r1' },
      { requestId: 'r4', code: 'participant_unavailable', participantId: 'e' },
      { requestId: 'ghost', code: 'unknown_request' },
    ])
    expect(result.meetings).toContainEqual({
      requestId: 'r1',
      slotIndex: 1,
      table: 2,
    })
    expect(result.unscheduled).toContainEqual({
      requestId: 'r2',
      reason: 'lock_rejected',
    })
    expect(validateSchedule(input, result)).toEqual([])
  })

  test('invalid requests are reported, not scheduled', () => {
    const input: ScheduleInput = {
      slotCount: 2,
      tables: 2,
      participants: [participant('a'), participant('b')],
      requests: [
        request('r1', 'a', 'b'),
        request('r2', 'b', 'a', 'indispensable'),
        request('r3', 'a', 'a'),
        request('r4', 'a', 'zoe'),
        request('r2', 'a', 'b'),
      ],
    }
    const result = scheduleMeetings(input)
    expect(result.meetings).toEqual([{ requestId: 'r2', slotIndex: 0, table: 1 }])
    expect(result.unscheduled).toEqual([
      { requestId: 'r1', reason: 'duplicate_pair' },
      { requestId: 'r3', reason: 'same_participant', participantId: 'a' },
      { requestId: 'r4', reason: 'unknown_participant', participantId: 'zoe' },
      { requestId: 'r2', reason: 'duplicate_request' },
    ])
  })

  test('validateSchedule reports clashes, unavailability, caps and moved locks', () => {
    const input: ScheduleInput = {
      slotCount: 2,
      tables: 1,
      maxMeetingsPerParticipant: 1,
      participants: [participant('a'), participant('b', [1]), participant('c')],
      requests: [request('r1', 'a', 'b'), request('r2', 'a', 'c')],
      locked: [{ requestId: 'r2', slotIndex: 1, table: 1 }],
    }
    const codes = validateSchedule(input, {
      meetings: [
        { requestId: 'r1', slotIndex: 1, table: 1 },
        { requestId: 'r2', slotIndex: 1, table: 1 },
      ],
    }).map((violation) => violation.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'participant_unavailable',
        'table_double_booked',
        'participant_double_booked',
        'cap_exceeded',
      ]),
    )
    expect(
      validateSchedule(input, {
        meetings: [{ requestId: 'r2', slotIndex: 0, table: 1 }],
      }).map((v) => v.code),
    ).toEqual(['lock_not_respected'])
  })
})
