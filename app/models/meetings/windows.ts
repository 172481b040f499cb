// Business-meeting sessions: the organizer types time windows as wall-clock text in the event's
// zone ("2026-06-12 09:00-10:40", one per line); they are split into slots of equal length.
// Pure and shared by the server and the browser (the configuration form validates them too).

export interface LocalWindow {
  /** YYYY-MM-DD */
  date: string
  /** HH:MM */
  start: string
  end: string
}

export interface InstantWindow {
  start: Date
  end: Date
}

export interface SlotTimes {
  index: number
  startsAt: Date
  endsAt: Date
}

export const MAX_SLOTS = 200
export const MAX_WINDOWS = 20
export const MAX_TABLES = 500
export const MAX_MESSAGE_LENGTH = 1000

const LINE =
  /^(?:(\d{4}-\d{2}-\d{2})\s+)?([01]?\d|2[0-3])[:h]([0-5]\d)\s*(?:-|–|—|à|to)\s*([01]?\d|2[0-3])[:h]([0-5]\d)$/i

export type WindowParseError = 'format' | 'missingDate' | 'endBeforeStart' | 'tooMany'

/**
 * Lines "YYYY-MM-DD HH:MM-HH:MM"; a line without a date takes the previous line's date. Blank
 * lines are ignored. Also accepts "9h00 – 10h40" and "09:00 à 10:40".
 */
export function parseWindowLines(
  text: string,
): { ok: true; windows: LocalWindow[] } | { ok: false; error: WindowParseError; line: number } {
  const windows: LocalWindow[] = []
  let date: string | null = null
  const lines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const match = LINE.exec(line)
    if (!match) return { ok: false, error: 'format', line: i + 1 }
    const [, day, startHour, startMinute, endHour, endMinute] = match
    if (day) {
      if (!isRealDate(day)) return { ok: false, error: 'format', line: i + 1 }
      date = day
    }
    if (!date) return { ok: false, error: 'missingDate', line: i + 1 }
    const start = `${startHour.padStart(2, '0')}:${startMinute}`
    const end = `${endHour.padStart(2, '0')}:${endMinute}`
    if (end <= start) return { ok: false, error: 'endBeforeStart', line: i + 1 }
    windows.push({ date, start, end })
    if (windows.length > MAX_WINDOWS) return { ok: false, error: 'tooMany', line: i + 1 }
  }
  return { ok: true, windows }
}

function isRealDate(day: string) {
  const [year, month, date] = day.split('-').map(Number)
  const check = new Date(Date.UTC(year, month - 1, date))
  return (
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === date
  )
}

export function formatWindowLines(windows: readonly LocalWindow[]): string {
  let previousDate = ''
  return windows
    .map((window) => {
      const line =
        window.date === previousDate
          ? `${window.start}-${window.end}`
          : `${window.date} ${window.start}-${window.end}`
      previousDate = window.date
      return line
    })
    .join('\n')
}

/** Windows sorted by start; null when two of them overlap. */
export function sortWindows<T extends InstantWindow>(windows: readonly T[]): T[] | null {
  const sorted = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime())
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start.getTime() < sorted[i - 1].end.getTime()) return null
  }
  return sorted
}

/**
 * Slots of `slotMinutes` from each window in time order; what is left at the end of a window
 * (shorter than a slot) is not used.
 */
export function computeSlots(windows: readonly InstantWindow[], slotMinutes: number): SlotTimes[] {
  const length = slotMinutes * 60_000
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) return []
  const slots: SlotTimes[] = []
  const sorted = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime())
  for (const window of sorted) {
    for (
      let start = window.start.getTime();
      start + length <= window.end.getTime();
      start += length
    ) {
      slots.push({
        index: slots.length,
        startsAt: new Date(start),
        endsAt: new Date(start + length),
      })
    }
  }
  return slots
}

/** Minutes of each window that no slot covers (for a warning). */
export function unusedMinutes(windows: readonly InstantWindow[], slotMinutes: number): number {
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) return 0
  return windows.reduce((total, window) => {
    const minutes = Math.round((window.end.getTime() - window.start.getTime()) / 60_000)
    return total + (minutes % slotMinutes)
  }, 0)
}

/** Table names from a count ("1", "2"…) or a list of names (one per line). */
export function tableNamesFrom(names: readonly string[], count: number | undefined): string[] {
  if (names.length > 0) return [...names]
  return Array.from({ length: count ?? 0 }, (_, index) => String(index + 1))
}

export function isNumberedTable(label: string) {
  return /^\d+$/.test(label)
}

/** Tables named "1", "2"… were given as a count: the form shows the count, not the names. */
export function tablesAreNumbered(names: readonly string[]) {
  return names.every((name, index) => name === String(index + 1))
}
