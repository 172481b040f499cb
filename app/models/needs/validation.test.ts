import { describe, expect, test } from 'vitest'
import {
  deadlineIsPast,
  NeedCreateSchema,
  parseNeedListFilters,
  parseNeedsApiQuery,
} from './validation.ts'

describe('need list filters', () => {
  test('keeps valid values and drops the others', () => {
    expect(
      parseNeedListFilters(
        new URLSearchParams('tag=GT-PUBLICS&region=<x>&budget=lots&page=3&sector=S-LIVRE'),
      ),
    ).toEqual({ tag: 'GT-PUBLICS', sector: 'S-LIVRE', page: 3 })
    expect(parseNeedListFilters(new URLSearchParams('page=-2')).page).toBe(1)
  })
})

describe('open data query', () => {
  test('defaults, bounds and repeated parameters', () => {
    expect(parseNeedsApiQuery(new URLSearchParams(''))).toEqual({
      ok: true,
      query: { page: 1, per_page: 20 },
    })
    expect(parseNeedsApiQuery(new URLSearchParams('per_page=100&kind=lab&tag=TECH-3D'))).toEqual({
      ok: true,
      query: { page: 1, per_page: 100, kind: 'lab', tag: 'TECH-3D' },
    })
    for (const bad of ['per_page=101', 'page=0', 'page=1.5', 'kind=x', 'tag=a b', 'tag=A&tag=B']) {
      expect(parseNeedsApiQuery(new URLSearchParams(bad)).ok).toBe(false)
    }
  })
})

describe('need form', () => {
  test('a deadline before today is refused; today is fine', () => {
    const now = new Date('2026-05-10T15:00:00Z')
    expect(deadlineIsPast(new Date('2026-05-09'), now)).toBe(true)
    expect(deadlineIsPast(new Date('2026-05-10'), now)).toBe(false)
    expect(deadlineIsPast(undefined, now)).toBe(false)
  })

  test('validity defaults to 60 days and cannot exceed 180', () => {
    const base = {
      organisationId: 'org',
      title: 'Un besoin clair',
      description: 'Une description suffisamment longue pour passer la validation.',
      challengeCodes: ['GT-PUBLICS'],
      regionCode: 'R-76',
    }
    expect(NeedCreateSchema.parse(base)).toMatchObject({
      validityDays: 60,
      budgetBand: 'unknown',
      anonymous: false,
      sectorCodes: [],
    })
    expect(NeedCreateSchema.safeParse({ ...base, validityDays: 181 }).success).toBe(false)
    expect(NeedCreateSchema.safeParse({ ...base, challengeCodes: [] }).success).toBe(false)
  })
})
