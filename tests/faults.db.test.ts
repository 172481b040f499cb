// The app keeps serving when what it depends on fails, and catches up afterwards.
import { mkdtemp, readdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Meilisearch } from 'meilisearch'
import { describe, expect, test, vi } from 'vitest'
import { buildOrganisation, createTestUser } from '../prisma/factories.ts'
import { deliverPendingEmails, fileTransport, smtpTransport } from '~/models/mail/email.server.ts'
import { search } from '~/models/search/search.server.ts'
import { createMeilisearchEngine } from '~/models/search/meilisearch-engine.server.ts'
import {
  drainSearchOutbox,
  meilisearchSink,
  type MeilisearchDocumentsClient,
} from '~/models/search/outbox.server.ts'
import * as healthz from '~/routes/healthz.tsx'
import * as forgot from '~/routes/mot-de-passe-oublie.tsx'
import * as me from '~/routes/me._index.tsx'
import { getDatabase, prisma } from '~/utils/db.server.ts'
import {
  contextFor,
  formRequest,
  getRequest,
  run,
  sessionCookieFor,
  TEST_CONTEXT,
} from './route-utils.ts'

describe('faults', () => {
  test('a mail server that refuses connections loses nothing: the page answers, mail waits, then goes out', async () => {
    const user = await createTestUser(prisma)
    const asked = await run(() =>
      forgot.action({
        request: formRequest('/mot-de-passe-oublie', { email: user.email }),
        params: {},
        context: contextFor('198.51.100.77'),
      }),
    )
    expect(asked.status).toBe(302)
    // A real SMTP client against a closed port (nothing listens on 127.0.0.1:9).
    const down = smtpTransport('smtp://127.0.0.1:9', 'Passerelle <test@exemple.fr>')
    const attempt = await deliverPendingEmails(down)
    expect(attempt.failed).toBeGreaterThanOrEqual(1)
    const queued = await prisma.outboxEmail.findFirstOrThrow({ where: { toAddress: user.email } })
    expect(queued.status).toBe('pending')
    expect(queued.lastError).toMatch(/ECONNREFUSED|connect/i)

    const dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-mail-'))
    await deliverPendingEmails(fileTransport(dir, 'Passerelle <test@exemple.fr>'), {
      now: new Date(Date.now() + 60 * 60 * 1000),
    })
    expect((await prisma.outboxEmail.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe(
      'done',
    )
    expect((await readdir(dir)).length).toBeGreaterThanOrEqual(1)
  })

  test('Meilisearch configured but unreachable: search answers from PostgreSQL and index updates wait, then drain (Meilisearch stand-in HTTP server: none can run here)', async () => {
    await drainSearchOutbox({ sink: null })
    const organisation = await prisma.organisation.create({
      data: buildOrganisation(undefined, { name: 'Théâtre Panne Sèche', visibility: 'public' }),
    })
    // The real client against a closed port (nothing listens on 127.0.0.1:9).
    const unreachable = new Meilisearch({ host: 'http://127.0.0.1:9', apiKey: 'cle-de-test' })
    const log = { warn: vi.fn() }
    const result = await search(
      {
        query: 'panne seche',
        type: 'organisations',
        filters: {},
        page: 1,
        pageSize: 20,
        language: 'fr',
        signedIn: false,
      },
      { engine: createMeilisearchEngine(unreachable), log },
    )
    expect(result.engine).toBe('postgres')
    expect(result.hits.map((hit) => hit.title)).toEqual(['Théâtre Panne Sèche'])
    expect(log.warn).toHaveBeenCalledOnce()

    const down = await drainSearchOutbox({
      sink: meilisearchSink(unreachable as unknown as MeilisearchDocumentsClient),
    })
    expect(down).toMatchObject({ pushed: 0, failed: 1 })
    const [waiting] = await prisma.$queryRaw<Array<{ doc_id: string; last_error: string }>>`
      SELECT doc_id, last_error FROM search_outbox`
    expect(waiting.doc_id).toBe(organisation.id)
    expect(waiting.last_error).toMatch(/fetch failed|ECONNREFUSED|request/i)

    // Meilisearch is back: the same client code drains the backlog over HTTP.
    const received: Array<{ url: string; body: Array<{ id: string; title: string }> }> = []
    const standIn: Server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        received.push({ url: request.url ?? '', body: JSON.parse(body || '[]') })
        response.writeHead(202, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify({
            taskUid: received.length,
            indexUid: 'organisations',
            status: 'enqueued',
            type: 'documentAdditionOrUpdate',
            enqueuedAt: new Date().toISOString(),
          }),
        )
      })
    })
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = standIn.address() as AddressInfo
      const back = new Meilisearch({ host: `http://127.0.0.1:${port}`, apiKey: 'cle-de-test' })
      await prisma.$executeRaw`UPDATE search_outbox SET next_attempt_at = now()`
      const drained = await drainSearchOutbox({
        sink: meilisearchSink(back as unknown as MeilisearchDocumentsClient),
      })
      expect(drained).toMatchObject({ pushed: 1, failed: 0 })
      expect(received).toHaveLength(1)
      expect(received[0].url).toMatch(/^\/indexes\/[a-z_-]+\/documents\?primaryKey=id/)
      expect(received[0].body.map((document) => document.title)).toEqual(['Théâtre Panne Sèche'])
      expect(await prisma.$queryRaw`SELECT doc_id FROM search_outbox`).toEqual([])
    } finally {
      await new Promise((resolve) => standIn.close(resolve))
    }
  })

  const isServer = process.env.TEST_DB_MODE === 'server'
  if (!isServer)
    console.info(
      '[faults] database restart test skipped: it needs the PostgreSQL server (embedded PGlite lives in the process).',
    )
  test.skipIf(!isServer)(
    'after the database drops every connection (restart), requests succeed again and queued work resumes',
    async () => {
      const user = await createTestUser(prisma)
      const cookie = await sessionCookieFor(user.id)
      expect(
        (
          await run(() =>
            me.loader({
              request: getRequest('/me', { Cookie: cookie }),
              params: {},
              context: TEST_CONTEXT,
            }),
          )
        ).status,
      ).toBe(200)

      // What a restart does to the app: every server-side connection of this database is killed.
      const [{ name }] = await prisma.$queryRaw<
        Array<{ name: string }>
      >`SELECT current_database()::text AS name`
      const { driver } = getDatabase()
      await driver.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      )
      await driver.query('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 200))

      // The health check tells the truth meanwhile, and the pool reconnects by itself.
      let status = 0
      for (let attempt = 0; attempt < 5 && status !== 200; attempt++) {
        status = (await run(() => healthz.loader())).status
      }
      expect(status).toBe(200)
      expect(
        (
          await run(() =>
            me.loader({
              request: getRequest('/me', { Cookie: cookie }),
              params: {},
              context: TEST_CONTEXT,
            }),
          )
        ).status,
      ).toBe(200)
      const asked = await run(() =>
        forgot.action({
          request: formRequest('/mot-de-passe-oublie', { email: user.email }),
          params: {},
          context: contextFor('198.51.100.78'),
        }),
      )
      expect(asked.status).toBe(302)
    },
  )
})
