// The background loop each app server runs (WORKER=false turns it off on a server).
// It holds no state that matters: everything it works on is claimed from the database.
import { pruneRateLimitCounters } from '~/utils/rate-limit.server.ts'
import {
  deliverPendingEmails,
  transportFromEnv,
  type MailTransport,
} from '~/models/mail/email.server.ts'
import { runDueJobs } from './jobs.server.ts'
import { periodicTasks } from './tasks.server.ts'

const TICK_MS = 2_000
const PRUNE_EVERY_MS = 60 * 60 * 1000

export interface Worker {
  stop(): Promise<void>
  /** Runs a tick soon (after a mutation queued something). */
  nudge(): void
}

declare global {
  var __passerelleWorker: Worker | undefined
}

export async function runWorkerTick(transport: MailTransport) {
  const jobs = await runDueJobs()
  const mail = await deliverPendingEmails(transport)
  return { jobs, mail }
}

export function startWorker(transport = transportFromEnv(), log = console): Worker {
  if (globalThis.__passerelleWorker) return globalThis.__passerelleWorker
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false
  let lastPrune = 0
  const lastRun = new Map<string, number>()

  const tick = async () => {
    try {
      await runWorkerTick(transport)
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now()
        await pruneRateLimitCounters()
      }
      for (const task of periodicTasks) {
        if (Date.now() - (lastRun.get(task.name) ?? 0) < task.everyMs) continue
        lastRun.set(task.name, Date.now())
        await task
          .run()
          .catch((error: Error) => log.error(`[worker] ${task.name} failed:`, error.message))
      }
    } catch (error) {
      // The database may be restarting: keep the loop alive and try again next tick.
      log.error('[worker] tick failed:', (error as Error).message)
    }
  }
  const schedule = (delay: number) => {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined
        schedule(TICK_MS)
      })
    }, delay)
    timer.unref()
  }
  schedule(500)

  const worker: Worker = {
    nudge: () => {
      if (!running) schedule(50)
    },
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await running
      globalThis.__passerelleWorker = undefined
    },
  }
  globalThis.__passerelleWorker = worker
  return worker
}

export function nudgeWorker() {
  globalThis.__passerelleWorker?.nudge()
}
