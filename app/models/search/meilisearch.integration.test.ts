// The Meilisearch engine against a real server: runs only when MEILISEARCH_URL is set (no
// server can be installed on the development machines). Uses its own throw-away indexes.
import { Meilisearch } from 'meilisearch'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SourceDocument } from './documents.server.ts'
import {
  createMeilisearchEngine,
  meilisearchSettings,
  toMeilisearchDocument,
  type MeilisearchSearchClient,
} from './meilisearch-engine.server.ts'
import { meilisearchSink } from './outbox.server.ts'
import type { SearchParams } from './types.ts'

const url = process.env.MEILISEARCH_URL
if (!url) {
  console.info(
    '[search] Meilisearch integration test skipped: MEILISEARCH_URL is not set (no Meilisearch server on this machine).',
  )
}

const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`
const indexes = { organisation: `test_${suffix}_organisations`, need: `test_${suffix}_needs` }

function doc(overrides: Partial<SourceDocument>): SourceDocument {
  return {
    doc_type: 'organisation',
    id: 'id',
    slug: 'slug',
    title: '',
    organisation_name: null,
    kind: 'startup',
    sub_kind: null,
    region_code: 'R-11',
    city: 'Paris',
    sector_codes: [],
    technology_codes: [],
    challenge_codes: [],
    theme_codes: [],
    tag_labels_fr: [],
    tag_labels_en: [],
    summary_fr: '',
    summary_en: '',
    body_fr: '',
    body_en: '',
    offers: '',
    seeks: '',
    verified: false,
    visibility: 'public',
    expires_at: null,
    deadline: null,
    quality: 0.5,
    ...overrides,
  }
}

const params = (overrides: Partial<SearchParams>): SearchParams => ({
  query: '',
  type: 'organisations',
  filters: {},
  page: 1,
  pageSize: 20,
  language: 'fr',
  signedIn: false,
  ...overrides,
})

const withServer = test.skipIf(!url)

describe('Meilisearch engine on a real server', () => {
  const client = new Meilisearch({
    host: url ?? 'http://127.0.0.1:7700',
    apiKey: process.env.MEILISEARCH_API_KEY,
  })
  const engine = createMeilisearchEngine(client as unknown as MeilisearchSearchClient, { indexes })

  beforeAll(async () => {
    if (!url) return
    for (const uid of Object.values(indexes)) {
      await client.createIndex(uid, { primaryKey: 'id' }).waitTask()
      await client.index(uid).updateSettings(meilisearchSettings()).waitTask()
    }
    const sink = meilisearchSink(client as never, indexes)
    await sink.upsert('organisation', [
      toMeilisearchDocument(
        doc({
          id: 'museum',
          title: "Musée d'art de Ribeauvillé",
          region_code: 'R-44',
          summary_fr: 'Un musée numérique.',
        }),
      ),
      toMeilisearchDocument(
        doc({
          id: 'lumen',
          title: 'Atelier Lumen',
          summary_fr: 'Expériences en intelligence artificielle.',
        }),
      ),
      toMeilisearchDocument(doc({ id: 'members', title: 'Musée réservé', visibility: 'members' })),
    ])
    const tasks = await client.tasks.getTasks({ indexUids: [indexes.organisation] })
    await Promise.all(tasks.results.map((task) => client.tasks.waitForTask(task.uid)))
  })

  afterAll(async () => {
    if (!url) return
    for (const uid of Object.values(indexes)) await client.deleteIndex(uid).waitTask()
  })

  withServer('accents, synonyms and visibility', async () => {
    const museums = await engine.search(params({ query: 'musee' }))
    expect(museums.hits.map((hit) => hit.id)).toEqual(['museum'])
    expect(museums.hits[0].titleHtml).toContain('<mark>')
    const signedIn = await engine.search(params({ query: 'musee', signedIn: true }))
    expect(signedIn.hits.map((hit) => hit.id).sort()).toEqual(['members', 'museum'])
    const ai = await engine.search(params({ query: 'IA' }))
    expect(ai.hits.map((hit) => hit.id)).toContain('lumen')
  })

  withServer('facet filters and counts', async () => {
    const result = await engine.search(params({ query: '', filters: { region: ['R-44'] } }))
    expect(result.hits.map((hit) => hit.id)).toEqual(['museum'])
    expect(result.facets.region).toEqual(
      expect.arrayContaining([
        { value: 'R-44', count: 1 },
        { value: 'R-11', count: 1 },
      ]),
    )
  })
})
