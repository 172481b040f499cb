import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { MeetingsHeader, PersonName, PriorityBadge } from '~/components/meetings/meetings-parts.tsx'
import { Notice } from '~/components/notice.tsx'
import { participantAgenda, sessionParticipants } from '~/models/meetings/meetings.server.ts'
import { loadMeetingPage } from '~/models/meetings/page.server.ts'
import {
  formatSlotDay,
  formatSlotTimes,
  groupByDay,
  tableDisplay,
  zoneLabel,
} from '~/models/meetings/format.ts'
import { pageTitle } from '~/utils/meta.ts'

export const handle = { i18n: ['meetings', 'events'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { context, header } = await loadMeetingPage(request, params.slug, 'participant')
  const participants = await sessionParticipants(context.event.id)
  const agenda = await participantAgenda(context, participants)
  return {
    ...header,
    scheduledAt: context.session?.lastScheduledAt ?? null,
    agenda,
  }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings:pages.agenda')

export default function MeetingAgendaPage() {
  const { t, i18n } = useTranslation('meetings')
  const { event, isOrganizer, agenda, scheduledAt } = useLoaderData<typeof loader>()
  const zone = event.timeZone
  return (
    <div className="fr-container fr-py-6w">
      <MeetingsHeader event={event} page="agenda" isOrganizer={isOrganizer} isParticipant />
      {agenda.length === 0 ? (
        <Notice type="info">{t(scheduledAt ? 'agenda.empty' : 'agenda.notYet')}</Notice>
      ) : (
        <>
          <p>{t('agenda.intro', { count: agenda.length, zone: zoneLabel(zone, t) })}</p>
          {groupByDay(agenda, zone).map(({ day, entries }) => (
            <div className="fr-table fr-table--bordered" key={day}>
              <table>
                <caption>{formatSlotDay(entries[0].startsAt, zone, i18n.language)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agenda.time')}</th>
                    <th scope="col">{t('agenda.table')}</th>
                    <th scope="col">{t('agenda.with')}</th>
                    <th scope="col">{t('agenda.priority')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.meetingId}>
                      <td>{formatSlotTimes(entry.startsAt, entry.endsAt, zone, i18n.language)}</td>
                      <td>{tableDisplay(entry.tableLabel, t)}</td>
                      <td>
                        <PersonName person={entry.counterpart} />
                      </td>
                      <td>
                        <PriorityBadge priority={entry.priority} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
      <p className="fr-mt-4w">
        <Link className="fr-link fr-icon-calendar-line fr-link--icon-left" to="/me/agenda">
          {t('agenda.feedLink')}
        </Link>
      </p>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
