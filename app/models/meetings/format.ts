// How slots and tables of a business-meeting session read, in the event's own time zone
// (pages, e-mails, invites). Client-safe.
import type { TFunction } from 'i18next'
import { dateTimeFormat } from '~/utils/dates.ts'
import { isNumberedTable } from './windows.ts'

/** "Table 3" for numbered tables, the name otherwise ("Salon Rameau"). */
export function tableDisplay(label: string, t: TFunction) {
  return isNumberedTable(label) ? t('meetings:table.numbered', { number: label }) : label
}

/** "09:00 – 09:20" */
export function formatSlotTimes(
  startsAt: Date | string,
  endsAt: Date | string,
  timeZone: string,
  language: string,
) {
  const time = dateTimeFormat(language, { timeZone, timeStyle: 'short' })
  return `${time.format(new Date(startsAt))} – ${time.format(new Date(endsAt))}`
}

/** "vendredi 12 juin 2026" */
export function formatSlotDay(value: Date | string, timeZone: string, language: string) {
  return dateTimeFormat(language, { timeZone, dateStyle: 'full' }).format(new Date(value))
}

/** Local day key (YYYY-MM-DD) of an instant, to group slots by day. */
export function slotDayKey(value: Date | string, timeZone: string) {
  return dateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(new Date(value))
}

/** "vendredi 12 juin 2026, 09:00 – 09:20" */
export function formatSlot(
  startsAt: Date | string,
  endsAt: Date | string,
  timeZone: string,
  language: string,
) {
  return `${formatSlotDay(startsAt, timeZone, language)}, ${formatSlotTimes(startsAt, endsAt, timeZone, language)}`
}

/** "12 juin 2026, 18:00" in the event's zone. */
export function formatInstant(value: Date | string, timeZone: string, language: string) {
  return dateTimeFormat(language, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value))
}

/** Name of the zone as the events pages word it ("heure de Paris"), else its IANA id. */
export function zoneLabel(timeZone: string, t: TFunction) {
  return t(`events:timeZones.${timeZone.replace(/\//g, '_')}`, { defaultValue: timeZone })
}

export function groupByDay<T extends { startsAt: Date | string }>(
  items: readonly T[],
  timeZone: string,
) {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = slotDayKey(item.startsAt, timeZone)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return [...groups.entries()].map(([day, entries]) => ({ day, entries }))
}
