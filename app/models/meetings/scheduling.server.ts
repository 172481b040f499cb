import { buildProblem } from './scheduling/problem.ts'
import { solve } from './scheduling/solver.ts'
import type { ScheduleInput, ScheduleOptions, ScheduleResult } from './scheduling/types.ts'

export type * from './scheduling/types.ts'
export { DEFAULT_WEIGHTS } from './scheduling/problem.ts'
export { DEFAULT_DROP_COST, DEFAULT_MOVE_COST } from './scheduling/solver.ts'
export {
  scheduleUpperBound,
  scheduleUpperBoundDetails,
  type UpperBoundDetails,
} from './scheduling/upper-bound.ts'
export { validateSchedule } from './scheduling/validate.ts'

/**
 * Assigns accepted meeting requests of a business-meeting session to slots and tables.
 *
 * Pure and deterministic for a given input and options (unless `timeBudgetMs` cuts the search).
 * Locks are honoured exactly (or reported in `lockIssues`); the previous schedule is kept in
 * place as far as possible; then the total weight of scheduled meetings is maximised with a
 * greedy fill (priority, then fewest common free slots) followed by ejection chains (moving
 * meetings to other slots to open room) and ruin-and-recreate local search. Announced meetings
 * move only when that brings in more weight than `moveCost` / `dropCost` per change.
 */
export function scheduleMeetings(
  input: ScheduleInput,
  options: ScheduleOptions = {},
): ScheduleResult {
  return solve(buildProblem(input), options)
}
