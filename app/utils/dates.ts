export const DISPLAY_TIME_ZONE = 'Europe/Paris'

/** Dates are stored in UTC and shown in Europe/Paris unless a time zone is given. */
export function formatDateTime(
  value: Date | string,
  language: string,
  timeZone = DISPLAY_TIME_ZONE,
) {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(value))
}

export function formatDate(value: Date | string, language: string, timeZone = DISPLAY_TIME_ZONE) {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'long',
    timeZone,
  }).format(new Date(value))
}
