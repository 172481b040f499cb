// One namespace of the translation catalogue, for the browser: a page's own namespaces come
// inline with its HTML; the ones a client-side navigation needs are fetched from here.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { catalogueNamespace, catalogueVersion } from '~/i18n.server.ts'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const bundle = catalogueNamespace(params.lng ?? '', params.ns ?? '')
  if (bundle === undefined) {
    return Response.json({ error: 'Unknown language or namespace' }, { status: 404 })
  }
  const current = new URL(request.url).searchParams.get('v') === catalogueVersion
  return Response.json(bundle, {
    headers: {
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    },
  })
}
