// What every business-meeting page starts with: the signed-in person, the event's meeting
// context as they may see it, the role the page requires, and the data of the pages' header.
import { getLanguage } from '~/i18n.server.ts'
import { eventTitle } from '~/models/events/format.ts'
import { requireUser } from '~/utils/session.server.ts'
import { loadMeetingContext, requireOrganizer, requireParticipant } from './meetings.server.ts'

/** `organizer` and `participant` answer 403 to anyone else; `any` lets each page decide. */
export type MeetingPageRole = 'any' | 'organizer' | 'participant'

export async function loadMeetingPage(
  request: Request,
  slug: string | undefined,
  role: MeetingPageRole,
) {
  const user = await requireUser(request)
  const context = await loadMeetingContext(slug, user)
  if (role === 'organizer') requireOrganizer(context)
  if (role === 'participant') requireParticipant(context)
  const language = await getLanguage(request)
  const { event } = context
  return {
    user,
    context,
    language,
    /** MeetingsHeader's props, returned by every loader. */
    header: {
      event: { slug: event.slug, title: eventTitle(event, language), timeZone: event.timeZone },
      isOrganizer: context.isOrganizer,
      isParticipant: context.registration !== null,
    },
  }
}
