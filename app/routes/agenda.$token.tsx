// Private subscription feed of one person (/agenda/<User.calendarToken>.ics): their confirmed
// meetups and 1:1 meetings. The token is the only credential; an unknown one is a 404.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { ICS_CONTENT_TYPE } from '~/models/calendar/ical.server.ts'
import { personalFeedIcs } from '~/models/events/calendar.server.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.token ?? ''
  const body = file.endsWith('.ics') ? await personalFeedIcs(file.slice(0, -4)) : null
  if (!body) throw new Response('Not found', { status: 404 })
  return new Response(body, {
    headers: {
      'Content-Type': ICS_CONTENT_TYPE,
      'Content-Disposition': 'inline; filename="passerelle-mon-agenda.ics"',
      'Cache-Control': 'private, no-cache',
      'X-Robots-Tag': 'noindex',
      'Referrer-Policy': 'no-referrer',
    },
  })
}
