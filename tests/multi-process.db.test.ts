// Two app processes on one PostgreSQL database behave as one (decision 022): the production
// build is started twice on two ports, like two machines behind a load balancer, and the test
// spreads real HTTP requests across both.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser } from '../prisma/factories.ts'
import { queueEmails } from '~/models/mail/email.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { createTestEvent } from './event-fixtures.ts'
import { startFakeMeilisearch, type FakeMeilisearch } from './fake-meilisearch.ts'
import { addParticipants, configureSession, createRendezVousEvent } from './meeting-fixtures.ts'
import { sessionCookieFor } from './route-utils.ts'

const onServer = process.env.TEST_DB_MODE === 'server'
if (!onServer) {
  console.log(
    '[multi-process] skipped on PGlite: an embedded database belongs to one process; this file runs in the db-server project',
  )
}
// `npm test` builds once and says where; a run of this file alone builds its own copy.
const BUILD_DIR = path.resolve(process.env.PASSERELLE_TEST_BUILD_DIR ?? 'build-multiprocess')
const PORTS = [3391 + (process.pid % 50) * 2, 3392 + (process.pid % 50) * 2]

interface AppProcess {
  url: string
  mailDir: string
  child: ChildProcess
}

let apps: AppProcess[] = []
let meili: FakeMeilisearch
let workDir = ''

async function startApp(port: number, databaseUrl: string): Promise<AppProcess> {
  const mailDir = path.join(workDir, `mail-${port}`)
  const child = spawn(process.execPath, ['scripts/serve.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      BUILD_DIR,
      MAIL_DIR: mailDir,
      MEILISEARCH_URL: meili.url,
      MEILISEARCH_API_KEY: 'cle-de-test',
      SMTP_URL: '',
      WORKER: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    const up = await fetch(`${url}/healthz`)
      .then((response) => response.ok)
      .catch(() => false)
    if (up) break
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${url} did not start`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { url, mailDir, child }
}

const productionCookie = (cookie: string) =>
  cookie.replace(/^passerelle_session=/, '__Host-passerelle_session=')

function post(app: AppProcess, pathname: string, fields: Record<string, string>, cookie?: string) {
  return fetch(app.url + pathname, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: app.url,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  })
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe.runIf(onServer)('two app processes on one PostgreSQL', () => {
  beforeAll(async () => {
    if (
      !process.env.PASSERELLE_TEST_BUILD_DIR ||
      !existsSync(path.join(BUILD_DIR, 'server/index.js'))
    ) {
      const built = spawnSync('npx', ['remix', 'build'], {
        env: { ...process.env, BUILD_DIR, NODE_ENV: 'production' },
        stdio: 'inherit',
      })
      if (built.status !== 0) throw new Error('remix build failed')
    }
    workDir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-multi-'))
    meili = await startFakeMeilisearch()
    const databaseUrl = process.env.PASSERELLE_TEST_DATABASE_URL!
    apps = await Promise.all(PORTS.map((port) => startApp(port, databaseUrl)))
  }, 300_000)

  afterAll(async () => {
    await Promise.all(
      apps.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(undefined)
            child.once('exit', resolve)
            child.kill('SIGTERM')
          }),
      ),
    )
    await meili?.close()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  test('a session opened on one process is valid on the other', async () => {
    const user = await createTestUser(prisma, { name: 'Jeanne Multiprocess' })
    const signIn = await post(apps[0]!, '/connexion', {
      email: user.email,
      password: 'passerelle-demo-2026',
    })
    expect(signIn.status).toBe(302)
    const cookie = signIn.headers
      .getSetCookie()
      .map((value) => value.split(';')[0])
      .join('; ')
    expect(cookie).toMatch(/__Host-passerelle_session=/)
    const onOther = await fetch(`${apps[1]!.url}/me`, {
      headers: { Cookie: cookie },
      redirect: 'manual',
    })
    expect(onOther.status).toBe(200)
    expect(await onOther.text()).toContain('Jeanne Multiprocess')
  })

  test('60 registrations spread over both processes never exceed the 10 seats', async () => {
    const event = await createTestEvent({ capacity: 10 })
    const people = await Promise.all(Array.from({ length: 60 }, () => createTestUser(prisma)))
    const cookies = await Promise.all(people.map((person) => sessionCookieFor(person.id)))
    const answers = await Promise.all(
      cookies.map((cookie, i) =>
        post(
          apps[i % 2]!,
          `/evenements/${event.slug}`,
          { intent: 'register' },
          productionCookie(cookie),
        ),
      ),
    )
    expect(answers.every((answer) => answer.status === 302)).toBe(true)
    const statuses = await prisma.registration.groupBy({
      by: ['status'],
      where: { eventId: event.id },
      _count: true,
    })
    const count = Object.fromEntries(statuses.map((row) => [row.status, row._count]))
    expect(count.confirmed).toBe(10)
    expect(count.waitlisted).toBe(50)
    const stored = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(stored.confirmedCount).toBe(10)
  })

  test('each queued e-mail is delivered exactly once, by one process or the other', async () => {
    const marker = `multi-${Date.now()}`
    await queueEmails(
      Array.from({ length: 80 }, (_, i) => ({
        to: `destinataire-${i}@exemple.fr`,
        subject: `${marker} ${i}`,
        text: 'Texte',
      })),
    )
    const delivered = await waitFor(async () => {
      const subjects: string[] = []
      for (const app of apps) {
        const files = await readdir(app.mailDir).catch(() => [])
        for (const file of files) {
          const mail = JSON.parse(await readFile(path.join(app.mailDir, file), 'utf8'))
          if (String(mail.subject).startsWith(marker)) subjects.push(mail.subject)
        }
      }
      return subjects.length >= 80 ? subjects : undefined
    })
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(delivered).toHaveLength(80)
    expect(new Set(delivered).size).toBe(80)
    const pending = await prisma.outboxEmail.count({
      where: { subject: { startsWith: marker }, status: { not: 'done' } },
    })
    expect(pending).toBe(0)
  })

  test('the search outbox is drained once: each changed profile reaches the index once', async () => {
    const organisations = await Promise.all(
      Array.from({ length: 40 }, () => createTestOrganisation(prisma)),
    )
    const ids = new Set(organisations.map((organisation) => organisation.id))
    await waitFor(async () => {
      const left = await prisma.$queryRaw<
        Array<{ n: bigint }>
      >`SELECT count(*) AS n FROM search_outbox`
      return Number(left[0]!.n) === 0 ? true : undefined
    })
    const pushes = meili.pushed.filter((document) => ids.has(document.id))
    expect(pushes).toHaveLength(40)
    expect(new Set(pushes.map((document) => document.id)).size).toBe(40)
  })

  test('rate limits are counted across processes', async () => {
    // The same sequence of wrong passwords, alternating processes, then all on one process:
    // the answers must be the same, whatever the limits are.
    const sequence = async (target: (i: number) => AppProcess) => {
      const user = await createTestUser(prisma)
      const statuses: number[] = []
      for (let i = 0; i < 14; i++) {
        const answer = await post(target(i), '/connexion', {
          email: user.email,
          password: `faux-${i}`,
        })
        statuses.push(answer.status)
      }
      return statuses
    }
    const spread = await sequence((i) => apps[i % 2]!)
    const single = await sequence(() => apps[0]!)
    expect(spread).toContain(429)
    expect(spread).toEqual(single)
  })

  test('planning started on both processes at once produces one schedule', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day, { windows: ['09:00-11:00'], tableCount: 3 })
    const people = await addParticipants(event.id, 12)
    const session = await prisma.meetingSession.findUniqueOrThrow({ where: { eventId: event.id } })
    const pairs: Array<[number, number]> = []
    for (let i = 0; i < people.length; i++)
      for (let j = i + 1; j < people.length; j += 3) pairs.push([i, j])
    await prisma.meetingRequest.createMany({
      data: pairs.map(([i, j]) => ({
        sessionId: session.id,
        requesterId: people[i]!.id,
        recipientId: people[j]!.id,
        status: 'accepted' as const,
        respondedAt: new Date(),
      })),
    })
    const cookie = productionCookie(await sessionCookieFor(organizer.id))
    const path_ = `/evenements/${event.slug}/rendez-vous/planning`
    const answers = await Promise.all(
      apps.map((app) => post(app, path_, { intent: 'generate' }, cookie)),
    )
    expect(answers.map((answer) => answer.status).sort()).toContain(302)
    const meetings = await prisma.meeting.findMany({
      where: { sessionId: session.id, status: 'scheduled' },
    })
    expect(meetings.length).toBeGreaterThan(0)
    // One meeting per request, never two people or two meetings at one table and slot.
    expect(new Set(meetings.map((meeting) => meeting.requestId)).size).toBe(meetings.length)
    expect(new Set(meetings.map((m) => `${m.slotIndex}/${m.tableLabel}`)).size).toBe(
      meetings.length,
    )
    const requests = await prisma.meetingRequest.findMany({ where: { sessionId: session.id } })
    const byRequest = new Map(requests.map((request) => [request.id, request]))
    const busy = new Set<string>()
    for (const meeting of meetings) {
      const request = byRequest.get(meeting.requestId)!
      for (const person of [request.requesterId, request.recipientId]) {
        const key = `${meeting.slotIndex}/${person}`
        expect(busy.has(key)).toBe(false)
        busy.add(key)
      }
    }
    // A third run changes nothing: both runs agreed on one schedule.
    const again = await post(apps[0]!, path_, { intent: 'generate' }, cookie)
    expect(again.status).toBe(302)
    const after = await prisma.meeting.findMany({
      where: { sessionId: session.id, status: 'scheduled' },
    })
    expect(after.map((m) => `${m.id}@${m.slotIndex}/${m.tableLabel}`).sort()).toEqual(
      meetings.map((m) => `${m.id}@${m.slotIndex}/${m.tableLabel}`).sort(),
    )
  })
})

describe.runIf(onServer)('npm start with WEB_CONCURRENCY=2 (node:cluster)', () => {
  let cluster: ChildProcess | undefined
  const port = PORTS[1]! + 100
  const url = `http://127.0.0.1:${port}`

  afterAll(() => {
    if (cluster && cluster.exitCode === null) cluster.kill('SIGKILL')
  })

  /** Requests in a loop from `clients` clients until stopped; what came back, and failures. */
  function load(clients: number) {
    let running = true
    const statuses: number[] = []
    const failures: string[] = []
    const loops = Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; running; i++) {
        // Searches that miss the page cache, so that requests are really in flight.
        const target = `${url}/recherche?q=musee+${client}-${i}`
        try {
          const response = await fetch(target)
          await response.text()
          statuses.push(response.status)
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code ?? String(error)
          failures.push(code)
          if (code === 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
    })
    return {
      statuses,
      failures,
      stop: async () => {
        running = false
        await Promise.all(loops)
      },
    }
  }

  test('a rolling restart (SIGHUP) and a stop (SIGTERM) lose no request', async () => {
    const workDirCluster = await mkdtemp(path.join(os.tmpdir(), 'passerelle-cluster-'))
    const logs: string[] = []
    cluster = spawn(process.execPath, ['scripts/cluster.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: url,
        DATABASE_URL: process.env.PASSERELLE_TEST_DATABASE_URL!,
        BUILD_DIR,
        MAIL_DIR: path.join(workDirCluster, 'mail'),
        WEB_CONCURRENCY: '2',
        MEILISEARCH_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    cluster.stdout!.on('data', (chunk: Buffer) => logs.push(chunk.toString()))
    await waitFor(
      async () => (logs.join('').match(/listening on/g)?.length === 2 ? true : undefined),
      60_000,
    )
    expect(logs.join('')).toMatch(/\[cluster\] 2 processes/)

    const restart = load(8)
    await new Promise((resolve) => setTimeout(resolve, 500))
    cluster.kill('SIGHUP')
    await waitFor(async () => (/restart done/.test(logs.join('')) ? true : undefined), 90_000)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await restart.stop()
    expect(restart.failures).toEqual([])
    expect(restart.statuses.length).toBeGreaterThan(20)
    expect(restart.statuses.every((status) => status === 200)).toBe(true)

    const stopping = load(8)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const exited = new Promise((resolve) => cluster!.once('exit', resolve))
    cluster.kill('SIGTERM')
    expect(await exited).toBe(0)
    await stopping.stop()
    // Requests sent after the port closed are refused (never accepted); none is cut off.
    expect(stopping.failures.filter((code) => code !== 'ECONNREFUSED')).toEqual([])
    expect(stopping.statuses.every((status) => status === 200)).toBe(true)
    await rm(workDirCluster, { recursive: true, force: true })
  }, 240_000)
})
