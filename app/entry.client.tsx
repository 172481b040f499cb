import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { defaultLanguage, I18N_BOOTSTRAP_ID, i18nOptions, type I18nBootstrap } from './i18n.ts'

/** The page's translations came with its HTML (root.tsx); others are fetched when needed. */
function readBootstrap(): I18nBootstrap {
  try {
    const text = document.getElementById(I18N_BOOTSTRAP_ID)?.textContent
    if (text) return JSON.parse(text) as I18nBootstrap
  } catch {
    // A damaged script only costs downloads: every namespace is then fetched.
  }
  return { version: '', resources: {} }
}

async function fetchNamespace(language: string, namespace: string, version: string) {
  const response = await fetch(
    `/locales/${encodeURIComponent(language)}/${encodeURIComponent(namespace)}?v=${version}`,
  )
  if (!response.ok) throw new Error(`translations ${language}/${namespace}: ${response.status}`)
  return (await response.json()) as Record<string, unknown>
}

async function hydrate() {
  const language = document.documentElement.lang || defaultLanguage
  const { version, resources } = readBootstrap()
  await i18next
    .use(initReactI18next)
    .use(resourcesToBackend((lng: string, ns: string) => fetchNamespace(lng, ns, version)))
    .init({
      ...i18nOptions,
      // Both languages hold the same keys (tests/i18n-catalogue.test.ts): no fallback download.
      fallbackLng: false,
      lng: language,
      ns: Object.keys(resources),
      resources: { [language]: resources as Record<string, Record<string, unknown>> },
      partialBundledLanguages: true,
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
