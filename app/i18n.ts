// i18next options shared by the server and the browser.
export const supportedLanguages = ['fr', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'fr'

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language)
}

/** The supported language a stored locale, a cookie or a page's data names, French otherwise. */
export function languageOf(value: unknown): Language {
  return isLanguage(value) ? value : defaultLanguage
}

export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
}

/** Id of the inline JSON script that carries a page's translations (app/root.tsx). */
export const I18N_BOOTSTRAP_ID = 'passerelle-i18n'

export interface I18nBootstrap {
  /** The catalogue's version, for cache-busting /locales/:lng/:ns. */
  version: string
  /** The page's namespaces in its language. */
  resources: Record<string, unknown>
}

/**
 * The namespaces that `ns:key` catalogue keys name, after `common` (the default). Components
 * that show keys from elsewhere (errors, notices) pass them to useTranslation, which loads
 * them first in the browser, where a page starts with its own namespaces only.
 */
export function namespacesOf(keys: ReadonlyArray<string | null | undefined>): string[] {
  const namespaces = new Set(['common'])
  for (const key of keys) {
    const match = /^([a-z]+):/.exec(key ?? '')
    if (match) namespaces.add(match[1])
  }
  return [...namespaces]
}
