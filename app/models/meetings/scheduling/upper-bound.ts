import { bipartiteMatchingSize, FlowNetwork } from './max-flow.ts'
import { buildProblem, type Problem } from './problem.ts'
import type { ScheduleInput } from './types.ts'

export interface UpperBoundDetails {
  /** The bound itself: locked + min of the residual bounds below. */
  upperBound: number
  locked: number
  /** Residual bounds, each valid on its own (see computeUpperBound). */
  tableCapacity: number
  perSlotParticipants: number
  perParticipantDegree: number
  degreeBoundedSubgraph: number
}

/**
 * An upper bound on the number of meetings of any valid schedule that keeps the accepted locks
 * (the solver always does). Locked meetings are counted as they are, and every bound below is
 * about the residual problem: each locked meeting takes its slot away from both participants,
 * one unit of their cap and one table of its slot. A residual request is "open" when both
 * participants still have a common free slot and a cap of at least one.
 *
 * - tableCapacity: each slot holds at most one meeting per remaining table.
 * - perSlotParticipants: the meetings of one slot are disjoint pairs of the participants free at
 *   that slot who have an open request usable at that slot, so at most half of them; summed
 *   over slots (and capped by the slot's tables).
 * - perParticipantDegree: a participant p takes part in at most u(p) meetings, where u(p) is the
 *   smaller of their remaining cap and the size of a maximum matching between their open
 *   requests and their free slots (edge when both sides are free at the slot): their meetings
 *   sit at distinct slots, so they form such a matching. Every meeting has two participants,
 *   hence at most floor(sum of u(p) / 2).
 * - degreeBoundedSubgraph: scheduled meetings form a subgraph of the open requests in which p
 *   has degree at most u(p). Its size is at most the maximum fractional b-matching, which is half
 *   of a maximum flow in the bipartite double cover (source -> p_left with capacity u(p), p_left
 *   -> q_right with capacity 1 per request in both directions, q_right -> sink with capacity
 *   u(q)): a subgraph with m edges gives a flow of 2m. This one is always at most
 *   perParticipantDegree and the number of open requests, and is the bound that usually binds.
 */
export function computeUpperBound(problem: Problem): UpperBoundDetails {
  const { slotCount, requestA, requestB, lockSlot } = problem
  const participantCount = problem.participantIds.length
  const tableCount = problem.tableIds.length
  const remainingCap = Int32Array.from(problem.cap)
  const free = Uint8Array.from(problem.free)
  const tablesLeft = new Int32Array(slotCount).fill(tableCount)
  let locked = 0
  for (let r = 0; r < requestA.length; r++) {
    const slot = lockSlot[r]
    if (slot < 0) continue
    locked++
    tablesLeft[slot]--
    for (const p of [requestA[r], requestB[r]]) {
      remainingCap[p]--
      free[p * slotCount + slot] = 0
    }
  }

  const openRequests: number[] = []
  const openSlots: number[][] = []
  for (let r = 0; r < requestA.length; r++) {
    const a = requestA[r]
    const b = requestB[r]
    if (a < 0 || lockSlot[r] >= 0 || remainingCap[a] <= 0 || remainingCap[b] <= 0) continue
    const slots: number[] = []
    for (let s = 0; s < slotCount; s++) {
      if (tablesLeft[s] > 0 && free[a * slotCount + s] && free[b * slotCount + s]) slots.push(s)
    }
    if (slots.length === 0) continue
    openRequests.push(r)
    openSlots.push(slots)
  }

  const tableCapacity = tablesLeft.reduce((sum, tables) => sum + tables, 0)

  const activeAtSlot = new Uint8Array(participantCount * slotCount)
  openRequests.forEach((r, index) => {
    for (const s of openSlots[index]) {
      activeAtSlot[requestA[r] * slotCount + s] = 1
      activeAtSlot[requestB[r] * slotCount + s] = 1
    }
  })
  let perSlotParticipants = 0
  for (let s = 0; s < slotCount; s++) {
    let active = 0
    for (let p = 0; p < participantCount; p++) active += activeAtSlot[p * slotCount + s]
    perSlotParticipants += Math.min(tablesLeft[s], Math.floor(active / 2))
  }

  const slotsOfRequestsOf: number[][][] = Array.from({ length: participantCount }, () => [])
  openRequests.forEach((r, index) => {
    slotsOfRequestsOf[requestA[r]].push(openSlots[index])
    slotsOfRequestsOf[requestB[r]].push(openSlots[index])
  })
  const degreeLimit = slotsOfRequestsOf.map((adjacency, p) =>
    Math.min(remainingCap[p], bipartiteMatchingSize(adjacency, slotCount)),
  )
  const perParticipantDegree = Math.floor(degreeLimit.reduce((sum, limit) => sum + limit, 0) / 2)

  const source = 2 * participantCount
  const sink = source + 1
  const network = new FlowNetwork(sink + 1)
  for (let p = 0; p < participantCount; p++) {
    if (degreeLimit[p] === 0) continue
    network.addEdge(source, p, degreeLimit[p])
    network.addEdge(participantCount + p, sink, degreeLimit[p])
  }
  for (const r of openRequests) {
    network.addEdge(requestA[r], participantCount + requestB[r], 1)
    network.addEdge(requestB[r], participantCount + requestA[r], 1)
  }
  const degreeBoundedSubgraph = Math.floor(network.maxFlow(source, sink) / 2)

  return {
    upperBound:
      locked +
      Math.min(tableCapacity, perSlotParticipants, perParticipantDegree, degreeBoundedSubgraph),
    locked,
    tableCapacity,
    perSlotParticipants,
    perParticipantDegree,
    degreeBoundedSubgraph,
  }
}

export function scheduleUpperBoundDetails(input: ScheduleInput) {
  return computeUpperBound(buildProblem(input))
}

export function scheduleUpperBound(input: ScheduleInput) {
  return computeUpperBound(buildProblem(input)).upperBound
}
