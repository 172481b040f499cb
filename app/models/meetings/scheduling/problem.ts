import type {
  LockIssue,
  MeetingPriority,
  ScheduleInput,
  TableId,
  UnscheduledRequest,
} from './types.ts'

// An indispensable meeting beats a wished one, but never two of them (ties go to more meetings).
export const DEFAULT_WEIGHTS: Record<MeetingPriority, number> = {
  indispensable: 2,
  souhaite: 1,
}

const PRIORITY_RANK: Record<MeetingPriority, number> = {
  indispensable: 1,
  souhaite: 0,
}

/**
 * The input in index form. Participants, requests and tables become integer indices; a
 * participant-slot pair is `participant * slotCount + slot`. Requests keep their input index;
 * invalid ones have `requestA[r] === -1` and an entry in `invalid`.
 */
export interface Problem {
  slotCount: number
  tableIds: TableId[]
  tableIndexById: Map<TableId, number>
  participantIds: string[]
  participantIndexById: Map<string, number>
  cap: Int32Array
  /** 1 when the participant is free at the slot. */
  free: Uint8Array
  requestIds: string[]
  requestIndexById: Map<string, number>
  requestA: Int32Array
  requestB: Int32Array
  requestPriority: MeetingPriority[]
  invalid: (UnscheduledRequest | null)[]
  /** Slots at which both sides of the request are free (empty for invalid requests). */
  commonSlots: Int32Array[]
  /** Valid requests of each participant. */
  requestsOf: Int32Array[]
  /** Accepted lock of each request (-1 when none). */
  lockSlot: Int32Array
  lockTable: Int32Array
  lockIssues: LockIssue[]
  lockRejected: Uint8Array
  /** Previous slot and table of each request (-1 when none, table -1 when it no longer exists). */
  previousSlot: Int32Array
  previousTable: Int32Array
}

export function buildProblem(input: ScheduleInput): Problem {
  const slotCount = Math.max(0, Math.floor(input.slotCount))
  const tableIds: TableId[] =
    typeof input.tables === 'number'
      ? Array.from({ length: Math.max(0, Math.floor(input.tables)) }, (_, index) => index + 1)
      : [...new Set(input.tables)]
  const tableIndexById = new Map<TableId, number>(tableIds.map((id, index) => [id, index]))

  const participantIds: string[] = []
  const participantIndexById = new Map<string, number>()
  const sessionCap = input.maxMeetingsPerParticipant ?? slotCount
  const caps: number[] = []
  const unavailable: (readonly number[] | undefined)[] = []
  for (const participant of input.participants) {
    if (participantIndexById.has(participant.id)) continue
    participantIndexById.set(participant.id, participantIds.length)
    participantIds.push(participant.id)
    const cap = participant.maxMeetings ?? sessionCap
    caps.push(Math.max(0, Math.min(slotCount, Number.isFinite(cap) ? Math.floor(cap) : slotCount)))
    unavailable.push(participant.unavailableSlots)
  }
  const participantCount = participantIds.length
  const cap = Int32Array.from(caps)
  const free = new Uint8Array(participantCount * slotCount).fill(1)
  unavailable.forEach((slots, participant) => {
    for (const slot of slots ?? []) {
      if (Number.isInteger(slot) && slot >= 0 && slot < slotCount)
        free[participant * slotCount + slot] = 0
    }
  })

  const requestCount = input.requests.length
  const requestIds = input.requests.map((request) => request.id)
  const requestIndexById = new Map<string, number>()
  const requestA = new Int32Array(requestCount).fill(-1)
  const requestB = new Int32Array(requestCount).fill(-1)
  const requestPriority = input.requests.map((request) => request.priority)
  const invalid: (UnscheduledRequest | null)[] = new Array(requestCount).fill(null)
  const requestOfPair = new Map<string, number>()
  input.requests.forEach((request, index) => {
    const requestId = request.id
    if (requestIndexById.has(requestId)) {
      invalid[index] = { requestId, reason: 'duplicate_request' }
      return
    }
    requestIndexById.set(requestId, index)
    const [first, second] = request.participantIds
    for (const participantId of [first, second]) {
      if (!participantIndexById.has(participantId)) {
        invalid[index] = {
          requestId,
          reason: 'unknown_participant',
          participantId,
        }
        return
      }
    }
    if (first === second) {
      invalid[index] = {
        requestId,
        reason: 'same_participant',
        participantId: first,
      }
      return
    }
    const a = participantIndexById.get(first)!
    const b = participantIndexById.get(second)!
    const pairKey = a < b ? `${a}:${b}` : `${b}:${a}`
    const other = requestOfPair.get(pairKey)
    if (other !== undefined) {
      // Keep the higher priority one (the earlier one on a tie): the pair meets once.
      if (PRIORITY_RANK[request.priority] <= PRIORITY_RANK[requestPriority[other]]) {
        invalid[index] = { requestId, reason: 'duplicate_pair' }
        return
      }
      invalid[other] = {
        requestId: requestIds[other],
        reason: 'duplicate_pair',
      }
      requestA[other] = -1
      requestB[other] = -1
    }
    requestOfPair.set(pairKey, index)
    requestA[index] = a
    requestB[index] = b
  })

  const commonSlots: Int32Array[] = new Array(requestCount)
  const requestsOfLists: number[][] = Array.from({ length: participantCount }, () => [])
  for (let r = 0; r < requestCount; r++) {
    const a = requestA[r]
    const b = requestB[r]
    if (a < 0) {
      commonSlots[r] = new Int32Array(0)
      continue
    }
    const slots: number[] = []
    for (let s = 0; s < slotCount; s++) {
      if (free[a * slotCount + s] && free[b * slotCount + s]) slots.push(s)
    }
    commonSlots[r] = Int32Array.from(slots)
    requestsOfLists[a].push(r)
    requestsOfLists[b].push(r)
  }

  const problem: Problem = {
    slotCount,
    tableIds,
    tableIndexById,
    participantIds,
    participantIndexById,
    cap,
    free,
    requestIds,
    requestIndexById,
    requestA,
    requestB,
    requestPriority,
    invalid,
    commonSlots,
    requestsOf: requestsOfLists.map((list) => Int32Array.from(list)),
    lockSlot: new Int32Array(requestCount).fill(-1),
    lockTable: new Int32Array(requestCount).fill(-1),
    lockIssues: [],
    lockRejected: new Uint8Array(requestCount),
    previousSlot: new Int32Array(requestCount).fill(-1),
    previousTable: new Int32Array(requestCount).fill(-1),
  }
  applyLocks(problem, input)
  applyPrevious(problem, input)
  return problem
}

/** Accepts locks in input order; a lock clashing with an already accepted one is reported. */
function applyLocks(problem: Problem, input: ScheduleInput) {
  const { slotCount, requestA, requestB, free, cap, lockSlot, lockTable, lockIssues } = problem
  const holderOfTable = new Map<number, number>()
  const holderOfParticipantSlot = new Map<number, number>()
  const lockedCount = new Int32Array(problem.participantIds.length)
  for (const lock of input.locked ?? []) {
    const requestId = lock.requestId
    const r = problem.requestIndexById.get(requestId)
    const reject = (issue: Omit<LockIssue, 'requestId'>) => {
      lockIssues.push({ requestId, ...issue })
      if (r !== undefined && lockSlot[r] < 0 && requestA[r] >= 0) problem.lockRejected[r] = 1
    }
    if (r === undefined) {
      lockIssues.push({ requestId, code: 'unknown_request' })
      continue
    }
    if (requestA[r] < 0) {
      lockIssues.push({ requestId, code: 'invalid_request' })
      continue
    }
    if (lockSlot[r] >= 0 || problem.lockRejected[r]) {
      lockIssues.push({ requestId, code: 'duplicate_lock' })
      continue
    }
    const slot = lock.slotIndex
    if (!Number.isInteger(slot) || slot < 0 || slot >= slotCount) {
      reject({ code: 'slot_out_of_range' })
      continue
    }
    const table = problem.tableIndexById.get(lock.table)
    if (table === undefined) {
      reject({ code: 'unknown_table' })
      continue
    }
    const sides = [requestA[r], requestB[r]]
    const unavailableSide = sides.find((p) => !free[p * slotCount + slot])
    if (unavailableSide !== undefined) {
      reject({
        code: 'participant_unavailable',
        participantId: problem.participantIds[unavailableSide],
      })
      continue
    }
    const tableHolder = holderOfTable.get(slot * problem.tableIds.length + table)
    if (tableHolder !== undefined) {
      reject({
        code: 'table_taken',
        conflictingRequestId: problem.requestIds[tableHolder],
      })
      continue
    }
    const busySide = sides.find((p) => holderOfParticipantSlot.has(p * slotCount + slot))
    if (busySide !== undefined) {
      reject({
        code: 'participant_busy',
        participantId: problem.participantIds[busySide],
        conflictingRequestId:
          problem.requestIds[holderOfParticipantSlot.get(busySide * slotCount + slot)!],
      })
      continue
    }
    const fullSide = sides.find((p) => lockedCount[p] >= cap[p])
    if (fullSide !== undefined) {
      reject({
        code: 'cap_exceeded',
        participantId: problem.participantIds[fullSide],
      })
      continue
    }
    lockSlot[r] = slot
    lockTable[r] = table
    holderOfTable.set(slot * problem.tableIds.length + table, r)
    for (const p of sides) {
      holderOfParticipantSlot.set(p * slotCount + slot, r)
      lockedCount[p]++
    }
  }
}

function applyPrevious(problem: Problem, input: ScheduleInput) {
  for (const assignment of input.previous ?? []) {
    const r = problem.requestIndexById.get(assignment.requestId)
    if (r === undefined || problem.requestA[r] < 0 || problem.previousSlot[r] >= 0) continue
    const slot = assignment.slotIndex
    if (!Number.isInteger(slot) || slot < 0 || slot >= problem.slotCount) continue
    problem.previousSlot[r] = slot
    problem.previousTable[r] = problem.tableIndexById.get(assignment.table) ?? -1
  }
}

/** Is the request part of the problem the solver works on (valid, not a rejected lock)? */
export function isSchedulable(problem: Problem, r: number) {
  return problem.requestA[r] >= 0 && !problem.lockRejected[r]
}

/** Small seeded PRNG (mulberry32): the solver's only source of randomness. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
