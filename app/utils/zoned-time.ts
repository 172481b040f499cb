// Wall-clock time in an IANA zone ⇄ UTC instant, with Intl only (no dependency). Used by the
// event form (local date-time + zone select) on the server and in the browser.

/** Zones an event can be held in: metropolitan France and the overseas territories. */
export const EVENT_TIME_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Pacific/Noumea',
  'Pacific/Tahiti',
] as const
export type EventTimeZone = (typeof EVENT_TIME_ZONES)[number]

export function isEventTimeZone(value: unknown): value is EventTimeZone {
  return EVENT_TIME_ZONES.includes(value as EventTimeZone)
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

function wallClock(utcMs: number, timeZone: string): Fields {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  }
}

function asUtcMs(fields: Fields): number {
  return Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  )
}

/** UTC offset of the zone at an instant, in milliseconds (Paris in summer: +7 200 000). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000
  return asUtcMs(wallClock(whole, timeZone)) - whole
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

function parseLocal(local: string): Fields | null {
  const match = LOCAL_PATTERN.exec(local.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((v) => Number(v ?? 0))
  const fields = { year, month, day, hour, minute, second }
  // Rejects 2026-02-30, 25:00…: the UTC round trip must give the same fields back.
  const check = new Date(asUtcMs(fields))
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() + 1 !== month ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute
  ) {
    return null
  }
  return fields
}

/**
 * The instant a wall-clock time ("2026-03-29T10:00") names in a zone, or null when the text or
 * the zone is invalid. Like Temporal's `disambiguation: 'compatible'`: a time inside the spring
 * gap (02:30 in Paris on the last Sunday of March) moves forward by the gap's length (03:30
 * CEST); a time repeated in autumn means its first occurrence (summer time).
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const fields = parseLocal(local)
  if (!fields || !isValidTimeZone(timeZone)) return null
  const localMs = asUtcMs(fields)
  const day = 24 * 3600 * 1000
  // Offsets around that moment: no zone changes offset twice within two days.
  const before = zoneOffsetMs(localMs - day, timeZone)
  const after = zoneOffsetMs(localMs + day, timeZone)
  const candidates = [...new Set([before, after])]
    .map((offset) => localMs - offset)
    .filter((utcMs) => asUtcMs(wallClock(utcMs, timeZone)) === localMs)
    .sort((a, b) => a - b)
  if (candidates.length > 0) return new Date(candidates[0])
  // In the gap: the offset in force before it carries the time forward past it.
  return new Date(localMs - before)
}

function pad(value: number, length = 2) {
  return String(value).padStart(length, '0')
}

/** The wall-clock time of an instant in a zone, as an <input type="datetime-local"> value. */
export function utcToZonedLocal(instant: Date | string, timeZone: string): string {
  const fields = wallClock(new Date(instant).getTime(), timeZone)
  return `${pad(fields.year, 4)}-${pad(fields.month)}-${pad(fields.day)}T${pad(fields.hour)}:${pad(fields.minute)}`
}
