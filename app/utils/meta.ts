import { createInstance, type TFunction } from 'i18next'
import { defaultLanguage, i18nOptions, isLanguage, type Language } from '~/i18n.ts'
import { resources } from '~/locales/index.ts'

const translators = new Map<Language, TFunction>()

/** Synchronous translator over the bundled catalogue (meta functions cannot await). */
export function translatorFor(language: Language): TFunction {
  let t = translators.get(language)
  if (!t) {
    const instance = createInstance()
    void instance.init({ ...i18nOptions, resources, lng: language, initImmediate: false })
    t = instance.t
    translators.set(language, t)
  }
  return t
}

type Matches = ReadonlyArray<{ id: string; data: unknown } | undefined>

export function languageOf(matches: Matches): Language {
  const language = (
    matches.find((match) => match?.id === 'root')?.data as { language?: unknown } | undefined
  )?.language
  return isLanguage(language) ? language : defaultLanguage
}

/** `<title>` of a page: its translated name, then the service name. */
export function pageTitle(matches: Matches, key: string, options?: Record<string, unknown>) {
  const t = translatorFor(languageOf(matches))
  return [{ title: `${t(key, options)} — Passerelle` }]
}
