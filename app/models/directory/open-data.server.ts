// The directory as open data (Licence Ouverte 2.0): public profiles only, public fields only,
// as JSON or CSV (docs/decisions/006-directory.md). Contact details, members,
// drafts, members-only and unpublished profiles never appear.
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { ORG_KINDS } from './constants.ts'
import type { CsvValue } from '~/utils/csv.ts'
import type { TaxonomyView } from '~/models/taxonomy/store.server.ts'

export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const

export const MAX_PER_PAGE = 100
export const DEFAULT_PER_PAGE = 20
const TAG_KINDS = {
  challenge: 'challengeCodes',
  sector: 'sectorCodes',
  technology: 'technologyCodes',
} as const

const QuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  tag: z.array(z.string().regex(/^[A-Z][A-Z0-9-]{0,47}$/)).max(10),
  region: z
    .string()
    .regex(/^[A-Z][A-Z0-9-]{0,47}$/)
    .optional(),
  kind: z.enum(ORG_KINDS).optional(),
})

export interface PublicQuery {
  page: number
  perPage: number
  /** Every tag must be present (challenge, sector or technology codes). */
  tags: Array<{ code: string; column: (typeof TAG_KINDS)[keyof typeof TAG_KINDS] }>
  region?: string
  kind?: (typeof ORG_KINDS)[number]
}

export type QueryIssue = { param: string; code: 'invalid' | 'unknown_code' }

/** Reads `page`, `per_page`, `tag` (repeatable or comma-separated), `region`, `kind`. */
export function parsePublicQuery(
  params: URLSearchParams,
  taxonomy: Pick<TaxonomyView, 'byCode'>,
): { ok: true; query: PublicQuery } | { ok: false; issues: QueryIssue[] } {
  const single = (name: string) => {
    const values = params.getAll(name)
    return values.length > 1 ? values : (values[0] ?? undefined)
  }
  const parsed = QuerySchema.safeParse({
    page: single('page'),
    per_page: single('per_page'),
    tag: params
      .getAll('tag')
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean),
    region: single('region'),
    kind: single('kind'),
  })
  if (!parsed.success) {
    const params = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))]
    return { ok: false, issues: params.map((param) => ({ param, code: 'invalid' })) }
  }
  const issues: QueryIssue[] = []
  const tags: PublicQuery['tags'] = []
  for (const code of new Set(parsed.data.tag)) {
    const kind = taxonomy.byCode.get(code)?.kind
    if (kind === 'challenge' || kind === 'sector' || kind === 'technology') {
      tags.push({ code, column: TAG_KINDS[kind] })
    } else {
      issues.push({ param: 'tag', code: 'unknown_code' })
    }
  }
  const { region } = parsed.data
  if (region && taxonomy.byCode.get(region)?.kind !== 'region') {
    issues.push({ param: 'region', code: 'unknown_code' })
  }
  if (issues.length) return { ok: false, issues }
  return {
    ok: true,
    query: {
      page: parsed.data.page,
      perPage: parsed.data.per_page,
      tags,
      region,
      kind: parsed.data.kind,
    },
  }
}

/** Only these columns are ever read: contact details and members are not even fetched. */
const PUBLIC_SELECT = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  subKind: true,
  pitchFr: true,
  pitchEn: true,
  descriptionFr: true,
  descriptionEn: true,
  regionCode: true,
  city: true,
  website: true,
  foundedYear: true,
  sizeBand: true,
  sectorCodes: true,
  technologyCodes: true,
  challengeCodes: true,
  languages: true,
  offers: true,
  seeks: true,
  verifiedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.OrganisationSelect

type PublicRow = Prisma.OrganisationGetPayload<{ select: typeof PUBLIC_SELECT }>

export const PUBLIC_ORGANISATIONS_WHERE = {
  visibility: 'public',
  unpublishedAt: null,
} satisfies Prisma.OrganisationWhereInput

export async function listPublicOrganisations(query: PublicQuery) {
  const where: Prisma.OrganisationWhereInput = {
    ...PUBLIC_ORGANISATIONS_WHERE,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.region ? { regionCode: query.region } : {}),
    AND: query.tags.map(({ code, column }) => ({ [column]: { has: code } })),
  }
  const [total, rows] = await Promise.all([
    prisma.organisation.count({ where }),
    prisma.organisation.findMany({
      where,
      select: PUBLIC_SELECT,
      orderBy: { slug: 'asc' },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
  ])
  return { rows, total, pageCount: Math.ceil(total / query.perPage) }
}

type Labelled = { code: string; label_fr: string; label_en: string }

function labelled(taxonomy: TaxonomyView, code: string): Labelled {
  return { code, label_fr: taxonomy.label(code, 'fr'), label_en: taxonomy.label(code, 'en') }
}

/** One profile as published: snake_case keys, tags with their labels in both languages. */
export function toPublicRecord(row: PublicRow, taxonomy: TaxonomyView, baseUrl: string) {
  return {
    id: row.id,
    slug: row.slug,
    url: `${baseUrl}/organisations/${row.slug}`,
    name: row.name,
    kind: row.kind,
    sub_kind: row.subKind ? labelled(taxonomy, row.subKind) : null,
    pitch: { fr: row.pitchFr, en: row.pitchEn },
    description: { fr: row.descriptionFr, en: row.descriptionEn },
    region: labelled(taxonomy, row.regionCode),
    city: row.city,
    website: row.website,
    founded_year: row.foundedYear,
    size_band: row.sizeBand,
    sectors: row.sectorCodes.map((code) => labelled(taxonomy, code)),
    technologies: row.technologyCodes.map((code) => labelled(taxonomy, code)),
    challenges: row.challengeCodes.map((code) => labelled(taxonomy, code)),
    languages: row.languages,
    offers: row.offers,
    seeks: row.seeks,
    verified: row.verifiedAt !== null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}
export type PublicOrganisationRecord = ReturnType<typeof toPublicRecord>

export const CSV_COLUMNS = [
  'id',
  'slug',
  'url',
  'name',
  'kind',
  'sub_kind',
  'pitch_fr',
  'pitch_en',
  'description_fr',
  'description_en',
  'region_code',
  'region',
  'city',
  'website',
  'founded_year',
  'size_band',
  'sector_codes',
  'sectors',
  'technology_codes',
  'technologies',
  'challenge_codes',
  'challenges',
  'languages',
  'offers',
  'seeks',
  'verified',
  'created_at',
  'updated_at',
] as const

/** The same record flattened for CSV: codes joined by `|`, French labels by ` | `. */
export function toCsvRow(record: PublicOrganisationRecord): CsvValue[] {
  const codes = (tags: Labelled[]) => tags.map((tag) => tag.code).join('|')
  const labels = (tags: Labelled[]) => tags.map((tag) => tag.label_fr).join(' | ')
  const byColumn: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
    id: record.id,
    slug: record.slug,
    url: record.url,
    name: record.name,
    kind: record.kind,
    sub_kind: record.sub_kind?.code ?? '',
    pitch_fr: record.pitch.fr,
    pitch_en: record.pitch.en,
    description_fr: record.description.fr,
    description_en: record.description.en,
    region_code: record.region.code,
    region: record.region.label_fr,
    city: record.city,
    website: record.website,
    founded_year: record.founded_year,
    size_band: record.size_band,
    sector_codes: codes(record.sectors),
    sectors: labels(record.sectors),
    technology_codes: codes(record.technologies),
    technologies: labels(record.technologies),
    challenge_codes: codes(record.challenges),
    challenges: labels(record.challenges),
    languages: record.languages.join('|'),
    offers: record.offers,
    seeks: record.seeks,
    verified: record.verified,
    created_at: record.created_at,
    updated_at: record.updated_at,
  }
  return CSV_COLUMNS.map((column) => byColumn[column])
}

/** Absolute first/prev/next/last links for a page, keeping the other query parameters. */
export function pageLinks(
  base: string,
  params: URLSearchParams,
  { page, perPage, pageCount }: { page: number; perPage: number; pageCount: number },
) {
  const link = (target: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(target))
    next.set('per_page', String(perPage))
    return `${base}?${next.toString()}`
  }
  const last = Math.max(1, pageCount)
  return {
    self: link(page),
    first: link(1),
    prev: page > 1 ? link(Math.min(page - 1, last)) : null,
    next: page < pageCount ? link(page + 1) : null,
    last: link(last),
  }
}

/** Both formats: parse the query, read one page, build records and links. */
export async function loadOpenDataPage(url: URL, taxonomy: TaxonomyView, baseUrl: string) {
  const parsed = parsePublicQuery(url.searchParams, taxonomy)
  if (!parsed.ok) return parsed
  const { query } = parsed
  const { rows, total, pageCount } = await listPublicOrganisations(query)
  const endpoint = `${baseUrl}${url.pathname}`
  return {
    ok: true as const,
    records: rows.map((row) => toPublicRecord(row, taxonomy, baseUrl)),
    meta: { page: query.page, per_page: query.perPage, total, page_count: pageCount },
    links: pageLinks(endpoint, url.searchParams, { ...query, pageCount }),
  }
}

export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Link, X-Total-Count',
} as const

/** `Link` header: the licence, then the neighbouring pages. */
export function linkHeader(links: {
  next: string | null
  prev: string | null
  first: string
  last: string
}) {
  return [
    `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
    ...(['first', 'prev', 'next', 'last'] as const).flatMap((rel) =>
      links[rel] ? [`<${links[rel]}>; rel="${rel}"`] : [],
    ),
  ].join(', ')
}

/** 400 for a malformed query: a translated message and which parameters are wrong. */
export function invalidQueryResponse(message: string, issues: QueryIssue[]) {
  return Response.json(
    { error: 'invalid_query', message, issues },
    { status: 400, headers: { ...CORS_HEADERS, 'Cache-Control': 'no-store' } },
  )
}

/** Preflight answer (only GET and HEAD exist) and 405 for anything else. */
export function openDataAction(request: Request) {
  if (request.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: {
        ...CORS_HEADERS,
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'Accept, Accept-Language',
        'Access-Control-Max-Age': '86400',
      },
    })
  }
  return new Response(null, {
    status: 405,
    headers: { ...CORS_HEADERS, Allow: 'GET, HEAD, OPTIONS' },
  })
}
