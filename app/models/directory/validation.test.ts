import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, test } from 'vitest'
import { toCsv } from '~/utils/csv.ts'
import { jsonForScript } from '~/utils/json-ld.ts'
import { localised } from '~/utils/localised.ts'
import { organisationSchema, parseDirectoryFilters } from './validation.server.ts'
import { slugify } from '~/utils/slug.ts'

function form(fields: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item)
  }
  return data
}

const valid = {
  name: 'Musée des Confluences',
  kind: 'institution',
  subKind: 'ORG-INSTITUTION-MUSEE',
  regionCode: 'R-84',
  contactEmail: 'Contact@Musee.fr',
  languages: 'fr',
  visibility: 'public',
}

const taxonomy = new Map([
  ['ORG-INSTITUTION-MUSEE', { kind: 'org_subkind', parent: 'ORG-INSTITUTION' }],
  ['ORG-LABO-FABLAB', { kind: 'org_subkind', parent: 'ORG-LABO' }],
  ['R-84', { kind: 'region' }],
  ['S-PATRIMOINE', { kind: 'sector' }],
  ['TECH-IA', { kind: 'technology' }],
  ['GT-PUBLICS', { kind: 'challenge', parent: 'T1' }],
])

describe('organisation form schema', () => {
  test('a minimal profile parses, with defaults for the optional texts', () => {
    const result = parseWithZod(form(valid), { schema: organisationSchema(taxonomy) })
    expect(result.status).toBe('success')
    if (result.status !== 'success') return
    expect(result.value).toMatchObject({
      contactEmail: 'contact@musee.fr',
      pitchFr: '',
      sectorCodes: [],
      languages: ['fr'],
    })
  })

  test('tags must exist with the right kind; duplicates are dropped', () => {
    const schema = organisationSchema(taxonomy)
    const ok = parseWithZod(
      form({
        ...valid,
        sectorCodes: ['S-PATRIMOINE', 'S-PATRIMOINE'],
        challengeCodes: 'GT-PUBLICS',
      }),
      { schema },
    )
    expect(ok.status === 'success' && ok.value.sectorCodes).toEqual(['S-PATRIMOINE'])
    const wrongKind = parseWithZod(form({ ...valid, sectorCodes: 'TECH-IA' }), { schema })
    expect(wrongKind.reply().error?.sectorCodes).toEqual(['directory:errors.unknownTag'])
    const tooMany = parseWithZod(
      form({ ...valid, technologyCodes: Array.from({ length: 21 }, (_, i) => `TECH-${i}`) }),
      { schema: organisationSchema() },
    )
    expect(tooMany.reply().error?.technologyCodes).toEqual(['directory:errors.tooManyTags'])
  })

  test('the sub-kind must belong to the kind, in the browser (by prefix) and on the server', () => {
    for (const schema of [organisationSchema(), organisationSchema(taxonomy)]) {
      const result = parseWithZod(form({ ...valid, kind: 'lab' }), { schema })
      expect(result.reply().error?.subKind).toEqual(['directory:errors.subKindMismatch'])
    }
  })

  test('websites, years, lengths and control characters', () => {
    const schema = organisationSchema()
    const year = new Date().getFullYear()
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ website: 'ftp://exemple.fr' }, 'website', 'directory:errors.websiteInvalid'],
      [{ website: 'https://localhost' }, 'website', 'directory:errors.websiteInvalid'],
      [{ foundedYear: String(year + 1) }, 'foundedYear', 'directory:errors.yearRange'],
      [{ foundedYear: '1499' }, 'foundedYear', 'directory:errors.yearRange'],
      [{ foundedYear: '19.5' }, 'foundedYear', 'directory:errors.yearInvalid'],
      [{ name: 'A'.repeat(151) }, 'name', 'directory:errors.nameTooLong'],
      [{ name: 'Nom\u0007' }, 'name', 'common:errors.invalidCharacters'],
      [{ pitchFr: 'p'.repeat(281) }, 'pitchFr', 'directory:errors.pitchTooLong'],
      [{ descriptionEn: 'ok\u001b[31m' }, 'descriptionEn', 'common:errors.invalidCharacters'],
      [{ offers: 'o'.repeat(2001) }, 'offers', 'directory:errors.offersTooLong'],
      [{ kind: 'museum' }, 'kind', 'directory:errors.kindRequired'],
    ]
    for (const [override, field, message] of cases) {
      const result = parseWithZod(form({ ...valid, ...override }), { schema })
      expect(result.reply().error?.[field], JSON.stringify(override)).toEqual([message])
    }
    const ok = parseWithZod(
      form({
        ...valid,
        website: 'www.musee.fr',
        foundedYear: String(year),
        descriptionFr: 'Ligne 1\r\nLigne 2\tfin',
        pitchFr: 'Une\nligne',
      }),
      { schema },
    )
    expect(ok.status === 'success' && ok.value).toMatchObject({
      website: 'https://www.musee.fr',
      foundedYear: year,
      descriptionFr: 'Ligne 1\nLigne 2\tfin',
      pitchFr: 'Une ligne',
    })
  })

  test('directory filters drop what is malformed', () => {
    expect(
      parseDirectoryFilters(
        new URLSearchParams('kind=lab&region=R-76&page=3&sector=<script>&technology=TECH-IA'),
      ),
    ).toEqual({ kind: 'lab', region: 'R-76', page: 3, technology: 'TECH-IA' })
    expect(parseDirectoryFilters(new URLSearchParams('kind=x&page=-2'))).toEqual({ page: 1 })
  })
})

describe('small helpers', () => {
  test('slugify', () => {
    expect(slugify("Musée d'Art & d'Histoire — Œuvres")).toBe('musee-d-art-d-histoire-oeuvres')
    expect(slugify('a'.repeat(79) + ' b', 80)).toBe('a'.repeat(79))
  })

  test('localised falls back to the other language and says so', () => {
    expect(localised({ fr: 'Bonjour', en: 'Hello' }, 'en')).toEqual({ text: 'Hello' })
    expect(localised({ fr: 'Bonjour', en: ' ' }, 'en')).toEqual({ text: 'Bonjour', lang: 'fr' })
    expect(localised({ fr: '', en: '' }, 'fr')).toEqual({ text: '' })
  })

  test('jsonForScript escapes what could end the script element', () => {
    const text = jsonForScript({ name: '</script><b>\u2028' })
    expect(text).not.toMatch(/[<\u2028]/)
    expect(JSON.parse(text)).toEqual({ name: '</script><b>\u2028' })
  })

  test('toCsv quotes, doubles quotes, uses CRLF and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'il a dit "oui"'],
          ['ligne\nsuivante', null],
          ['=1+1', 42],
        ],
      ),
    ).toBe('a,b\r\n"x,y","il a dit ""oui"""\r\n"ligne\nsuivante",\r\n\'=1+1,42\r\n')
  })
})
