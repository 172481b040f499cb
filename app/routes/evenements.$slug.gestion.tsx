import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/notice.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { requireManagedEvent } from '~/models/events/event.server.ts'
import {
  approveRegistration,
  declineRegistration,
  listEventRegistrations,
  registrationStats,
  sortWaitlist,
} from '~/models/events/registration.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { formatDateTime } from '~/utils/dates.ts'
import { eventTitle, formatEventWhen } from '~/models/events/format.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['events'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const [rows, stats, taxonomy, language] = await Promise.all([
    listEventRegistrations(event.id),
    registrationStats(event.id),
    getTaxonomy(),
    getLanguage(request),
  ])
  return {
    event,
    pending: rows.filter((r) => r.status === 'pending_approval'),
    confirmed: rows.filter((r) => r.status === 'confirmed'),
    waitlist: sortWaitlist(rows),
    others: rows.filter((r) => r.status === 'cancelled' || r.status === 'declined'),
    stats: {
      ...stats,
      byChallenge: stats.byChallenge.map((c) => ({
        ...c,
        label: taxonomy.label(c.code, language),
      })),
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const registrationId = String(formData.get('registrationId') ?? '')
  if (intent !== 'approve' && intent !== 'decline') {
    throw data('common:errors.unknownAction', { status: 400 })
  }
  const outcome =
    intent === 'approve'
      ? await approveRegistration(event.id, registrationId)
      : await declineRegistration(event.id, registrationId)
  if (!outcome.ok) {
    return data(
      { error: `events:refusals.${outcome.error}` },
      { status: outcome.error === 'notFound' ? 404 : 409 },
    )
  }
  const key =
    intent === 'decline'
      ? 'events:flash.declined'
      : outcome.status === 'confirmed'
        ? 'events:flash.approved'
        : 'events:flash.approvedWaitlisted'
  return redirect(`/evenements/${event.slug}/gestion`, {
    headers: { 'Set-Cookie': await flashHeader({ type: 'success', key }) },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'events:manage.title')

type Row = ReturnType<typeof useLoaderData<typeof loader>>['confirmed'][number]

function RegistrationTable({
  caption,
  rows,
  dateOf,
  dateLabel,
  withPosition,
  actions,
}: {
  caption: string
  rows: Row[]
  dateOf: (row: Row) => Date | string | null
  dateLabel: string
  withPosition?: boolean
  actions?: { label: string; render: (row: Row) => ReactNode }
}) {
  const { t, i18n } = useTranslation('events')
  if (rows.length === 0) return <p>{t('manage.none')}</p>
  return (
    <div className="fr-table fr-table--bordered fr-table--no-caption">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {withPosition ? <th scope="col">{t('manage.position')}</th> : null}
            <th scope="col">{t('manage.name')}</th>
            <th scope="col">{t('manage.email')}</th>
            <th scope="col">{t('manage.organisation')}</th>
            <th scope="col">{dateLabel}</th>
            {actions ? <th scope="col">{actions.label}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const date = dateOf(row)
            return (
              <tr key={row.id}>
                {withPosition ? <td>{index + 1}</td> : null}
                <td>{row.name}</td>
                <td>{row.email}</td>
                <td>{row.organisationName ?? '—'}</td>
                <td>{date ? formatDateTime(date, i18n.language) : '—'}</td>
                {actions ? <td>{actions.render(row)}</td> : null}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export default function ManageEventPage() {
  const { t, i18n } = useTranslation('events')
  const { event, pending, confirmed, waitlist, others, stats } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const base = `/evenements/${event.slug}`
  return (
    <div className="fr-container fr-py-6w">
      <nav className="fr-breadcrumb" aria-label={t('breadcrumb.label')}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/evenements">
              {t('list.title')}
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" to={base}>
              {eventTitle(event, i18n.language)}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page" href={`${base}/gestion`}>
              {t('manage.title')}
            </a>
          </li>
        </ol>
      </nav>
      <h1>{t('manage.heading', { title: eventTitle(event, i18n.language) })}</h1>
      <p>{formatEventWhen(event.startsAt, event.endsAt, event.timeZone, i18n.language, t)}</p>
      {actionData && 'error' in actionData ? (
        <div className="fr-mb-3w">
          <Notice type="error">{t(actionData.error)}</Notice>
        </div>
      ) : null}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-btns-group--icon-left">
        <li>
          <Link className="fr-btn fr-btn--secondary" to={`${base}/emargement`}>
            {t('page.checkIn')}
          </Link>
        </li>
        <li>
          <a
            className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
            href={`${base}/inscriptions.csv`}
            download
          >
            {t('manage.exportCsv')}
          </a>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" to={`${base}/modifier`}>
            {t('page.edit')}
          </Link>
        </li>
      </ul>

      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-my-3w">
        {(
          [
            [
              'confirmed',
              t('manage.counts.confirmed', { count: stats.confirmed, capacity: event.capacity }),
            ],
            ['waitlisted', t('manage.counts.waitlisted', { count: stats.waitlisted })],
            ['pending', t('manage.counts.pending', { count: stats.pending })],
            ['checkedIn', t('manage.counts.checkedIn', { count: stats.checkedIn })],
          ] as const
        ).map(([key, text]) => (
          <li className="fr-col-6 fr-col-md-3" key={key}>
            <p className="fr-p-2w passerelle-stat">{text}</p>
          </li>
        ))}
      </ul>

      <section className="fr-mt-4w" aria-labelledby="demandes-titre">
        <h2 id="demandes-titre">{t('manage.pending')}</h2>
        <RegistrationTable
          caption={t('manage.pending')}
          rows={pending}
          dateOf={(row) => row.createdAt}
          dateLabel={t('manage.requestedAt')}
          actions={{
            label: t('manage.actions'),
            render: (row) => (
              <Form method="post" className="passerelle-inline-actions">
                <input type="hidden" name="registrationId" value={row.id} />
                <button className="fr-btn fr-btn--sm" type="submit" name="intent" value="approve">
                  {t('manage.approve')}
                  <span className="fr-sr-only"> {row.name}</span>
                </button>
                <button
                  className="fr-btn fr-btn--sm fr-btn--tertiary"
                  type="submit"
                  name="intent"
                  value="decline"
                >
                  {t('manage.decline')}
                  <span className="fr-sr-only"> {row.name}</span>
                </button>
              </Form>
            ),
          }}
        />
      </section>

      <section className="fr-mt-4w" aria-labelledby="confirmes-titre">
        <h2 id="confirmes-titre">{t('manage.confirmed')}</h2>
        <RegistrationTable
          caption={t('manage.confirmed')}
          rows={confirmed}
          dateOf={(row) => row.confirmedAt ?? row.createdAt}
          dateLabel={t('manage.confirmedAt')}
        />
      </section>

      <section className="fr-mt-4w" aria-labelledby="attente-titre">
        <h2 id="attente-titre">{t('manage.waitlist')}</h2>
        <RegistrationTable
          caption={t('manage.waitlist')}
          rows={waitlist}
          dateOf={(row) => row.waitlistedAt}
          dateLabel={t('manage.waitlistedAt')}
          withPosition
        />
      </section>

      <section className="fr-mt-4w" aria-labelledby="stats-titre">
        <h2 id="stats-titre">{t('manage.stats')}</h2>
        <p>{t('manage.statsIntro')}</p>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-table">
              <table>
                <caption>{t('manage.byKind')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('manage.kind')}</th>
                    <th scope="col">{t('manage.people')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byKind.map((row) => (
                    <tr key={row.kind}>
                      <td>{t(`orgKinds.${row.kind}`)}</td>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <div className="fr-table">
              <table>
                <caption>{t('manage.byChallenge')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('manage.challenge')}</th>
                    <th scope="col">{t('manage.people')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byChallenge.map((row) => (
                    <tr key={row.code}>
                      <td>{row.label}</td>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </section>

      <section className="fr-mt-4w" aria-labelledby="annulations-titre">
        <h2 id="annulations-titre">{t('manage.others')}</h2>
        <RegistrationTable
          caption={t('manage.others')}
          rows={others}
          dateOf={(row) => row.createdAt}
          dateLabel={t('manage.registeredAt')}
          actions={{ label: t('manage.status'), render: (row) => t(`status.${row.status}`) }}
        />
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
