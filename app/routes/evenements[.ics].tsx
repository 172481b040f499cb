// Public subscription feed of meetups: the same filters as the list (?tag, ?region, ?format).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getLanguage } from '~/i18n.server.ts'
import { ICS_CONTENT_TYPE } from '~/models/calendar/ical.server.ts'
import { publicFeedIcs } from '~/models/events/calendar.server.ts'
import { listEventsForPublicFeed } from '~/models/events/event.server.ts'
import { parseEventListQuery } from '~/models/events/validation.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseEventListQuery(new URL(request.url).searchParams)
  const events = await listEventsForPublicFeed(query)
  const body = await publicFeedIcs(events, await getLanguage(request))
  return new Response(body, {
    headers: {
      'Content-Type': ICS_CONTENT_TYPE,
      'Content-Disposition': 'inline; filename="passerelle-evenements.ics"',
      'Cache-Control': 'public, max-age=300',
    },
  })
}
