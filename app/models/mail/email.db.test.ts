import nodemailer from 'nodemailer'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import {
  deliverPendingEmails,
  queueEmail,
  retryDelayMs,
  nodemailerTransport,
  type MailTransport,
} from './email.server.ts'
import { enqueueJob, registerJobHandler, runDueJobs } from '~/models/background/jobs.server.ts'

// SMTP cannot run here: these transports stand in for it (mocked at the network edge).
function memoryTransport() {
  const sent: string[] = []
  const transport: MailTransport = {
    name: 'memory (SMTP mocked)',
    send: async (message) => void sent.push(message.id),
  }
  return { sent, transport }
}
const failingTransport: MailTransport = {
  name: 'failing (SMTP mocked down)',
  send: async () => {
    throw new Error('connect ECONNREFUSED 127.0.0.1:25')
  },
}

describe('mail outbox', () => {
  test('a message survives a failing sender, is retried with backoff, then delivered once', async () => {
    const message = await queueEmail({ to: 'a@exemple.fr', subject: 'Bonjour', text: 'Texte' })
    const failed = await deliverPendingEmails(failingTransport)
    expect(failed.failed).toBeGreaterThanOrEqual(1)
    let row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: message.id } })
    expect(row.status).toBe('pending')
    expect(row.attempts).toBe(1)
    expect(row.lastError).toMatch(/ECONNREFUSED/)
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + retryDelayMs(1) - 5_000)

    const { sent, transport } = memoryTransport()
    await deliverPendingEmails(transport)
    expect(sent).not.toContain(message.id) // not due yet
    await deliverPendingEmails(transport, { now: new Date(Date.now() + 2 * retryDelayMs(1)) })
    expect(sent.filter((id) => id === message.id)).toHaveLength(1)
    row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: message.id } })
    expect(row.status).toBe('done')
    await deliverPendingEmails(transport, { now: new Date(Date.now() + 10 * retryDelayMs(5)) })
    expect(sent.filter((id) => id === message.id)).toHaveLength(1)
  })

  test('two workers claiming at once never send the same message twice', async () => {
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        queueEmail({ to: `b${i}@exemple.fr`, subject: 's', text: 't' }).then((m) => m.id),
      ),
    )
    const first = memoryTransport()
    const second = memoryTransport()
    await Promise.all([
      deliverPendingEmails(first.transport, { limit: 50 }),
      deliverPendingEmails(second.transport, { limit: 50 }),
    ])
    const all = [...first.sent, ...second.sent].filter((id) => ids.includes(id))
    expect(all.sort()).toEqual([...ids].sort())
  })

  test('a message whose worker died mid-send is taken again after its lease', async () => {
    const message = await queueEmail({ to: 'c@exemple.fr', subject: 's', text: 't' })
    await prisma.outboxEmail.update({
      where: { id: message.id },
      data: { status: 'processing', lockedUntil: new Date(Date.now() - 1000) },
    })
    const { sent, transport } = memoryTransport()
    await deliverPendingEmails(transport, { limit: 100 })
    expect(sent).toContain(message.id)
  })

  test('a message sent again after a crash keeps its Message-ID (nodemailer with its JSON transport instead of SMTP)', async () => {
    const message = await queueEmail({ to: 'e@exemple.fr', subject: 'Invitation', text: 't' })
    const sentIds: string[] = []
    const json = nodemailerTransport(
      nodemailer.createTransport({ jsonTransport: true }),
      'Passerelle <ne-pas-repondre@exemple.fr>',
    )
    const recording: MailTransport = {
      name: json.name,
      send: async (row) => {
        const info = await json.send(row)
        if (row.id === message.id) sentIds.push(info?.messageId ?? 'none')
        return info
      },
    }
    await deliverPendingEmails(recording, { limit: 100 })
    // The worker died after the server accepted it: the row is claimed and sent again.
    await prisma.outboxEmail.update({
      where: { id: message.id },
      data: { status: 'processing', lockedUntil: new Date(Date.now() - 1000) },
    })
    await deliverPendingEmails(recording, { limit: 100 })
    expect(sentIds).toEqual([`<${message.id}@exemple.fr>`, `<${message.id}@exemple.fr>`])
  })

  test('the same dedupe key is queued once', async () => {
    await queueEmail({ to: 'd@exemple.fr', subject: 's', text: 't', dedupeKey: 'rappel:test:1' })
    await queueEmail({ to: 'd@exemple.fr', subject: 's', text: 't', dedupeKey: 'rappel:test:1' })
    expect(await prisma.outboxEmail.count({ where: { dedupeKey: 'rappel:test:1' } })).toBe(1)
  })
})

describe('jobs', () => {
  test('a job runs once; its writes commit with it; a failing job is retried later and keeps nothing', async () => {
    let calls = 0
    registerJobHandler('test-ok', async (job, tx) => {
      calls++
      await queueEmail({ to: 'job@exemple.fr', subject: `job ${job.id}`, text: 't' }, tx)
    })
    registerJobHandler('test-fail', async (_job, tx) => {
      await queueEmail({ to: 'never@exemple.fr', subject: 'never', text: 't' }, tx)
      throw new Error('boom')
    })
    const ok = await enqueueJob('test-ok', { n: 1 }, { uniqueKey: 'job-once' })
    await enqueueJob('test-ok', { n: 2 }, { uniqueKey: 'job-once' })
    const failing = await enqueueJob('test-fail', {})
    await Promise.all([runDueJobs(), runDueJobs()])
    await runDueJobs()
    expect(calls).toBe(1)
    expect((await prisma.job.findUniqueOrThrow({ where: { id: ok.id } })).status).toBe('done')
    expect(await prisma.outboxEmail.count({ where: { subject: `job ${ok.id}` } })).toBe(1)
    const failed = await prisma.job.findUniqueOrThrow({ where: { id: failing.id } })
    expect(failed.status).toBe('pending')
    expect(failed.attempts).toBe(1)
    expect(failed.runAt.getTime()).toBeGreaterThan(Date.now())
    expect(await prisma.outboxEmail.count({ where: { toAddress: 'never@exemple.fr' } })).toBe(0)
  })
})
