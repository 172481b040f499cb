// Periodic tasks every worker runs besides the mail outbox and jobs. A task must be safe to
// run on several servers at once (claim rows with FOR UPDATE SKIP LOCKED, or enqueue jobs
// with a unique key) because each app server runs its own worker.
import { eventReminderTask } from '~/models/events/reminders.server.ts'
import { needRenewalReminderTask } from '~/models/needs/need.server.ts'
import { recommendationRefreshTask } from '~/models/matching/recommendations.server.ts'
import { searchOutboxTask } from '~/models/search/outbox.server.ts'

export interface PeriodicTask {
  name: string
  everyMs: number
  run(): Promise<unknown>
}

export const periodicTasks: PeriodicTask[] = [
  eventReminderTask,
  needRenewalReminderTask,
  searchOutboxTask,
  recommendationRefreshTask,
]
