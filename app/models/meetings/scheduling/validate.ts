import { buildProblem } from './problem.ts'
import type { ScheduleInput, ScheduleResult, Violation } from './types.ts'

/**
 * Every way `output` breaks the rules of `input`: unknown or invalid requests, clashes of a
 * participant or a table, unavailability, caps, accepted locks not at their place, and (when the
 * output lists unscheduled requests) requests missing from both lists or present in both.
 */
export function validateSchedule(
  input: ScheduleInput,
  output: Pick<ScheduleResult, 'meetings'> & Partial<Pick<ScheduleResult, 'unscheduled'>>,
): Violation[] {
  const problem = buildProblem(input)
  const { slotCount, participantIds, requestA, requestB } = problem
  const violations: Violation[] = []
  const scheduledRequests = new Set<number>()
  const meetingAt = new Map<number, number>()
  const tableUsed = new Set<number>()
  const meetingsOf = new Int32Array(participantIds.length)

  for (const { requestId, slotIndex, table } of output.meetings) {
    const r = problem.requestIndexById.get(requestId)
    if (r === undefined) {
      violations.push({ code: 'unknown_request', requestId })
      continue
    }
    if (requestA[r] < 0) {
      violations.push({ code: 'invalid_request', requestId })
      continue
    }
    if (scheduledRequests.has(r)) {
      violations.push({ code: 'duplicate_meeting', requestId })
      continue
    }
    scheduledRequests.add(r)
    if (!Number.isInteger(slotIndex) || slotIndex < 0 || slotIndex >= slotCount) {
      violations.push({ code: 'slot_out_of_range', requestId, slotIndex })
      continue
    }
    const tableIndex = problem.tableIndexById.get(table)
    if (tableIndex === undefined) {
      violations.push({ code: 'unknown_table', requestId, slotIndex, table })
    } else {
      const key = slotIndex * problem.tableIds.length + tableIndex
      if (tableUsed.has(key))
        violations.push({
          code: 'table_double_booked',
          requestId,
          slotIndex,
          table,
        })
      tableUsed.add(key)
    }
    for (const p of [requestA[r], requestB[r]]) {
      const participantId = participantIds[p]
      if (!problem.free[p * slotCount + slotIndex]) {
        violations.push({
          code: 'participant_unavailable',
          requestId,
          participantId,
          slotIndex,
        })
      }
      const key = p * slotCount + slotIndex
      const other = meetingAt.get(key)
      if (other !== undefined) {
        violations.push({
          code: 'participant_double_booked',
          requestId,
          participantId,
          slotIndex,
        })
      }
      meetingAt.set(key, r)
      meetingsOf[p]++
      if (meetingsOf[p] === problem.cap[p] + 1) {
        violations.push({ code: 'cap_exceeded', participantId })
      }
    }
    if (
      problem.lockSlot[r] >= 0 &&
      (problem.lockSlot[r] !== slotIndex || tableIndex !== problem.lockTable[r])
    ) {
      violations.push({
        code: 'lock_not_respected',
        requestId,
        slotIndex,
        table,
      })
    }
  }

  for (let r = 0; r < requestA.length; r++) {
    if (problem.lockSlot[r] >= 0 && !scheduledRequests.has(r)) {
      violations.push({
        code: 'lock_not_respected',
        requestId: problem.requestIds[r],
      })
    }
  }

  if (output.unscheduled) {
    const scheduledIds = new Set(output.meetings.map((meeting) => meeting.requestId))
    const unscheduledIds = new Set(output.unscheduled.map((entry) => entry.requestId))
    for (const requestId of new Set(problem.requestIds)) {
      if (!scheduledIds.has(requestId) && !unscheduledIds.has(requestId)) {
        violations.push({ code: 'request_missing', requestId })
      }
    }
    // A duplicated id legitimately shows up in both lists (the copy is unscheduled).
    const unscheduledOriginals = new Set(
      output.unscheduled
        .filter((entry) => entry.reason !== 'duplicate_request')
        .map((entry) => entry.requestId),
    )
    for (const requestId of scheduledIds) {
      if (unscheduledOriginals.has(requestId)) {
        violations.push({ code: 'scheduled_and_unscheduled', requestId })
      }
    }
  }
  return violations
}
