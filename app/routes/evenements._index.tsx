import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FilterSelect } from '~/components/filter-select.tsx'
import { Pagination } from '~/components/pagination.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { canCreateEvents } from '~/models/events/access.server.ts'
import { listPublicEvents } from '~/models/events/event.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { eventPlace, eventTitle, formatEventWhen } from '~/models/events/format.ts'
import { EVENT_FORMATS } from '~/models/events/constants.ts'
import { parseEventListQuery, type EventListQuery } from '~/models/events/validation.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { getUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['events'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = parseEventListQuery(url.searchParams)
  const [user, language, taxonomy, result] = await Promise.all([
    getUser(request),
    getLanguage(request),
    getTaxonomy(),
    listPublicEvents(query),
  ])
  const option = (kind: 'region' | 'challenge') =>
    taxonomy.ofKind(kind).map((e) => ({ code: e.code, label: taxonomy.label(e.code, language) }))
  return {
    query,
    ...result,
    events: result.events.map((event) => ({
      ...event,
      regionLabel: event.regionCode ? taxonomy.label(event.regionCode, language) : null,
      tagLabels: event.challengeCodes.map((code) => taxonomy.label(code, language)),
    })),
    regions: option('region'),
    challenges: option('challenge'),
    canCreate: canCreateEvents(user),
    feedHost: appUrl().replace(/^https?:\/\//, ''),
  }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'events:list.title')

/** Query string for the same filters, with some values changed. */
function withQuery(
  query: EventListQuery,
  changes: Partial<Record<keyof EventListQuery, string | number | undefined>>,
) {
  const params = new URLSearchParams()
  const merged = { ...query, ...changes }
  if (merged.quand && merged.quand !== 'a-venir') params.set('quand', String(merged.quand))
  if (merged.tag) params.set('tag', String(merged.tag))
  if (merged.region) params.set('region', String(merged.region))
  if (merged.format) params.set('format', String(merged.format))
  if (merged.page && Number(merged.page) > 1) params.set('page', String(merged.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

export default function EventsPage() {
  const { t, i18n } = useTranslation('events')
  const { query, events, total, regions, challenges, canCreate, feedHost, page, pageCount } =
    useLoaderData<typeof loader>()
  const language = i18n.language
  const past = query.quand === 'passes'
  const feedPath = `/evenements.ics${withQuery(query, { page: undefined, quand: undefined })}`
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--middle fr-grid-row--gutters">
        <div className="fr-col">
          <h1>{t('list.title')}</h1>
          <p className="fr-text--lead">{t('list.intro')}</p>
        </div>
        {canCreate ? (
          <div className="fr-col-auto">
            <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/evenements/nouveau">
              {t('list.create')}
            </Link>
          </div>
        ) : null}
      </div>

      <nav className="fr-mb-3w" aria-label={t('list.periods')}>
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <li>
            <Link
              className={`fr-btn${past ? ' fr-btn--secondary' : ''}`}
              to={withQuery(query, { quand: 'a-venir', page: undefined })}
              aria-current={!past ? 'page' : undefined}
            >
              {t('list.upcoming')}
            </Link>
          </li>
          <li>
            <Link
              className={`fr-btn${past ? '' : ' fr-btn--secondary'}`}
              to={withQuery(query, { quand: 'passes', page: undefined })}
              aria-current={past ? 'page' : undefined}
            >
              {t('list.past')}
            </Link>
          </li>
        </ul>
      </nav>

      <Form method="get" className="fr-mb-4w" aria-labelledby="filtres-titre">
        <h2 id="filtres-titre" className="fr-h6">
          {t('list.filters')}
        </h2>
        {past ? <input type="hidden" name="quand" value="passes" /> : null}
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-3">
            <FilterSelect
              name="tag"
              label={t('list.tag')}
              value={query.tag}
              allLabel={t('list.all')}
              options={challenges}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <FilterSelect
              name="region"
              label={t('list.region')}
              value={query.region}
              allLabel={t('list.all')}
              options={regions}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <FilterSelect
              name="format"
              label={t('list.format')}
              value={query.format}
              allLabel={t('list.all')}
              options={EVENT_FORMATS.map((format) => ({
                code: format,
                label: t(`formats.${format}`),
              }))}
            />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <button className="fr-btn fr-mb-3v" type="submit">
              {t('list.filter')}
            </button>
          </div>
        </div>
      </Form>

      <p role="status">{t('list.count', { count: total })}</p>
      {events.length ? (
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
          {events.map((event) => {
            const seatsLeft = Math.max(0, event.capacity - event.confirmedCount)
            return (
              <li className="fr-col-12 fr-col-md-6 fr-col-lg-4" key={event.id}>
                <div className="fr-card fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={`/evenements/${event.slug}`}>{eventTitle(event, language)}</Link>
                      </h3>
                      <p className="fr-card__desc">
                        {formatEventWhen(event.startsAt, event.endsAt, event.timeZone, language, t)}
                        <br />
                        {eventPlace(event)}
                        {event.regionLabel ? ` — ${event.regionLabel}` : ''}
                      </p>
                      <div className="fr-card__start">
                        <ul className="fr-badges-group">
                          <li>
                            <span className="fr-badge fr-badge--sm fr-badge--purple-glycine">
                              {t(`formats.${event.format}`)}
                            </span>
                          </li>
                          {!past ? (
                            <li>
                              <span
                                className={`fr-badge fr-badge--sm ${seatsLeft > 0 ? 'fr-badge--success' : 'fr-badge--warning'}`}
                              >
                                {seatsLeft > 0
                                  ? t('list.seatsLeft', { count: seatsLeft })
                                  : t('list.full')}
                              </span>
                            </li>
                          ) : null}
                        </ul>
                      </div>
                      {event.tagLabels.length ? (
                        <div className="fr-card__end">
                          <p className="fr-card__detail">{event.tagLabels.join(' · ')}</p>
                        </div>
                      ) : null}
                    </div>
                  </div>
                </div>
              </li>
            )
          })}
        </ul>
      ) : (
        <p>{past ? t('list.emptyPast') : t('list.empty')}</p>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefFor={(target) => `/evenements${withQuery(query, { page: target })}`}
        label={t('list.pagination')}
      />

      <section className="fr-mt-6w" aria-labelledby="abonnement-titre">
        <h2 id="abonnement-titre" className="fr-h5">
          {t('list.subscribe')}
        </h2>
        <p>{t('list.subscribeIntro')}</p>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          <li>
            <a className="fr-btn fr-btn--secondary" href={`webcal://${feedHost}${feedPath}`}>
              {t('list.subscribeWebcal')}
            </a>
          </li>
          <li>
            <a className="fr-btn fr-btn--tertiary" href={feedPath}>
              {t('list.subscribeIcs')}
            </a>
          </li>
        </ul>
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
