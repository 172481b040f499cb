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
import {
  MeetingsHeader,
  PersonName,
  PriorityBadge,
  RequestStatusBadge,
  type PersonView,
} from '~/components/meetings/meetings-parts.tsx'
import { Notice } from '~/components/notice.tsx'
import { participantMatches } from '~/models/meetings/matches.server.ts'
import {
  bookingState,
  createMeetingRequest,
  decideMeetingRequest,
  MeetingRuleError,
  requestsOf,
  sessionParticipants,
  setUnavailability,
  unavailableSlotsOf,
} from '~/models/meetings/meetings.server.ts'
import { loadMeetingPage } from '~/models/meetings/page.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import {
  formatInstant,
  formatSlotDay,
  formatSlotTimes,
  groupByDay,
  tableDisplay,
  zoneLabel,
} from '~/models/meetings/format.ts'
import { MAX_MESSAGE_LENGTH } from '~/models/meetings/windows.ts'
import {
  MeetingRequestSchema,
  ParticipantFilterSchema,
  RequestDecisionSchema,
  UnavailabilitySchema,
} from '~/models/meetings/validation.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { parseWithZod } from '~/utils/validation.server.ts'

export const handle = { i18n: ['meetings', 'events', 'matching'] }

function normalize(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, context, language, header } = await loadMeetingPage(request, params.slug, 'any')
  const { event, session, slots, isOrganizer, registration } = context
  const base = {
    event: header.event,
    isOrganizer,
    booking: {
      state: bookingState(context),
      opensAt: session?.bookingOpensAt ?? null,
      closesAt: session?.bookingClosesAt ?? null,
    },
  }
  if (!registration) {
    return data({ ...base, isParticipant: false as const }, { status: isOrganizer ? 200 : 403 })
  }
  const { q } = ParticipantFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const participants = await sessionParticipants(event.id)
  const others = participants.filter((p) => p.userId !== user.id)
  const [matches, requests, unavailable] = await Promise.all([
    participantMatches(registration.organisationId, others, language),
    requestsOf(context, participants),
    session ? unavailableSlotsOf(session.id, user.id) : [],
  ])
  const openRelation = new Map<string, (typeof requests)[number]>()
  for (const request of requests) {
    if (request.status === 'pending' || request.status === 'accepted')
      openRelation.set(request.counterpart.userId, request)
  }
  const declinedBy = new Set(
    requests
      .filter((r) => r.direction === 'sent' && r.status === 'declined')
      .map((r) => r.counterpart.userId),
  )
  const needle = q ? normalize(q) : null
  const listed = others
    .filter((p) => !needle || normalize(`${p.name} ${p.organisation?.name ?? ''}`).includes(needle))
    .map((p) => {
      const relation = openRelation.get(p.userId)
      return {
        ...p,
        match: matches.get(p.userId) ?? null,
        relation: relation ? { status: relation.status, direction: relation.direction } : null,
        declinedMine: declinedBy.has(p.userId),
      }
    })
    .sort(
      (a, b) =>
        (b.match?.score ?? -1) - (a.match?.score ?? -1) || a.name.localeCompare(b.name, language),
    )
  const slotIndexLabels = new Map(slots.map((s) => [s.index, s]))
  const withSlot = (r: (typeof requests)[number]) => ({
    ...r,
    meeting: r.meeting
      ? {
          ...r.meeting,
          startsAt: slotIndexLabels.get(r.meeting.slotIndex)?.startsAt ?? null,
          endsAt: slotIndexLabels.get(r.meeting.slotIndex)?.endsAt ?? null,
        }
      : null,
  })
  return {
    ...base,
    isParticipant: true as const,
    q: q ?? '',
    participants: listed,
    participantCount: others.length,
    received: requests.filter((r) => r.direction === 'received').map(withSlot),
    sent: requests.filter((r) => r.direction === 'sent').map(withSlot),
    slots: slots.map((s) => ({ index: s.index, startsAt: s.startsAt, endsAt: s.endsAt })),
    unavailable,
  }
}

function firstError(error: Record<string, string[] | null> | null | undefined) {
  return (
    Object.values(error ?? {})
      .flat()
      .find((message): message is string => typeof message === 'string' && message.includes(':')) ??
    'meetings:errors.invalidForm'
  )
}

const FLASH_BY_INTENT = {
  request: 'meetings:flash.requestSent',
  accept: 'meetings:flash.requestAccepted',
  decline: 'meetings:flash.requestDeclined',
  cancel: 'meetings:flash.requestCancelled',
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const { context } = await loadMeetingPage(request, params.slug, 'participant')
  const formData = await request.formData()
  const intent = formData.get('intent')
  const here = `/evenements/${context.event.slug}/rendez-vous`
  try {
    if (intent === 'request') {
      const submission = parseWithZod(formData, { schema: MeetingRequestSchema })
      if (submission.status !== 'success')
        return data({ error: firstError(submission.error) }, { status: 400 })
      await createMeetingRequest(context, submission.value)
    } else if (intent === 'accept' || intent === 'decline' || intent === 'cancel') {
      const submission = parseWithZod(formData, { schema: RequestDecisionSchema })
      if (submission.status !== 'success')
        return data({ error: firstError(submission.error) }, { status: 400 })
      await decideMeetingRequest(context, submission.value.requestId, submission.value.intent)
    } else if (intent === 'unavailability') {
      const submission = parseWithZod(formData, { schema: UnavailabilitySchema })
      if (submission.status !== 'success')
        return data({ error: 'meetings:errors.slotUnknown' }, { status: 400 })
      const conflicts = await setUnavailability(context, submission.value.slot)
      return redirect(`${here}#indisponibilites`, {
        headers: {
          'Set-Cookie': await flashHeader(
            conflicts > 0
              ? { type: 'warning', key: 'meetings:flash.unavailabilityConflicts' }
              : { type: 'success', key: 'meetings:flash.unavailabilitySaved' },
          ),
        },
      })
    } else {
      throw data('common:errors.unknownAction', { status: 400 })
    }
  } catch (error) {
    if (error instanceof MeetingRuleError)
      return data({ error: error.key }, { status: error.status })
    throw error
  }
  return redirect(here, {
    headers: {
      'Set-Cookie': await flashHeader({
        type: 'success',
        key: FLASH_BY_INTENT[intent as keyof typeof FLASH_BY_INTENT],
      }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'meetings:pages.participants')

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type ParticipantData = Extract<LoaderData, { isParticipant: true }>

function BookingNotice({
  booking,
  timeZone,
}: {
  booking: LoaderData['booking']
  timeZone: string
}) {
  const { t, i18n } = useTranslation('meetings')
  const at = (value: Date | string | null) =>
    value ? `${formatInstant(value, timeZone, i18n.language)} (${zoneLabel(timeZone, t)})` : ''
  switch (booking.state) {
    case 'open':
      return (
        <Notice type="info">
          {booking.closesAt
            ? t('booking.openUntil', { date: at(booking.closesAt) })
            : t('booking.open')}
        </Notice>
      )
    case 'not_open':
      return <Notice type="info">{t('booking.notOpen', { date: at(booking.opensAt) })}</Notice>
    case 'closed':
      return <Notice type="warning">{t('booking.closed')}</Notice>
    default:
      return <Notice type="info">{t('booking.notConfigured')}</Notice>
  }
}

function DecisionButton({
  requestId,
  intent,
  label,
  secondary,
}: {
  requestId: string
  intent: 'accept' | 'decline' | 'cancel'
  label: string
  secondary?: boolean
}) {
  return (
    <Form method="post" className="fr-mb-1w">
      <input type="hidden" name="requestId" value={requestId} />
      <button
        className={`fr-btn fr-btn--sm ${secondary ? 'fr-btn--secondary' : ''}`}
        type="submit"
        name="intent"
        value={intent}
      >
        {label}
      </button>
    </Form>
  )
}

function RequestTable({
  caption,
  rows,
  timeZone,
}: {
  caption: string
  rows: ParticipantData['received']
  timeZone: string
}) {
  const { t, i18n } = useTranslation('meetings')
  if (rows.length === 0) return <p>{t('requests.none')}</p>
  return (
    <div className="fr-table fr-table--bordered fr-table--no-caption">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requests.person')}</th>
            <th scope="col">{t('requests.priority')}</th>
            <th scope="col">{t('requests.message')}</th>
            <th scope="col">{t('requests.status')}</th>
            <th scope="col">{t('requests.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <PersonName person={row.counterpart} />
              </td>
              <td>
                <PriorityBadge priority={row.priority} />
              </td>
              <td className="passerelle-pre-line">{row.message || '—'}</td>
              <td>
                <RequestStatusBadge status={row.status} />
                {row.meeting?.startsAt && row.meeting.endsAt ? (
                  <p className="fr-text--sm fr-mb-0 fr-mt-1w">
                    {t('requests.scheduledAt', {
                      day: formatSlotDay(row.meeting.startsAt, timeZone, i18n.language),
                      time: formatSlotTimes(
                        row.meeting.startsAt,
                        row.meeting.endsAt,
                        timeZone,
                        i18n.language,
                      ),
                      table: tableDisplay(row.meeting.tableLabel, t),
                    })}
                  </p>
                ) : null}
              </td>
              <td>
                {row.direction === 'received' && row.status === 'pending' ? (
                  <>
                    <DecisionButton
                      requestId={row.id}
                      intent="accept"
                      label={t('requests.accept')}
                    />
                    <DecisionButton
                      requestId={row.id}
                      intent="decline"
                      label={t('requests.decline')}
                      secondary
                    />
                  </>
                ) : null}
                {row.status === 'accepted' ||
                (row.direction === 'sent' && row.status === 'pending') ? (
                  <DecisionButton
                    requestId={row.id}
                    intent="cancel"
                    label={t('requests.cancel')}
                    secondary
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function RequestForm({ person }: { person: PersonView }) {
  const { t } = useTranslation('meetings')
  const navigation = useNavigation()
  const id = person.userId
  return (
    <details className="fr-mt-2w">
      <summary className="fr-btn fr-btn--sm fr-btn--secondary">
        {t('participants.requestToggle', { name: person.name })}
      </summary>
      <Form method="post" className="fr-mt-2w">
        <input type="hidden" name="recipientId" value={id} />
        <fieldset className="fr-fieldset" aria-labelledby={`priorite-${id}-legende`}>
          <legend className="fr-fieldset__legend fr-text--regular" id={`priorite-${id}-legende`}>
            {t('participants.priority')}
          </legend>
          {(['indispensable', 'souhaite'] as const).map((priority) => (
            <div className="fr-fieldset__element" key={priority}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`priorite-${id}-${priority}`}
                  name="priority"
                  value={priority}
                  defaultChecked={priority === 'souhaite'}
                />
                <label className="fr-label" htmlFor={`priorite-${id}-${priority}`}>
                  {t(`priority.${priority}`)}
                  <span className="fr-hint-text">{t(`priorityHint.${priority}`)}</span>
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`message-${id}`}>
            {t('participants.message')}
            <span className="fr-hint-text">
              {t('participants.messageHint', { max: MAX_MESSAGE_LENGTH })}
            </span>
          </label>
          <textarea
            className="fr-input"
            id={`message-${id}`}
            name="message"
            rows={3}
            maxLength={MAX_MESSAGE_LENGTH}
          />
        </div>
        <button
          className="fr-btn fr-btn--sm"
          type="submit"
          name="intent"
          value="request"
          disabled={navigation.state === 'submitting'}
        >
          {t('participants.send', { name: person.name })}
        </button>
      </Form>
    </details>
  )
}

function ParticipantList({ data }: { data: ParticipantData }) {
  const { t } = useTranslation('meetings')
  const open = data.booking.state === 'open'
  return (
    <section className="fr-mt-6w" aria-labelledby="participants-titre">
      <h2 id="participants-titre">{t('participants.title', { count: data.participantCount })}</h2>
      <Form method="get" role="search" className="fr-mb-3w">
        <div className="fr-search-bar">
          <label className="fr-label" htmlFor="recherche-participants">
            {t('participants.search')}
          </label>
          <input
            className="fr-input"
            id="recherche-participants"
            type="search"
            name="q"
            placeholder={t('participants.search')}
            defaultValue={data.q}
          />
          <button className="fr-btn" type="submit" title={t('participants.searchButton')}>
            {t('participants.searchButton')}
          </button>
        </div>
      </Form>
      {data.participants.length === 0 ? (
        <p>{t('participants.none')}</p>
      ) : (
        <ul className="fr-raw-list">
          {data.participants.map((person) => (
            <li key={person.userId} className="passerelle-meeting-person fr-py-3w">
              <h3 className="fr-h6 fr-mb-1w">
                <PersonName person={person} />
              </h3>
              {person.match ? (
                <>
                  <p className="fr-mb-1w">
                    <span className="fr-badge fr-badge--sm fr-badge--purple-glycine">
                      {t('participants.score', { score: person.match.score })}
                    </span>
                  </p>
                  {person.match.reasons.length > 0 ? (
                    <ul className="fr-text--sm fr-mb-1w">
                      {person.match.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  ) : null}
                </>
              ) : null}
              {person.relation ? (
                <p className="fr-text--sm fr-mb-0">
                  {t(`participants.relation.${person.relation.direction}`)}{' '}
                  <RequestStatusBadge status={person.relation.status} />
                </p>
              ) : person.declinedMine ? (
                <p className="fr-text--sm fr-mb-0">{t('participants.declinedBefore')}</p>
              ) : open ? (
                <RequestForm person={person} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function UnavailabilityForm({ data }: { data: ParticipantData }) {
  const { t, i18n } = useTranslation('meetings')
  const unavailable = new Set(data.unavailable)
  const zone = data.event.timeZone
  return (
    <section className="fr-mt-6w" aria-labelledby="indisponibilites">
      <h2 id="indisponibilites">{t('unavailability.title')}</h2>
      <p>{t('unavailability.intro', { zone: zoneLabel(zone, t) })}</p>
      <Form method="post">
        {groupByDay(data.slots, zone).map(({ day, entries }) => (
          <fieldset className="fr-fieldset" key={day} aria-labelledby={`jour-${day}`}>
            <legend className="fr-fieldset__legend" id={`jour-${day}`}>
              {formatSlotDay(entries[0].startsAt, zone, i18n.language)}
            </legend>
            {entries.map((slot) => (
              <div className="fr-fieldset__element fr-fieldset__element--inline" key={slot.index}>
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input
                    type="checkbox"
                    id={`creneau-${slot.index}`}
                    name="slot"
                    value={slot.index}
                    defaultChecked={unavailable.has(slot.index)}
                  />
                  <label className="fr-label" htmlFor={`creneau-${slot.index}`}>
                    {formatSlotTimes(slot.startsAt, slot.endsAt, zone, i18n.language)}
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
        ))}
        <button
          className="fr-btn fr-btn--secondary"
          type="submit"
          name="intent"
          value="unavailability"
        >
          {t('unavailability.save')}
        </button>
      </Form>
    </section>
  )
}

export default function MeetingParticipantsPage() {
  const { t } = useTranslation('meetings')
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { event, isOrganizer, booking } = loaderData
  const base = `/evenements/${event.slug}/rendez-vous`
  return (
    <div className="fr-container fr-py-6w">
      <MeetingsHeader
        event={event}
        page="participants"
        isOrganizer={isOrganizer}
        isParticipant={loaderData.isParticipant}
      />
      {actionData && 'error' in actionData ? (
        <div className="fr-mb-3w">
          <Notice type="error">{t(actionData.error)}</Notice>
        </div>
      ) : null}
      {!loaderData.isParticipant ? (
        <>
          <Notice type={isOrganizer ? 'info' : 'warning'}>
            {t(isOrganizer ? 'outsider.organizer' : 'outsider.body')}
          </Notice>
          <p className="fr-mt-3w">
            <Link className="fr-link" to={`/evenements/${event.slug}`}>
              {t('outsider.eventLink')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <BookingNotice booking={booking} timeZone={event.timeZone} />
          <p className="fr-mt-3w">
            <Link
              className="fr-link fr-icon-calendar-line fr-link--icon-left"
              to={`${base}/mon-agenda`}
            >
              {t('participants.agendaLink')}
            </Link>
          </p>
          {booking.state === 'not_configured' ? null : (
            <>
              <section className="fr-mt-6w" aria-labelledby="recues-titre">
                <h2 id="recues-titre">{t('requests.receivedTitle')}</h2>
                <RequestTable
                  caption={t('requests.receivedTitle')}
                  rows={loaderData.received}
                  timeZone={event.timeZone}
                />
              </section>
              <section className="fr-mt-6w" aria-labelledby="envoyees-titre">
                <h2 id="envoyees-titre">{t('requests.sentTitle')}</h2>
                <RequestTable
                  caption={t('requests.sentTitle')}
                  rows={loaderData.sent}
                  timeZone={event.timeZone}
                />
              </section>
              <ParticipantList data={loaderData} />
              <UnavailabilityForm data={loaderData} />
            </>
          )}
        </>
      )}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
