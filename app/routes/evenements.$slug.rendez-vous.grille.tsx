import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { MeetingsHeader } from '~/components/meetings/meetings-parts.tsx'
import { Notice } from '~/components/notice.tsx'
import { sessionMeetings, sessionParticipants } from '~/models/meetings/meetings.server.ts'
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
  const { context, header } = await loadMeetingPage(request, params.slug, 'organizer')
  const participants = await sessionParticipants(context.event.id)
  const meetings = await sessionMeetings(context, participants)
  const cells = new Map(meetings.map((m) => [`${m.slotIndex}/${m.tableLabel}`, m]))
  const tables = context.session?.tableNames ?? []
  return {
    ...header,
    tables,
    rows: context.slots.map((slot) => ({
      index: slot.index,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      cells: tables.map((table) => {
        const meeting = cells.get(`${slot.index}/${table}`)
        return meeting
          ? {
              locked: meeting.locked,
              people: meeting.people.map((p) =>
                p.organisation ? `${p.name} (${p.organisation.name})` : p.name,
              ),
            }
          : null
      }),
    })),
    count: meetings.length,
  }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings:pages.grid')

export default function MeetingGridPage() {
  const { t, i18n } = useTranslation('meetings')
  const { event, tables, rows, count, isParticipant } = useLoaderData<typeof loader>()
  const zone = event.timeZone
  return (
    <div className="fr-container fr-py-6w passerelle-meeting-grid">
      <MeetingsHeader event={event} page="grid" isOrganizer isParticipant={isParticipant} />
      <p className="passerelle-print-only">
        {event.title} — {t('pages.grid')}
      </p>
      <p>{t('grid.intro', { count, zone: zoneLabel(zone, t) })}</p>
      <p className="passerelle-no-print fr-hint-text">{t('grid.printHint')}</p>
      {rows.length === 0 || tables.length === 0 ? (
        <Notice type="info">{t('grid.empty')}</Notice>
      ) : (
        groupByDay(rows, zone).map(({ day, entries }) => (
          <div className="fr-table fr-table--bordered passerelle-grid-table" key={day}>
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>{formatSlotDay(entries[0].startsAt, zone, i18n.language)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('grid.slot')}</th>
                        {tables.map((table) => (
                          <th scope="col" key={table}>
                            {tableDisplay(table, t)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map((row) => (
                        <tr key={row.index}>
                          <th scope="row">
                            {formatSlotTimes(row.startsAt, row.endsAt, zone, i18n.language)}
                          </th>
                          {row.cells.map((cell, column) => (
                            <td key={tables[column]}>
                              {cell ? (
                                <>
                                  {cell.people[0]}
                                  <br />
                                  {cell.people[1]}
                                  {cell.locked ? (
                                    <span className="fr-sr-only"> {t('planning.locked')}</span>
                                  ) : null}
                                </>
                              ) : (
                                <span className="fr-sr-only">{t('grid.free')}</span>
                              )}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        ))
      )}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
