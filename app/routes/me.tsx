import { NavLink, Outlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'

export const handle = { i18n: ['me'] }

const SECTIONS = [
  { to: '/me', key: 'account', end: true },
  { to: '/me/organisations', key: 'organisations', end: false },
  { to: '/me/demandes', key: 'requests', end: false },
  { to: '/me/agenda', key: 'agenda', end: false },
] as const

/** "Mon espace": a side menu and the section's page. Each section's loader requires sign-in. */
export default function MeLayout() {
  const { t } = useTranslation('me')
  return (
    <div className="fr-container fr-py-4w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <nav className="fr-sidemenu fr-col-12 fr-col-md-3" aria-labelledby="me-menu-titre">
          <div className="fr-sidemenu__inner">
            <p className="fr-sidemenu__title" id="me-menu-titre">
              {t('menu.label')}
            </p>
            <ul className="fr-sidemenu__list">
              {SECTIONS.map((section) => (
                <li className="fr-sidemenu__item" key={section.to}>
                  <NavLink className="fr-sidemenu__link" to={section.to} end={section.end}>
                    {t(`menu.${section.key}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </nav>
        <div className="fr-col-12 fr-col-md-9">
          <Outlet />
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
