import { beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser } from '../../prisma/factories.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { getRequest, TEST_CONTEXT } from '../../tests/route-utils.ts'
import * as json from './api.v1.organisations.tsx'
import * as csv from './api.v1.organisations[.csv].tsx'

const RECORD_KEYS = [
  'challenges',
  'city',
  'created_at',
  'description',
  'founded_year',
  'id',
  'kind',
  'languages',
  'name',
  'offers',
  'pitch',
  'region',
  'sectors',
  'seeks',
  'size_band',
  'slug',
  'sub_kind',
  'technologies',
  'updated_at',
  'url',
  'verified',
  'website',
]

const PRIVATE_NEEDLES = [
  'contact',
  'phone',
  'email',
  'member',
  'owner',
  'visibility',
  'unpublished',
]

async function getJson(query: string) {
  const response = (await json.loader({
    request: getRequest(`/api/v1/organisations${query}`),
    params: {},
    context: TEST_CONTEXT,
  })) as Response
  return { response, body: await response.json() }
}

async function getCsv(query: string) {
  const response = (await csv.loader({
    request: getRequest(`/api/v1/organisations.csv${query}`),
    params: {},
    context: TEST_CONTEXT,
  })) as Response
  return { response, body: await response.text() }
}

/** A small RFC 4180 reader, to check what a consumer would parse. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += char
  }
  return rows
}

// Mayotte is used by no other test in this file's database.
const REGION = 'R-06'
let publicIds: string[] = []
let hiddenIds: string[] = []

beforeAll(async () => {
  await ensureBundledTaxonomy()
  const owner = await createTestUser(prisma)
  const visible = []
  for (let i = 0; i < 5; i++) {
    visible.push(
      await createTestOrganisation(prisma, {
        owner,
        regionCode: REGION,
        kind: i < 3 ? 'startup' : 'lab',
        subKind: i < 3 ? null : 'ORG-LABO-LIVINGLAB',
        name: i === 0 ? 'Guillemets "et", virgules\net lignes' : `Ouverte ${i}`,
        pitchFr: i === 0 ? '=HYPERLINK("http://evil.example")' : 'Présentation',
        technologyCodes: i % 2 ? ['TECH-IA'] : ['TECH-3D'],
        challengeCodes: ['GT-DATA-IA'],
        sectorCodes: ['S-ARCHIVES'],
      }),
    )
  }
  const hidden = [
    await createTestOrganisation(prisma, { owner, regionCode: REGION, visibility: 'draft' }),
    await createTestOrganisation(prisma, { owner, regionCode: REGION, visibility: 'members' }),
    await createTestOrganisation(prisma, { owner, regionCode: REGION, unpublishedAt: new Date() }),
  ]
  publicIds = visible.map((organisation) => organisation.id)
  hiddenIds = hidden.map((organisation) => organisation.id)
})

describe('GET /api/v1/organisations (JSON)', () => {
  test('public profiles only, public fields only, with the licence and CORS', async () => {
    const { response, body } = await getJson(`?region=${REGION}&per_page=100`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Link')).toContain('rel="license"')
    expect(body.licence).toEqual({
      name: 'Licence Ouverte 2.0',
      url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    })
    const ids = body.data.map((record: { id: string }) => record.id)
    expect(ids.sort()).toEqual([...publicIds].sort())
    for (const record of body.data) {
      expect(Object.keys(record).sort()).toEqual(RECORD_KEYS)
    }
    const text = JSON.stringify(body.data).toLowerCase()
    const organisations = await prisma.organisation.findMany({ where: { id: { in: publicIds } } })
    for (const organisation of organisations) {
      expect(text).not.toContain(organisation.contactEmail.toLowerCase())
    }
    for (const needle of PRIVATE_NEEDLES) {
      expect(Object.keys(body.data[0]).join(',')).not.toContain(needle)
    }
    expect(body.data[0].region).toEqual({ code: REGION, label_fr: 'Mayotte', label_en: 'Mayotte' })
  })

  test('no page of the whole export ever holds a draft, members-only or unpublished profile', async () => {
    const seen: string[] = []
    for (let page = 1; ; page++) {
      const { body } = await getJson(`?per_page=100&page=${page}`)
      seen.push(...body.data.map((record: { id: string }) => record.id))
      if (!body.links.next) break
    }
    for (const id of hiddenIds) expect(seen).not.toContain(id)
    for (const id of publicIds) expect(seen).toContain(id)
  })

  test('paginates with next/prev links and filters by tag, region and kind', async () => {
    const first = await getJson(`?region=${REGION}&per_page=2`)
    expect(first.body.meta).toEqual({ page: 1, per_page: 2, total: 5, page_count: 3 })
    expect(first.body.links.prev).toBeNull()
    expect(first.body.links.next).toMatch(
      /\/api\/v1\/organisations\?region=R-06&per_page=2&page=2$/,
    )
    expect(first.response.headers.get('Link')).toContain('rel="next"')
    const last = await getJson(`?region=${REGION}&per_page=2&page=3`)
    expect(last.body.data).toHaveLength(1)
    expect(last.body.links.next).toBeNull()
    expect(last.body.links.prev).toContain('page=2')

    const labs = await getJson(`?region=${REGION}&kind=lab`)
    expect(labs.body.meta.total).toBe(2)
    expect(labs.body.data[0].sub_kind.code).toBe('ORG-LABO-LIVINGLAB')
    const ai = await getJson(`?region=${REGION}&tag=TECH-IA`)
    expect(ai.body.meta.total).toBe(2)
    const both = await getJson(`?region=${REGION}&tag=TECH-IA,GT-DATA-IA&tag=S-ARCHIVES`)
    expect(both.body.meta.total).toBe(2)
    expect((await getJson(`?region=${REGION}&tag=TECH-IA&kind=startup`)).body.meta.total).toBe(1)
  })

  test('a malformed query is a 400 with a message', async () => {
    for (const query of [
      '?per_page=101',
      '?per_page=0',
      '?page=abc',
      '?kind=museum',
      '?tag=R-06',
      '?tag=NOPE',
      '?region=TECH-IA',
      '?page=1&page=2',
    ]) {
      const { response, body } = await getJson(query)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(body.error).toBe('invalid_query')
      expect(body.message).toMatch(/per_page/)
      expect(body.issues.length).toBeGreaterThan(0)
    }
  })

  test('OPTIONS answers the preflight; other methods are refused', async () => {
    const options = (await json.action({
      request: new Request('http://localhost/api/v1/organisations', { method: 'OPTIONS' }),
      params: {},
      context: TEST_CONTEXT,
    })) as Response
    expect(options.status).toBe(204)
    expect(options.headers.get('Access-Control-Allow-Methods')).toContain('GET')
    const post = (await json.action({
      request: new Request('http://localhost/api/v1/organisations', { method: 'POST' }),
      params: {},
      context: TEST_CONTEXT,
    })) as Response
    expect(post.status).toBe(405)
  })
})

describe('GET /api/v1/organisations.csv', () => {
  test('RFC 4180 with a header of public columns only, quoted cells, licence in the Link header', async () => {
    const { response, body } = await getCsv(`?region=${REGION}&per_page=100`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv; charset=utf-8/)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Link')).toContain(
      '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"',
    )
    expect(body.charCodeAt(0)).not.toBe(0xfeff)
    expect(body.endsWith('\r\n')).toBe(true)
    const rows = parseCsv(body)
    const header = rows[0]
    expect(header[0]).toBe('id')
    for (const column of header) {
      for (const needle of PRIVATE_NEEDLES) expect(column).not.toContain(needle)
    }
    expect(rows).toHaveLength(1 + publicIds.length)
    for (const row of rows) expect(row).toHaveLength(header.length)
    const byName = new Map(rows.slice(1).map((row) => [row[header.indexOf('name')], row]))
    const tricky = byName.get('Guillemets "et", virgules\net lignes')!
    expect(tricky).toBeDefined()
    // Spreadsheet formulas are neutralised.
    expect(tricky[header.indexOf('pitch_fr')]).toBe('\'=HYPERLINK("http://evil.example")')
    expect(tricky[header.indexOf('region')]).toBe('Mayotte')
    expect(tricky[header.indexOf('challenge_codes')]).toBe('GT-DATA-IA')
    const ids = rows.slice(1).map((row) => row[0])
    for (const id of hiddenIds) expect(ids).not.toContain(id)
  })

  test('a malformed query is a 400 in JSON', async () => {
    const { response, body } = await getCsv('?per_page=500')
    expect(response.status).toBe(400)
    expect(JSON.parse(body).error).toBe('invalid_query')
  })
})
