import { createHash } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import i18next, { type TFunction } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import {
  defaultLanguage,
  i18nOptions,
  isLanguage,
  languageOf,
  supportedLanguages,
  type Language,
} from './i18n.ts'
import { resources } from './locales/index.ts'

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
})

// French unless the person chose otherwise (?lng= or the switch's cookie): the service speaks
// French first, whatever the browser's Accept-Language says.
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
    order: ['searchParams', 'cookie'],
  },
  i18next: { ...i18nOptions, resources },
})

// The default instance holds the whole catalogue on the server: meta functions translate
// synchronously with it (app/utils/meta.ts); in the browser it holds the page's namespaces.
void i18next.init({ ...i18nOptions, resources, initImmediate: false })

/** Changes with the catalogue: the browser fetches /locales/:lng/:ns?v=… (cached for good). */
export const catalogueVersion = createHash('sha256')
  .update(JSON.stringify(resources))
  .digest('hex')
  .slice(0, 12)

/** One namespace of the catalogue, or undefined (the names come from URLs). */
export function catalogueNamespace(language: string, namespace: string) {
  if (!isLanguage(language)) return undefined
  const bundles: Record<string, unknown> = resources[language]
  return Object.hasOwn(bundles, namespace) ? bundles[namespace] : undefined
}

export async function getLanguage(request: Request): Promise<Language> {
  const language = await i18nServer.getLocale(request)
  return languageOf(language)
}

/** A translation function for a language, outside any request (e-mails, workers). */
export async function getFixedT(language: Language, ns: string | string[] = 'common') {
  return i18next.getFixedT(language, ns) as TFunction
}

/** Translation function for this request's language. */
export async function getRequestT(request: Request, ns: string | string[] = 'common') {
  return getFixedT(await getLanguage(request), ns)
}
