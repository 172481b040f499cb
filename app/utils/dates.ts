// Dates are stored in UTC and shown in Europe/Paris unless a time zone is given. Intl
// formatters are costly to build (a few hundred microseconds each, measured as ~4 % of a page's
// CPU when built per call): they are built once per language, options and zone, then reused.
export const DISPLAY_TIME_ZONE = 'Europe/Paris'

/** The Intl locale of an interface language. */
export function intlLocale(language: string) {
  return language === 'en' ? 'en-GB' : 'fr-FR'
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

/** A shared Intl.DateTimeFormat; `locale` is an interface language or an Intl locale. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const resolved = locale.includes('-') ? locale : intlLocale(locale)
  const key = `${resolved}|${JSON.stringify(options)}`
  let format = dateTimeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(resolved, options)
    dateTimeFormats.set(key, format)
  }
  return format
}

/** A shared Intl.NumberFormat for an interface language. */
export function numberFormat(language: string, options: Intl.NumberFormatOptions = {}) {
  const key = `${intlLocale(language)}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(language), options)
    numberFormats.set(key, format)
  }
  return format
}

export function formatDateTime(
  value: Date | string,
  language: string,
  timeZone = DISPLAY_TIME_ZONE,
) {
  return dateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(value),
  )
}

export function formatDate(value: Date | string, language: string, timeZone = DISPLAY_TIME_ZONE) {
  return dateTimeFormat(language, { dateStyle: 'long', timeZone }).format(new Date(value))
}
