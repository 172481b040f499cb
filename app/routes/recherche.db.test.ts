import { beforeAll, describe, expect, test } from 'vitest'
import { buildOrganisation, createTestUser } from '../../prisma/factories.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { getRequest, run, sessionCookieFor, TEST_CONTEXT } from '../../tests/route-utils.ts'
import { searchHref } from '~/models/search/query.ts'
import * as searchPage from './recherche.tsx'

type LoaderData = Awaited<ReturnType<typeof searchPage.loader>>

function load(path: string, headers: HeadersInit = {}) {
  return run<LoaderData>(() =>
    searchPage.loader({ request: getRequest(path, headers), params: {}, context: TEST_CONTEXT }),
  )
}

beforeAll(async () => {
  await ensureBundledTaxonomy()
  await prisma.organisation.createMany({
    data: [
      buildOrganisation(undefined, {
        name: 'Compagnie Ondine Publique',
        kind: 'startup',
        regionCode: 'R-53',
        visibility: 'public',
      }),
      buildOrganisation(undefined, {
        name: 'Compagnie Ondine Réservée',
        kind: 'lab',
        subKind: 'ORG-LABO-FABLAB',
        regionCode: 'R-11',
        visibility: 'members',
      }),
      buildOrganisation(undefined, { name: 'Compagnie Ondine Brouillon', visibility: 'draft' }),
    ],
  })
})

describe('GET /recherche', () => {
  test('anonymous visitors get public profiles, facet counts and labels', async () => {
    const outcome = await load('/recherche?q=ondine')
    expect(outcome.status).toBe(200)
    const { result, labels, query } = outcome.data
    expect(query).toMatchObject({ q: 'ondine', type: 'organisations', page: 1 })
    expect(result.hits.map((hit) => hit.title)).toEqual(['Compagnie Ondine Publique'])
    expect(result.facets.region).toEqual([{ value: 'R-53', count: 1 }])
    expect(labels['R-53']).toBe('Bretagne')
  })

  test('signed-in people also get members-only profiles; drafts never', async () => {
    const user = await createTestUser(prisma)
    const cookie = await sessionCookieFor(user.id)
    const outcome = await load('/recherche?q=ondine', { Cookie: cookie })
    expect(outcome.data.result.hits.map((hit) => hit.title).sort()).toEqual([
      'Compagnie Ondine Publique',
      'Compagnie Ondine Réservée',
    ])
  })

  test('filters come from repeated parameters', async () => {
    const user = await createTestUser(prisma)
    const cookie = await sessionCookieFor(user.id)
    const outcome = await load('/recherche?q=ondine&region=R-11&region=R-94&kind=lab', {
      Cookie: cookie,
    })
    expect(outcome.data.result.hits.map((hit) => hit.title)).toEqual(['Compagnie Ondine Réservée'])
    expect(outcome.data.query.region).toEqual(['R-11', 'R-94'])
  })

  test('« Afficher plus » facets are kept in the query and in every link built from it', async () => {
    const outcome = await load('/recherche?q=ondine&plus=region&plus=region&plus=sector')
    expect(outcome.status).toBe(200)
    expect(outcome.data.query.more).toEqual(['region', 'sector'])
    expect(searchHref(outcome.data.query, { page: 2 })).toBe(
      '/recherche?q=ondine&plus=region&plus=sector&page=2',
    )
  })

  test('control characters in the query separate words (PostgreSQL refuses NUL)', async () => {
    const outcome = await load('/recherche?q=ondine%00%01publique%1B%5B31m')
    expect(outcome.status).toBe(200)
    expect(outcome.data.query.q).toBe('ondine publique [31m')
  })

  test('bad parameters are refused with a 400 and a translated message', async () => {
    for (const path of [
      '/recherche?type=events',
      '/recherche?page=0',
      '/recherche?page=abc',
      '/recherche?region=%3Cscript%3E',
      '/recherche?plus=everything',
    ]) {
      const outcome = await load(path)
      expect(outcome.status, path).toBe(400)
      expect(outcome.data, path).toMatch(/^search:errors\./)
    }
    const tooFar = await load('/recherche?page=51')
    expect(tooFar.data).toBe('search:errors.pageTooFar')
  })
})
