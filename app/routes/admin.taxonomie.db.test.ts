import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, test } from 'vitest'
import { usedTaxonomyCodes } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { createTestUser } from '../../prisma/factories.ts'
import { createNeedFor, createNetwork, type Network } from '../../tests/needs-fixtures.ts'
import { getRequest, run, sessionCookieFor, TEST_CONTEXT } from '../../tests/route-utils.ts'
import * as admin from './admin.taxonomie.tsx'

let net: Network
let adminCookie: string

beforeAll(async () => {
  net = await createNetwork()
  const adminUser = await createTestUser(prisma, { role: 'admin' })
  adminCookie = await sessionCookieFor(adminUser.id)
  await createNeedFor(net.museum, { challengeCodes: ['GT-PUBLICS'] })
})

function upload(
  cookie: string,
  {
    file,
    mode = 'replace-kinds',
    intent = 'import',
  }: { file?: File; mode?: string; intent?: string },
) {
  const body = new FormData()
  body.set('mode', mode)
  body.set('intent', intent)
  if (file) body.set('file', file)
  return new Request('http://localhost/admin/taxonomie', {
    method: 'POST',
    headers: { Origin: 'http://localhost', Cookie: cookie },
    body,
  })
}

type Outcome = {
  upload: { error?: Record<string, string[]> } | null
  outcome: Record<string, unknown> & { kind: string }
}

async function post(cookie: string, options: Parameters<typeof upload>[1]) {
  return run<Outcome>(() =>
    admin.action({ request: upload(cookie, options), params: {}, context: TEST_CONTEXT }),
  )
}

async function challengeEntries() {
  const rows = await prisma.taxonomyEntry.findMany({
    where: { kind: 'challenge' },
    orderBy: { position: 'asc' },
  })
  return rows.map((row) => ({
    code: row.code,
    kind: row.kind,
    labelFr: row.labelFr,
    labelEn: row.labelEn,
    parent: row.parent,
    source: row.source,
    position: row.position,
    ...(row.meta ? { meta: row.meta } : {}),
  }))
}

const jsonFile = (name: string, data: unknown) =>
  new File([JSON.stringify(data, null, 2)], name, { type: 'application/json' })

describe('/admin/taxonomie access', () => {
  test('non-admins get a 403 on the page and the upload; signed-out people sign in', async () => {
    for (const cookie of [net.cookies.curator, net.cookies.loner]) {
      const page = await run(() =>
        admin.loader({
          request: getRequest('/admin/taxonomie', { Cookie: cookie }),
          params: {},
          context: TEST_CONTEXT,
        }),
      )
      expect(page.status).toBe(403)
      const posted = await post(cookie, { file: jsonFile('x.json', []) })
      expect(posted.status).toBe(403)
    }
    const signedOut = await run(() =>
      admin.loader({ request: getRequest('/admin/taxonomie'), params: {}, context: TEST_CONTEXT }),
    )
    expect(signedOut.status).toBe(302)
  })

  test('admins see every kind with its entries, uses, and the import history', async () => {
    const page = await run<{
      kinds: Array<{ kind: string; entries: Array<{ code: string; uses: number }> }>
      imports: unknown[]
    }>(() =>
      admin.loader({
        request: getRequest('/admin/taxonomie', { Cookie: adminCookie }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(page.status).toBe(200)
    expect(page.data.kinds.map((kind) => kind.kind)).toEqual([
      'theme',
      'engagement',
      'challenge',
      'sector',
      'technology',
      'region',
      'org_kind',
      'org_subkind',
    ])
    const challenge = page.data.kinds.find((kind) => kind.kind === 'challenge')!
    expect(challenge.entries.find((entry) => entry.code === 'GT-PUBLICS')!.uses).toBeGreaterThan(0)
  })
})

describe('importing a file', () => {
  test('is refused, listing the codes in use, when it would drop a used tag', async () => {
    const current = await challengeEntries()
    const withoutPublics = current.filter((entry) => entry.code !== 'GT-PUBLICS')
    const before = await prisma.taxonomyImport.count()
    const outcome = await post(adminCookie, {
      file: jsonFile('defis-sans-publics.json', { version: 'test-1', entries: withoutPublics }),
    })
    expect(outcome.status).toBe(409)
    expect(outcome.data.outcome).toMatchObject({ kind: 'refused', reason: 'orphans' })
    expect(outcome.data.outcome.orphaned).toEqual(['GT-PUBLICS'])
    expect(await prisma.taxonomyEntry.count({ where: { code: 'GT-PUBLICS' } })).toBe(1)
    expect(await prisma.taxonomyImport.count()).toBe(before)
  })

  test('dropping only unused codes, or adding, is accepted and recorded', async () => {
    const used = await usedTaxonomyCodes()
    const current = await challengeEntries()
    const unused = current.find((entry) => !used.has(entry.code))
    const kept = current.filter((entry) => entry.code !== unused?.code)
    const next = [
      ...kept.map((entry) =>
        entry.code === 'GT-PUBLICS' ? { ...entry, labelFr: 'Publics et usages numériques' } : entry,
      ),
      {
        code: 'D01',
        kind: 'challenge',
        labelFr: 'Défi officiel de test',
        labelEn: 'Official test challenge',
        parent: 'T1',
        source: 'strategie-2024',
        position: 100,
      },
    ]
    const outcome = await post(adminCookie, {
      file: jsonFile('defis.json', { version: 'test-2', entries: next }),
    })
    expect(outcome.status).toBe(200)
    expect(outcome.data.outcome).toMatchObject({
      kind: 'applied',
      dryRun: false,
      version: 'test-2',
      added: ['D01'],
      updated: ['GT-PUBLICS'],
      removed: unused ? [unused.code] : [],
    })
    expect(
      (await prisma.taxonomyEntry.findUniqueOrThrow({ where: { code: 'GT-PUBLICS' } })).labelFr,
    ).toBe('Publics et usages numériques')
    const [latest] = await prisma.taxonomyImport.findMany({ orderBy: { createdAt: 'desc' } })
    expect(latest).toMatchObject({ version: 'test-2', fileName: 'defis.json', added: 1 })
  })

  test('a preview writes nothing', async () => {
    const csv = [
      'code;kind;label_fr;label_en;parent;source;position',
      'D02;challenge;Deuxième défi de test;Second test challenge;T2;strategie-2024;101',
    ].join('\n')
    const outcome = await post(adminCookie, {
      file: new File([csv], 'defis.csv', { type: 'text/csv' }),
      mode: 'additive',
      intent: 'preview',
    })
    expect(outcome.data.outcome).toMatchObject({ kind: 'applied', dryRun: true, added: ['D02'] })
    expect(await prisma.taxonomyEntry.count({ where: { code: 'D02' } })).toBe(0)
  })

  test('a file with errors is refused with the line and code of each error', async () => {
    const csv = [
      'code,kind,label_fr,label_en,parent,source',
      'D03,challenge,Défi trois,Challenge three,T1,strategie-2024',
      'D04,chalenge,Défi quatre,Challenge four,T1,strategie-2024',
      'D05,challenge,,Challenge five,T9,strategie-2024',
    ].join('\n')
    const outcome = await post(adminCookie, {
      file: new File([csv], 'erreurs.csv'),
      mode: 'additive',
    })
    expect(outcome.status).toBe(422)
    expect(outcome.data.outcome).toMatchObject({ kind: 'refused', reason: 'invalid' })
    const errors = outcome.data.outcome.errors as Array<{ line: number; code: string }>
    expect(errors.map((error) => [error.line, error.code])).toEqual([
      [3, 'unknown_kind'],
      [4, 'empty_label'],
    ])
    expect(await prisma.taxonomyEntry.count({ where: { code: 'D03' } })).toBe(0)
  })

  test('the bundled example file is refused (its source is “exemple”)', async () => {
    const content = await readFile('app/data/taxonomy/defis.example.csv', 'utf8')
    const outcome = await post(adminCookie, {
      file: new File([content], 'defis.example.csv'),
      mode: 'additive',
    })
    expect(outcome.status).toBe(422)
    const errors = outcome.data.outcome.errors as Array<{ code: string }>
    expect(errors.every((error) => error.code === 'example_source')).toBe(true)
  })

  test('wrong type, no file, and too large a file are refused', async () => {
    const wrongType = await post(adminCookie, { file: new File(['x'], 'defis.xlsx') })
    expect(wrongType.status).toBe(400)
    expect(wrongType.data.upload?.error?.file).toEqual(['admin:taxonomy.errors.fileType'])
    const missing = await post(adminCookie, {})
    expect(missing.status).toBe(400)
    expect(missing.data.upload?.error?.file).toEqual(['admin:taxonomy.errors.fileRequired'])
    const big = await post(adminCookie, {
      file: new File(['x'.repeat(1024 * 1024 + 10)], 'enorme.json'),
    })
    expect(big.status).toBe(413)
    expect(big.data.outcome).toEqual({ kind: 'tooLarge' })
    const notMultipart = await run(() =>
      admin.action({
        request: new Request('http://localhost/admin/taxonomie', {
          method: 'POST',
          headers: { Origin: 'http://localhost', Cookie: adminCookie },
          body: new URLSearchParams({ mode: 'additive' }),
        }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(notMultipart.status).toBe(400)
  })
})
