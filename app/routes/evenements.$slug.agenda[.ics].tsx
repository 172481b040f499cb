// "Ajouter à mon agenda": the event as a single METHOD:PUBLISH calendar object.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getLanguage } from '~/i18n.server.ts'
import { ICS_CONTENT_TYPE } from '~/models/calendar/ical.server.ts'
import { eventIcs } from '~/models/events/calendar.server.ts'
import { getEventForViewer } from '~/models/events/event.server.ts'
import { getUser } from '~/utils/session.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getEventForViewer(params.slug!, await getUser(request))
  if (!found || found.event.status === 'draft') {
    throw new Response('Not found', { status: 404 })
  }
  const body = await eventIcs(found.event, await getLanguage(request))
  return new Response(body, {
    headers: {
      'Content-Type': ICS_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${found.event.slug}.ics"`,
      'Cache-Control': 'no-cache',
    },
  })
}
