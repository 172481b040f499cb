// PostgreSQL full-text engine (the default, on PGlite and on the server). One statement per
// search: it collects a capped candidate set (documents matching the query and the filters, at
// most CANDIDATE_CAP, plus the best name matches), ranks only those, counts facets on them and
// highlights the page. Bounding the work per query is what keeps common words fast; past the
// cap, totals and facet counts are lower bounds and the page says so.
import { z } from 'zod'
import { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import {
  correctableWords,
  isEmptyPlan,
  planQuery,
  withCorrections,
  type PlanWord,
  type QueryPlan,
} from './query-plan.ts'
import { getSynonyms } from './synonyms.ts'
import { HIGHLIGHT_END, HIGHLIGHT_START, foldText, markedToSafeHtml, squeeze } from './text.ts'
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

/** Documents ranked per query at most; beyond it totals and facet counts are lower bounds. */
export const CANDIDATE_CAP = 1000
/** Name matches always considered, even when the capped set missed them. */
const NAME_MATCH_CAP = 200
/** Below this many results, unknown words are replaced by the closest index words. */
const TYPO_RETRY_BELOW = 3
const MIN_CORRECTION_SIMILARITY = 0.45

type Sql = Prisma.Sql

const HEADLINE_MARKERS = `${HIGHLIGHT_START}${HIGHLIGHT_END}`
const TITLE_HEADLINE = `HighlightAll=true, StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}`
const SNIPPET_HEADLINE = `MaxFragments=2, MaxWords=28, MinWords=12, ShortWord=2, FragmentDelimiter=" … ", StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}`
const SNIPPET_CHARS = 260

function wordQuery(word: PlanWord): Sql {
  if (word.lexeme) return Prisma.sql`to_tsquery('simple', ${word.text})`
  return Prisma.sql`search_term_query(${word.prefix ? `${word.text}:*` : word.text})`
}

/** The plan as one tsquery expression: groups in AND, alternatives in OR, words in AND. */
export function tsqueryFor(plan: QueryPlan): Sql {
  const groups = plan.groups.map(
    (group) =>
      Prisma.sql`(${Prisma.join(
        group.alternatives.map(
          (alternative) => Prisma.sql`(${Prisma.join(alternative.map(wordQuery), ' && ')})`,
        ),
        ' || ',
      )})`,
  )
  return Prisma.sql`(${Prisma.join(groups, ' && ')})`
}

function facetCodes(facet: FacetName, values: string[]) {
  return values.map((value) => `${facet}:${value}`)
}

export interface Statement {
  docType: 'organisation' | 'need'
  params: SearchParams
  query: Sql | null
  fuzzyName: string | null
}

function baseWhere({ docType, params }: Statement): Sql {
  const levels = params.signedIn ? ['public', 'members'] : ['public']
  const now = (params.now ?? new Date()).toISOString()
  return Prisma.sql`d.doc_type = ${docType}
    AND d.visibility = ANY(${levels}::text[])
    AND (d.expires_at IS NULL OR d.expires_at > (${now}::timestamptz AT TIME ZONE 'UTC'))`
}

function filtersWhere(
  params: SearchParams,
  except?: FacetName,
  on: 'index' | 'row' = 'index',
): Sql {
  const parts = FACET_NAMES.filter((facet) => facet !== except)
    .filter((facet) => params.filters[facet]?.length)
    .map((facet) => {
      const codes = facetCodes(facet, params.filters[facet]!)
      return on === 'index'
        ? Prisma.sql`AND d.facet_codes && ${codes}::text[]`
        : Prisma.sql`AND coalesce(d.facet_codes && ${codes}::text[], false)`
    })
  return parts.length ? Prisma.join(parts, ' ') : Prisma.empty
}

const TITLE_CONFIG = Prisma.raw(`'passerelle_fr'::regconfig`)
function snippetConfig(params: SearchParams) {
  return Prisma.raw(`'${params.language === 'en' ? 'passerelle_en' : 'passerelle_fr'}'::regconfig`)
}

/** Highlighting reads at most this much of a text (ts_headline parses all it is given). */
const HEADLINE_SOURCE_CHARS = 1500

function highlighted(text: Sql, config: Sql, query: Sql | null, options: string): Sql {
  if (!query) return Prisma.sql`left(${text}, ${SNIPPET_CHARS})`
  return Prisma.sql`ts_headline(${config}, translate(left(${text}, ${HEADLINE_SOURCE_CHARS}), ${HEADLINE_MARKERS}, ''), ${query}, ${options})`
}

function organisationHits(statement: Statement): Sql {
  const { params, query } = statement
  const [first, second] = params.language === 'en' ? ['En', 'Fr'] : ['Fr', 'En']
  const text = Prisma.raw(
    `coalesce(nullif(concat_ws(' ', nullif(o."pitch${first}", ''), nullif(o."description${first}", '')), ''), concat_ws(' ', nullif(o."pitch${second}", ''), nullif(o."description${second}", '')))`,
  )
  return Prisma.sql`SELECT p.rank, o.id, o.slug, o.name AS title, o.kind::text AS kind,
      o."regionCode" AS region_code, o.city,
      o."technologyCodes" || o."sectorCodes" || o."challengeCodes" AS tags,
      NULL::text AS organisation_name, o."verifiedAt" IS NOT NULL AS verified,
      NULL::text AS expires_at, NULL::text AS deadline,
      ${query ? highlighted(Prisma.sql`o.name`, TITLE_CONFIG, query, TITLE_HEADLINE) : Prisma.sql`o.name`} AS title_marked,
      ${highlighted(text, snippetConfig(params), query, SNIPPET_HEADLINE)} AS snippet_marked
    FROM page p JOIN "Organisation" o ON o.id = p.id`
}

function needHits(statement: Statement): Sql {
  const { params, query } = statement
  return Prisma.sql`SELECT p.rank, n.id,
      CASE WHEN n.anonymous THEN NULL ELSE o.slug END AS slug, n.title,
      CASE WHEN n.anonymous THEN NULL ELSE o.kind::text END AS kind,
      n."regionCode" AS region_code, '' AS city,
      n."technologyCodes" || n."sectorCodes" || n."challengeCodes" AS tags,
      CASE WHEN n.anonymous THEN NULL ELSE o.name END AS organisation_name, false AS verified,
      to_char(n."expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at,
      to_char(n.deadline, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deadline,
      ${query ? highlighted(Prisma.sql`n.title`, TITLE_CONFIG, query, TITLE_HEADLINE) : Prisma.sql`n.title`} AS title_marked,
      ${highlighted(Prisma.sql`n.description`, snippetConfig(params), query, SNIPPET_HEADLINE)} AS snippet_marked
    FROM page p
    JOIN "Need" n ON n.id = p.id
    JOIN "Organisation" o ON o.id = n."organisationId"`
}

export function buildStatement(statement: Statement): Sql {
  const { params, query, fuzzyName } = statement
  const base = baseWhere(statement)
  const filters = filtersWhere(params)
  const offset = (params.page - 1) * params.pageSize
  const selectedFacets = FACET_NAMES.filter((facet) => params.filters[facet]?.length)

  const candidateTiers: Sql[] = []
  if (query) {
    candidateTiers.push(Prisma.sql`matched AS MATERIALIZED (
      SELECT d.id, d.title, d.quality, d.facet_codes,
        ts_rank(d.rank_vector, ${query}) + CASE WHEN d.name_vector @@ ${query} THEN 1 ELSE 0 END AS score
      FROM search_document d
      WHERE ${base} AND d.search_vector @@ ${query} ${filters}
      LIMIT ${CANDIDATE_CAP}
    )`)
    // Name matches are few: their facet filters are checked on the rows (coalesce keeps the
    // planner from intersecting the large facet posting lists for them).
    candidateTiers.push(Prisma.sql`named AS MATERIALIZED (
      SELECT d.id, d.title, d.quality, d.facet_codes,
        ts_rank(d.rank_vector, ${query}) + 1 AS score
      FROM search_document d
      WHERE ${base} AND d.name_vector @@ ${query} ${filtersWhere(params, undefined, 'row')}
      LIMIT ${NAME_MATCH_CAP}
    )`)
  } else {
    candidateTiers.push(Prisma.sql`matched AS MATERIALIZED (
      SELECT d.id, d.title, d.quality, d.facet_codes, 0::real AS score
      FROM search_document d
      WHERE ${base} ${filters}
      ORDER BY d.doc_type, d.quality DESC, d.title, d.id
      LIMIT ${CANDIDATE_CAP}
    )`)
  }
  if (fuzzyName) {
    candidateTiers.push(Prisma.sql`fuzzy AS MATERIALIZED (
      SELECT d.id, d.title, d.quality, d.facet_codes,
        word_similarity(${fuzzyName}, d.name_search) AS score
      FROM search_document d
      WHERE ${base} AND ${fuzzyName} <% d.name_search ${filters}
      LIMIT ${NAME_MATCH_CAP}
    )`)
  }
  const tierNames = ['matched', ...(query ? ['named'] : []), ...(fuzzyName ? ['fuzzy'] : [])]
  // A document found by several tiers keeps its best score.
  const candidates = Prisma.raw(
    `SELECT DISTINCT ON (id) * FROM (${tierNames.map((name) => `SELECT * FROM ${name}`).join(' UNION ALL ')}) tiers ORDER BY id, score DESC`,
  )

  // A facet with selected values is counted over the other filters only, so that its other
  // values keep their counts (OR inside a facet, AND between facets). One extra capped set
  // (the query without any facet filter) serves every selected facet.
  const facetTiers = selectedFacets.length
    ? [
        query
          ? Prisma.sql`unfiltered AS MATERIALIZED (
              SELECT d.facet_codes FROM search_document d
              WHERE ${base} AND d.search_vector @@ ${query}
              LIMIT ${CANDIDATE_CAP}
            )`
          : Prisma.sql`unfiltered AS MATERIALIZED (
              SELECT d.facet_codes FROM search_document d
              WHERE ${base}
              ORDER BY d.doc_type, d.quality DESC, d.title, d.id
              LIMIT ${CANDIDATE_CAP}
            )`,
      ]
    : []
  const otherFilters = (facet: FacetName) => {
    const others = selectedFacets
      .filter((other) => other !== facet)
      .map(
        (other) =>
          Prisma.sql`AND u.facet_codes && ${facetCodes(other, params.filters[other]!)}::text[]`,
      )
    return others.length ? Prisma.join(others, ' ') : Prisma.empty
  }
  const facetCounts = [
    Prisma.sql`SELECT * FROM (
        SELECT code, count(*)::int AS count
        FROM (SELECT unnest(facet_codes) AS code FROM candidates) codes GROUP BY code
      ) counts WHERE NOT (split_part(code, ':', 1) = ANY(${selectedFacets}::text[]))`,
    ...selectedFacets.map(
      (facet) => Prisma.sql`SELECT * FROM (
          SELECT code, count(*)::int AS count
          FROM (SELECT unnest(u.facet_codes) AS code FROM unfiltered u WHERE true ${otherFilters(facet)}) codes
          GROUP BY code
        ) counts WHERE code LIKE ${`${facet}:%`}`,
    ),
  ]
  const unfilteredSize = selectedFacets.length
    ? Prisma.sql`(SELECT count(*)::int FROM unfiltered)`
    : Prisma.sql`0`

  return Prisma.sql`WITH ${Prisma.join([...candidateTiers, ...facetTiers], ', ')},
    candidates AS MATERIALIZED (${candidates}),
    page AS (
      SELECT id, row_number() OVER (ORDER BY score DESC, quality DESC, title, id) AS rank
      FROM candidates
      ORDER BY score DESC, quality DESC, title, id
      LIMIT ${params.pageSize} OFFSET ${offset}
    ),
    hits AS (${statement.docType === 'organisation' ? organisationHits(statement) : needHits(statement)})
    SELECT
      (SELECT count(*)::int FROM matched) AS matched_count,
      (SELECT count(*)::int FROM candidates) AS total,
      ${unfilteredSize} AS unfiltered_count,
      (SELECT coalesce(json_agg(hits ORDER BY rank), '[]'::json) FROM hits) AS hits,
      (SELECT coalesce(json_agg(f), '[]'::json) FROM (${Prisma.join(facetCounts, ' UNION ALL ')}) f) AS facets`
}

const HitRowSchema = z.object({
  id: z.string(),
  slug: z.string().nullable(),
  title: z.string(),
  kind: z.string().nullable(),
  region_code: z.string(),
  city: z.string(),
  tags: z.array(z.string()),
  organisation_name: z.string().nullable(),
  verified: z.boolean(),
  expires_at: z.string().nullable(),
  deadline: z.string().nullable(),
  title_marked: z.string(),
  snippet_marked: z.string().nullable(),
})

const jsonValue = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), schema)

const StatementRowSchema = z.object({
  matched_count: z.number(),
  total: z.number(),
  unfiltered_count: z.number(),
  hits: jsonValue(z.array(HitRowSchema)),
  facets: jsonValue(z.array(z.object({ code: z.string(), count: z.number() }))),
})

async function runStatement(statement: Statement) {
  // Testing the match on a table row reads (and decompresses) its whole vector; the planner
  // underestimates that and, under LIMIT, likes to walk the table or a btree and test rows
  // until it has enough — a full scan whenever the matches are fewer than it guessed. With a
  // text query only bitmap scans are left, so matching is always done by the GIN index.
  // (Browsing without a query keeps index scans: they give the quality order.) The settings
  // are local to this transaction.
  const scans = statement.query ? 'off' : 'on'
  const [, rows] = await prisma.$transaction([
    prisma.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)::text,
      set_config('enable_indexscan', ${scans}, true)::text, set_config('jit', 'off', true)::text`,
    prisma.$queryRaw<unknown[]>(buildStatement(statement)),
  ])
  return StatementRowSchema.parse(rows[0])
}

/** Unknown query words → closest index words (lexemes), by trigram similarity. */
export async function findCorrections(words: string[]): Promise<Map<string, string>> {
  if (!words.length) return new Map()
  const rows = await prisma.$queryRaw<Array<{ word: string; correction: string }>>`
    WITH input AS (
      SELECT i AS word,
        coalesce((tsvector_to_array(to_tsvector('french', i)))[1], i) AS stem_fr,
        coalesce((tsvector_to_array(to_tsvector('english', i)))[1], i) AS stem_en
      FROM unnest(${words}::text[]) i
    ), unknown AS (
      SELECT * FROM input
      WHERE NOT EXISTS (
        SELECT 1 FROM search_word s WHERE s.word IN (input.word, input.stem_fr, input.stem_en)
      )
    )
    SELECT u.word, best.word AS correction
    FROM unknown u
    CROSS JOIN LATERAL (
      SELECT s.word, greatest(similarity(s.word, u.word), similarity(s.word, u.stem_fr)) AS score
      FROM search_word s
      WHERE (s.word % u.word OR s.word % u.stem_fr) AND s.word ~ '^[a-z0-9]+$'
      ORDER BY 2 DESC, s.ndoc DESC, s.word
      LIMIT 1
    ) best
    WHERE best.score >= ${MIN_CORRECTION_SIMILARITY}`
  return new Map(rows.map((row) => [row.word, row.correction]))
}

function toHit(docType: 'organisation' | 'need', row: z.infer<typeof HitRowSchema>): SearchHit {
  return {
    type: docType,
    id: row.id,
    slug: row.slug,
    title: row.title,
    titleHtml: markedToSafeHtml(row.title_marked),
    snippetHtml: markedToSafeHtml(squeeze(row.snippet_marked ?? '')),
    kind: row.kind,
    regionCode: row.region_code,
    city: row.city,
    tags: row.tags,
    organisationName: row.organisation_name,
    verified: row.verified,
    expiresAt: row.expires_at,
    deadline: row.deadline,
  }
}

function toResult(
  params: SearchParams,
  docType: 'organisation' | 'need',
  row: z.infer<typeof StatementRowSchema>,
  typoCorrected: boolean,
  startedAt: number,
): SearchResult {
  const facets = emptyFacets()
  const shown = new Set<FacetName>(FACETS_BY_TYPE[params.type])
  for (const { code, count } of row.facets) {
    const separator = code.indexOf(':')
    const facet = code.slice(0, separator) as FacetName
    if (shown.has(facet)) facets[facet].push({ value: code.slice(separator + 1), count })
  }
  for (const facet of FACET_NAMES) {
    facets[facet].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
  }
  const capped = row.matched_count >= CANDIDATE_CAP
  const pageCount = Math.max(1, Math.ceil(row.total / params.pageSize))
  return {
    engine: 'postgres',
    type: params.type,
    query: params.query,
    hits: row.hits.map((hit) => toHit(docType, hit)),
    total: row.total,
    totalIsLowerBound: capped,
    facets,
    facetsAreEstimates: capped || row.unfiltered_count >= CANDIDATE_CAP,
    page: params.page,
    pageSize: params.pageSize,
    pageCount,
    typoCorrected,
    tookMs: Math.round((performance.now() - startedAt) * 10) / 10,
  }
}

export async function searchWithPostgres(params: SearchParams): Promise<SearchResult> {
  const startedAt = performance.now()
  const docType = params.type === 'needs' ? 'need' : 'organisation'
  const plan = planQuery(params.query, getSynonyms())
  const query = isEmptyPlan(plan) ? null : tsqueryFor(plan)
  const first = await runStatement({ docType, params, query, fuzzyName: null })
  if (!query || first.total >= TYPO_RETRY_BELOW || params.page > 1) {
    return toResult(params, docType, first, false, startedAt)
  }
  // Too few results: replace unknown words by the closest index words, and look for names
  // that resemble the query.
  const corrections = await findCorrections(correctableWords(plan))
  const corrected = corrections.size ? withCorrections(plan, corrections) : plan
  const fuzzyName = foldText(params.query).trim().slice(0, 100)
  if (!corrections.size && fuzzyName.length < 4) {
    return toResult(params, docType, first, false, startedAt)
  }
  const second = await runStatement({
    docType,
    params,
    query: tsqueryFor(corrected),
    fuzzyName: fuzzyName.length >= 4 ? fuzzyName : null,
  })
  return second.total > first.total
    ? toResult(params, docType, second, true, startedAt)
    : toResult(params, docType, first, false, startedAt)
}

export const postgresEngine: SearchEngine = {
  name: 'postgres',
  search: searchWithPostgres,
}
