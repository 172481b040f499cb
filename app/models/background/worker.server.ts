// The background loop each app server runs (WORKER=false turns it off on a server).
// It holds no state that matters: everything it works on is claimed from the database. It runs
// a tick every 2 s, and at once when the database says work was queued (NOTIFY on
// passerelle_work, sent by triggers when e-mails, jobs or search outbox rows are committed).
import { getDatabase } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
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
export const WORK_CHANNEL = 'passerelle_work'

export interface Worker {
  stop(): Promise<void>
  /** Runs a tick soon (work was queued). */
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

/** The worker of this process, unless WORKER=false (then another process does the work). */
export function startWorkerFromEnv(log: Pick<Console, 'log' | 'error'> = console) {
  if (!getEnv().WORKER) {
    log.log('[worker] not started in this process (WORKER=false)')
    return null
  }
  return startWorker({ log })
}

export function startWorker({
  transport = transportFromEnv(),
  log = console,
  tickMs = TICK_MS,
}: {
  transport?: MailTransport
  log?: Pick<Console, 'error'>
  /** The periodic tick; work that is queued wakes the worker at once anyway. */
  tickMs?: number
} = {}): Worker {
  if (globalThis.__passerelleWorker) return globalThis.__passerelleWorker
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let wokenWhileRunning = false
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
        schedule(wokenWhileRunning ? 0 : tickMs)
        wokenWhileRunning = false
      })
    }, delay)
    timer.unref()
  }
  schedule(500)

  const nudge = () => {
    if (running) wokenWhileRunning = true
    else schedule(20)
  }
  const unlisten = getDatabase()
    .listen(WORK_CHANNEL, nudge)
    .catch((error: Error) => {
      log.error('[worker] not woken by the database (ticks only):', error.message)
      return async () => {}
    })

  const worker: Worker = {
    nudge,
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await (
        await unlisten
      )()
      await running
      globalThis.__passerelleWorker = undefined
    },
  }
  globalThis.__passerelleWorker = worker
  return worker
}
