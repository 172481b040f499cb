// Who a calendar object says organises it: the event's organisation by name, and the platform's
// sending address as e-mail, so that no organizer's personal address is ever published in
// feeds or invites.
import type { Event, Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'

const PLATFORM_NAME = 'Passerelle'

/** The platform's sending address (MAIL_FROM without its display name). */
export function platformAddress() {
  const from = getEnv().MAIL_FROM
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim()
}

/** ORGANIZER of an invite or feed entry. */
export function calendarOrganizer(name: string | null | undefined) {
  return { name: name || PLATFORM_NAME, email: platformAddress() }
}

/** The display name of each event's organizer: its organisation, else Passerelle. One query. */
export async function organizerNames(
  events: ReadonlyArray<Pick<Event, 'organisationId'>>,
  db: Pick<Prisma.TransactionClient, 'organisation'> = prisma,
) {
  const ids = [...new Set(events.flatMap((event) => event.organisationId ?? []))]
  const organisations = ids.length
    ? await db.organisation.findMany({
        where: { id: { in: ids } },
        select: { id: true, name: true },
      })
    : []
  const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]))
  return (event: Pick<Event, 'organisationId'>) =>
    (event.organisationId && names.get(event.organisationId)) || PLATFORM_NAME
}
