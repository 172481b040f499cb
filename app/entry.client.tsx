import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { getInitialNamespaces } from 'remix-i18next/client'
import { defaultLanguage, i18nOptions } from './i18n.ts'
import { resources } from './locales/index.ts'

async function hydrate() {
  const language = document.documentElement.lang || defaultLanguage
  await i18next.use(initReactI18next).init({
    ...i18nOptions,
    lng: language,
    ns: getInitialNamespaces(),
    resources,
  })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
