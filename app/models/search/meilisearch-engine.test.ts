// The Meilisearch engine without a server: document mapping, settings, filters, and how it
// reads a (fake) multi-search answer.
import { describe, expect, test } from 'vitest'
import type { SourceDocument } from './documents.server.ts'
import {
  buildMeilisearchFilter,
  createMeilisearchEngine,
  meilisearchQueries,
  meilisearchSettings,
  toMeilisearchDocument,
  type MeilisearchSearchClient,
} from './meilisearch-engine.server.ts'
import type { SearchParams } from './types.ts'

const NOW = new Date('2026-11-25T12:00:00.000Z')

function params(overrides: Partial<SearchParams> = {}): SearchParams {
  return {
    query: 'musée',
    type: 'organisations',
    filters: {},
    page: 1,
    pageSize: 20,
    language: 'fr',
    signedIn: false,
    now: NOW,
    ...overrides,
  }
}

function source(overrides: Partial<SourceDocument> = {}): SourceDocument {
  return {
    doc_type: 'organisation',
    id: 'org-1',
    slug: 'musee-ribeauville',
    title: 'Musée de Ribeauvillé',
    organisation_name: 'Musée de Ribeauvillé',
    kind: 'institution',
    sub_kind: 'ORG-INSTITUTION-MUSEE',
    region_code: 'R-44',
    city: 'Ribeauvillé',
    sector_codes: ['S-PATRIMOINE'],
    technology_codes: ['TECH-3D'],
    challenge_codes: ['GT-ARCHIVAGE'],
    theme_codes: ['T3'],
    tag_labels_fr: ['Patrimoine et musées', 'Numérisation 3D'],
    tag_labels_en: ['Heritage and museums', '3D digitisation'],
    summary_fr: 'Un musée numérique.',
    summary_en: 'A digital museum.',
    body_fr: 'Description.',
    body_en: 'Description.',
    offers: '',
    seeks: '',
    verified: true,
    visibility: 'public',
    expires_at: null,
    deadline: null,
    quality: 0.8,
    ...overrides,
  }
}

describe('Meilisearch document mapping', () => {
  test('an organisation keeps its texts, tags and facet codes', () => {
    expect(toMeilisearchDocument(source())).toEqual({
      id: 'org-1',
      type: 'organisation',
      slug: 'musee-ribeauville',
      title: 'Musée de Ribeauvillé',
      organisationName: 'Musée de Ribeauvillé',
      kind: 'institution',
      subKind: 'ORG-INSTITUTION-MUSEE',
      regionCode: 'R-44',
      city: 'Ribeauvillé',
      sectorCodes: ['S-PATRIMOINE'],
      technologyCodes: ['TECH-3D'],
      challengeCodes: ['GT-ARCHIVAGE'],
      themeCodes: ['T3'],
      tagLabelsFr: ['Patrimoine et musées', 'Numérisation 3D'],
      tagLabelsEn: ['Heritage and museums', '3D digitisation'],
      summaryFr: 'Un musée numérique.',
      summaryEn: 'A digital museum.',
      bodyFr: 'Description.',
      bodyEn: 'Description.',
      offers: '',
      seeks: '',
      verified: true,
      visibility: 'public',
      expiresAt: null,
      deadline: null,
      quality: 0.8,
    })
  })

  test('an anonymous need carries no organisation name, and its expiry as a number', () => {
    const doc = toMeilisearchDocument(
      source({
        doc_type: 'need',
        id: 'need-1',
        slug: null,
        kind: null,
        organisation_name: 'Ne doit pas fuiter',
        expires_at: '2026-12-25T00:00:00.000Z',
      }),
    )
    expect(doc.organisationName).toBeNull()
    expect(doc.expiresAt).toBe(Date.parse('2026-12-25T00:00:00.000Z'))
  })

  test('highlight markers stored in a text are removed', () => {
    expect(toMeilisearchDocument(source({ summary_fr: 'a\u0001b\u0002c' })).summaryFr).toBe('abc')
  })
})

describe('Meilisearch settings', () => {
  test('name first, then tags, pitch and description; facets and visibility filterable', () => {
    const settings = meilisearchSettings()
    expect(settings.searchableAttributes?.slice(0, 5)).toEqual([
      'title',
      'tagLabelsFr',
      'tagLabelsEn',
      'summaryFr',
      'summaryEn',
    ])
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining([
        'kind',
        'regionCode',
        'sectorCodes',
        'technologyCodes',
        'themeCodes',
        'challengeCodes',
        'visibility',
        'expiresAt',
      ]),
    )
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['quality']))
    expect(settings.rankingRules).toEqual([
      'words',
      'typo',
      'proximity',
      'attribute',
      'sort',
      'exactness',
      'quality:desc',
    ])
    expect(settings.synonyms?.ia).toEqual(expect.arrayContaining(['intelligence artificielle']))
    expect(settings.typoTolerance).toMatchObject({ enabled: true })
    expect(settings.pagination).toEqual({ maxTotalHits: 1000 })
  })
})

describe('Meilisearch filters', () => {
  test('anonymous people see public profiles only; signed-in people members-only ones too', () => {
    expect(buildMeilisearchFilter(params())).toEqual(['visibility IN ["public"]'])
    expect(buildMeilisearchFilter(params({ signedIn: true }))).toEqual([
      'visibility IN ["public", "members"]',
    ])
  })

  test('needs must not be expired', () => {
    expect(buildMeilisearchFilter(params({ type: 'needs' }))).toEqual([
      'visibility IN ["public"]',
      `expiresAt > ${NOW.getTime()}`,
    ])
  })

  test('facets: OR inside a facet, AND between facets, values quoted', () => {
    const filters = { region: ['R-11', 'R-53'], technology: ['TECH-IA'], kind: ['a"b'] }
    expect(buildMeilisearchFilter(params({ filters }))).toEqual([
      'visibility IN ["public"]',
      'kind IN ["a\\"b"]',
      'regionCode IN ["R-11", "R-53"]',
      'technologyCodes IN ["TECH-IA"]',
    ])
    expect(buildMeilisearchFilter(params({ filters }), 'region')).not.toContain(
      'regionCode IN ["R-11", "R-53"]',
    )
  })

  test('one extra query per facet with a selection, for its own counts', () => {
    const queries = meilisearchQueries(params({ filters: { region: ['R-11'] } }))
    expect(queries).toHaveLength(2)
    expect(queries[0]).toMatchObject({ indexUid: 'passerelle_organisations', q: 'musée' })
    expect(queries[0].facets).not.toContain('regionCode')
    expect(queries[1]).toMatchObject({ facets: ['regionCode'], limit: 0 })
    expect(queries[1].filter).toEqual(['visibility IN ["public"]'])
  })
})

describe('Meilisearch engine', () => {
  test('maps hits, safe highlights and facet counts to the common result (Meilisearch mocked)', async () => {
    type Results = Awaited<ReturnType<MeilisearchSearchClient['multiSearch']>>['results']
    const client: MeilisearchSearchClient = {
      multiSearch: async ({ queries }) => {
        expect(queries).toHaveLength(2)
        const results: Results = [
          {
            totalHits: 1,
            facetDistribution: { kind: { institution: 1 }, sectorCodes: { 'S-PATRIMOINE': 1 } },
            hits: [
              {
                ...toMeilisearchDocument(source({ title: 'Musée <b>X</b>' })),
                _formatted: {
                  title: '\u0001Musée\u0002 <b>X</b>',
                  summaryFr: 'Un \u0001musée\u0002 numérique.',
                  bodyFr: 'Description.',
                },
              } as Record<string, unknown>,
            ],
          },
          { hits: [], facetDistribution: { regionCode: { 'R-44': 1, 'R-11': 3 } } },
        ]
        return { results }
      },
    }
    const result = await createMeilisearchEngine(client).search(
      params({ filters: { region: ['R-44'] } }),
    )
    expect(result).toMatchObject({ engine: 'meilisearch', total: 1, totalIsLowerBound: false })
    expect(result.hits[0].titleHtml).toBe('<mark>Musée</mark> &lt;b&gt;X&lt;/b&gt;')
    expect(result.hits[0].snippetHtml).toBe('Un <mark>musée</mark> numérique.')
    expect(result.facets.region).toEqual([
      { value: 'R-11', count: 3 },
      { value: 'R-44', count: 1 },
    ])
    expect(result.facets.kind).toEqual([{ value: 'institution', count: 1 }])
  })
})
