import { createRandom, DEFAULT_WEIGHTS, isSchedulable, type Problem } from './problem.ts'
import type {
  ScheduledMeeting,
  ScheduleOptions,
  ScheduleResult,
  UnscheduledRequest,
} from './types.ts'

const EPSILON = 1e-9

// In weight units (a wished meeting is worth 1 by default): gaining a wished meeting is worth
// moving one announced meeting, not two; an indispensable one is worth up to three moves.
// Dropping an announced meeting costs its weight plus dropCost, so it is only dropped when more
// than its weight plus dropCost comes in.
export const DEFAULT_MOVE_COST = 0.6
export const DEFAULT_DROP_COST = 1.2

/**
 * Mutable assignment of requests to slots, with an undo log so that tentative moves (ejection
 * chains, ruin-and-recreate) can be rolled back. Tables are only chosen at the very end: any
 * slot assignment with at most `tableCount` meetings per slot can be given distinct tables.
 */
class Assignment {
  readonly slotOf: Int32Array
  /** Meeting (request index) of each participant-slot pair, -1 when idle. */
  readonly busy: Int32Array
  readonly load: Int32Array
  readonly slotLoad: Int32Array
  readonly membersOfSlot: Int32Array
  readonly positionInSlot: Int32Array
  readonly log: number[] = []
  weight = 0
  count = 0
  /** Meetings of the previous schedule that are scheduled, and those still at their previous slot. */
  announced = 0
  inPlace = 0

  constructor(
    private readonly problem: Problem,
    readonly weightOf: Float64Array,
  ) {
    const { slotCount, tableIds, participantIds, requestIds } = problem
    this.slotOf = new Int32Array(requestIds.length).fill(-1)
    this.busy = new Int32Array(participantIds.length * slotCount).fill(-1)
    this.load = new Int32Array(participantIds.length)
    this.slotLoad = new Int32Array(slotCount)
    this.membersOfSlot = new Int32Array(slotCount * Math.max(1, tableIds.length))
    this.positionInSlot = new Int32Array(requestIds.length).fill(-1)
  }

  place(r: number, s: number) {
    this.rawPlace(r, s)
    this.log.push(r, s)
  }

  remove(r: number) {
    const s = this.slotOf[r]
    this.rawRemove(r)
    this.log.push(~r, s)
  }

  undoTo(mark: number) {
    const log = this.log
    while (log.length > mark) {
      const s = log.pop()!
      const entry = log.pop()!
      if (entry >= 0) this.rawRemove(entry)
      else this.rawPlace(~entry, s)
    }
  }

  private rawPlace(r: number, s: number) {
    const { slotCount, requestA, requestB, previousSlot, tableIds } = this.problem
    const a = requestA[r]
    const b = requestB[r]
    this.slotOf[r] = s
    this.busy[a * slotCount + s] = r
    this.busy[b * slotCount + s] = r
    this.load[a]++
    this.load[b]++
    const position = this.slotLoad[s]++
    this.membersOfSlot[s * tableIds.length + position] = r
    this.positionInSlot[r] = position
    this.weight += this.weightOf[r]
    this.count++
    if (previousSlot[r] >= 0) this.announced++
    if (previousSlot[r] === s) this.inPlace++
  }

  private rawRemove(r: number) {
    const { slotCount, requestA, requestB, previousSlot, tableIds } = this.problem
    const s = this.slotOf[r]
    const a = requestA[r]
    const b = requestB[r]
    this.slotOf[r] = -1
    this.busy[a * slotCount + s] = -1
    this.busy[b * slotCount + s] = -1
    this.load[a]--
    this.load[b]--
    const base = s * tableIds.length
    const last = --this.slotLoad[s]
    const position = this.positionInSlot[r]
    const moved = this.membersOfSlot[base + last]
    this.membersOfSlot[base + position] = moved
    this.positionInSlot[moved] = position
    this.positionInSlot[r] = -1
    this.weight -= this.weightOf[r]
    this.count--
    if (previousSlot[r] >= 0) this.announced--
    if (previousSlot[r] === s) this.inPlace--
  }
}

interface Score {
  /** Scheduled weight minus the cost of moving or dropping announced meetings. */
  value: number
  inPlace: number
  count: number
}

function compareScores(left: Score, right: Score) {
  if (Math.abs(left.value - right.value) > EPSILON) return left.value - right.value
  if (left.inPlace !== right.inPlace) return left.inPlace - right.inPlace
  return left.count - right.count
}

export function solve(problem: Problem, options: ScheduleOptions = {}): ScheduleResult {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights }
  const { slotCount, requestA, requestB, cap, commonSlots, requestsOf, lockSlot, previousSlot } =
    problem
  const tableCount = problem.tableIds.length
  const requestCount = problem.requestIds.length
  const participantCount = problem.participantIds.length
  const weightOf = Float64Array.from(problem.requestPriority, (priority) => weights[priority] ?? 0)
  const state = new Assignment(problem, weightOf)
  const { slotOf, busy, load, slotLoad, membersOfSlot } = state
  const random = createRandom(options.seed ?? 1)
  const deadline =
    options.timeBudgetMs === undefined
      ? Number.POSITIVE_INFINITY
      : Date.now() + options.timeBudgetMs

  const fixed = new Uint8Array(requestCount)
  const isCandidate = new Uint8Array(requestCount)
  const candidates: number[] = []
  for (let r = 0; r < requestCount; r++) {
    if (!isSchedulable(problem, r)) continue
    if (lockSlot[r] >= 0) {
      fixed[r] = 1
      state.place(r, lockSlot[r])
    } else if (commonSlots[r].length > 0) {
      isCandidate[r] = 1
      candidates.push(r)
    }
  }

  // Static scarcity: how much of a participant's open requests their capacity can absorb.
  const tightness = new Float64Array(participantCount)
  for (let p = 0; p < participantCount; p++) {
    let freeSlots = 0
    for (let s = 0; s < slotCount; s++) freeSlots += problem.free[p * slotCount + s]
    const open = requestsOf[p].length
    tightness[p] = open === 0 ? 0 : Math.min(1, Math.min(cap[p], freeSlots) / open)
  }
  const greedyOrder = [...candidates].sort(
    (x, y) =>
      weightOf[y] - weightOf[x] ||
      commonSlots[x].length - commonSlots[y].length ||
      Math.max(tightness[requestA[y]], tightness[requestB[y]]) -
        Math.max(tightness[requestA[x]], tightness[requestB[x]]) ||
      x - y,
  )

  // While set, meetings still at their announced slot are not moved by ejection chains.
  let freezeAnnounced = true
  const isMovable = (m: number) =>
    !fixed[m] && !(freezeAnnounced && previousSlot[m] >= 0 && slotOf[m] === previousSlot[m])

  const capLeft = (r: number) =>
    load[requestA[r]] < cap[requestA[r]] && load[requestB[r]] < cap[requestB[r]]

  /** How much the other open requests of a participant want slot s. */
  const demandAt = (p: number, s: number, except: number) => {
    let demand = 0
    const list = requestsOf[p]
    for (let i = 0; i < list.length; i++) {
      const other = list[i]
      if (other === except || slotOf[other] >= 0 || !isCandidate[other]) continue
      const partner = requestA[other] === p ? requestB[other] : requestA[other]
      if (busy[partner * slotCount + s] >= 0 || load[partner] >= cap[partner]) continue
      if (!problem.free[partner * slotCount + s]) continue
      demand += weightOf[other] / commonSlots[other].length
    }
    return demand
  }

  /** Places r at the direct slot that least hurts the other open requests of its two sides. */
  const placeDirect = (r: number, careful: boolean) => {
    if (!capLeft(r)) return false
    const a = requestA[r]
    const b = requestB[r]
    const slots = commonSlots[r]
    let bestSlot = -1
    let bestDemand = Number.POSITIVE_INFINITY
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]
      if (busy[a * slotCount + s] >= 0 || busy[b * slotCount + s] >= 0 || slotLoad[s] >= tableCount)
        continue
      if (!careful) {
        bestSlot = s
        break
      }
      const demand = demandAt(a, s, r) + demandAt(b, s, r)
      if (demand < bestDemand) {
        bestDemand = demand
        bestSlot = s
      }
    }
    if (bestSlot < 0) return false
    state.place(r, bestSlot)
    return true
  }

  // Ejection chains: put r at a slot, pushing the meetings in the way to other slots, recursively.
  const onChain = new Int32Array(requestCount)
  let chainStamp = 0
  let nodeBudget = 0
  const insert = (r: number, depth: number): boolean => {
    if (!capLeft(r)) return false
    if (placeDirect(r, false)) return true
    if (depth === 0 || nodeBudget <= 0) return false
    onChain[r] = chainStamp
    const a = requestA[r]
    const b = requestB[r]
    const slots = commonSlots[r]
    const offset = Math.floor(random() * slots.length)
    for (let i = 0; i < slots.length && nodeBudget > 0; i++) {
      const s = slots[(i + offset) % slots.length]
      const blockerA = busy[a * slotCount + s]
      const blockerB = busy[b * slotCount + s]
      if (blockerA >= 0 && (!isMovable(blockerA) || onChain[blockerA] === chainStamp)) continue
      if (blockerB >= 0 && (!isMovable(blockerB) || onChain[blockerB] === chainStamp)) continue
      const mark = state.log.length
      if (blockerA < 0 && blockerB < 0) {
        // Both are idle, so the slot is full: move one of its meetings elsewhere.
        const base = s * tableCount
        const members = slotLoad[s]
        const start = Math.floor(random() * members)
        for (let j = 0; j < members && nodeBudget > 0; j++) {
          const evicted = membersOfSlot[base + ((j + start) % members)]
          if (!isMovable(evicted) || onChain[evicted] === chainStamp) continue
          nodeBudget--
          state.remove(evicted)
          state.place(r, s)
          if (insert(evicted, depth - 1)) return true
          state.undoTo(mark)
        }
        continue
      }
      nodeBudget--
      if (blockerA >= 0) state.remove(blockerA)
      if (blockerB >= 0) state.remove(blockerB)
      if (slotLoad[s] >= tableCount) {
        state.undoTo(mark)
        continue
      }
      state.place(r, s)
      if (
        (blockerA < 0 || insert(blockerA, depth - 1)) &&
        (blockerB < 0 || insert(blockerB, depth - 1))
      )
        return true
      state.undoTo(mark)
    }
    onChain[r] = 0
    return false
  }
  const insertRoot = (r: number, depth: number, budget: number) => {
    chainStamp++
    nodeBudget = budget
    return insert(r, depth)
  }

  const moveCost = options.moveCost ?? DEFAULT_MOVE_COST
  const dropCost = options.dropCost ?? DEFAULT_DROP_COST
  const score = (): Score => ({
    value: state.weight - moveCost * (state.announced - state.inPlace) + dropCost * state.announced,
    inPlace: state.inPlace,
    count: state.count,
  })

  // 1. The announced schedule, where it is still valid (highest weight first).
  const announced = candidates
    .filter((r) => previousSlot[r] >= 0)
    .sort((x, y) => weightOf[y] - weightOf[x] || x - y)
  for (const r of announced) {
    const s = previousSlot[r]
    const a = requestA[r]
    const b = requestB[r]
    if (
      problem.free[a * slotCount + s] &&
      problem.free[b * slotCount + s] &&
      busy[a * slotCount + s] < 0 &&
      busy[b * slotCount + s] < 0 &&
      slotLoad[s] < tableCount &&
      capLeft(r)
    )
      state.place(r, s)
  }

  // 2. Greedy fill: priority, then scarcity.
  for (const r of greedyOrder) if (slotOf[r] < 0) placeDirect(r, true)

  // 3. Ejection chains of growing depth, first without touching announced meetings.
  const unscheduled = () => greedyOrder.filter((r) => slotOf[r] < 0)
  for (const freeze of [true, false]) {
    if (!freeze && announced.length === 0) break
    freezeAnnounced = freeze
    for (let depth = 1; depth <= 3; depth++) {
      for (const r of unscheduled()) {
        if (Date.now() > deadline) break
        const before = score()
        const mark = state.log.length
        if (insertRoot(r, depth, 64 << depth) && compareScores(score(), before) < 0)
          state.undoTo(mark)
      }
    }
  }
  freezeAnnounced = false

  // 4. Ruin and recreate around a target: an unscheduled request, or an announced meeting that
  // is not at its announced slot. Clear room for it at one slot (its announced one, if any),
  // then put back what was removed and retry the open requests of everyone involved. Every
  // change that does not lower the score is kept, so the search also walks across plateaus.
  const isAnnouncedSlotFree = (r: number) => {
    const s = previousSlot[r]
    return (
      s >= 0 &&
      problem.free[requestA[r] * slotCount + s] === 1 &&
      problem.free[requestB[r] * slotCount + s] === 1
    )
  }
  const isOpen = (r: number) =>
    slotOf[r] < 0 ||
    (previousSlot[r] >= 0 && slotOf[r] !== previousSlot[r] && isAnnouncedSlotFree(r))
  const openTargets = () => candidates.filter(isOpen)
  const iterations =
    options.improvementIterations ?? Math.min(40_000, Math.max(256, 8 * candidates.length))
  const touchedMark = new Int32Array(participantCount)
  const touched: number[] = []
  let touchStamp = 0
  const touch = (p: number) => {
    if (touchedMark[p] === touchStamp) return
    touchedMark[p] = touchStamp
    touched.push(p)
  }
  const removed: number[] = []
  const ruin = (m: number) => {
    if (m < 0 || slotOf[m] < 0 || !isMovable(m)) return
    state.remove(m)
    removed.push(m)
    touch(requestA[m])
    touch(requestB[m])
  }
  let open = openTargets()
  state.log.length = 0
  for (let iteration = 0; iteration < iterations && open.length > 0; iteration++) {
    if ((iteration & 63) === 0) {
      if (Date.now() > deadline) break
      open = openTargets()
      if (open.length === 0) break
    }
    const target = open[Math.floor(random() * open.length)]
    if (!isOpen(target)) {
      open = openTargets()
      continue
    }
    const before = score()
    const mark = state.log.length
    touchStamp++
    touched.length = 0
    removed.length = 0
    const a = requestA[target]
    const b = requestB[target]
    touch(a)
    touch(b)
    const slots = commonSlots[target]
    const towardsAnnounced = isAnnouncedSlotFree(target) && (slotOf[target] >= 0 || random() < 0.5)
    const s = towardsAnnounced ? previousSlot[target] : slots[Math.floor(random() * slots.length)]
    if (slotOf[target] >= 0) state.remove(target)
    ruin(busy[a * slotCount + s])
    ruin(busy[b * slotCount + s])
    // Free a cap unit where needed; now and then, empty one side or drop one more meeting, so
    // that exchanges of meetings between participants are reachable too.
    const shake = random()
    for (const p of [a, b]) {
      const mine: number[] = []
      for (let t = 0; t < slotCount; t++) {
        const m = busy[p * slotCount + t]
        if (m >= 0 && isMovable(m)) mine.push(m)
      }
      if (shake < 0.15 && p === (shake < 0.075 ? a : b)) for (const m of mine) ruin(m)
      else if (mine.length > 0 && (load[p] >= cap[p] || shake > 0.8)) {
        ruin(mine[Math.floor(random() * mine.length)])
      }
    }
    if (slotLoad[s] >= tableCount && busy[a * slotCount + s] < 0 && busy[b * slotCount + s] < 0) {
      ruin(membersOfSlot[s * tableCount + Math.floor(random() * slotLoad[s])])
    }
    const idle = busy[a * slotCount + s] < 0 && busy[b * slotCount + s] < 0
    if (capLeft(target) && idle && slotLoad[s] < tableCount) state.place(target, s)
    else insertRoot(target, 1, 64)
    // Recreate: removed meetings first, then the open requests of everyone touched.
    const tieBreak = removed.map(() => random())
    const order = removed.map((_, i) => i)
    order.sort((x, y) => weightOf[removed[y]] - weightOf[removed[x]] || tieBreak[x] - tieBreak[y])
    for (const i of order) insertRoot(removed[i], 2, 256)
    const retry: number[] = []
    for (const p of touched) {
      const list = requestsOf[p]
      for (let i = 0; i < list.length; i++) {
        const r = list[i]
        if (slotOf[r] < 0 && isCandidate[r]) retry.push(r)
      }
    }
    retry.sort(
      (x, y) => weightOf[y] - weightOf[x] || commonSlots[x].length - commonSlots[y].length || x - y,
    )
    for (const r of retry) if (slotOf[r] < 0) insertRoot(r, 1, 64)
    if (compareScores(score(), before) < 0) state.undoTo(mark)
    state.log.length = 0
  }

  // 5. Nothing left that fits without moving anything: the reason codes rely on it.
  for (const r of greedyOrder) if (slotOf[r] < 0) placeDirect(r, false)

  return buildResult(problem, state)
}

function buildResult(problem: Problem, state: Assignment): ScheduleResult {
  const { slotCount, requestA, requestB, cap, commonSlots, lockSlot, lockTable } = problem
  const { previousSlot, previousTable, participantIds, requestIds, tableIds } = problem
  const { slotOf, busy, load } = state
  const tableCount = tableIds.length
  const requestCount = requestIds.length

  // Tables: locks first, then announced meetings keep their table, then the first free table.
  const tableOf = new Int32Array(requestCount).fill(-1)
  const tableTaken = new Uint8Array(slotCount * tableCount)
  for (let r = 0; r < requestCount; r++) {
    if (slotOf[r] >= 0 && lockSlot[r] >= 0) {
      tableOf[r] = lockTable[r]
      tableTaken[slotOf[r] * tableCount + lockTable[r]] = 1
    }
  }
  for (let r = 0; r < requestCount; r++) {
    const s = slotOf[r]
    if (s < 0 || tableOf[r] >= 0 || previousSlot[r] !== s || previousTable[r] < 0) continue
    if (tableTaken[s * tableCount + previousTable[r]]) continue
    tableOf[r] = previousTable[r]
    tableTaken[s * tableCount + previousTable[r]] = 1
  }
  const nextTable = new Int32Array(slotCount)
  for (let r = 0; r < requestCount; r++) {
    const s = slotOf[r]
    if (s < 0 || tableOf[r] >= 0) continue
    while (tableTaken[s * tableCount + nextTable[s]]) nextTable[s]++
    tableOf[r] = nextTable[s]
    tableTaken[s * tableCount + nextTable[s]] = 1
  }

  const meetings: ScheduledMeeting[] = []
  for (let r = 0; r < requestCount; r++) {
    if (slotOf[r] >= 0)
      meetings.push({
        requestId: requestIds[r],
        slotIndex: slotOf[r],
        table: tableIds[tableOf[r]],
      })
  }
  const order = new Map(meetings.map((meeting, index) => [meeting, index]))
  meetings.sort(
    (x, y) =>
      x.slotIndex - y.slotIndex ||
      problem.tableIndexById.get(x.table)! - problem.tableIndexById.get(y.table)! ||
      order.get(x)! - order.get(y)!,
  )

  const unscheduled: UnscheduledRequest[] = []
  for (let r = 0; r < requestCount; r++) {
    if (slotOf[r] >= 0) continue
    const requestId = requestIds[r]
    const invalid = problem.invalid[r]
    if (invalid) {
      unscheduled.push(invalid)
      continue
    }
    if (problem.lockRejected[r]) {
      unscheduled.push({ requestId, reason: 'lock_rejected' })
      continue
    }
    const a = requestA[r]
    const b = requestB[r]
    const slots = commonSlots[r]
    if (slots.length === 0) {
      const neverFree = [a, b].find((p) => {
        for (let s = 0; s < slotCount; s++) if (problem.free[p * slotCount + s]) return false
        return true
      })
      unscheduled.push({
        requestId,
        reason: 'no_common_free_slot',
        ...(neverFree === undefined ? {} : { participantId: participantIds[neverFree] }),
      })
      continue
    }
    // The cap is the reason only when it is what stops that participant: idle at a common slot.
    const fullSide = [a, b].find(
      (p) => load[p] >= cap[p] && slots.some((s) => busy[p * slotCount + s] < 0),
    )
    if (fullSide !== undefined) {
      unscheduled.push({
        requestId,
        reason: 'cap_reached',
        participantId: participantIds[fullSide],
      })
      continue
    }
    let bothIdle = false
    let alwaysBusyA = true
    let alwaysBusyB = true
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]
      const busyA = busy[a * slotCount + s] >= 0
      const busyB = busy[b * slotCount + s] >= 0
      if (!busyA && !busyB) bothIdle = true
      alwaysBusyA &&= busyA
      alwaysBusyB &&= busyB
    }
    if (bothIdle) {
      unscheduled.push({ requestId, reason: 'no_table' })
    } else if (alwaysBusyA !== alwaysBusyB) {
      unscheduled.push({
        requestId,
        reason: 'conflict',
        participantId: participantIds[alwaysBusyA ? a : b],
      })
    } else {
      unscheduled.push({ requestId, reason: 'conflict' })
    }
  }

  let locked = 0
  let keptFromPrevious = 0
  let movedFromPrevious = 0
  let droppedFromPrevious = 0
  for (let r = 0; r < requestCount; r++) {
    if (slotOf[r] >= 0 && lockSlot[r] >= 0) locked++
    if (previousSlot[r] < 0) continue
    if (slotOf[r] < 0) droppedFromPrevious++
    else if (slotOf[r] === previousSlot[r] && tableOf[r] === previousTable[r]) keptFromPrevious++
    else movedFromPrevious++
  }

  return {
    meetings,
    unscheduled,
    lockIssues: problem.lockIssues,
    stats: {
      requests: requestCount,
      scheduled: meetings.length,
      scheduledWeight: state.weight,
      locked,
      keptFromPrevious,
      movedFromPrevious,
      droppedFromPrevious,
    },
  }
}
