import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { getHomeOverview } from '~/models/directory/home.server.ts'
import { formatDateTime } from '~/utils/dates.ts'
import { useOptionalUser } from '~/root.tsx'
import { pageLanguage, translatorFor } from '~/utils/meta.ts'

export const handle = { i18n: ['home'] }

export async function loader() {
  return getHomeOverview()
}

export const meta: MetaFunction = ({ matches }) => {
  const t = translatorFor(pageLanguage(matches))
  return [
    { title: `Passerelle — ${t('home:metaTitle')}` },
    { name: 'description', content: t('home:metaDescription') },
  ]
}

const AUDIENCES = ['startups', 'institutions', 'organizers'] as const

export default function HomePage() {
  const { t, i18n } = useTranslation('home')
  const user = useOptionalUser()
  const overview = useLoaderData<typeof loader>()
  const figures = [
    { key: 'organisations', value: overview.organisations, to: '/organisations' },
    { key: 'regions', value: overview.regions, to: '/organisations' },
    { key: 'needs', value: overview.openNeeds, to: '/besoins' },
    { key: 'events', value: overview.upcomingEvents, to: '/evenements' },
  ] as const
  return (
    <>
      <section className="passerelle-hero fr-py-8w">
        <div className="fr-container">
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-lg-8">
              <p className="fr-badge fr-badge--blue-ecume fr-mb-2w">{t('engagementBadge')}</p>
              <h1>{t('title')}</h1>
              <p className="fr-text--lead">{t('lead')}</p>
              <ul className="fr-btns-group fr-btns-group--inline-md">
                {user ? (
                  <li>
                    <Link className="fr-btn" to="/me">
                      {t('ctaAccount')}
                    </Link>
                  </li>
                ) : (
                  <>
                    <li>
                      <Link className="fr-btn" to="/inscription">
                        {t('ctaSignUp')}
                      </Link>
                    </li>
                    <li>
                      <Link className="fr-btn fr-btn--secondary" to="/connexion">
                        {t('ctaSignIn')}
                      </Link>
                    </li>
                  </>
                )}
              </ul>
            </div>
          </div>
        </div>
      </section>

      <section className="fr-container fr-pt-6w" aria-labelledby="en-chiffres">
        <h2 id="en-chiffres" className="fr-sr-only">
          {t('figures.title')}
        </h2>
        <ul className="fr-grid-row fr-grid-row--gutters passerelle-figures">
          {figures.map((figure) => (
            <li className="fr-col-6 fr-col-md-3" key={figure.key}>
              <Link className="passerelle-figure" to={figure.to}>
                <span className="passerelle-figure__value">
                  {figure.value.toLocaleString(i18n.language)}
                </span>
                <span>{t(`figures.${figure.key}`, { count: figure.value })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {overview.nextEvents.length ? (
        <section className="fr-container fr-pt-6w" aria-labelledby="prochains-evenements">
          <h2 id="prochains-evenements">{t('nextEvents.title')}</h2>
          <ul className="fr-grid-row fr-grid-row--gutters passerelle-plain-list">
            {overview.nextEvents.map((event) => (
              <li className="fr-col-12 fr-col-md-4" key={event.slug}>
                <div className="fr-card fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={`/evenements/${event.slug}`}>
                          {i18n.language === 'en' && event.titleEn ? event.titleEn : event.title}
                        </Link>
                      </h3>
                      <p className="fr-card__desc">
                        {event.venueName ?? (event.onlineUrl ? t('nextEvents.online') : '')}
                      </p>
                      <div className="fr-card__start">
                        <p className="fr-card__detail fr-icon-calendar-line">
                          {formatDateTime(event.startsAt, i18n.language, event.timeZone)}
                        </p>
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <p>
            <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/evenements">
              {t('nextEvents.all')}
            </Link>
          </p>
        </section>
      ) : null}

      <section className="fr-container fr-py-6w" aria-labelledby="pour-qui">
        <h2 id="pour-qui">{t('audiences.title')}</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          {AUDIENCES.map((audience) => (
            <div className="fr-col-12 fr-col-md-4" key={audience}>
              <div className="fr-tile fr-tile--vertical">
                <div className="fr-tile__body">
                  <div className="fr-tile__content">
                    <h3 className="fr-tile__title">{t(`audiences.${audience}.title`)}</h3>
                    <p className="fr-tile__desc">{t(`audiences.${audience}.body`)}</p>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      </section>

      <section className="fr-container fr-pb-6w" aria-labelledby="strategie">
        <h2 id="strategie">{t('strategy.title')}</h2>
        <p>{t('strategy.body')}</p>
        <ol>
          <li>{t('strategy.steps.profile')}</li>
          <li>{t('strategy.steps.needs')}</li>
          <li>{t('strategy.steps.match')}</li>
          <li>{t('strategy.steps.meet')}</li>
        </ol>
      </section>
    </>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
