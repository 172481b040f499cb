// Who may create events and who manages one. Kept apart from the event model so that
// registrations and meetings can check it without importing the event model (no import cycle).
import { data } from '@remix-run/node'
import type { Event } from '~/generated/prisma/client.ts'
import type { Viewer } from '~/models/directory/access.server.ts'

export type EventViewer = Viewer | null

export function canCreateEvents(user: EventViewer) {
  return user?.role === 'organizer' || user?.role === 'admin'
}

/** The event's creator or an admin: they edit, cancel and manage registrations. */
export function isEventOrganizer(event: Pick<Event, 'createdById'>, user: EventViewer) {
  if (!user) return false
  return user.role === 'admin' || (event.createdById !== null && event.createdById === user.id)
}

export function requireEventCreator(user: EventViewer) {
  if (!canCreateEvents(user)) throw data('events:errors.organizerOnly', { status: 403 })
}

export function requireEventOrganizer(event: Pick<Event, 'createdById'>, user: EventViewer) {
  if (!isEventOrganizer(event, user)) throw data('events:errors.notOrganizer', { status: 403 })
}
