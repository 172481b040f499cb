// Registrations as CSV for the organizer (opens in a French spreadsheet: ";" and a BOM).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getRequestT } from '~/i18n.server.ts'
import { registrationsCsv } from '~/models/events/registration-csv.server.ts'
import { requireManagedEvent } from '~/models/events/event.server.ts'
import { requireUser } from '~/utils/session.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const t = await getRequestT(request, ['events'])
  return new Response(await registrationsCsv(event.id, t), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="inscriptions-${event.slug}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
