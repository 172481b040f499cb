import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  computeSlots,
  formatWindowLines,
  parseWindowLines,
  sortWindows,
  tableNamesFrom,
  tablesAreNumbered,
  unusedMinutes,
} from './windows.ts'

describe('parseWindowLines', () => {
  test('reads dated lines, undated ones take the previous date, blank lines are skipped', () => {
    expect(
      parseWindowLines('2026-06-12 09:00-10:40\n\n11:00 – 12:20\r\n2026-06-13 9h00 à 10h00'),
    ).toEqual({
      ok: true,
      windows: [
        { date: '2026-06-12', start: '09:00', end: '10:40' },
        { date: '2026-06-12', start: '11:00', end: '12:20' },
        { date: '2026-06-13', start: '09:00', end: '10:00' },
      ],
    })
  })

  test('says which line is wrong and why', () => {
    expect(parseWindowLines('09:00-10:00')).toEqual({ ok: false, error: 'missingDate', line: 1 })
    expect(parseWindowLines('2026-06-12 09:00-10:00\nmidi')).toEqual({
      ok: false,
      error: 'format',
      line: 2,
    })
    expect(parseWindowLines('2026-02-30 09:00-10:00')).toMatchObject({ error: 'format' })
    expect(parseWindowLines('2026-06-12 10:00-09:00')).toMatchObject({ error: 'endBeforeStart' })
    expect(parseWindowLines('2026-06-12 25:00-26:00')).toMatchObject({ error: 'format' })
  })

  test('formatWindowLines round-trips', () => {
    const text = '2026-06-12 09:00-10:40\n11:00-12:20\n2026-06-13 09:00-10:00'
    const parsed = parseWindowLines(text)
    expect(parsed.ok && formatWindowLines(parsed.windows)).toBe(text)
  })
})

describe('slots', () => {
  const at = (time: string) => new Date(`2026-06-12T${time}:00Z`)

  test('each window is cut into whole slots; the rest is reported as unused', () => {
    const windows = [
      { start: at('11:00'), end: at('12:10') },
      { start: at('09:00'), end: at('10:40') },
    ]
    const slots = computeSlots(windows, 20)
    expect(slots.map((s) => s.startsAt.toISOString().slice(11, 16))).toEqual([
      '09:00',
      '09:20',
      '09:40',
      '10:00',
      '10:20',
      '11:00',
      '11:20',
      '11:40',
    ])
    expect(slots.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(unusedMinutes(windows, 20)).toBe(10)
    expect(computeSlots(windows, 0)).toEqual([])
  })

  test('overlapping windows are detected', () => {
    expect(
      sortWindows([
        { start: at('09:00'), end: at('10:00') },
        { start: at('09:30'), end: at('11:00') },
      ]),
    ).toBeNull()
    expect(
      sortWindows([
        { start: at('10:00'), end: at('11:00') },
        { start: at('09:00'), end: at('10:00') },
      ]),
    ).toHaveLength(2)
  })

  test('slots never overlap, stay inside their window and have the slot length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 300 })), {
          maxLength: 6,
        }),
        fc.integer({ min: 5, max: 120 }),
        (raw, minutes) => {
          const windows = raw.map(([startMinute, length]) => ({
            start: new Date(Date.UTC(2026, 5, 12) + startMinute * 60_000),
            end: new Date(Date.UTC(2026, 5, 12) + (startMinute + length) * 60_000),
          }))
          const sorted = sortWindows(windows)
          if (!sorted) return
          const slots = computeSlots(sorted, minutes)
          for (let i = 0; i < slots.length; i++) {
            const slot = slots[i]
            expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(minutes * 60_000)
            if (i > 0) expect(slot.startsAt >= slots[i - 1].endsAt).toBe(true)
            expect(sorted.some((w) => w.start <= slot.startsAt && slot.endsAt <= w.end)).toBe(true)
          }
        },
      ),
    )
  })
})

test('tables from a count or from names', () => {
  expect(tableNamesFrom([], 3)).toEqual(['1', '2', '3'])
  expect(tableNamesFrom(['Salon A'], 3)).toEqual(['Salon A'])
  expect(tablesAreNumbered(['1', '2', '3'])).toBe(true)
  expect(tablesAreNumbered(['1', '3'])).toBe(false)
})
