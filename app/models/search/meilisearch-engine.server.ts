// Meilisearch engine, used when MEILISEARCH_URL is set: index settings, the document mapping,
// filter building and searches with the official client. The worker keeps the indexes in step
// (search-outbox.server.ts); when Meilisearch fails, search.server.ts answers from PostgreSQL.
import { Meilisearch, type MultiSearchQuery, type Settings } from 'meilisearch'
import { getEnv } from '~/utils/env.server.ts'
import type { DocType, SourceDocument } from './documents.server.ts'
import { meilisearchSynonyms } from './synonyms.ts'
import { HIGHLIGHT_END, HIGHLIGHT_START, markedToSafeHtml, squeeze, stripMarkers } from './text.ts'
import {
  FACETS_BY_TYPE,
  FACET_NAMES,
  emptyFacets,
  type FacetName,
  type SearchEngine,
  type SearchHit,
  type SearchParams,
  type SearchResult,
} from './types.ts'

export const MEILISEARCH_INDEXES: Record<DocType, string> = {
  organisation: 'passerelle_organisations',
  need: 'passerelle_needs',
}

/** Pagination stops here, like the PostgreSQL engine's candidate cap. */
export const MEILISEARCH_MAX_TOTAL_HITS = 1000

export interface MeilisearchDocument {
  id: string
  type: DocType
  slug: string | null
  title: string
  organisationName: string | null
  kind: string | null
  subKind: string | null
  regionCode: string
  city: string
  sectorCodes: string[]
  technologyCodes: string[]
  challengeCodes: string[]
  themeCodes: string[]
  tagLabelsFr: string[]
  tagLabelsEn: string[]
  summaryFr: string
  summaryEn: string
  bodyFr: string
  bodyEn: string
  offers: string
  seeks: string
  verified: boolean
  visibility: 'public' | 'members'
  /** Milliseconds since the epoch (needs), for `expiresAt > now` filters. */
  expiresAt: number | null
  deadline: string | null
  quality: number
}

export function toMeilisearchDocument(source: SourceDocument): MeilisearchDocument {
  return {
    id: source.id,
    type: source.doc_type,
    slug: source.slug,
    title: source.title,
    // The view already hides them for anonymous needs; never trust a caller with it.
    organisationName: source.doc_type === 'need' && !source.slug ? null : source.organisation_name,
    kind: source.kind,
    subKind: source.sub_kind,
    regionCode: source.region_code,
    city: source.city,
    sectorCodes: source.sector_codes,
    technologyCodes: source.technology_codes,
    challengeCodes: source.challenge_codes,
    themeCodes: source.theme_codes,
    tagLabelsFr: source.tag_labels_fr,
    tagLabelsEn: source.tag_labels_en,
    summaryFr: stripMarkers(source.summary_fr),
    summaryEn: stripMarkers(source.summary_en),
    bodyFr: stripMarkers(source.body_fr),
    bodyEn: stripMarkers(source.body_en),
    offers: source.offers,
    seeks: source.seeks,
    verified: source.verified,
    visibility: source.visibility,
    expiresAt: source.expires_at ? Date.parse(source.expires_at) : null,
    deadline: source.deadline,
    quality: Math.round(source.quality * 1000) / 1000,
  }
}

const FACET_ATTRIBUTES: Record<FacetName, keyof MeilisearchDocument> = {
  kind: 'kind',
  region: 'regionCode',
  sector: 'sectorCodes',
  technology: 'technologyCodes',
  theme: 'themeCodes',
  challenge: 'challengeCodes',
}

export function meilisearchSettings(): Settings {
  return {
    // Order matters: name > tags > pitch > description, as in the PostgreSQL weights.
    searchableAttributes: [
      'title',
      'tagLabelsFr',
      'tagLabelsEn',
      'summaryFr',
      'summaryEn',
      'city',
      'organisationName',
      'bodyFr',
      'bodyEn',
      'offers',
      'seeks',
    ],
    filterableAttributes: [...Object.values(FACET_ATTRIBUTES), 'visibility', 'expiresAt'],
    sortableAttributes: ['title', 'quality', 'expiresAt'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'quality:desc'],
    synonyms: meilisearchSynonyms(),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnAttributes: ['regionCode'],
    },
    localizedAttributes: [
      { attributePatterns: ['*Fr'], locales: ['fra'] },
      { attributePatterns: ['*En'], locales: ['eng'] },
    ],
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: MEILISEARCH_MAX_TOTAL_HITS },
  }
}

function quote(value: string) {
  return JSON.stringify(value)
}

/** Filter expressions (joined with AND by Meilisearch); `except` leaves one facet out. */
export function buildMeilisearchFilter(params: SearchParams, except?: FacetName): string[] {
  const now = (params.now ?? new Date()).getTime()
  const visibility = params.signedIn ? ['public', 'members'] : ['public']
  const filter = [`visibility IN [${visibility.map(quote).join(', ')}]`]
  if (params.type === 'needs') filter.push(`expiresAt > ${now}`)
  for (const facet of FACET_NAMES) {
    const values = params.filters[facet]
    if (facet === except || !values?.length) continue
    filter.push(`${FACET_ATTRIBUTES[facet]} IN [${values.map(quote).join(', ')}]`)
  }
  return filter
}

/** Just what the engine uses of the client, so tests can hand in a fake. */
export interface MeilisearchSearchClient {
  multiSearch(params: { queries: MultiSearchQuery[] }): Promise<{
    results: Array<{
      hits: Array<Record<string, unknown>>
      totalHits?: number
      estimatedTotalHits?: number
      facetDistribution?: Record<string, Record<string, number>>
    }>
  }>
}

export function meilisearchQueries(
  params: SearchParams,
  indexes: Record<DocType, string> = MEILISEARCH_INDEXES,
): MultiSearchQuery[] {
  const docType: DocType = params.type === 'needs' ? 'need' : 'organisation'
  const indexUid = indexes[docType]
  const facets = FACETS_BY_TYPE[params.type]
  const lang = params.language === 'en' ? 'En' : 'Fr'
  const selected = facets.filter((facet) => params.filters[facet]?.length)
  const unselected = facets.filter((facet) => !params.filters[facet]?.length)
  const main: MultiSearchQuery = {
    indexUid,
    q: params.query,
    filter: buildMeilisearchFilter(params),
    facets: unselected.map((facet) => FACET_ATTRIBUTES[facet]),
    page: params.page,
    hitsPerPage: params.pageSize,
    matchingStrategy: 'all',
    attributesToHighlight: ['title'],
    attributesToCrop: [`summary${lang}`, `body${lang}`],
    cropLength: 28,
    cropMarker: '…',
    highlightPreTag: HIGHLIGHT_START,
    highlightPostTag: HIGHLIGHT_END,
    showMatchesPosition: true,
    locales: params.language === 'en' ? ['eng', 'fra'] : ['fra', 'eng'],
  }
  // One extra query per facet with a selection, without its own filter (OR inside a facet).
  const perFacet = selected.map((facet): MultiSearchQuery => ({
    indexUid,
    q: params.query,
    filter: buildMeilisearchFilter(params, facet),
    facets: [FACET_ATTRIBUTES[facet]],
    limit: 0,
    matchingStrategy: 'all',
  }))
  return [main, ...perFacet]
}

function formattedField(hit: Record<string, unknown>, field: string): string {
  const formatted = hit._formatted as Record<string, unknown> | undefined
  const value = formatted?.[field] ?? hit[field]
  return typeof value === 'string' ? value : ''
}

function hitFromMeilisearch(hit: Record<string, unknown>, params: SearchParams): SearchHit {
  const doc = hit as unknown as MeilisearchDocument
  const lang = params.language === 'en' ? 'En' : 'Fr'
  const other = lang === 'En' ? 'Fr' : 'En'
  const candidates = [`summary${lang}`, `body${lang}`].map((field) => formattedField(hit, field))
  const snippet =
    candidates.find((text) => text.includes(HIGHLIGHT_START)) ??
    (candidates[0] || formattedField(hit, `summary${other}`))
  return {
    type: doc.type,
    id: doc.id,
    slug: doc.slug,
    title: doc.title,
    titleHtml: markedToSafeHtml(formattedField(hit, 'title') || doc.title),
    snippetHtml: markedToSafeHtml(squeeze(snippet)),
    kind: doc.kind,
    regionCode: doc.regionCode,
    city: doc.city,
    tags: [...doc.technologyCodes, ...doc.sectorCodes, ...doc.challengeCodes],
    organisationName: doc.organisationName,
    verified: doc.verified,
    expiresAt: doc.expiresAt ? new Date(doc.expiresAt).toISOString() : null,
    deadline: doc.deadline,
  }
}

export function createMeilisearchEngine(
  client: MeilisearchSearchClient,
  { indexes = MEILISEARCH_INDEXES }: { indexes?: Record<DocType, string> } = {},
): SearchEngine {
  return {
    name: 'meilisearch',
    async search(params: SearchParams): Promise<SearchResult> {
      const startedAt = performance.now()
      const queries = meilisearchQueries(params, indexes)
      const { results } = await client.multiSearch({ queries })
      const [main, ...perFacet] = results
      const facets = emptyFacets()
      const distributions = [
        main.facetDistribution ?? {},
        ...perFacet.map((r) => r.facetDistribution ?? {}),
      ]
      for (const facet of FACETS_BY_TYPE[params.type]) {
        const attribute = FACET_ATTRIBUTES[facet]
        const counts = distributions.find((distribution) => distribution[attribute])?.[attribute]
        facets[facet] = Object.entries(counts ?? {})
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      }
      const total = main.totalHits ?? main.estimatedTotalHits ?? main.hits.length
      const capped = total >= MEILISEARCH_MAX_TOTAL_HITS
      return {
        engine: 'meilisearch',
        type: params.type,
        query: params.query,
        hits: main.hits.map((hit) => hitFromMeilisearch(hit, params)),
        total,
        totalIsLowerBound: capped,
        facets,
        // Meilisearch counts facets over every match.
        facetsAreEstimates: false,
        page: params.page,
        pageSize: params.pageSize,
        pageCount: Math.max(1, Math.ceil(total / params.pageSize)),
        typoCorrected: false,
        tookMs: Math.round((performance.now() - startedAt) * 10) / 10,
      }
    },
  }
}

/** The configured client, or null when MEILISEARCH_URL is not set. */
export function meilisearchClientFromEnv(): Meilisearch | null {
  const env = getEnv()
  if (!env.MEILISEARCH_URL) return null
  return new Meilisearch({
    host: env.MEILISEARCH_URL,
    apiKey: env.MEILISEARCH_API_KEY || undefined,
    timeout: 3_000,
  })
}
