// i18next options shared by the server and the browser.
export const supportedLanguages = ['fr', 'en'] as const
export type Language = (typeof supportedLanguages)[number]
export const defaultLanguage: Language = 'fr'

export function isLanguage(value: unknown): value is Language {
  return supportedLanguages.includes(value as Language)
}

export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
}
