// Durable jobs: rows claimed with FOR UPDATE SKIP LOCKED, so several app servers share the
// work and a job survives restarts. A handler runs inside the claim's transaction: what it
// writes (e-mails queued, index rows) commits together with the job being marked done, so
// a job's effects happen once even if a process dies midway.
import type { Job, Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { retryDelayMs } from '~/models/mail/email.server.ts'

export type JobHandler = (job: Job, tx: Prisma.TransactionClient) => Promise<void>

const handlers = new Map<string, JobHandler>()

export function registerJobHandler(queue: string, handler: JobHandler) {
  handlers.set(queue, handler)
}

export async function enqueueJob(
  queue: string,
  payload: Prisma.InputJsonValue,
  {
    runAt = new Date(),
    uniqueKey,
    db = prisma,
  }: {
    runAt?: Date
    uniqueKey?: string
    db?: Pick<Prisma.TransactionClient, 'job'>
  } = {},
) {
  if (uniqueKey) {
    return db.job.upsert({
      where: { uniqueKey },
      create: { queue, payload, runAt, uniqueKey },
      update: {},
    })
  }
  return db.job.create({ data: { queue, payload, runAt } })
}

export const MAX_JOB_ATTEMPTS = 10

/** Runs due jobs one at a time, each in its own transaction holding the row lock. */
export async function runDueJobs({ limit = 20, now = () => new Date() } = {}) {
  let done = 0
  let failed = 0
  for (let i = 0; i < limit; i++) {
    const outcome = await prisma.$transaction(
      async (tx) => {
        const queues = [...handlers.keys()]
        if (queues.length === 0) return 'idle' as const
        const [job] = await tx.$queryRaw<Job[]>`
          SELECT * FROM "Job"
          WHERE "status" = 'pending' AND "runAt" <= ${now()} AND "queue" = ANY(${queues})
          ORDER BY "runAt"
          LIMIT 1
          FOR UPDATE SKIP LOCKED`
        if (!job) return 'idle' as const
        try {
          await tx.$executeRaw`SAVEPOINT job_handler`
          await handlers.get(job.queue)!(job, tx)
          await tx.job.update({
            where: { id: job.id },
            data: { status: 'done', doneAt: now(), attempts: { increment: 1 }, lastError: null },
          })
          return 'done' as const
        } catch (error) {
          await tx.$executeRaw`ROLLBACK TO SAVEPOINT job_handler`
          const attempts = job.attempts + 1
          await tx.job.update({
            where: { id: job.id },
            data: {
              attempts,
              status: attempts >= MAX_JOB_ATTEMPTS ? 'dead' : 'pending',
              runAt: new Date(now().getTime() + retryDelayMs(attempts)),
              lastError: String((error as Error)?.message ?? error).slice(0, 1000),
            },
          })
          return 'failed' as const
        }
      },
      { timeout: 60_000 },
    )
    if (outcome === 'idle') break
    if (outcome === 'done') done++
    else failed++
  }
  return { done, failed }
}
