// Open data, CSV (RFC 4180, UTF-8 without BOM): the JSON endpoint's records flattened; the
// licence and the neighbouring pages are in the Link header, the body stays plain data.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { getRequestT } from '~/i18n.server.ts'
import {
  CORS_HEADERS,
  CSV_COLUMNS,
  invalidQueryResponse,
  linkHeader,
  loadOpenDataPage,
  openDataAction,
  toCsvRow,
} from '~/models/directory/open-data.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { toCsv } from '~/utils/csv.ts'
import { appUrl } from '~/utils/env.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await loadOpenDataPage(new URL(request.url), await getTaxonomy(), appUrl())
  if (!page.ok) {
    const t = await getRequestT(request, 'directory')
    return invalidQueryResponse(t('api.invalidQuery'), page.issues)
  }
  return new Response(toCsv(CSV_COLUMNS, page.records.map(toCsvRow)), {
    headers: {
      ...CORS_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `inline; filename="passerelle-organisations-p${page.meta.page}.csv"`,
      'Cache-Control': 'public, max-age=300',
      Link: linkHeader(page.links),
      'X-Total-Count': String(page.meta.total),
    },
  })
}

export function action({ request }: ActionFunctionArgs) {
  return openDataAction(request)
}
