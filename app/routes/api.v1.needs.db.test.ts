import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { createTestOrganisation, createTestUser } from '../../prisma/factories.ts'
import { createNeedFor, createNetwork, type Network } from '../../tests/needs-fixtures.ts'
import { getRequest, TEST_CONTEXT } from '../../tests/route-utils.ts'
import * as csvRoute from './api.v1.needs[.csv].tsx'
import * as jsonRoute from './api.v1.needs.tsx'

const DAY = 24 * 3600 * 1000

let net: Network
let hiddenMuseum: Awaited<ReturnType<typeof createTestOrganisation>>
const ids: Record<string, string> = {}

beforeAll(async () => {
  net = await createNetwork()
  const owner = await createTestUser(prisma)
  hiddenMuseum = await createTestOrganisation(prisma, {
    owner,
    kind: 'institution',
    subKind: 'ORG-INSTITUTION-ARCHIVES',
    regionCode: 'R-53',
    name: 'Archives Confidentielles de Brest',
    contactEmail: 'secret@archives-brest.fr',
  })
  const membersOnly = await createTestOrganisation(prisma, { owner, visibility: 'members' })
  const draft = await createTestOrganisation(prisma, { owner, visibility: 'draft' })
  const unpublished = await createTestOrganisation(prisma, { owner })
  await prisma.organisation.update({
    where: { id: unpublished.id },
    data: { unpublishedAt: new Date() },
  })
  ids.public = (
    await createNeedFor(net.museum, {
      title: '=HYPERLINK("http://evil.example") besoin public',
      challengeCodes: ['GT-LANGUE'],
      regionCode: 'R-76',
    })
  ).id
  ids.anonymous = (
    await createNeedFor(hiddenMuseum, {
      title: 'Numérisation discrète',
      anonymous: true,
      challengeCodes: ['GT-ARCHIVAGE'],
      technologyCodes: ['TECH-3D'],
      regionCode: 'R-53',
    })
  ).id
  ids.startup = (await createNeedFor(net.startup, { title: 'Besoin de startup' })).id
  ids.expired = (
    await createNeedFor(net.museum, { expiresAt: new Date(Date.now() - DAY), title: 'Expiré' })
  ).id
  ids.closed = (await createNeedFor(net.museum, { status: 'closed', title: 'Clos' })).id
  ids.fulfilled = (await createNeedFor(net.museum, { status: 'fulfilled', title: 'Pourvu' })).id
  ids.members = (await createNeedFor(membersOnly, { title: 'Membres seulement' })).id
  ids.draft = (await createNeedFor(draft, { title: 'Brouillon' })).id
  ids.unpublished = (await createNeedFor(unpublished, { title: 'Dépublié' })).id
})

async function getJson(query = '') {
  const response = (await jsonRoute.loader({
    request: getRequest(`/api/v1/needs${query}`),
    params: {},
    context: TEST_CONTEXT,
  })) as Response
  return { response, body: await response.json() }
}

async function getCsv(query = '') {
  const response = (await csvRoute.loader({
    request: getRequest(`/api/v1/needs.csv${query}`),
    params: {},
    context: TEST_CONTEXT,
  })) as Response
  return { response, text: await response.text() }
}

const PUBLIC_FIELDS = [
  'anonymous',
  'budget_band',
  'challenge_codes',
  'created_at',
  'deadline',
  'description',
  'expires_at',
  'id',
  'organisation',
  'region_code',
  'sector_codes',
  'technology_codes',
  'title',
  'updated_at',
  'url',
]

describe('GET /api/v1/needs', () => {
  test('lists only open, unexpired needs of public, published organisations, public fields only', async () => {
    const { response, body } = await getJson('?per_page=100')
    expect(response.status).toBe(200)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(body.licence).toEqual({
      name: 'Licence Ouverte 2.0',
      url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    })
    const listed = body.data.map((need: { id: string }) => need.id).sort()
    expect(listed).toEqual([ids.public, ids.anonymous, ids.startup].sort())
    expect(body.total).toBe(3)
    for (const need of body.data) expect(Object.keys(need).sort()).toEqual(PUBLIC_FIELDS)
    const named = body.data.find((need: { id: string }) => need.id === ids.public)
    expect(Object.keys(named.organisation).sort()).toEqual(['kind', 'name', 'slug', 'url'])
    expect(named.organisation.name).toBe(net.museum.name)
    const text = JSON.stringify(body)
    for (const secret of [
      net.museum.contactEmail,
      net.museum.contactPhone!,
      net.curator.email,
      'renewalReminderSentAt',
      'createdById',
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  test('an anonymous need never reveals its organisation, even when filtered by kind', async () => {
    for (const query of ['', '?kind=institution', '?region=R-53', '?tag=TECH-3D']) {
      const { body } = await getJson(query)
      const anonymous = body.data.find((need: { id: string }) => need.id === ids.anonymous)
      expect(anonymous).toBeDefined()
      expect(anonymous.organisation).toBeNull()
      const text = JSON.stringify(body)
      for (const secret of [
        hiddenMuseum.name,
        hiddenMuseum.slug,
        hiddenMuseum.id,
        hiddenMuseum.contactEmail,
      ]) {
        expect(text).not.toContain(secret)
      }
    }
    const startups = await getJson('?kind=startup')
    expect(startups.body.data.map((need: { id: string }) => need.id)).toEqual([ids.startup])
  })

  test('filters by tag and region; paginates', async () => {
    expect((await getJson('?tag=GT-LANGUE')).body.data.map((n: { id: string }) => n.id)).toEqual([
      ids.public,
    ])
    expect((await getJson('?region=R-53')).body.data.map((n: { id: string }) => n.id)).toEqual([
      ids.anonymous,
    ])
    const first = await getJson('?per_page=2')
    expect(first.body.data).toHaveLength(2)
    expect(first.body.page_count).toBe(2)
    expect(first.body.links.next).toContain('page=2')
    const second = await getJson('?per_page=2&page=2')
    expect(second.body.data).toHaveLength(1)
    expect(second.body.links.next).toBeNull()
  })

  test.each([
    '?per_page=101',
    '?per_page=0',
    '?page=0',
    '?page=deux',
    '?kind=musee',
    '?tag=R-76',
    '?tag=GT-INCONNU',
    '?region=S-PATRIMOINE',
    '?tag=a;drop',
    '?page=1&page=2',
  ])('invalid query %s is a 400 with a message', async (query) => {
    const { response, body } = await getJson(query)
    expect(response.status).toBe(400)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(body.error).toBe('invalid_query')
    expect(body.message).toBe('Paramètres de requête invalides.')
    expect(body.details.length).toBeGreaterThan(0)
  })
})

describe('GET /api/v1/needs.csv', () => {
  test('same needs as CSV, with the licence link, no organisation for anonymous needs', async () => {
    const { response, text } = await getCsv()
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
    expect(response.headers.get('Link')).toContain(
      '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"',
    )
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toBe(
      'id,url,title,description,challenge_codes,sector_codes,technology_codes,budget_band,deadline,region_code,anonymous,expires_at,created_at,updated_at,organisation_name,organisation_slug,organisation_kind,organisation_url',
    )
    expect(lines).toHaveLength(4)
    const anonymous = lines.find((line) => line.startsWith(ids.anonymous))!
    expect(anonymous.endsWith(',,,,')).toBe(true)
    expect(text).not.toContain(hiddenMuseum.name)
    expect(text).not.toContain(hiddenMuseum.slug)
    for (const hidden of [
      'Expiré',
      'Clos',
      'Pourvu',
      'Membres seulement',
      'Brouillon',
      'Dépublié',
    ]) {
      expect(text).not.toContain(`,${hidden},`)
    }
    // Spreadsheet formulas are neutralised.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"") besoin public"`)
  })

  test('bad query: 400 JSON', async () => {
    const { response, text } = await getCsv('?per_page=500')
    expect(response.status).toBe(400)
    expect(JSON.parse(text).error).toBe('invalid_query')
  })
})
