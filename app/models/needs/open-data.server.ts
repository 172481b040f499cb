// Open data of needs: `/api/v1/needs` (JSON) and `/api/v1/needs.csv`, under the Licence
// Ouverte 2.0, readable from any origin. Only what listPublicNeeds returns is published.
import { getRequestT } from '~/i18n.server.ts'
import { toCsv } from '~/utils/csv.ts'
import { parseNeedsApiQuery, type NeedsApiQuery } from './validation.ts'
import { listPublicNeeds, type PublicNeed } from './need.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'

export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const

const COMMON_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Link, X-Total-Count',
  'Cache-Control': 'public, max-age=300',
  'X-Content-Type-Options': 'nosniff',
}

async function badRequest(request: Request, details: string[]) {
  const t = await getRequestT(request, 'needs')
  return new Response(
    JSON.stringify({ error: 'invalid_query', message: t('api.invalidQuery'), details }),
    {
      status: 400,
      headers: { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
    },
  )
}

type Read =
  | { ok: true; query: NeedsApiQuery; total: number; needs: PublicNeed[] }
  | { ok: false; response: Response }

async function readNeeds(request: Request): Promise<Read> {
  const url = new URL(request.url)
  const parsed = parseNeedsApiQuery(url.searchParams)
  if (!parsed.ok) return { ok: false, response: await badRequest(request, parsed.issues) }
  const { query } = parsed
  const taxonomy = await getTaxonomy()
  const issues: string[] = []
  const tagKind = query.tag ? taxonomy.byCode.get(query.tag)?.kind : undefined
  if (query.tag && !['challenge', 'sector', 'technology'].includes(tagKind ?? '')) {
    issues.push('tag is not a known challenge, sector or technology code')
  }
  if (query.region && taxonomy.byCode.get(query.region)?.kind !== 'region') {
    issues.push('region is not a known region code')
  }
  if (issues.length) return { ok: false, response: await badRequest(request, issues) }
  const { total, needs } = await listPublicNeeds(query)
  return { ok: true, query, total, needs }
}

function pageUrl(request: Request, page: number) {
  const url = new URL(request.url)
  url.searchParams.set('page', String(page))
  return url.toString()
}

function paginationLinks(request: Request, query: NeedsApiQuery, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / query.per_page))
  return {
    pageCount,
    next: query.page < pageCount ? pageUrl(request, query.page + 1) : null,
    prev: query.page > 1 ? pageUrl(request, Math.min(query.page - 1, pageCount)) : null,
  }
}

function linkHeader(links: { next: string | null; prev: string | null }) {
  return [
    `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
    links.next ? `<${links.next}>; rel="next"` : null,
    links.prev ? `<${links.prev}>; rel="prev"` : null,
  ]
    .filter(Boolean)
    .join(', ')
}

export async function needsJsonResponse(request: Request) {
  const read = await readNeeds(request)
  if (!read.ok) return read.response
  const { query, total, needs } = read
  const links = paginationLinks(request, query, total)
  const csv = new URL(request.url)
  csv.pathname = csv.pathname.replace(/\/?$/, '.csv')
  const body = {
    licence: OPEN_DATA_LICENCE,
    page: query.page,
    per_page: query.per_page,
    total,
    page_count: links.pageCount,
    links: { self: request.url, next: links.next, prev: links.prev, csv: csv.toString() },
    data: needs,
  }
  return new Response(JSON.stringify(body), {
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      Link: linkHeader(links),
      'X-Total-Count': String(total),
    },
  })
}

export const CSV_COLUMNS = [
  'id',
  'url',
  'title',
  'description',
  'challenge_codes',
  'sector_codes',
  'technology_codes',
  'budget_band',
  'deadline',
  'region_code',
  'anonymous',
  'expires_at',
  'created_at',
  'updated_at',
  'organisation_name',
  'organisation_slug',
  'organisation_kind',
  'organisation_url',
] as const

export async function needsCsvResponse(request: Request) {
  const read = await readNeeds(request)
  if (!read.ok) return read.response
  const { query, total, needs } = read
  const rows = needs.map((need) => [
    need.id,
    need.url,
    need.title,
    need.description,
    need.challenge_codes.join('|'),
    need.sector_codes.join('|'),
    need.technology_codes.join('|'),
    need.budget_band,
    need.deadline,
    need.region_code,
    need.anonymous,
    need.expires_at,
    need.created_at,
    need.updated_at,
    need.organisation?.name,
    need.organisation?.slug,
    need.organisation?.kind,
    need.organisation?.url,
  ])
  const links = paginationLinks(request, query, total)
  return new Response(toCsv(CSV_COLUMNS, rows), {
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'inline; filename="passerelle-besoins.csv"',
      Link: linkHeader(links),
      'X-Total-Count': String(total),
    },
  })
}
