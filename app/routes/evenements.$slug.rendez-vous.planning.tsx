import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { MeetingsHeader, PersonName, PriorityBadge } from '~/components/meetings/meetings-parts.tsx'
import { Notice } from '~/components/notice.tsx'
import {
  generatePlanning,
  lastPlanningReport,
  planningOverview,
  setMeetingLock,
  unplannedRequests,
} from '~/models/meetings/planning.server.ts'
import {
  MeetingRuleError,
  sessionMeetings,
  sessionParticipants,
} from '~/models/meetings/meetings.server.ts'
import { loadMeetingPage } from '~/models/meetings/page.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import {
  formatInstant,
  formatSlot,
  formatSlotTimes,
  tableDisplay,
  zoneLabel,
} from '~/models/meetings/format.ts'
import { PlanningActionSchema } from '~/models/meetings/validation.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { parseWithZod } from '~/utils/validation.server.ts'

export const handle = { i18n: ['meetings', 'events'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { context, header } = await loadMeetingPage(request, params.slug, 'organizer')
  const { event, session, slots } = context
  const [overview, report, participants] = await Promise.all([
    planningOverview(context),
    session ? lastPlanningReport(session.id) : null,
    sessionParticipants(event.id),
  ])
  const [unplanned, meetings] = await Promise.all([
    unplannedRequests(context, report),
    sessionMeetings(context, participants),
  ])
  const people = new Map(participants.map((p) => [p.userId, p]))
  const person = (id: string) => people.get(id) ?? { userId: id, name: '', organisation: null }
  const slotAt = new Map(slots.map((s) => [s.index, s]))
  return {
    ...header,
    configured: Boolean(session && slots.length > 0 && session.tableNames.length > 0),
    lastScheduledAt: session?.lastScheduledAt ?? null,
    overview,
    report: report
      ? {
          created: report.created,
          moved: report.moved,
          cancelled: report.cancelled,
          kept: report.kept,
          scheduled: report.stats.scheduled,
          lockIssues: report.lockIssues.length,
        }
      : null,
    unplanned: unplanned.map((request) => ({
      ...request,
      requester: person(request.requesterId),
      recipient: person(request.recipientId),
      participantName: request.participantId ? person(request.participantId).name : null,
    })),
    meetings: meetings.map((meeting) => ({
      ...meeting,
      startsAt: slotAt.get(meeting.slotIndex)?.startsAt ?? null,
      endsAt: slotAt.get(meeting.slotIndex)?.endsAt ?? null,
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { context } = await loadMeetingPage(request, params.slug, 'organizer')
  const submission = parseWithZod(await request.formData(), { schema: PlanningActionSchema })
  if (submission.status !== 'success') {
    throw data('common:errors.unknownAction', { status: 400 })
  }
  const value = submission.value
  let key: string
  try {
    if (value.intent === 'generate') {
      await generatePlanning(context)
      key = 'meetings:flash.planningGenerated'
    } else {
      await setMeetingLock(context, value.meetingId, value.intent === 'lock')
      key =
        value.intent === 'lock' ? 'meetings:flash.meetingLocked' : 'meetings:flash.meetingUnlocked'
    }
  } catch (error) {
    if (error instanceof MeetingRuleError)
      return data({ error: error.key }, { status: error.status })
    throw error
  }
  return redirect(`/evenements/${context.event.slug}/rendez-vous/planning`, {
    headers: { 'Set-Cookie': await flashHeader({ type: 'success', key }) },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings:pages.planning')

export default function MeetingPlanningPage() {
  const { t, i18n } = useTranslation('meetings')
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { event, overview, report, unplanned, meetings } = loaderData
  const zone = event.timeZone
  const base = `/evenements/${event.slug}/rendez-vous`
  const generating =
    navigation.state === 'submitting' && navigation.formData?.get('intent') === 'generate'
  return (
    <div className="fr-container fr-py-6w">
      <MeetingsHeader
        event={event}
        page="planning"
        isOrganizer
        isParticipant={loaderData.isParticipant}
      />
      {actionData && 'error' in actionData ? (
        <div className="fr-mb-3w">
          <Notice type="error">{t(actionData.error)}</Notice>
        </div>
      ) : null}
      {!loaderData.configured ? (
        <Notice type="warning">{t('planning.notConfigured')}</Notice>
      ) : null}
      <ul className="fr-mt-3w">
        <li>{t('planning.counts.participants', { count: overview.participants })}</li>
        <li>{t('planning.counts.accepted', { count: overview.requests.accepted })}</li>
        <li>{t('planning.counts.pending', { count: overview.requests.pending })}</li>
        <li>{t('planning.counts.scheduled', { count: overview.scheduled })}</li>
        <li>{t('planning.counts.locked', { count: overview.locked })}</li>
      </ul>
      <p>
        {loaderData.lastScheduledAt
          ? t('planning.lastRun', {
              date: `${formatInstant(loaderData.lastScheduledAt, zone, i18n.language)} (${zoneLabel(zone, t)})`,
            })
          : t('planning.neverRun')}
      </p>
      <Form method="post">
        <p className="fr-hint-text">{t('planning.generateHint')}</p>
        <button
          className="fr-btn"
          type="submit"
          name="intent"
          value="generate"
          disabled={!loaderData.configured || generating}
        >
          {t('planning.generate')}
        </button>
      </Form>
      <div aria-live="polite">
        {generating ? <p className="fr-mt-2w">{t('planning.generating')}</p> : null}
      </div>

      {report ? (
        <section className="fr-mt-6w" aria-labelledby="resultat-titre">
          <h2 id="resultat-titre">{t('planning.reportTitle')}</h2>
          <ul>
            <li>{t('planning.report.scheduled', { count: report.scheduled })}</li>
            <li>{t('planning.report.created', { count: report.created })}</li>
            <li>{t('planning.report.moved', { count: report.moved })}</li>
            <li>{t('planning.report.kept', { count: report.kept })}</li>
            <li>{t('planning.report.cancelled', { count: report.cancelled })}</li>
            {report.lockIssues > 0 ? (
              <li>{t('planning.report.lockIssues', { count: report.lockIssues })}</li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section className="fr-mt-6w" aria-labelledby="non-planifies-titre">
        <h2 id="non-planifies-titre">
          {t('planning.unplannedTitle', { count: unplanned.length })}
        </h2>
        {unplanned.length === 0 ? (
          <p>{t('planning.unplannedNone')}</p>
        ) : (
          <div className="fr-table fr-table--bordered fr-table--no-caption">
            <table>
              <caption>{t('planning.unplannedTitle', { count: unplanned.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('planning.requester')}</th>
                  <th scope="col">{t('planning.recipient')}</th>
                  <th scope="col">{t('planning.priority')}</th>
                  <th scope="col">{t('planning.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {unplanned.map((row) => (
                  <tr key={row.requestId}>
                    <td>
                      <PersonName person={row.requester} />
                    </td>
                    <td>
                      <PersonName person={row.recipient} />
                    </td>
                    <td>
                      <PriorityBadge priority={row.priority} />
                    </td>
                    <td>
                      {row.reason
                        ? t(`reasons.${row.reason}`, { name: row.participantName ?? '' })
                        : t('reasons.new')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="fr-mt-6w" aria-labelledby="planifies-titre">
        <h2 id="planifies-titre">{t('planning.meetingsTitle', { count: meetings.length })}</h2>
        <p>
          <Link className="fr-link" to={`${base}/grille`}>
            {t('planning.gridLink')}
          </Link>
        </p>
        {meetings.length === 0 ? (
          <p>{t('planning.meetingsNone')}</p>
        ) : (
          <div className="fr-table fr-table--bordered fr-table--no-caption">
            <table>
              <caption>{t('planning.meetingsTitle', { count: meetings.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('planning.when')}</th>
                  <th scope="col">{t('planning.table')}</th>
                  <th scope="col">{t('planning.people')}</th>
                  <th scope="col">{t('planning.lock')}</th>
                </tr>
              </thead>
              <tbody>
                {meetings.map((meeting) => (
                  <tr key={meeting.meetingId}>
                    <td>
                      {meeting.startsAt && meeting.endsAt
                        ? formatSlot(meeting.startsAt, meeting.endsAt, zone, i18n.language)
                        : '—'}
                    </td>
                    <td>{tableDisplay(meeting.tableLabel, t)}</td>
                    <td>
                      <PersonName person={meeting.people[0]} />
                      <br />
                      <PersonName person={meeting.people[1]} />
                    </td>
                    <td>
                      {meeting.locked ? (
                        <span className="fr-badge fr-badge--sm fr-badge--info fr-mb-1w">
                          {t('planning.locked')}
                        </span>
                      ) : null}
                      <Form method="post">
                        <input type="hidden" name="meetingId" value={meeting.meetingId} />
                        <button
                          className="fr-btn fr-btn--sm fr-btn--tertiary"
                          type="submit"
                          name="intent"
                          value={meeting.locked ? 'unlock' : 'lock'}
                        >
                          {t(meeting.locked ? 'planning.unlockButton' : 'planning.lockButton', {
                            place: [
                              tableDisplay(meeting.tableLabel, t),
                              meeting.startsAt && meeting.endsAt
                                ? formatSlotTimes(
                                    meeting.startsAt,
                                    meeting.endsAt,
                                    zone,
                                    i18n.language,
                                  )
                                : '',
                            ]
                              .filter(Boolean)
                              .join(', '),
                          })}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
