// Hostile input on every form action and API endpoint: random and malicious values (very long
// strings, control characters, HTML/script, wrong types, missing or unknown fields) posted to
// every route that has an action, and thrown at every loader's query string. The answer must
// be a success or a 4xx — never a 500 — and what is stored must stay intact.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser, buildNeed } from '../prisma/factories.ts'
import { prisma } from '~/utils/db.server.ts'
import { contextFor, run, sessionCookieFor } from './route-utils.ts'

type RouteModule = {
  loader?: (args: unknown) => Promise<unknown>
  action?: (args: unknown) => Promise<unknown>
}

const modules = import.meta.glob<RouteModule>('../app/routes/*.tsx', { eager: true })
const routes = Object.entries(modules).map(([file, module]) => {
  const source = readFileSync(path.resolve('tests', file), 'utf8')
  const fieldNames = new Set<string>(['intent', 'redirectTo'])
  for (const [, name] of source.matchAll(/name="([A-Za-z][\w.[\]]*)"/g)) fieldNames.add(name)
  for (const [, name] of source.matchAll(/fields\.([A-Za-z]\w*)/g)) fieldNames.add(name)
  for (const [, value] of source.matchAll(/value="([a-z][\w-]*)"/g))
    fieldNames.add(`intent=${value}`)
  return { file: path.basename(file, '.tsx'), module, fieldNames: [...fieldNames] }
})

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '\'; DROP TABLE "User"; --',
    '\u0000\u0001\u0007\u001b[31m',
    '../../etc/passwd',
    '{{constructor.constructor("return process")()}}',
    'NaN',
    '-1',
    '1e309',
    '2026-02-30T25:61',
    'javascript:alert(1)',
    '\ud800',
    ' ',
    '',
  ),
  fc.nat({ max: 10 }).map((n) => 'é'.repeat(5_000 * (n + 1))),
)

const formFields = (names: string[]) =>
  fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 })), hostileString),
    { maxLength: 12 },
  )

let fixtures: { cookies: Array<string | null>; params: Record<string, string[]> }

beforeAll(async () => {
  const member = await createTestUser(prisma)
  const admin = await createTestUser(prisma, { role: 'admin' })
  const organizer = await createTestUser(prisma, { role: 'organizer' })
  const organisation = await createTestOrganisation(prisma, {
    owner: member,
    name: 'Musée témoin du fuzzing',
  })
  const need = await prisma.need.create({
    data: buildNeed((await import('@faker-js/faker')).fakerFR, organisation),
  })
  fixtures = {
    cookies: [
      null,
      await sessionCookieFor(member.id),
      await sessionCookieFor(admin.id),
      await sessionCookieFor(organizer.id),
    ],
    params: {
      slug: [organisation.slug, 'inconnu', '%00'],
      id: [need.id, 'pas-un-uuid', '00000000-0000-0000-0000-000000000000'],
      token: ['a'.repeat(32), 'x'],
    },
  }
})

function paramsFor(file: string) {
  const names = [...file.matchAll(/\$(\w+)/g)].map((m) => m[1])
  return fc.record(
    Object.fromEntries(
      names.map((name) => [name, fc.constantFrom(...(fixtures.params[name] ?? ['x']))]),
    ),
  )
}

function checkStatus(file: string, method: string, status: number, detail: unknown) {
  if (status >= 500) {
    throw new Error(`${method} ${file} answered ${status}: ${JSON.stringify(detail).slice(0, 300)}`)
  }
}

// Keep the whole suite fast: a few dozen runs per route and database. The seed is fixed so
// that CI is repeatable; FUZZ_SEED=random explores new inputs (with FUZZ_RUNS=500, say), and
// FUZZ_SEED=<seed> replays the run a failure printed.
const RUNS = Number(process.env.FUZZ_RUNS ?? 30)
const SEED =
  process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261126)

describe('hostile input never causes a 500', () => {
  const withActions = routes.filter((route) => route.module.action)
  const withLoaders = routes.filter((route) => route.module.loader)

  test.each(withActions.map((route) => [route.file, route] as const))(
    'POST %s',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          formFields(route.fieldNames),
          fc.nat({ max: 3 }),
          paramsFor(route.file),
          async (fields, who, params) => {
            const body = new URLSearchParams()
            for (const [name, value] of fields) {
              const [key, fixed] = name.split('=')
              body.append(key, fixed ?? value)
            }
            const cookie = fixtures.cookies[who]
            const request = new Request(`http://localhost/${route.file}`, {
              method: 'POST',
              headers: { Origin: 'http://localhost', ...(cookie ? { Cookie: cookie } : {}) },
              body,
            })
            const outcome = await run(() =>
              route.module.action!({ request, params, context: contextFor('203.0.113.99') }),
            )
            checkStatus(route.file, 'POST', outcome.status, outcome.data)
          },
        ),
        { numRuns: RUNS, seed: SEED },
      )
    },
  )

  test.each(withLoaders.map((route) => [route.file, route] as const))(
    'GET %s',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(
          formFields(route.fieldNames.concat(['page', 'per_page', 'q', 'tag', 'region', 'kind'])),
          fc.nat({ max: 3 }),
          paramsFor(route.file),
          async (fields, who, params) => {
            const query = new URLSearchParams(
              fields.map(([name, value]) => [name.split('=')[0], value]),
            )
            const cookie = fixtures.cookies[who]
            const request = new Request(`http://localhost/${route.file}?${query}`, {
              headers: cookie ? { Cookie: cookie } : {},
            })
            const outcome = await run(() =>
              route.module.loader!({ request, params, context: contextFor('203.0.113.98') }),
            )
            checkStatus(route.file, 'GET', outcome.status, outcome.data)
          },
        ),
        { numRuns: RUNS, seed: SEED },
      )
    },
  )

  // Random strings rarely hold a NUL, which PostgreSQL refuses in text: every field gets one
  // here, for every intent, as each kind of person.
  test.each(withActions.map((route) => [route.file, route] as const))(
    'POST %s with a NUL character in every field',
    async (_name, route) => {
      const intents = route.fieldNames.filter((name) => name.startsWith('intent='))
      const params = Object.fromEntries(
        [...route.file.matchAll(/\$(\w+)/g)].map(([, name]) => [
          name,
          fixtures.params[name]?.[0] ?? 'x',
        ]),
      )
      for (const intent of [undefined, ...intents]) {
        for (const cookie of fixtures.cookies) {
          const body = new URLSearchParams()
          for (const name of route.fieldNames.filter((field) => !field.includes('='))) {
            body.append(name, `Texte\u0000nul ${name}`)
          }
          if (intent) body.set('intent', intent.split('=')[1])
          const request = new Request(`http://localhost/${route.file}`, {
            method: 'POST',
            headers: { Origin: 'http://localhost', ...(cookie ? { Cookie: cookie } : {}) },
            body,
          })
          const outcome = await run(() =>
            route.module.action!({ request, params, context: contextFor('203.0.113.97') }),
          )
          checkStatus(route.file, 'POST', outcome.status, outcome.data)
        }
      }
    },
  )

  test('what was stored before the storm is intact', async () => {
    const organisation = await prisma.organisation.findFirstOrThrow({
      where: { name: 'Musée témoin du fuzzing' },
    })
    expect(organisation.name).toBe('Musée témoin du fuzzing')
    const rows = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "Organisation" WHERE name ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f]'`
    expect(rows[0].n).toBe(0)
    const users = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "User" WHERE name ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f]'`
    expect(users[0].n).toBe(0)
  })
})
