// Relevance of the PostgreSQL engine on a small hand-built dataset (runs on PGlite and on the
// PostgreSQL server): accents, typos, prefixes, synonyms, facets, visibility, ranking.
import { beforeAll, describe, expect, test } from 'vitest'
import { buildOrganisation, type OrganisationSeed } from '../../../prisma/factories.ts'
import { prisma } from '~/utils/db.server.ts'
import { search, type SearchParams } from './search.server.ts'
import { drainSearchOutbox } from './outbox.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'

const DAY = 24 * 3600 * 1000

function organisation(overrides: Partial<OrganisationSeed> & { name: string }) {
  return buildOrganisation(undefined, {
    kind: 'startup',
    subKind: null,
    regionCode: 'R-11',
    city: 'Paris',
    pitchFr: '',
    pitchEn: '',
    descriptionFr: '',
    descriptionEn: '',
    offers: '',
    seeks: '',
    website: null,
    sectorCodes: [],
    technologyCodes: [],
    challengeCodes: [],
    verifiedAt: null,
    visibility: 'public',
    ...overrides,
  })
}

const orgs = {
  museum: organisation({
    name: "Musée d'art et d'histoire de Ribeauvillé",
    kind: 'institution',
    regionCode: 'R-44',
    city: 'Ribeauvillé',
    pitchFr: 'Un musée numérique qui numérise ses collections en 3D.',
    pitchEn: 'A digital museum scanning its collections in 3D.',
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-3D'],
    challengeCodes: ['GT-ARCHIVAGE'],
  }),
  lumen: organisation({
    name: 'Atelier Lumen',
    pitchFr: 'Nous créons des expériences en intelligence artificielle pour les lieux culturels.',
    sectorCodes: ['S-SPECTACLE-VIVANT'],
    challengeCodes: ['GT-CREATION'],
  }),
  holo: organisation({
    name: 'Holo Scène',
    pitchFr: 'Des dispositifs pour les salles de concert.',
    technologyCodes: ['TECH-IA'],
    sectorCodes: ['S-MUSIQUE'],
    challengeCodes: ['GT-DATA-IA'],
  }),
  scanning: organisation({
    name: 'Numérisation Patrimoine Services',
    kind: 'company',
    regionCode: 'R-53',
    city: 'Rennes',
    pitchFr: 'Campagnes de numérisation pour les fonds anciens.',
    sectorCodes: ['S-ARCHIVES'],
    technologyCodes: ['TECH-3D'],
    challengeCodes: ['GT-ARCHIVAGE'],
  }),
  sound: organisation({
    name: 'Cartographie Sonore',
    regionCode: 'R-53',
    city: 'Brest',
    pitchFr: 'Parcours audio géolocalisés.',
    descriptionFr: 'Nous avons accompagné un musée de la marine pour ses visites.',
    technologyCodes: ['TECH-AUDIO'],
    sectorCodes: ['S-PATRIMOINE'],
  }),
  library: organisation({
    name: 'Bibliothèque Ouverte de Lorient',
    kind: 'institution',
    regionCode: 'R-53',
    pitchFr: 'Une bibliothèque tournée vers les publics.',
    sectorCodes: ['S-LIVRE'],
    challengeCodes: ['GT-PUBLICS'],
  }),
  draft: organisation({
    name: 'Musée Secret Zéphyrin',
    visibility: 'draft',
    pitchFr: 'Musée numérique en intelligence artificielle.',
  }),
  membersOnly: organisation({
    name: 'Musée Réservé Quintessence',
    visibility: 'members',
    pitchFr: 'Un musée visible des seuls membres connectés.',
  }),
  unpublished: organisation({
    name: 'Musée Dépublié Xylophage',
    unpublishedAt: new Date(),
    pitchFr: 'Masqué par un administrateur.',
  }),
  unsafe: organisation({
    name: '<script>alert(1)</script> Galerie Vorpale',
    pitchFr: 'Un <b>nom</b> piégé pour vérifier l’échappement.',
  }),
}

const needs = {
  open: {
    id: crypto.randomUUID(),
    organisationId: orgs.museum.id,
    title: 'Numériser nos archives photographiques',
    description: 'Nous cherchons un prestataire pour numériser dix mille plaques de verre.',
    regionCode: 'R-44',
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-3D'],
    challengeCodes: ['GT-ARCHIVAGE'],
    anonymous: false,
    expiresAt: new Date(Date.now() + 30 * DAY),
  },
  anonymous: {
    id: crypto.randomUUID(),
    organisationId: orgs.museum.id,
    title: 'Visite immersive en réalité virtuelle',
    description: 'Une visite en casque pour les scolaires.',
    regionCode: 'R-44',
    technologyCodes: ['TECH-XR'],
    challengeCodes: ['CP-IMMERSIF'],
    anonymous: true,
    expiresAt: new Date(Date.now() + 30 * DAY),
  },
  expired: {
    id: crypto.randomUUID(),
    organisationId: orgs.museum.id,
    title: 'Numériser les herbiers (expiré)',
    description: 'Besoin expiré.',
    regionCode: 'R-44',
    expiresAt: new Date(Date.now() - DAY),
  },
  closed: {
    id: crypto.randomUUID(),
    organisationId: orgs.museum.id,
    title: 'Numériser les affiches (pourvu)',
    description: 'Besoin pourvu.',
    regionCode: 'R-44',
    status: 'fulfilled' as const,
    expiresAt: new Date(Date.now() + 30 * DAY),
  },
  ofDraft: {
    id: crypto.randomUUID(),
    organisationId: orgs.draft.id,
    title: 'Numériser le fonds secret',
    description: 'Besoin d’un brouillon.',
    regionCode: 'R-11',
    expiresAt: new Date(Date.now() + 30 * DAY),
  },
}

function params(overrides: Partial<SearchParams> = {}): SearchParams {
  return {
    query: '',
    type: 'organisations',
    filters: {},
    page: 1,
    pageSize: 20,
    language: 'fr',
    signedIn: false,
    ...overrides,
  }
}

async function titles(overrides: Partial<SearchParams>) {
  const result = await search(params(overrides), { engine: null })
  return result.hits.map((hit) => hit.title)
}

beforeAll(async () => {
  await ensureBundledTaxonomy()
  await prisma.organisation.createMany({ data: Object.values(orgs) })
  await prisma.need.createMany({ data: Object.values(needs) })
  // The worker adds the documents' words to the typo-correction vocabulary.
  await drainSearchOutbox({ sink: null })
})

describe('PostgreSQL search: matching', () => {
  test('accents are ignored: "musee" finds « Musée »', async () => {
    expect(await titles({ query: 'musee' })).toContain(orgs.museum.name)
  })

  test('a typo is corrected when nothing matches: "musee numerque"', async () => {
    const result = await search(params({ query: 'musee numerque' }), { engine: null })
    expect(result.hits.map((hit) => hit.title)).toContain(orgs.museum.name)
    expect(result.typoCorrected).toBe(true)
  })

  test('a typo in a name is found through trigram similarity: "bibliotheque ouvrte"', async () => {
    expect(await titles({ query: 'bibliotheque ouvrte' })).toContain(orgs.library.name)
  })

  test('the last word is a prefix while typing: "numéri" and "mus"', async () => {
    const numeri = await titles({ query: 'numéri' })
    expect(numeri).toEqual(expect.arrayContaining([orgs.scanning.name, orgs.museum.name]))
    expect(await titles({ query: 'mus' })).toContain(orgs.museum.name)
    // Once the word is finished (typed space), it is no longer a prefix.
    expect(await titles({ query: 'mus ' })).not.toContain(orgs.museum.name)
  })

  test('synonyms: "IA" finds a profile that says « intelligence artificielle »', async () => {
    expect(await titles({ query: 'IA' })).toContain(orgs.lumen.name)
    expect(await titles({ query: 'AI' })).toContain(orgs.lumen.name)
  })

  test('tag labels are searchable: a profile tagged TECH-IA matches "intelligence artificielle"', async () => {
    expect(await titles({ query: 'intelligence artificielle' })).toEqual(
      expect.arrayContaining([orgs.holo.name, orgs.lumen.name]),
    )
  })

  test('synonyms across languages: "museum" finds « musée », "library" finds « bibliothèque »', async () => {
    expect(await titles({ query: 'museum' })).toContain(orgs.museum.name)
    expect(await titles({ query: 'library' })).toContain(orgs.library.name)
  })

  test('the name ranks above the description', async () => {
    const found = await titles({ query: 'musée' })
    expect(found).toContain(orgs.sound.name)
    expect(found.indexOf(orgs.museum.name)).toBeLessThan(found.indexOf(orgs.sound.name))
  })

  test('matches are highlighted as safe HTML', async () => {
    const [museum] = (await search(params({ query: 'musee' }), { engine: null })).hits
    expect(museum.titleHtml).toBe('<mark>Musée</mark> d&#39;art et d&#39;histoire de Ribeauvillé')
    expect(museum.snippetHtml).toContain('<mark>musée</mark>')
    const [unsafe] = (await search(params({ query: 'vorpale' }), { engine: null })).hits
    expect(unsafe.titleHtml).not.toContain('<script>')
    expect(unsafe.titleHtml).toContain('<mark>Vorpale</mark>')
    expect(unsafe.snippetHtml).not.toMatch(/<(?!\/?mark>)/)
  })
})

describe('PostgreSQL search: visibility', () => {
  test('drafts are never returned, even to signed-in people', async () => {
    for (const signedIn of [false, true]) {
      expect(await titles({ query: 'Zéphyrin', signedIn })).toEqual([])
      expect(await titles({ query: 'musée', signedIn })).not.toContain(orgs.draft.name)
    }
  })

  test('members-only profiles are returned to signed-in people only', async () => {
    expect(await titles({ query: 'Quintessence' })).toEqual([])
    expect(await titles({ query: 'Quintessence', signedIn: true })).toEqual([orgs.membersOnly.name])
  })

  test('profiles unpublished by an admin are not returned', async () => {
    expect(await titles({ query: 'Xylophage', signedIn: true })).toEqual([])
  })

  test('a profile that becomes a draft leaves the index in the same transaction', async () => {
    await prisma.organisation.update({
      where: { id: orgs.library.id },
      data: { visibility: 'draft' },
    })
    expect(await titles({ query: 'Lorient' })).toEqual([])
    await prisma.organisation.update({
      where: { id: orgs.library.id },
      data: { visibility: 'public' },
    })
    expect(await titles({ query: 'Lorient' })).toEqual([orgs.library.name])
  })
})

describe('PostgreSQL search: needs', () => {
  test('open needs of visible organisations only (not expired, closed, or of a draft)', async () => {
    const found = await titles({ type: 'needs', query: 'numériser', signedIn: true })
    expect(found).toEqual([needs.open.title])
  })

  test('an anonymous need never shows its organisation, and its name does not find it', async () => {
    const result = await search(params({ type: 'needs', query: 'réalité virtuelle' }), {
      engine: null,
    })
    expect(result.hits).toHaveLength(1)
    expect(result.hits[0]).toMatchObject({
      title: needs.anonymous.title,
      organisationName: null,
      slug: null,
      kind: null,
    })
    expect(JSON.stringify(result)).not.toContain('Ribeauvillé')
    expect(await titles({ type: 'needs', query: 'Ribeauvillé' })).toEqual([needs.open.title])
  })

  test('a need whose organisation becomes a draft disappears', async () => {
    await prisma.organisation.update({
      where: { id: orgs.museum.id },
      data: { visibility: 'draft' },
    })
    expect(await titles({ type: 'needs', query: 'numériser' })).toEqual([])
    await prisma.organisation.update({
      where: { id: orgs.museum.id },
      data: { visibility: 'public' },
    })
    expect(await titles({ type: 'needs', query: 'numériser' })).toEqual([needs.open.title])
  })
})

describe('PostgreSQL search: facets and pages', () => {
  test('facet counts are right and filters combine (OR inside a facet, AND between)', async () => {
    const all = await search(params({ query: 'patrimoine' }), { engine: null })
    // « patrimoine » matches the S-PATRIMOINE label (museum, sound) and the name of « scanning ».
    expect(all.hits.map((hit) => hit.title).sort()).toEqual(
      [orgs.museum.name, orgs.scanning.name, orgs.sound.name].sort(),
    )
    expect(all.facets.region).toEqual([
      { value: 'R-53', count: 2 },
      { value: 'R-44', count: 1 },
    ])
    expect(all.facets.sector).toEqual(
      expect.arrayContaining([
        { value: 'S-PATRIMOINE', count: 2 },
        { value: 'S-ARCHIVES', count: 1 },
      ]),
    )
    expect(all.facets.theme).toEqual([{ value: 'T3', count: 2 }])
    expect(all.facetsAreEstimates).toBe(false)

    const brittany = await search(params({ query: 'patrimoine', filters: { region: ['R-53'] } }), {
      engine: null,
    })
    expect(brittany.total).toBe(2)
    // Other regions keep their counts so that they can be added.
    expect(brittany.facets.region).toEqual([
      { value: 'R-53', count: 2 },
      { value: 'R-44', count: 1 },
    ])
    expect(brittany.facets.sector).toEqual(
      expect.arrayContaining([
        { value: 'S-PATRIMOINE', count: 1 },
        { value: 'S-ARCHIVES', count: 1 },
      ]),
    )

    const combined = await titles({
      query: 'patrimoine',
      filters: { region: ['R-53', 'R-44'], technology: ['TECH-3D'] },
    })
    expect(combined.sort()).toEqual([orgs.museum.name, orgs.scanning.name].sort())
    expect(
      await titles({ query: 'patrimoine', filters: { region: ['R-53'], theme: ['T3'] } }),
    ).toEqual([orgs.scanning.name])
  })

  test('an empty query lists every visible profile with exact counts', async () => {
    const result = await search(params(), { engine: null })
    expect(result.total).toBe(7)
    expect(result.totalIsLowerBound).toBe(false)
    expect(result.facets.kind).toEqual(
      expect.arrayContaining([
        { value: 'startup', count: 4 },
        { value: 'institution', count: 2 },
        { value: 'company', count: 1 },
      ]),
    )
  })

  test('pages split the results', async () => {
    const first = await search(params({ pageSize: 3 }), { engine: null })
    const second = await search(params({ pageSize: 3, page: 2 }), { engine: null })
    const third = await search(params({ pageSize: 3, page: 3 }), { engine: null })
    expect(first.pageCount).toBe(3)
    const ids = [...first.hits, ...second.hits, ...third.hits].map((hit) => hit.id)
    expect(new Set(ids).size).toBe(7)
  })
})
