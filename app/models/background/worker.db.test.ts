// Queued work wakes the worker through the database (NOTIFY on commit), so no caller has to
// nudge it; WORKER=false leaves the work to another process.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { queueEmail, type MailTransport } from '~/models/mail/email.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { resetEnvForTests } from '~/utils/env.server.ts'
import { startWorker, startWorkerFromEnv, type Worker } from './worker.server.ts'
import { createTestOrganisation } from '../../../prisma/factories.ts'

// SMTP cannot run here: the transport records what the worker sends (mocked at the edge).
function recordingTransport() {
  const sent: Array<{ id: string; at: number }> = []
  const transport: MailTransport = {
    name: 'memory (SMTP mocked)',
    send: async (message) => void sent.push({ id: message.id, at: Date.now() }),
  }
  return { sent, transport }
}

const silent = { log: () => {}, error: () => {} }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
let worker: Worker | null = null

afterEach(async () => {
  await worker?.stop()
  worker = null
  delete process.env.WORKER
  resetEnvForTests()
})

describe('worker wake-up', () => {
  test('an e-mail queued in a transaction is sent right after the commit, not at the next tick', async () => {
    const { sent, transport } = recordingTransport()
    // A periodic tick far away: only the database's notification can make the worker run.
    worker = startWorker({ transport, log: silent, tickMs: 600_000 })
    await sleep(800) // the first tick (at 500 ms) is over
    let committedAt = 0
    const message = await prisma.$transaction(async (tx) => {
      const row = await queueEmail({ to: 'a@exemple.fr', subject: 'Objet', text: 'Texte' }, tx)
      await sleep(300)
      expect(sent).toEqual([]) // not committed yet: the worker cannot see it
      return row
    })
    committedAt = Date.now()
    await vi.waitFor(() => expect(sent.map((s) => s.id)).toContain(message.id), {
      timeout: 5_000,
      interval: 20,
    })
    expect(sent[0]!.at).toBeGreaterThanOrEqual(committedAt - 5)
  })

  test('a profile change reaches the search outbox drain without waiting for a tick', async () => {
    const { transport } = recordingTransport()
    worker = startWorker({ transport, log: silent, tickMs: 600_000 })
    await sleep(800)
    const organisation = await createTestOrganisation(prisma)
    const queued = await prisma.$queryRaw<
      Array<{ doc_id: string }>
    >`SELECT doc_id FROM search_outbox WHERE doc_id = ${organisation.id}`
    expect(queued).toHaveLength(1)
    await vi.waitFor(
      async () =>
        expect(
          await prisma.$queryRaw`SELECT 1 FROM search_outbox WHERE doc_id = ${organisation.id}`,
        ).toEqual([]),
      { timeout: 5_000, interval: 50 },
    )
  })

  test('WORKER=false starts no worker: queued mail waits for another process', async () => {
    process.env.WORKER = 'false'
    resetEnvForTests()
    const logged: string[] = []
    worker = startWorkerFromEnv({ log: (line: string) => logged.push(line), error: () => {} })
    expect(worker).toBeNull()
    expect(logged.join('\n')).toMatch(/WORKER=false/)
    const message = await queueEmail({ to: 'b@exemple.fr', subject: 'Objet', text: 'Texte' })
    await sleep(700)
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: message.id } })
    expect(row.status).toBe('pending')
  })

  test('by default the process runs a worker', async () => {
    delete process.env.WORKER
    resetEnvForTests()
    worker = startWorkerFromEnv(silent)
    expect(worker).not.toBeNull()
  })
})
