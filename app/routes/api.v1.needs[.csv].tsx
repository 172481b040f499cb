// Open data: open needs as CSV (Licence Ouverte 2.0). See app/models/needs/open-data.server.ts.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { needsCsvResponse } from '~/models/needs/open-data.server.ts'

export function loader({ request }: LoaderFunctionArgs) {
  return needsCsvResponse(request)
}
