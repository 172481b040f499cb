// Day-of check-in, made for a phone at the door: search by name (GET), one big button per
// person, no JavaScript needed.
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
import { requireManagedEvent } from '~/models/events/event.server.ts'
import { searchCheckInList, setCheckIn } from '~/models/events/registration.server.ts'
import { eventTitle } from '~/models/events/format.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { dateTimeFormat } from '~/utils/dates.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['events'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100)
  const people = await searchCheckInList(event.id, q)
  return {
    event: {
      slug: event.slug,
      title: event.title,
      titleEn: event.titleEn,
      timeZone: event.timeZone,
      confirmedCount: event.confirmedCount,
    },
    q,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      organisationName: p.organisationName,
      checkedInAt: p.checkedInAt,
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent !== 'check-in' && intent !== 'undo') {
    throw data('common:errors.unknownAction', { status: 400 })
  }
  const outcome = await setCheckIn(
    event.id,
    String(formData.get('registrationId') ?? ''),
    intent === 'check-in',
  )
  if (!outcome.ok) throw data('events:refusals.notConfirmed', { status: 404 })
  const q = String(formData.get('q') ?? '').slice(0, 100)
  return redirect(`/evenements/${event.slug}/emargement${q ? `?q=${encodeURIComponent(q)}` : ''}`, {
    headers: {
      'Set-Cookie': await flashHeader({
        type: 'success',
        key: intent === 'check-in' ? 'events:flash.checkedIn' : 'events:flash.checkInUndone',
      }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'events:checkIn.title')

export default function CheckInPage() {
  const { t, i18n } = useTranslation('events')
  const { event, q, people } = useLoaderData<typeof loader>()
  const present = people.filter((p) => p.checkedInAt).length
  const time = dateTimeFormat(i18n.language, {
    timeStyle: 'short',
    timeZone: event.timeZone,
  })
  return (
    <div className="fr-container fr-py-4w passerelle-checkin">
      <p className="fr-mb-1w">
        <Link className="fr-link" to={`/evenements/${event.slug}/gestion`}>
          {t('manage.title')}
        </Link>
      </p>
      <h1 className="fr-h3">{t('checkIn.heading', { title: eventTitle(event, i18n.language) })}</h1>
      <Form method="get" role="search" className="fr-mb-3w">
        <div className="fr-search-bar fr-search-bar--lg">
          <label className="fr-label" htmlFor="recherche-participant">
            {t('checkIn.search')}
          </label>
          <input
            className="fr-input"
            type="search"
            id="recherche-participant"
            name="q"
            defaultValue={q}
            placeholder={t('checkIn.searchPlaceholder')}
            autoComplete="off"
          />
          <button className="fr-btn" type="submit" title={t('checkIn.searchButton')}>
            {t('checkIn.searchButton')}
          </button>
        </div>
      </Form>
      <p role="status">
        {q
          ? t('checkIn.results', { count: people.length, q })
          : t('checkIn.summary', { present, count: people.length })}
      </p>
      {people.length ? (
        <ul className="fr-raw-list passerelle-checkin-list">
          {people.map((person) => (
            <li key={person.id} className="passerelle-checkin-item">
              <div className="passerelle-checkin-person">
                <p className="fr-text--lg fr-text--bold fr-mb-0">{person.name}</p>
                {person.organisationName ? (
                  <p className="fr-text--sm fr-mb-0">{person.organisationName}</p>
                ) : null}
              </div>
              <Form method="post" className="passerelle-checkin-action">
                <input type="hidden" name="registrationId" value={person.id} />
                <input type="hidden" name="q" value={q} />
                {person.checkedInAt ? (
                  <>
                    <p className="fr-badge fr-badge--success fr-mb-1w">
                      {t('checkIn.presentAt', { time: time.format(new Date(person.checkedInAt)) })}
                    </p>
                    <button
                      className="fr-btn fr-btn--tertiary fr-btn--sm"
                      type="submit"
                      name="intent"
                      value="undo"
                    >
                      {t('checkIn.undo')}
                      <span className="fr-sr-only"> — {person.name}</span>
                    </button>
                  </>
                ) : (
                  <button
                    className="fr-btn fr-btn--lg passerelle-checkin-button"
                    type="submit"
                    name="intent"
                    value="check-in"
                  >
                    {t('checkIn.present')}
                    <span className="fr-sr-only"> — {person.name}</span>
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('checkIn.nobody')}</p>
      )}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
