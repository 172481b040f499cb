import i18next, { type TFunction } from 'i18next'
import { languageOf, type Language } from '~/i18n.ts'

/**
 * Synchronous translator for meta functions (they cannot await): the default i18next instance
 * holds the whole catalogue on the server (app/i18n.server.ts) and the page's namespaces in
 * the browser (app/entry.client.tsx).
 */
export function translatorFor(language: Language): TFunction {
  return i18next.getFixedT(language)
}

type Matches = ReadonlyArray<{ id: string; data: unknown } | undefined>

/** The page's language, as the root loader resolved it. */
export function pageLanguage(matches: Matches): Language {
  return languageOf(
    (matches.find((match) => match?.id === 'root')?.data as { language?: unknown } | undefined)
      ?.language,
  )
}

/** `<title>` of a page: its translated name, then the service name. */
export function pageTitle(matches: Matches, key: string, options?: Record<string, unknown>) {
  const t = translatorFor(pageLanguage(matches))
  return [{ title: `${t(key, options)} — Passerelle` }]
}
