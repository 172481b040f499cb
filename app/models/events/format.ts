// How an event's date and place read, in the event's own time zone (pages and e-mails).
import type { TFunction } from 'i18next'
import { dateTimeFormat } from '~/utils/dates.ts'

/** Catalogue key of a zone's name ("heure de Paris"): events:timeZones.Europe_Paris. */
export function timeZoneKey(timeZone: string) {
  return `events:timeZones.${timeZone.replace(/\//g, '_')}`
}

function sameLocalDay(start: Date, end: Date, timeZone: string) {
  const day = dateTimeFormat('en-CA', { timeZone, dateStyle: 'short' })
  return day.format(start) === day.format(end)
}

/** "mardi 14 avril 2026, 10:00 – 12:00 (heure de Paris)". */
export function formatEventWhen(
  startsAt: Date | string,
  endsAt: Date | string,
  timeZone: string,
  language: string,
  t: TFunction,
) {
  const start = new Date(startsAt)
  const end = new Date(endsAt)
  const date = dateTimeFormat(language, { timeZone, dateStyle: 'full' })
  const time = dateTimeFormat(language, { timeZone, timeStyle: 'short' })
  const zone = t(timeZoneKey(timeZone), { defaultValue: timeZone })
  if (sameLocalDay(start, end, timeZone)) {
    return t('events:when.sameDay', {
      date: date.format(start),
      start: time.format(start),
      end: time.format(end),
      zone,
    })
  }
  return t('events:when.severalDays', {
    startDate: date.format(start),
    start: time.format(start),
    endDate: date.format(end),
    end: time.format(end),
    zone,
  })
}

/** A single instant in the event's zone: "14 avr. 2026, 18:00 (heure de Paris)". */
export function formatEventInstant(
  value: Date | string,
  timeZone: string,
  language: string,
  t: TFunction,
) {
  const formatted = dateTimeFormat(language, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value))
  return `${formatted} (${t(timeZoneKey(timeZone), { defaultValue: timeZone })})`
}

/** Short date for lists: "14 avr. 2026". */
export function formatEventDay(value: Date | string, timeZone: string, language: string) {
  return dateTimeFormat(language, { timeZone, dateStyle: 'medium' }).format(new Date(value))
}

export function eventTitle(event: { title: string; titleEn: string }, language: string) {
  return language === 'en' && event.titleEn ? event.titleEn : event.title
}

export function eventDescription(
  event: { descriptionFr: string; descriptionEn: string },
  language: string,
) {
  return language === 'en' && event.descriptionEn ? event.descriptionEn : event.descriptionFr
}

/** Venue name and address on one line; the online link when there is no venue. */
export function eventPlace(event: {
  venueName: string | null
  venueAddress: string | null
  onlineUrl: string | null
}) {
  const venue = [event.venueName, event.venueAddress].filter(Boolean).join(', ')
  return venue || event.onlineUrl || ''
}
