// Open data, JSON: public profiles only, public fields only (docs/decisions/006-directory.md).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { getRequestT } from '~/i18n.server.ts'
import {
  CORS_HEADERS,
  invalidQueryResponse,
  linkHeader,
  loadOpenDataPage,
  openDataAction,
  OPEN_DATA_LICENCE,
} from '~/models/directory/open-data.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { appUrl } from '~/utils/env.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await loadOpenDataPage(new URL(request.url), await getTaxonomy(), appUrl())
  if (!page.ok) {
    const t = await getRequestT(request, 'directory')
    return invalidQueryResponse(t('api.invalidQuery'), page.issues)
  }
  return Response.json(
    { data: page.records, meta: page.meta, links: page.links, licence: OPEN_DATA_LICENCE },
    {
      headers: {
        ...CORS_HEADERS,
        'Cache-Control': 'public, max-age=300',
        Link: linkHeader(page.links),
        'X-Total-Count': String(page.meta.total),
      },
    },
  )
}

export function action({ request }: ActionFunctionArgs) {
  return openDataAction(request)
}
