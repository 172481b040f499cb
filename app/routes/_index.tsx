import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { useOptionalUser } from '~/root.tsx'
import { languageOf, translatorFor } from '~/utils/meta.ts'

export const handle = { i18n: ['home'] }

export const meta: MetaFunction = ({ matches }) => {
  const t = translatorFor(languageOf(matches))
  return [
    { title: `Passerelle — ${t('home:metaTitle')}` },
    { name: 'description', content: t('home:metaDescription') },
  ]
}

const AUDIENCES = ['startups', 'institutions', 'organizers'] as const

export default function HomePage() {
  const { t } = useTranslation('home')
  const user = useOptionalUser()
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
