import { Form, NavLink, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n.ts'

type HeaderUser = { name: string; role: string } | null

export function SiteHeader({ user, language }: { user: HeaderUser; language: Language }) {
  const { t } = useTranslation()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  const otherLanguage: Language = language === 'fr' ? 'en' : 'fr'
  const navigation = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/organisations', label: t('nav.directory'), end: false },
    { to: '/besoins', label: t('nav.needs'), end: false },
    { to: '/evenements', label: t('nav.events'), end: false },
    { to: '/recherche', label: t('nav.search'), end: false },
    ...(user?.role === 'admin'
      ? [{ to: '/admin/taxonomie', label: t('nav.admin'), end: false }]
      : []),
  ]
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" aria-label={t('skiplinks.label')}>
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                {t('skiplinks.content')}
              </a>
            </li>
            <li>
              <a className="fr-link" href="#navigation-principale">
                {t('skiplinks.menu')}
              </a>
            </li>
            <li>
              <a className="fr-link" href="#pied-de-page">
                {t('skiplinks.footer')}
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__brand-top">
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      Française
                    </p>
                  </div>
                  <div className="fr-header__navbar">
                    <button
                      className="fr-btn--menu fr-btn"
                      data-fr-opened="false"
                      aria-controls="menu-principal"
                      aria-haspopup="menu"
                      id="bouton-menu"
                      title={t('nav.menu')}
                      type="button"
                    >
                      {t('nav.menu')}
                    </button>
                  </div>
                </div>
                <div className="fr-header__service">
                  <a href="/" title={t('header.homeTitle')}>
                    <p className="fr-header__service-title">Passerelle</p>
                  </a>
                  <p className="fr-header__service-tagline">{t('header.tagline')}</p>
                </div>
              </div>
              <div className="fr-header__tools">
                <div className="fr-header__tools-links">
                  <HeaderTools user={user} here={here} otherLanguage={otherLanguage} />
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
          <div className="fr-container">
            <button
              className="fr-btn--close fr-btn"
              aria-controls="menu-principal"
              title={t('nav.close')}
              type="button"
            >
              {t('nav.close')}
            </button>
            <div className="fr-header__menu-links">
              <HeaderTools user={user} here={here} otherLanguage={otherLanguage} />
            </div>
            <nav className="fr-nav" id="navigation-principale" aria-label={t('nav.label')}>
              <ul className="fr-nav__list">
                {navigation.map((item) => (
                  <li className="fr-nav__item" key={item.to}>
                    <NavLink className="fr-nav__link" to={item.to} end={item.end}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      </header>
    </>
  )
}

function HeaderTools({
  user,
  here,
  otherLanguage,
}: {
  user: HeaderUser
  here: string
  otherLanguage: Language
}) {
  const { t } = useTranslation()
  return (
    <ul className="fr-btns-group">
      {user ? (
        <>
          <li>
            <a className="fr-btn fr-icon-account-circle-line" href="/me">
              {t('header.myAccount', { name: user.name })}
            </a>
          </li>
          <li>
            <Form method="post" action="/deconnexion">
              <button className="fr-btn fr-icon-logout-box-r-line" type="submit">
                {t('header.signOut')}
              </button>
            </Form>
          </li>
        </>
      ) : (
        <>
          <li>
            <a
              className="fr-btn fr-icon-lock-line"
              href={`/connexion?redirectTo=${encodeURIComponent(here)}`}
            >
              {t('header.signIn')}
            </a>
          </li>
          <li>
            <a className="fr-btn fr-icon-account-line" href="/inscription">
              {t('header.signUp')}
            </a>
          </li>
        </>
      )}
      <li>
        <Form method="post" action="/langue" reloadDocument>
          <input type="hidden" name="redirectTo" value={here} />
          <button
            className="fr-btn fr-icon-translate-2"
            type="submit"
            name="lng"
            value={otherLanguage}
            lang={otherLanguage}
            title={t('header.switchLanguageTitle')}
          >
            {otherLanguage === 'en' ? 'English' : 'Français'}
          </button>
        </Form>
      </li>
    </ul>
  )
}
