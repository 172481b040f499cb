import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { EVENT_TIME_ZONES, utcToZonedLocal, zonedLocalToUtc, zoneOffsetMs } from './zoned-time.ts'

const iso = (local: string, zone: string) => zonedLocalToUtc(local, zone)?.toISOString()

describe('zonedLocalToUtc', () => {
  it.each([
    ['2026-01-15T10:00', 'Europe/Paris', '2026-01-15T09:00:00.000Z', 'winter, UTC+1'],
    ['2026-07-15T10:00', 'Europe/Paris', '2026-07-15T08:00:00.000Z', 'summer, UTC+2'],
    ['2026-03-28T10:00', 'Europe/Paris', '2026-03-28T09:00:00.000Z', 'day before spring change'],
    ['2026-03-29T10:00', 'Europe/Paris', '2026-03-29T08:00:00.000Z', 'day of spring change'],
    ['2026-03-29T01:59', 'Europe/Paris', '2026-03-29T00:59:00.000Z', 'just before the gap'],
    ['2026-03-29T03:00', 'Europe/Paris', '2026-03-29T01:00:00.000Z', 'just after the gap'],
    ['2026-10-25T10:00', 'Europe/Paris', '2026-10-25T09:00:00.000Z', 'day of autumn change'],
    ['2026-10-25T01:59', 'Europe/Paris', '2026-10-24T23:59:00.000Z', 'before the repeated hour'],
    ['2026-10-25T03:00', 'Europe/Paris', '2026-10-25T02:00:00.000Z', 'after the repeated hour'],
    ['2026-03-29T10:00', 'America/Guadeloupe', '2026-03-29T14:00:00.000Z', 'Guadeloupe, UTC-4'],
    ['2026-03-29T10:00', 'America/Martinique', '2026-03-29T14:00:00.000Z', 'Martinique, UTC-4'],
    ['2026-10-25T10:00', 'America/Cayenne', '2026-10-25T13:00:00.000Z', 'Guyane, UTC-3'],
    ['2026-10-25T10:00', 'Indian/Reunion', '2026-10-25T06:00:00.000Z', 'La Réunion, UTC+4'],
    ['2026-10-25T10:00', 'Indian/Mayotte', '2026-10-25T07:00:00.000Z', 'Mayotte, UTC+3'],
    ['2026-07-14T09:00', 'Pacific/Noumea', '2026-07-13T22:00:00.000Z', 'Nouméa, day before in UTC'],
    ['2026-03-29T10:00', 'Pacific/Tahiti', '2026-03-29T20:00:00.000Z', 'Tahiti, UTC-10'],
  ])('%s in %s → %s (%s)', (local, zone, expected) => {
    expect(iso(local, zone)).toBe(expected)
  })

  it('moves a time inside the spring gap forward by the gap (02:30 → 03:30 CEST)', () => {
    expect(iso('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z')
    expect(
      utcToZonedLocal(zonedLocalToUtc('2026-03-29T02:30', 'Europe/Paris')!, 'Europe/Paris'),
    ).toBe('2026-03-29T03:30')
  })

  it('reads a repeated autumn time as its first occurrence (summer time)', () => {
    expect(iso('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z')
  })

  it('accepts seconds and refuses impossible dates, bad text and unknown zones', () => {
    expect(iso('2026-01-15T10:00:30', 'Europe/Paris')).toBe('2026-01-15T09:00:30.000Z')
    expect(zonedLocalToUtc('2026-02-30T10:00', 'Europe/Paris')).toBeNull()
    expect(zonedLocalToUtc('2026-01-15T24:00', 'Europe/Paris')).toBeNull()
    expect(zonedLocalToUtc('15/01/2026 10:00', 'Europe/Paris')).toBeNull()
    expect(zonedLocalToUtc('', 'Europe/Paris')).toBeNull()
    expect(zonedLocalToUtc('2026-01-15T10:00', 'Mars/Olympus_Mons')).toBeNull()
  })
})

describe('utcToZonedLocal', () => {
  it('gives the wall clock as a datetime-local value', () => {
    expect(utcToZonedLocal(new Date('2026-07-13T22:00:00Z'), 'Pacific/Noumea')).toBe(
      '2026-07-14T09:00',
    )
    expect(utcToZonedLocal('2026-10-25T00:30:00Z', 'Europe/Paris')).toBe('2026-10-25T02:30')
    expect(utcToZonedLocal('2026-10-25T01:30:00Z', 'Europe/Paris')).toBe('2026-10-25T02:30')
  })

  it('offsets follow the DST rules', () => {
    expect(zoneOffsetMs(Date.parse('2026-01-01T00:00:00Z'), 'Europe/Paris')).toBe(3600_000)
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), 'Europe/Paris')).toBe(7200_000)
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), 'Pacific/Tahiti')).toBe(-36000_000)
  })
})

describe('round trip, whatever the server zone', () => {
  const originalTz = process.env.TZ
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
  })

  for (const hostZone of ['UTC', 'America/New_York', 'Pacific/Noumea']) {
    it(`local → UTC → local gives the same wall clock (server in ${hostZone})`, () => {
      process.env.TZ = hostZone
      fc.assert(
        fc.property(
          fc.date({
            min: new Date('2020-01-01T00:00:00Z'),
            max: new Date('2040-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          fc.constantFrom(...EVENT_TIME_ZONES),
          (date, zone) => {
            const instant = new Date(Math.floor(date.getTime() / 60_000) * 60_000)
            const local = utcToZonedLocal(instant, zone)
            const back = zonedLocalToUtc(local, zone)!
            // Same wall clock; the same instant except in Paris' repeated autumn hour.
            expect(utcToZonedLocal(back, zone)).toBe(local)
            if (back.getTime() !== instant.getTime()) {
              expect(zone).toBe('Europe/Paris')
              expect(instant.getTime() - back.getTime()).toBe(3600_000)
            }
          },
        ),
        { numRuns: 400 },
      )
    })
  }
})
