import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import v1 from '~/data/taxonomy/taxonomy.v1.json'
import {
  BUNDLED_TAXONOMY_VERSION,
  entriesByKind,
  labelFor,
  loadBundledTaxonomy,
  loadRegionNeighbours,
  mergeTaxonomy,
  parseCsv,
  parseTaxonomyFile,
  planTaxonomyImport,
  type TAXONOMY_KINDS,
  TaxonomyEntrySchema,
  TaxonomyFileSchema,
  type TaxonomyEntry,
} from './taxonomy.server'

const dataFile = (name: string) =>
  readFileSync(new URL(`../../data/taxonomy/${name}`, import.meta.url), 'utf8')

const entries = loadBundledTaxonomy()
const codesOf = (list: readonly TaxonomyEntry[]) => list.map((entry) => entry.code)
const CSV_HEADER = 'code,kind,label_fr,label_en,parent,source,position'

function expectErrors(result: ReturnType<typeof parseTaxonomyFile>) {
  if (result.ok) throw new Error('expected the file to be refused')
  return result.errors
}
function expectOk(result: ReturnType<typeof parseTaxonomyFile>) {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`)
  return result
}

describe('bundled taxonomy v1', () => {
  it('is a valid taxonomy file', () => {
    expect(TaxonomyFileSchema.safeParse(v1).success).toBe(true)
    expect(BUNDLED_TAXONOMY_VERSION).toBe('2024.1')
    const reparsed = expectOk(parseTaxonomyFile(dataFile('taxonomy.v1.json'), 'json'))
    expect(reparsed.version).toBe('2024.1')
    expect(reparsed.entries).toEqual(entries)
  })

  it('has the expected counts per kind', () => {
    const count = (kind: (typeof TAXONOMY_KINDS)[number]) => entriesByKind(entries, kind).length
    expect(count('theme')).toBe(4)
    expect(count('engagement')).toBe(8)
    expect(count('region')).toBe(20)
    expect(count('sector')).toBeGreaterThanOrEqual(12)
    expect(count('technology')).toBeGreaterThanOrEqual(12)
    expect(codesOf(entriesByKind(entries, 'org_kind'))).toEqual([
      'ORG-STARTUP',
      'ORG-LABO',
      'ORG-INSTITUTION',
      'ORG-ENTREPRISE',
    ])
    expect(count('org_subkind')).toBe(13)
    expect(codesOf(entriesByKind(entries, 'theme'))).toEqual(['T1', 'T2', 'T3', 'T4'])
    expect(codesOf(entriesByKind(entries, 'engagement'))).toEqual(
      Array.from({ length: 8 }, (_, i) => `E0${i + 1}`),
    )
  })

  it('keeps the verified wording and marks E03 as the engagement Passerelle serves', () => {
    const byCode = new Map(entries.map((entry) => [entry.code, entry]))
    expect(byCode.get('E03')?.labelFr).toBe(
      'Créer des espaces de rencontres entre acteurs innovants',
    )
    expect(byCode.get('E06')?.labelFr).toBe(
      "Bâtir un plan d'actions évolutif « intelligence artificielle culturelle »",
    )
    expect(byCode.get('T3')?.labelFr).toBe(
      'Renforcer la souveraineté culturelle française, francophone et européenne',
    )
    const served = entries.filter((entry) => entry.meta?.servedByPasserelle === true)
    expect(codesOf(served)).toEqual(['E03'])
    for (const entry of [
      ...entriesByKind(entries, 'theme'),
      ...entriesByKind(entries, 'engagement'),
    ]) {
      expect(entry.source).toBe('strategie-2024')
    }
  })

  it('ships no official-looking défis, only sourced challenge tags under a theme', () => {
    const challenges = entriesByKind(entries, 'challenge')
    const themes = new Set(codesOf(entriesByKind(entries, 'theme')))
    expect(challenges.length).toBeGreaterThanOrEqual(8)
    for (const challenge of challenges) {
      expect(challenge.code).not.toMatch(/^D\d{2}$/)
      expect(themes.has(challenge.parent ?? '')).toBe(true)
      expect(['groupes-de-travail-2023', 'consultation-publique']).toContain(challenge.source)
      expect(
        challenge.code.startsWith(challenge.source === 'consultation-publique' ? 'CP-' : 'GT-'),
      ).toBe(true)
    }
    // Consultation topics already covered by a working group are merged into it.
    const labels = challenges.map((challenge) => challenge.labelFr.toLowerCase())
    expect(new Set(labels).size).toBe(labels.length)
    expect(challenges.some((challenge) => challenge.code === 'CP-IMMERSIF')).toBe(true)
  })

  it('has unique codes, labels in both languages, and sub-kinds under org kinds', () => {
    const codes = codesOf(entries)
    expect(new Set(codes).size).toBe(codes.length)
    for (const entry of entries) {
      expect(entry.labelFr.trim()).not.toBe('')
      expect(entry.labelEn.trim()).not.toBe('')
      expect(TaxonomyEntrySchema.safeParse(entry).success).toBe(true)
    }
    const orgKinds = new Set(codesOf(entriesByKind(entries, 'org_kind')))
    for (const sub of entriesByKind(entries, 'org_subkind')) {
      expect(orgKinds.has(sub.parent ?? '')).toBe(true)
    }
  })

  it('has the 18 regions with their INSEE codes, plus Europe and international', () => {
    const regions = entriesByKind(entries, 'region')
    const insee = regions.filter((region) => region.meta?.inseeCode !== undefined)
    expect(insee).toHaveLength(18)
    for (const region of insee) expect(region.code).toBe(`R-${String(region.meta?.inseeCode)}`)
    expect(insee.filter((region) => region.meta?.area === 'metropole')).toHaveLength(13)
    expect(
      insee.filter((region) => region.meta?.area === 'outre-mer').map((region) => region.labelFr),
    ).toEqual(['Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte'])
    const byCode = new Map(regions.map((region) => [region.code, region.labelFr]))
    expect(byCode.get('R-84')).toBe('Auvergne-Rhône-Alpes')
    expect(byCode.get('R-11')).toBe('Île-de-France')
    expect(byCode.get('R-94')).toBe('Corse')
    expect(byCode.get('R-EUROPE')).toBe('Europe')
    expect(byCode.get('R-INTL')).toBe('International / francophonie')
  })
})

describe('region neighbours', () => {
  const neighbours = loadRegionNeighbours()
  const regionCodes = new Set(codesOf(entriesByKind(entries, 'region')))
  const inseeRegions = entriesByKind(entries, 'region').filter((r) => r.meta?.inseeCode)

  it('references only region codes and covers every French region', () => {
    expect(Object.keys(neighbours.neighbours).sort()).toEqual(codesOf(inseeRegions).sort())
    for (const [code, list] of Object.entries(neighbours.neighbours)) {
      expect(regionCodes.has(code)).toBe(true)
      for (const other of list) {
        expect(regionCodes.has(other)).toBe(true)
        expect(other).not.toBe(code)
      }
    }
    for (const group of Object.values(neighbours.groups)) {
      const members = Array.isArray(group) ? group : [group.code, ...group.members]
      for (const member of members) expect(regionCodes.has(member)).toBe(true)
    }
  })

  it('is symmetric, and sea links are among the neighbours', () => {
    for (const [code, list] of Object.entries(neighbours.neighbours)) {
      for (const other of list) expect(neighbours.neighbours[other]).toContain(code)
    }
    for (const [a, b] of neighbours.seaLinks) expect(neighbours.neighbours[a]).toContain(b)
  })

  it('follows the map', () => {
    const n = neighbours.neighbours
    expect(n['R-53']).toEqual(['R-28', 'R-52'])
    expect(n['R-94']).toEqual(['R-93'])
    expect(n['R-11']).not.toContain('R-84')
    expect(n['R-01']).toEqual(['R-02', 'R-03'])
    expect(n['R-04']).toEqual(['R-06'])
    expect(neighbours.groups.europe).toMatchObject({ code: 'R-EUROPE' })
    expect(neighbours.groups.international).toMatchObject({ code: 'R-INTL' })
  })
})

describe('example défis files', () => {
  const json = parseTaxonomyFile(dataFile('defis.example.json'), 'json', {
    context: entries,
    allowExample: true,
  })
  const csv = parseTaxonomyFile(dataFile('defis.example.csv'), 'csv', {
    context: entries,
    allowExample: true,
  })

  it('parse to the same 24 défis, 6 per theme', () => {
    const fromJson = expectOk(json).entries
    expect(expectOk(csv).entries).toEqual(fromJson)
    expect(fromJson).toHaveLength(24)
    expect(codesOf(fromJson)).toEqual(
      Array.from({ length: 24 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`),
    )
    for (const theme of ['T1', 'T2', 'T3', 'T4']) {
      expect(fromJson.filter((d) => d.parent === theme)).toHaveLength(6)
    }
    expect(fromJson.every((d) => d.source === 'exemple' && d.kind === 'challenge')).toBe(true)
    expect(fromJson[6]?.labelFr).toBe('Défi 1 du thème 2 (libellé officiel à importer)')
    expect(fromJson[6]?.labelEn).toBe('Challenge 1 of theme 2 (official wording to import)')
  })

  it('are refused by default (placeholder source), and need the themes as context', () => {
    const refused = expectErrors(
      parseTaxonomyFile(dataFile('defis.example.csv'), 'csv', {
        context: entries,
      }),
    )
    expect(refused).toHaveLength(24)
    expect(refused[0]).toMatchObject({
      line: 2,
      code: 'example_source',
      entryCode: 'D01',
    })
    const noContext = expectErrors(
      parseTaxonomyFile(dataFile('defis.example.json'), 'json', {
        allowExample: true,
      }),
    )
    expect(noContext.every((issue) => issue.code === 'unknown_parent')).toBe(true)
  })

  it('import additively next to the working-group tags', () => {
    const plan = planTaxonomyImport(entries, expectOk(json), new Set(['GT-PUBLICS']), {
      mode: 'additive',
    })
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(plan.added).toHaveLength(24)
    expect(plan.removed).toEqual([])
    expect(plan.next).toHaveLength(entries.length + 24)
  })
})

describe('parseCsv', () => {
  it('handles quoted commas, escaped quotes, line breaks in quotes, BOM and CRLF', () => {
    const result = parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n"multi\r\nline",,x\r\n\r\nlast,"",end')
    expect(result).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
        { line: 2, fields: ['multi\r\nline', '', 'x'] },
        { line: 5, fields: ['last', '', 'end'] },
      ],
    })
  })

  it('reports an unterminated quote at the line it opens', () => {
    expect(parseCsv('a,b\n"open,\nstill open')).toEqual({
      ok: false,
      line: 2,
      reason: 'unterminated_quote',
    })
    expect(parseCsv('a,"b"c')).toMatchObject({
      ok: false,
      reason: 'text_after_quote',
    })
  })
})

describe('parseTaxonomyFile (CSV)', () => {
  it('reads labels with commas and quotes, BOM, CRLF, empty parent, semicolons', () => {
    const content =
      '\uFEFF' +
      [
        CSV_HEADER,
        'S-NEW,sector,"Arts, sciences et ""société""","Arts, science and ""society""",,passerelle,13',
        'S-NEW-SUB,sector,Sous-filière,Sub-sector,S-NEW,passerelle,',
      ].join('\r\n') +
      '\r\n'
    const parsed = expectOk(parseTaxonomyFile(content, 'csv'))
    expect(parsed.version).toBeNull()
    expect(parsed.entries).toEqual([
      {
        code: 'S-NEW',
        kind: 'sector',
        labelFr: 'Arts, sciences et "société"',
        labelEn: 'Arts, science and "society"',
        parent: null,
        source: 'passerelle',
        position: 13,
      },
      {
        code: 'S-NEW-SUB',
        kind: 'sector',
        labelFr: 'Sous-filière',
        labelEn: 'Sub-sector',
        parent: 'S-NEW',
        source: 'passerelle',
      },
    ])
    const semicolons = content.replaceAll(',', ';').replace('"Arts; sciences', '"Arts, sciences')
    expect(expectOk(parseTaxonomyFile(semicolons, 'csv')).entries[0]?.labelFr).toBe(
      'Arts, sciences et "société"',
    )
  })

  it('reports each problem with its line number', () => {
    const content = [
      CSV_HEADER,
      'S-A,sector,Filière A,Sector A,,passerelle,1', // 2 ok
      'S-A,sector,Doublon,Duplicate,,passerelle,2', // 3 duplicate
      'X01,challenge,Défi,Challenge,T1,strategie-2024,', // 4 bad code + unknown parent
      'GT-X,challenge,"",Empty French,T9,strategie-2024,', // 5 empty label
      'GT-Y,challenge,Sous un secteur,Under a sector,S-A,strategie-2024,', // 6 wrong parent kind
      'ORG-LABO-X,org_subkind,Sous-type,Sub-kind,,passerelle,', // 7 missing parent
      'S-B,sector,B,B,S-C,passerelle,', // 8 cycle
      'S-C,sector,"C, avec ""guillemets""",C,S-B,passerelle,', // 9 cycle
      'T5,theme,Thème,Theme,,inconnu,x', // 10 unknown source + bad position
      'S-D,sector,D', // 11 wrong column count
      'S-E,filiere,E,E,,passerelle,', // 12 unknown kind
    ].join('\n')
    const errors = expectErrors(parseTaxonomyFile(content, 'csv'))
    const found = errors.map(({ line, code }) => [line, code])
    expect(found).toEqual([
      [3, 'duplicate_code'],
      [4, 'bad_code_format'],
      [5, 'empty_label'],
      [6, 'wrong_parent_kind'],
      [7, 'missing_parent'],
      [8, 'cycle'],
      [9, 'cycle'],
      [10, 'unknown_source'],
      [10, 'bad_position'],
      [11, 'wrong_column_count'],
      [12, 'unknown_kind'],
    ])
    expect(errors[0]).toMatchObject({
      entryCode: 'S-A',
      params: { firstLine: 2 },
    })
    expect(errors[3]).toMatchObject({
      params: { parent: 'S-A', parentKind: 'sector', expected: 'theme' },
    })
    expect(errors[5]?.params.cycle).toBe('S-B → S-C → S-B')
  })

  it('reports unknown parents once the format is right', () => {
    const errors = expectErrors(
      parseTaxonomyFile(`${CSV_HEADER}\nD01,challenge,Défi,Challenge,T9,strategie-2024,1`, 'csv', {
        context: entries,
      }),
    )
    expect(errors).toEqual([
      {
        line: 2,
        code: 'unknown_parent',
        entryCode: 'D01',
        field: 'parent',
        params: { parent: 'T9' },
      },
    ])
  })

  it('counts lines of multi-line quoted fields', () => {
    const content = `${CSV_HEADER}\nS-A,sector,"Deux\nlignes",Two lines,,passerelle,\nS-A,sector,B,B,,passerelle,`
    const errors = expectErrors(parseTaxonomyFile(content, 'csv'))
    expect(errors).toMatchObject([{ line: 4, code: 'duplicate_code' }])
    const ok = expectOk(parseTaxonomyFile(content.split('\nS-A,sector,B')[0] ?? '', 'csv'))
    expect(ok.entries[0]?.labelFr).toBe('Deux lignes')
  })

  it('checks the header', () => {
    expect(expectErrors(parseTaxonomyFile('code,kind,label,parent\nx,y,z,w', 'csv'))).toEqual([
      { line: 1, code: 'unknown_column', params: { column: 'label' } },
      { line: 1, code: 'missing_column', params: { column: 'label_fr' } },
      { line: 1, code: 'missing_column', params: { column: 'label_en' } },
      { line: 1, code: 'missing_column', params: { column: 'source' } },
    ])
    expect(expectErrors(parseTaxonomyFile('', 'csv'))).toMatchObject([{ code: 'empty_file' }])
    expect(expectErrors(parseTaxonomyFile(`${CSV_HEADER}\n`, 'csv'))).toMatchObject([
      { code: 'empty_file' },
    ])
  })

  it('refuses a code whose format belongs to another kind (codes tell their kind)', () => {
    const errors = expectErrors(
      parseTaxonomyFile(`${CSV_HEADER}\nT1,sector,Ex-thème,Former theme,,passerelle,`, 'csv', {
        context: entries,
      }),
    )
    expect(errors).toMatchObject([{ line: 2, code: 'bad_code_format', params: { kind: 'sector' } }])
  })
})

describe('parseTaxonomyFile (JSON)', () => {
  const entry = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    kind: 'sector',
    labelFr: `Filière ${code}`,
    labelEn: `Sector ${code}`,
    parent: null,
    source: 'passerelle',
    ...extra,
  })

  it('reports the line where each faulty entry starts', () => {
    const content = JSON.stringify(
      {
        version: '2025.1',
        entries: [
          entry('S-A'),
          entry('S-B', { labelEn: '  ', meta: { note: 'a, "b"' } }),
          entry('S-A'),
        ],
      },
      null,
      2,
    )
    const errors = expectErrors(
      parseTaxonomyFile(`\uFEFF${content.replaceAll('\n', '\r\n')}`, 'json'),
    )
    const lines = content.split('\n')
    const startOf = (nth: number) =>
      lines.findIndex(
        (_, index) => lines.slice(0, index + 1).filter((l) => l === '    {').length === nth,
      ) + 1
    expect(errors).toEqual([
      {
        line: startOf(2),
        code: 'empty_label',
        entryCode: 'S-B',
        field: 'labelEn',
        params: {},
      },
      {
        line: startOf(3),
        code: 'duplicate_code',
        entryCode: 'S-A',
        field: 'code',
        params: { firstLine: startOf(1) },
      },
    ])
  })

  it('accepts a bare array and reports syntax errors with a line', () => {
    const parsed = expectOk(parseTaxonomyFile(JSON.stringify([entry('S-A')]), 'json'))
    expect(parsed.version).toBeNull()
    expect(parsed.entries).toHaveLength(1)
    const errors = expectErrors(
      parseTaxonomyFile('{\n  "version": "x",\n  "entries": [,]\n}', 'json'),
    )
    expect(errors).toMatchObject([{ code: 'invalid_json', line: 3 }])
    expect(expectErrors(parseTaxonomyFile('{"entries": 3}', 'json'))).toMatchObject([
      { code: 'invalid_file', line: 1 },
    ])
  })

  it('refuses unknown fields and parents on kinds without any', () => {
    const errors = expectErrors(
      parseTaxonomyFile(
        JSON.stringify([
          entry('S-A', { label_fr: 'typo' }),
          { ...entry('T5'), kind: 'theme', parent: 'T1' },
        ]),
        'json',
        { context: entries },
      ),
    )
    expect(errors.map((issue) => issue.code)).toEqual(['unknown_field', 'parent_not_allowed'])
  })
})

describe('planTaxonomyImport', () => {
  const sectors = entriesByKind(entries, 'sector')
  const withoutMusic = sectors.filter((entry) => entry.code !== 'S-MUSIQUE')

  it('refuses to drop codes in use, with the list', () => {
    const plan = planTaxonomyImport(entries, withoutMusic, new Set(['S-MUSIQUE', 'TECH-IA']))
    expect(plan).toEqual({
      ok: false,
      orphaned: ['S-MUSIQUE'],
      kindChanges: [],
      danglingParents: [],
    })
  })

  it('removes unused codes of the replaced kinds and keeps other kinds', () => {
    const plan = planTaxonomyImport(entries, withoutMusic, new Set(['TECH-IA']))
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(plan.kinds).toEqual(['sector'])
    expect(codesOf(plan.removed)).toEqual(['S-MUSIQUE'])
    expect(plan.added).toEqual([])
    expect(plan.updated).toEqual([])
    expect(plan.unchanged).toBe(sectors.length - 1)
    expect(plan.next).toHaveLength(entries.length - 1)
    expect(
      planTaxonomyImport(entries, withoutMusic, new Set(), {
        mode: 'additive',
      }),
    ).toMatchObject({
      ok: true,
      removed: [],
    })
  })

  it('accepts additions and relabels', () => {
    const incoming = [
      ...sectors.map((entry) =>
        entry.code === 'S-JEU-VIDEO' ? { ...entry, labelEn: 'Video games and esports' } : entry,
      ),
      {
        code: 'S-MODE',
        kind: 'sector' as const,
        labelFr: 'Mode',
        labelEn: 'Fashion',
        parent: null,
        source: 'passerelle' as const,
      },
    ]
    const plan = planTaxonomyImport(entries, { entries: incoming }, new Set(codesOf(entries)))
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(codesOf(plan.added)).toEqual(['S-MODE'])
    expect(plan.updated).toMatchObject([{ code: 'S-JEU-VIDEO', changes: ['labelEn'] }])
    expect(plan.updated[0]?.before.labelEn).toBe('Video games')
    expect(plan.removed).toEqual([])
  })

  it('refuses a replacement that would remove the parent of entries that stay', () => {
    const themes = entriesByKind(entries, 'theme').filter((entry) => entry.code !== 'T4')
    const plan = planTaxonomyImport(entries, themes, new Set())
    expect(plan.ok).toBe(false)
    if (plan.ok) return
    expect(plan.orphaned).toEqual([])
    expect(plan.danglingParents.map((item) => item.parent)).toEqual(
      entriesByKind(entries, 'challenge')
        .filter((entry) => entry.parent === 'T4')
        .map(() => 'T4'),
    )
  })

  it('refuses to give a code another kind', () => {
    const plan = planTaxonomyImport(entries, [{ ...sectors[0]!, code: 'TECH-IA' }], new Set(), {
      mode: 'additive',
    })
    expect(plan).toMatchObject({
      ok: false,
      kindChanges: [{ code: 'TECH-IA', from: 'technology', to: 'sector' }],
    })
  })

  it('replacing the challenge kind with the défis drops unused tags and keeps used ones out', () => {
    const defis = expectOk(
      parseTaxonomyFile(dataFile('defis.example.json'), 'json', {
        context: entries,
        allowExample: true,
      }),
    ).entries
    const refused = planTaxonomyImport(
      entries,
      defis,
      new Set(['GT-PUBLICS', 'CP-IMMERSIF', 'R-84']),
    )
    expect(refused).toMatchObject({
      ok: false,
      orphaned: ['CP-IMMERSIF', 'GT-PUBLICS'],
    })
    expect(mergeTaxonomy(entries, defis).filter((e) => e.kind === 'challenge')).toEqual(defis)
  })
})

describe('helpers', () => {
  it('labelFor picks the language with French as fallback', () => {
    const entry = { labelFr: 'Musique', labelEn: 'Music' }
    expect(labelFor(entry, 'fr')).toBe('Musique')
    expect(labelFor(entry, 'en')).toBe('Music')
    expect(labelFor(entry, 'en-GB')).toBe('Music')
    expect(labelFor(entry, 'de')).toBe('Musique')
  })

  it('entriesByKind orders by position', () => {
    const list = [
      { code: 'b', kind: 'sector' as const, position: 2 },
      { code: 'x', kind: 'sector' as const },
      { code: 'a', kind: 'sector' as const, position: 1 },
      { code: 't', kind: 'theme' as const, position: 0 },
    ]
    expect(entriesByKind(list, 'sector').map((entry) => entry.code)).toEqual(['a', 'b', 'x'])
  })
})
