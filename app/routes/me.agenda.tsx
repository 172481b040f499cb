import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { regenerateCalendarToken } from '~/models/events/event.server.ts'
import { listMyRegistrations } from '~/models/events/registration.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { eventTitle, formatEventWhen } from '~/models/events/format.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['events', 'me'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [registrations, { calendarToken }] = await Promise.all([
    listMyRegistrations(user.id),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { calendarToken: true } }),
  ])
  const now = Date.now()
  const rows = registrations.map((r) => ({
    id: r.id,
    status: r.status,
    event: {
      slug: r.event.slug,
      title: r.event.title,
      titleEn: r.event.titleEn,
      status: r.event.status,
      startsAt: r.event.startsAt,
      endsAt: r.event.endsAt,
      timeZone: r.event.timeZone,
    },
  }))
  const feedUrl = `${appUrl()}/agenda/${calendarToken}.ics`
  return {
    upcoming: rows.filter((r) => r.event.endsAt.getTime() >= now),
    past: rows.filter((r) => r.event.endsAt.getTime() < now).reverse(),
    feedUrl,
    webcalUrl: feedUrl.replace(/^https?:\/\//, 'webcal://'),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  if (formData.get('intent') !== 'regenerate') {
    throw data('common:errors.unknownAction', { status: 400 })
  }
  await regenerateCalendarToken(user.id)
  return redirect('/me/agenda', {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: 'events:flash.feedRegenerated' }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'events:myAgenda.title')

type Row = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number]

function RegistrationList({ rows, caption }: { rows: Row[]; caption: string }) {
  const { t, i18n } = useTranslation('events')
  if (rows.length === 0) return <p>{t('myAgenda.none')}</p>
  return (
    <div className="fr-table fr-table--no-caption">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('myAgenda.event')}</th>
            <th scope="col">{t('myAgenda.when')}</th>
            <th scope="col">{t('myAgenda.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/evenements/${row.event.slug}`}>
                  {eventTitle(row.event, i18n.language)}
                </Link>
              </td>
              <td>
                {formatEventWhen(
                  row.event.startsAt,
                  row.event.endsAt,
                  row.event.timeZone,
                  i18n.language,
                  t,
                )}
              </td>
              <td>
                {row.event.status === 'cancelled' ? (
                  <span className="fr-badge fr-badge--sm fr-badge--error">
                    {t('eventStatus.cancelled')}
                  </span>
                ) : (
                  <span className="fr-badge fr-badge--sm">{t(`status.${row.status}`)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function MyAgendaPage() {
  const { t } = useTranslation('events')
  const { upcoming, past, feedUrl, webcalUrl } = useLoaderData<typeof loader>()
  return (
    <div>
      <h1>{t('myAgenda.title')}</h1>
      <section aria-labelledby="a-venir-titre">
        <h2 id="a-venir-titre">{t('myAgenda.upcoming')}</h2>
        <RegistrationList rows={upcoming} caption={t('myAgenda.upcoming')} />
        <p>
          <Link className="fr-link" to="/evenements">
            {t('myAgenda.browse')}
          </Link>
        </p>
      </section>
      <section className="fr-mt-6w" aria-labelledby="flux-titre">
        <h2 id="flux-titre">{t('myAgenda.feedTitle')}</h2>
        <p>{t('myAgenda.feedIntro')}</p>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="flux-https">
            {t('myAgenda.feedHttps')}
          </label>
          <input className="fr-input" id="flux-https" type="text" readOnly value={feedUrl} />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="flux-webcal">
            {t('myAgenda.feedWebcal')}
          </label>
          <input className="fr-input" id="flux-webcal" type="text" readOnly value={webcalUrl} />
        </div>
        <p>
          <a
            className="fr-btn fr-btn--secondary fr-icon-calendar-line fr-btn--icon-left"
            href={webcalUrl}
          >
            {t('myAgenda.subscribe')}
          </a>
        </p>
        <p className="fr-text--sm">{t('myAgenda.feedPrivate')}</p>
        <Form method="post">
          <button
            className="fr-btn fr-btn--tertiary"
            type="submit"
            name="intent"
            value="regenerate"
          >
            {t('myAgenda.regenerate')}
          </button>
        </Form>
      </section>
      <section className="fr-mt-6w" aria-labelledby="passes-titre">
        <h2 id="passes-titre">{t('myAgenda.past')}</h2>
        <RegistrationList rows={past} caption={t('myAgenda.past')} />
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
