import fc from 'fast-check'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import enCatalogue from '~/locales/en/matching.json'
import frCatalogue from '~/locales/fr/matching.json'
import {
  cosineSimilarity,
  countTagDocFrequency,
  explainProfilePair,
  feedbackSimilarity,
  formatReasons,
  matchingWeights,
  ORG_KINDS,
  offeredTechnologies,
  prepareProfile,
  rankCandidates,
  rankNeedCandidates,
  rarestTags,
  REASON_CODES,
  recencyFactor,
  renderReason,
  scoreNeedCandidate,
  scoreProfilePair,
  soughtTechnologies,
  termVector,
  tokenize,
  type Locale,
  type MatchContext,
  type MatchNeed,
  type MatchProfile,
  type MatchResult,
  type Reason,
  type ReasonCode,
  type ReasonTag,
  type TranslateFn,
} from './matching.server.ts'

// ─── Fixtures ───────────────────────────────────────────────────────────────────────────────

const NOW = new Date('2025-06-01T12:00:00Z')
const DAY_MS = 24 * 60 * 60 * 1000

const LABELS = new Map(
  Object.entries({
    'GT-DATA-IA': { fr: 'Données et IA', en: 'Data and AI' },
    'GT-PUBLICS': {
      fr: 'Publics et numérique',
      en: 'Audiences and digital technology',
    },
    'GT-ARCHIVAGE': { fr: 'Archivage numérique', en: 'Digital archiving' },
    'GT-CREATION': {
      fr: 'Création artistique en environnement numérique',
      en: 'Artistic creation',
    },
    'GT-ECOLOGIE': {
      fr: 'Impact écologique du numérique',
      en: 'Environmental impact',
    },
    'CP-IMMERSIF': {
      fr: 'Métavers et immersif',
      en: 'Metaverse and immersive experiences',
    },
    D01: { fr: 'Défi 1', en: 'Challenge 1' },
    T1: {
      fr: 'Renouer avec les publics et leurs usages',
      en: 'Reconnecting with audiences',
    },
    T2: {
      fr: "Renouveler l'offre culturelle",
      en: 'Renewing the cultural offer',
    },
    T3: {
      fr: 'Renforcer la souveraineté culturelle',
      en: 'Strengthening cultural sovereignty',
    },
    T4: {
      fr: 'Imaginer les nouveaux métiers',
      en: 'Imagining new professions',
    },
    E02: {
      fr: 'Outiller la gestion des données',
      en: 'Tooling data management',
    },
    E06: { fr: 'Intelligence artificielle culturelle', en: 'Cultural AI' },
    E07: {
      fr: 'Impacts écologiques du numérique',
      en: 'Environmental impacts',
    },
    'S-PATRIMOINE': { fr: 'Patrimoine et musées', en: 'Heritage and museums' },
    'S-ARCHIVES': { fr: 'Archives', en: 'Archives' },
    'S-SPECTACLE-VIVANT': { fr: 'Spectacle vivant', en: 'Performing arts' },
    'S-MUSIQUE': { fr: 'Musique', en: 'Music' },
    'TECH-3D': { fr: 'numérisation 3D', en: '3D digitisation' },
    'TECH-IA': {
      fr: 'intelligence artificielle',
      en: 'artificial intelligence',
    },
    'TECH-XR': { fr: 'XR et immersif', en: 'XR and immersive' },
    'TECH-DATA': { fr: 'données et open data', en: 'data and open data' },
    'TECH-AUDIO': { fr: 'son spatial et audio', en: 'spatial sound and audio' },
    'R-76': { fr: 'Occitanie', en: 'Occitanie' },
    'R-75': { fr: 'Nouvelle-Aquitaine', en: 'Nouvelle-Aquitaine' },
    'R-84': { fr: 'Auvergne-Rhône-Alpes', en: 'Auvergne-Rhône-Alpes' },
    'R-93': {
      fr: "Provence-Alpes-Côte d'Azur",
      en: "Provence-Alpes-Côte d'Azur",
    },
    'R-11': { fr: 'Île-de-France', en: 'Île-de-France' },
    'R-53': { fr: 'Bretagne', en: 'Brittany' },
    'R-01': { fr: 'Guadeloupe', en: 'Guadeloupe' },
    'R-EUROPE': { fr: 'Europe', en: 'Europe' },
    'R-INTL': {
      fr: 'International / francophonie',
      en: 'International / French-speaking world',
    },
  }),
)

const CHALLENGES = [
  'GT-DATA-IA',
  'GT-PUBLICS',
  'GT-ARCHIVAGE',
  'GT-CREATION',
  'GT-ECOLOGIE',
  'CP-IMMERSIF',
  'D01',
]
const THEMES = ['T1', 'T2', 'T3', 'T4']
const ENGAGEMENTS = ['E02', 'E06', 'E07']
const SECTORS = ['S-PATRIMOINE', 'S-ARCHIVES', 'S-SPECTACLE-VIVANT', 'S-MUSIQUE']
const TECHNOLOGIES = ['TECH-3D', 'TECH-IA', 'TECH-XR', 'TECH-DATA', 'TECH-AUDIO']
const REGIONS = ['R-76', 'R-75', 'R-84', 'R-93', 'R-11', 'R-53', 'R-01', 'R-EUROPE', 'R-INTL', '']
const ALL_TAGS = [...CHALLENGES, ...THEMES, ...ENGAGEMENTS, ...SECTORS, ...TECHNOLOGIES]
const FRENCH_REGIONS = ['R-76', 'R-75', 'R-84', 'R-93', 'R-11', 'R-53', 'R-01']

const BASE_DOC_FREQUENCY: Record<string, number> = {
  'GT-DATA-IA': 40,
  'GT-PUBLICS': 120,
  'GT-ARCHIVAGE': 200,
  'GT-CREATION': 450,
  'GT-ECOLOGIE': 60,
  'CP-IMMERSIF': 90,
  D01: 3,
  T1: 400,
  T2: 420,
  T3: 380,
  T4: 300,
  E02: 200,
  E06: 150,
  E07: 80,
  'S-PATRIMOINE': 350,
  'S-ARCHIVES': 80,
  'S-SPECTACLE-VIVANT': 200,
  'S-MUSIQUE': 150,
  'TECH-3D': 30,
  'TECH-IA': 250,
  'TECH-XR': 100,
  'TECH-DATA': 300,
  'TECH-AUDIO': 50,
}

function makeContext(overrides: Partial<MatchContext> = {}): MatchContext {
  return {
    totalOrgs: 1000,
    tagDocFrequency: new Map(Object.entries(BASE_DOC_FREQUENCY)),
    challengeToTheme: new Map([
      ['GT-DATA-IA', 'T3'],
      ['GT-PUBLICS', 'T1'],
      ['GT-ARCHIVAGE', 'T3'],
      ['GT-CREATION', 'T2'],
      ['GT-ECOLOGIE', 'T4'],
      ['CP-IMMERSIF', 'T2'],
    ]),
    challengeToEngagements: new Map([
      ['GT-DATA-IA', ['E06', 'E02']],
      ['GT-ARCHIVAGE', ['E02']],
      ['GT-ECOLOGIE', ['E07']],
    ]),
    // Deliberately one-sided for some pairs: neighbourhood must be read symmetrically.
    regionNeighbours: new Map([
      ['R-76', ['R-75', 'R-84', 'R-93']],
      ['R-84', ['R-93']],
    ]),
    regionGroups: new Map([
      ['R-EUROPE', FRENCH_REGIONS],
      ['R-INTL', ['R-EUROPE', ...FRENCH_REGIONS]],
    ]),
    labels: LABELS,
    now: NOW,
    ...overrides,
  }
}

const ctx = makeContext()

function makeProfile(overrides: Partial<MatchProfile> & Pick<MatchProfile, 'id'>): MatchProfile {
  return {
    kind: 'startup',
    name: overrides.id,
    regionCode: 'R-11',
    languages: ['fr'],
    challengeCodes: [],
    themeCodes: [],
    engagementCodes: [],
    sectorCodes: [],
    technologyCodes: [],
    offersText: '',
    seeksText: '',
    lastActiveAt: NOW,
    ...overrides,
  }
}

const museumSeeking3d = makeProfile({
  id: 'musee-fabre',
  kind: 'institution',
  subKind: 'ORG-INSTITUTION-MUSEE',
  regionCode: 'R-76',
  challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
  sectorCodes: ['S-PATRIMOINE'],
  technologyCodes: ['TECH-3D'],
  seeksText: 'Numérisation 3D de nos collections de sculptures pour une visite immersive',
  offersText: 'Un terrain d’expérimentation : collections, publics et médiateurs',
})

const scanningStartup = makeProfile({
  id: 'scan3d-montpellier',
  kind: 'startup',
  regionCode: 'R-76',
  challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
  sectorCodes: ['S-PATRIMOINE'],
  technologyCodes: ['TECH-3D', 'TECH-XR'],
  offersText:
    'Scanning 3D et numérisation photogrammétrique des collections et sculptures de musées',
  seeksText: 'Des musées partenaires pour tester nos scanners',
})

const museumElsewhere = makeProfile({
  id: 'musee-bretagne',
  kind: 'institution',
  subKind: 'ORG-INSTITUTION-MUSEE',
  regionCode: 'R-53',
  challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
  sectorCodes: ['S-PATRIMOINE'],
  technologyCodes: ['TECH-3D'],
  seeksText: 'Numériser nos collections en 3D',
  offersText: 'Des collections de peinture bretonne',
})

// ─── Tiny i18next-like `t` built from the JSON catalogues ─────────────────────────────────────

type Catalogue = Record<string, unknown>

function tinyT(catalogue: Catalogue, locale: Locale): TranslateFn {
  const pluralRules = new Intl.PluralRules(locale)
  const lookup = (key: string): unknown =>
    key
      .split('.')
      .reduce<unknown>(
        (node, part) =>
          node !== null && typeof node === 'object' ? (node as Catalogue)[part] : undefined,
        catalogue,
      )
  return (key, options = {}) => {
    const keys =
      typeof options.count === 'number'
        ? [`${key}_${pluralRules.select(options.count)}`, key]
        : [key]
    const template = keys.map(lookup).find((value): value is string => typeof value === 'string')
    if (template === undefined)
      return typeof options.defaultValue === 'string' ? options.defaultValue : key
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
      name in options ? String(options[name]) : placeholder,
    )
  }
}

const translators: Record<Locale, TranslateFn> = {
  fr: tinyT(frCatalogue, 'fr'),
  en: tinyT(enCatalogue, 'en'),
}

function render(reason: Reason, locale: Locale = 'fr'): string {
  return renderReason(reason, translators[locale], locale)
}

function reasonOf(result: MatchResult, code: ReasonCode): Reason | undefined {
  return result.reasons.find((reason) => reason.code === code)
}

function tag(code: string): ReasonTag {
  return { code, label: LABELS.get(code) ?? { fr: code, en: code } }
}

// ─── Text ───────────────────────────────────────────────────────────────────────────────────

describe('tokenizer', () => {
  it('folds case and accents, drops stop-words and numbers, strips plurals', () => {
    expect(tokenize('Les Musées et LES archives de 2024').map(({ stem }) => stem)).toEqual([
      'musee',
      'archive',
    ])
    expect(tokenize('Œuvres, réseaux, jeux, patrimoniaux').map(({ stem }) => stem)).toEqual([
      'oeuvre',
      'reseau',
      'jeu',
      'patrimonial',
    ])
  })

  it('keeps the surface form for explanations', () => {
    expect(tokenize('Numérisation 3D')).toEqual([
      { stem: 'numeris', surface: 'numérisation' },
      { stem: '3d', surface: '3d' },
    ])
  })

  it('conflates common French and English derivations', () => {
    const stemsOf = (text: string): string[] => tokenize(text).map(({ stem }) => stem)
    expect(stemsOf('numérisation numériser numérisations')).toEqual([
      'numeris',
      'numeris',
      'numeris',
    ])
    expect(stemsOf('scanner scanning scanners')).toEqual(['scann', 'scann', 'scann'])
    expect(stemsOf('technologies technology stratégie strategy')).toEqual([
      'technologie',
      'technologie',
      'strategie',
      'strategie',
    ])
    expect(stemsOf('digitization digitizing')).toEqual(['digitiz', 'digitiz'])
  })

  it('computes cosine similarity on term frequencies', () => {
    const a = termVector('numérisation 3D des collections')
    expect(cosineSimilarity(a, termVector('Collections : numériser en 3D !'))).toBeCloseTo(1)
    expect(cosineSimilarity(a, termVector('billetterie et CRM'))).toBe(0)
    expect(cosineSimilarity(a, termVector(''))).toBe(0)
    const partial = cosineSimilarity(a, termVector('numérisation de partitions'))
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(1)
  })
})

// ─── Hand-built rankings ────────────────────────────────────────────────────────────────────

describe('hand-built cases', () => {
  it('ranks a 3D-scanning startup of the same region above a museum elsewhere', () => {
    const ranking = rankCandidates(museumSeeking3d, [museumElsewhere, scanningStartup], ctx)
    expect(ranking.map(({ candidateId }) => candidateId)).toEqual([
      'scan3d-montpellier',
      'musee-bretagne',
    ])
    const [best] = ranking
    const codes = best!.reasons.map(({ code }) => code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'shared_challenges',
        'tech_offer_matches_seek',
        'text_match',
        'same_region',
      ]),
    )
    expect(best!.score).toBeGreaterThan(ranking[1]!.score + 15)
    expect(render(reasonOf(best!, 'same_region')!)).toBe('Même région : Occitanie')
    expect(render(reasonOf(best!, 'tech_offer_matches_seek')!)).toBe(
      'Ils proposent ce que vous cherchez : numérisation 3D',
    )
    expect(render(reasonOf(best!, 'text_match')!)).toMatch(
      /^Leur offre répond à ce que vous cherchez : .*numérisation/,
    )
  })

  it('lets a rarer shared challenge beat a very common one', () => {
    const source = makeProfile({
      id: 'source',
      kind: 'institution',
      challengeCodes: ['D01', 'GT-CREATION'],
    })
    const sharesRare = makeProfile({ id: 'b-rare', challengeCodes: ['D01'] })
    const sharesCommon = makeProfile({
      id: 'a-common',
      challengeCodes: ['GT-CREATION'],
    })
    const ranking = rankCandidates(source, [sharesCommon, sharesRare], ctx)
    expect(ranking.map(({ candidateId }) => candidateId)).toEqual(['b-rare', 'a-common'])
    expect(ranking[0]!.score).toBeGreaterThan(ranking[1]!.score)
  })

  it('orders challenge tags in explanations by rarity and renders the plural', () => {
    const source = makeProfile({
      id: 'source',
      kind: 'institution',
      challengeCodes: ['GT-ARCHIVAGE', 'GT-PUBLICS', 'GT-DATA-IA'],
    })
    const candidate = makeProfile({
      id: 'candidate',
      challengeCodes: ['GT-DATA-IA', 'GT-ARCHIVAGE', 'GT-PUBLICS'],
    })
    const reason = reasonOf(scoreProfilePair(source, candidate, ctx), 'shared_challenges')!
    expect(render(reason, 'fr')).toBe(
      '3 défis en commun : Données et IA, Publics et numérique, Archivage numérique',
    )
    expect(render(reason, 'en')).toBe(
      '3 shared challenges: Data and AI, Audiences and digital technology, Digital archiving',
    )
  })

  it('values an exact challenge above a theme or engagement shared through different challenges', () => {
    const source = makeProfile({
      id: 'source',
      kind: 'institution',
      challengeCodes: ['GT-DATA-IA'],
    })
    const sameChallenge = makeProfile({
      id: 'same-challenge',
      challengeCodes: ['GT-DATA-IA'],
    })
    const sameTheme = makeProfile({
      id: 'same-theme',
      challengeCodes: ['GT-ARCHIVAGE'],
    })
    const nothing = makeProfile({
      id: 'nothing',
      challengeCodes: ['GT-ECOLOGIE'],
    })
    const scores = [sameChallenge, sameTheme, nothing].map(
      (candidate) => explainProfilePair(source, candidate, ctx).points,
    )
    expect(scores[0]).toBeGreaterThan(scores[1]!)
    expect(scores[1]).toBeGreaterThan(scores[2]!)

    // GT-DATA-IA and GT-ARCHIVAGE are both under T3 and both imply E02.
    const broader = explainProfilePair(source, sameTheme, ctx).contributions
    expect(broader.find(({ code }) => code === 'shared_themes')?.params).toEqual({
      tags: [tag('T3')],
    })
    expect(broader.find(({ code }) => code === 'shared_engagements')?.params).toEqual({
      tags: [tag('E02')],
    })
    // Implied by the shared challenge itself: not repeated as a broader match.
    const exact = explainProfilePair(source, sameChallenge, ctx).contributions.map(
      ({ code }) => code,
    )
    expect(exact).toContain('shared_challenges')
    expect(exact).not.toContain('shared_themes')
    expect(exact).not.toContain('shared_engagements')
  })

  it('orders kind pairs: startup↔institution > lab↔institution > startup↔lab > same kind > 0', () => {
    const pairScore = (a: MatchProfile['kind'], b: MatchProfile['kind']): number =>
      explainProfilePair(
        makeProfile({ id: 'a', kind: a, challengeCodes: ['GT-PUBLICS'] }),
        makeProfile({ id: 'b', kind: b, challengeCodes: ['GT-PUBLICS'] }),
        ctx,
      ).points
    const startupInstitution = pairScore('startup', 'institution')
    const labInstitution = pairScore('lab', 'institution')
    const startupLab = pairScore('startup', 'lab')
    const companyInstitution = pairScore('company', 'institution')
    const sameKind = pairScore('institution', 'institution')
    expect(startupInstitution).toBeGreaterThan(labInstitution)
    expect(labInstitution).toBeGreaterThan(startupLab)
    expect(startupInstitution).toBeGreaterThan(companyInstitution)
    expect(companyInstitution).toBeGreaterThan(startupLab)
    expect(startupLab).toBeGreaterThan(sameKind)
    const sameKindReason = explainProfilePair(
      makeProfile({ id: 'a', kind: 'lab', challengeCodes: ['GT-PUBLICS'] }),
      makeProfile({ id: 'b', kind: 'lab', challengeCodes: ['GT-PUBLICS'] }),
      ctx,
    ).contributions.find(({ code }) => code === 'same_kind')
    expect(sameKindReason?.weight).toBeGreaterThan(0)
  })

  it('orders regions: same > neighbour (either side listing it) > group > unrelated', () => {
    const pointsFor = (sourceRegion: string, candidateRegion: string): number =>
      explainProfilePair(
        makeProfile({
          id: 'a',
          kind: 'institution',
          regionCode: sourceRegion,
          challengeCodes: ['GT-PUBLICS'],
        }),
        makeProfile({
          id: 'b',
          regionCode: candidateRegion,
          challengeCodes: ['GT-PUBLICS'],
        }),
        ctx,
      ).points
    const same = pointsFor('R-76', 'R-76')
    const neighbour = pointsFor('R-76', 'R-75')
    expect(pointsFor('R-75', 'R-76')).toBe(neighbour) // only R-76 lists R-75
    const group = pointsFor('R-76', 'R-EUROPE')
    const unrelated = pointsFor('R-76', 'R-53')
    expect(same).toBeGreaterThan(neighbour)
    expect(neighbour).toBeGreaterThan(group)
    expect(group).toBeGreaterThan(unrelated)
    expect(pointsFor('R-EUROPE', 'R-INTL')).toBe(group)

    const neighbourReason = reasonOf(
      scoreProfilePair(
        makeProfile({
          id: 'a',
          kind: 'institution',
          regionCode: 'R-75',
          challengeCodes: ['GT-PUBLICS'],
        }),
        makeProfile({
          id: 'b',
          regionCode: 'R-76',
          challengeCodes: ['GT-PUBLICS'],
        }),
        ctx,
      ),
      'neighbour_region',
    )!
    expect(render(neighbourReason)).toBe('Région voisine : Occitanie')
    expect(render(neighbourReason, 'en')).toBe('Neighbouring region: Occitanie')
  })

  it('matches what each side seeks against what the other offers, in both directions', () => {
    const institution = makeProfile({
      id: 'theatre',
      kind: 'institution',
      technologyCodes: ['TECH-AUDIO'],
    })
    const startup = makeProfile({
      id: 'sound-startup',
      kind: 'startup',
      technologyCodes: ['TECH-AUDIO'],
      seeksTechnologyCodes: ['TECH-DATA'],
    })
    expect(soughtTechnologies(institution)).toEqual(['TECH-AUDIO'])
    expect(offeredTechnologies(institution)).toEqual([])
    expect(offeredTechnologies(startup)).toEqual(['TECH-AUDIO'])

    const fromInstitution = explainProfilePair(institution, startup, ctx).contributions.map(
      ({ code }) => code,
    )
    expect(fromInstitution).toContain('tech_offer_matches_seek')
    const fromStartup = explainProfilePair(startup, institution, ctx).contributions.map(
      ({ code }) => code,
    )
    expect(fromStartup).toContain('tech_seek_matches_offer')
    expect(fromStartup).not.toContain('tech_offer_matches_seek')
  })

  it('decays with the least recent activity of the pair (half-life 90 days)', () => {
    const floor = matchingWeights.RECENCY_FLOOR
    expect(recencyFactor(NOW, NOW)).toBe(1)
    expect(recencyFactor(new Date(NOW.getTime() - 90 * DAY_MS), NOW)).toBeCloseTo(
      floor + (1 - floor) / 2,
    )
    expect(recencyFactor(new Date(NOW.getTime() + DAY_MS), NOW)).toBe(1)
    expect(recencyFactor(new Date(Number.NaN), NOW)).toBe(floor)

    const active = { ...scanningStartup, id: 'b-active' }
    const dormant = {
      ...scanningStartup,
      id: 'a-dormant',
      lastActiveAt: new Date(NOW.getTime() - 365 * DAY_MS),
    }
    const ranking = rankCandidates(museumSeeking3d, [dormant, active], ctx)
    expect(ranking.map(({ candidateId }) => candidateId)).toEqual(['b-active', 'a-dormant'])
  })

  it('breaks ties by id', () => {
    const candidates = ['c', 'a', 'b'].map((id) => ({ ...scanningStartup, id }))
    expect(
      rankCandidates(museumSeeking3d, candidates, ctx).map(({ candidateId }) => candidateId),
    ).toEqual(['a', 'b', 'c'])
  })
})

describe('needs', () => {
  const need: MatchNeed = {
    id: 'need-1',
    orgId: 'archives-herault',
    orgKind: 'institution',
    title: 'Numériser nos fonds',
    description: 'Reconnaissance automatique d’écriture manuscrite sur nos registres anciens',
    challengeCodes: ['GT-ARCHIVAGE'],
    sectorCodes: ['S-ARCHIVES'],
    technologyCodes: ['TECH-IA'],
    regionCode: 'R-76',
  }
  const aiStartup = makeProfile({
    id: 'htr-startup',
    regionCode: 'R-84',
    challengeCodes: ['GT-ARCHIVAGE'],
    sectorCodes: ['S-ARCHIVES'],
    technologyCodes: ['TECH-IA'],
    offersText:
      'Reconnaissance d’écriture manuscrite par intelligence artificielle pour les registres et archives',
  })
  const xrStartup = makeProfile({
    id: 'xr-startup',
    regionCode: 'R-76',
    technologyCodes: ['TECH-XR'],
  })
  const ownProfile = makeProfile({
    id: 'archives-profile',
    orgId: 'archives-herault',
    kind: 'institution',
  })

  it('explains a need matched by a technology offer', () => {
    const result = scoreNeedCandidate(need, aiStartup, ctx)
    const reason = reasonOf(result, 'need_tech_match')!
    expect(render(reason, 'fr')).toBe(
      'Votre besoin « Numériser nos fonds » correspond à leur offre en intelligence artificielle',
    )
    expect(render(reason, 'en')).toBe(
      'Your need “Numériser nos fonds” matches their offer in artificial intelligence',
    )
    expect(reasonOf(result, 'need_text_match')?.params).toMatchObject({
      needId: 'need-1',
    })
    expect(
      result.reasons.some(
        ({ code }) => code === 'tech_seek_matches_offer' || code === 'text_match_reverse',
      ),
    ).toBe(false)
  })

  it('ranks answers to a need and never proposes the need’s own organisation', () => {
    const ranking = rankNeedCandidates(need, [xrStartup, ownProfile, aiStartup], ctx)
    expect(ranking.map(({ candidateId }) => candidateId)).toEqual(['htr-startup', 'xr-startup'])
  })
})

// ─── Exclusions and feedback ────────────────────────────────────────────────────────────────

describe('exclusions and negative feedback', () => {
  it('never recommends the source, its organisation, drafts, hidden profiles or excluded ids', () => {
    const candidates = [
      museumSeeking3d,
      { ...scanningStartup, id: 'same-org', orgId: 'fabre-org' },
      { ...scanningStartup, id: 'draft', visibility: 'draft' as const },
      { ...scanningStartup, id: 'hidden', visibility: 'hidden' as const },
      { ...scanningStartup, id: 'members', visibility: 'members' as const },
      { ...scanningStartup, id: 'public', visibility: 'public' as const },
      { ...scanningStartup, id: 'excluded' },
      { ...scanningStartup, id: 'excluded-org-member', orgId: 'excluded-org' },
      { ...scanningStartup, id: 'no-visibility' },
    ]
    const source = { ...museumSeeking3d, orgId: 'fabre-org' }
    const ids = rankCandidates(source, candidates, ctx, {
      excludeIds: ['excluded', 'excluded-org'],
    }).map(({ candidateId }) => candidateId)
    expect(ids).toEqual(['members', 'no-visibility', 'public'])
  })

  it('applies the limit', () => {
    const candidates = Array.from({ length: 30 }, (_, index) => ({
      ...scanningStartup,
      id: `s${index}`,
    }))
    expect(rankCandidates(museumSeeking3d, candidates, ctx)).toHaveLength(
      matchingWeights.DEFAULT_RANK_LIMIT,
    )
    expect(rankCandidates(museumSeeking3d, candidates, ctx, { limit: 3 })).toHaveLength(3)
    expect(rankCandidates(museumSeeking3d, candidates, ctx, { limit: 0 })).toHaveLength(0)
  })

  it('excludes disliked profiles and pushes look-alikes down, leaving others alone', () => {
    const disliked = makeProfile({
      id: 'disliked',
      kind: 'startup',
      subKind: 'ORG-STARTUP-XR',
      regionCode: 'R-11',
      challengeCodes: ['CP-IMMERSIF', 'GT-CREATION'],
      sectorCodes: ['S-PATRIMOINE'],
      technologyCodes: ['TECH-XR'],
      offersText: 'Casques de réalité virtuelle pour les musées',
    })
    const lookAlike = {
      ...disliked,
      id: 'look-alike',
      offersText: 'Visites en réalité virtuelle',
    }
    const different = makeProfile({
      id: 'different',
      kind: 'lab',
      regionCode: 'R-11',
      challengeCodes: ['CP-IMMERSIF'],
      technologyCodes: ['TECH-AUDIO'],
    })
    expect(feedbackSimilarity(lookAlike, disliked)).toBe(1)
    expect(feedbackSimilarity(different, disliked)).toBeLessThan(
      matchingWeights.FEEDBACK_SIMILARITY_THRESHOLD,
    )

    const candidates = [disliked, lookAlike, different]
    const before = rankCandidates(museumSeeking3d, candidates, ctx)
    const after = rankCandidates(museumSeeking3d, candidates, ctx, {
      negativeFeedback: [disliked],
    })
    const scoreIn = (ranking: MatchResult[], id: string): number | undefined =>
      ranking.find(({ candidateId }) => candidateId === id)?.score

    expect(before[0]!.candidateId).toBe('look-alike')
    expect(after.map(({ candidateId }) => candidateId)).toEqual(['different', 'look-alike'])
    expect(scoreIn(after, 'different')).toBe(scoreIn(before, 'different'))
    const penalised = after.find(({ candidateId }) => candidateId === 'look-alike')!
    expect(penalised.feedbackPenalty).toMatchObject({
      similarToId: 'disliked',
      similarity: 1,
    })
    expect(penalised.score).toBe(
      Math.round(scoreIn(before, 'look-alike')! * (1 - matchingWeights.FEEDBACK_MAX_PENALTY)),
    )
  })
})

describe('rarestTags', () => {
  it('returns the k rarest explicit tags with the facet to look them up in', () => {
    expect(rarestTags(museumSeeking3d, ctx, 3).map(({ code, facet }) => [code, facet])).toEqual([
      ['TECH-3D', 'sought_technology'],
      ['CP-IMMERSIF', 'challenge'],
      ['GT-ARCHIVAGE', 'challenge'],
    ])
    const tags = rarestTags(scanningStartup, ctx, 10)
    expect(tags.map(({ code }) => code)).toEqual([
      'TECH-3D',
      'CP-IMMERSIF',
      'TECH-XR',
      'GT-ARCHIVAGE',
      'S-PATRIMOINE',
    ])
    expect(tags[0]).toMatchObject({
      facet: 'offered_technology',
      documentFrequency: 30,
    })
    expect(rarestTags(scanningStartup, ctx, 0)).toEqual([])
  })

  it('works for needs, and document frequencies count each organisation once', () => {
    const need: MatchNeed = {
      id: 'need',
      orgId: 'org',
      title: 'Sonoriser une exposition',
      description: '',
      challengeCodes: ['GT-PUBLICS'],
      sectorCodes: [],
      technologyCodes: ['TECH-AUDIO'],
      regionCode: 'R-76',
    }
    expect(rarestTags(need, ctx, 5).map(({ code, facet }) => [code, facet])).toEqual([
      ['TECH-AUDIO', 'sought_technology'],
      ['GT-PUBLICS', 'challenge'],
    ])
    const frequency = countTagDocFrequency([
      makeProfile({ id: 'a', orgId: 'org-1', challengeCodes: ['D01'] }),
      makeProfile({
        id: 'b',
        orgId: 'org-1',
        challengeCodes: ['D01'],
        sectorCodes: ['S-ARCHIVES'],
      }),
      makeProfile({ id: 'c', challengeCodes: ['D01'], technologyCodes: ['TECH-IA'] }),
    ])
    expect(Object.fromEntries(frequency)).toEqual({ D01: 2, 'S-ARCHIVES': 1, 'TECH-IA': 1 })
  })
})

// ─── Rendering ──────────────────────────────────────────────────────────────────────────────

function sampleReasons(code: ReasonCode, tagCount: number): Reason[] {
  const tags = [
    'GT-DATA-IA',
    'GT-PUBLICS',
    'GT-ARCHIVAGE',
    'GT-CREATION',
    'GT-ECOLOGIE',
    'CP-IMMERSIF',
  ]
    .slice(0, tagCount)
    .map(tag)
  const terms = ['numérisation', '3d', 'collections', 'sculptures', 'immersive', 'médiation'].slice(
    0,
    tagCount,
  )
  const need = { needId: 'n1', needTitle: 'Numériser nos fonds' }
  switch (code) {
    case 'shared_challenges':
    case 'shared_themes':
    case 'shared_engagements':
    case 'shared_sectors':
    case 'tech_offer_matches_seek':
    case 'tech_seek_matches_offer':
      return [{ code, weight: 1, params: { tags } }]
    case 'need_tech_match':
      return [{ code, weight: 1, params: { ...need, tags } }]
    case 'text_match':
    case 'text_match_reverse':
      return [{ code, weight: 1, params: { terms, similarity: 0.4 } }]
    case 'need_text_match':
      return [{ code, weight: 1, params: { ...need, terms, similarity: 0.4 } }]
    case 'complementary_kinds':
    case 'same_kind':
      return ORG_KINDS.flatMap((sourceKind) =>
        ORG_KINDS.map((candidateKind) => ({
          code,
          weight: 1,
          params: { sourceKind, candidateKind },
        })),
      )
    case 'same_region':
    case 'neighbour_region':
      return [{ code, weight: 1, params: { region: tag('R-76') } }]
    case 'same_region_group':
      return [{ code, weight: 1, params: { group: tag('R-EUROPE') } }]
    case 'shared_languages':
      return [
        {
          code,
          weight: 1,
          params: {
            languages: ['fr', 'en', 'oc', 'xx'].slice(0, Math.min(tagCount, 4)),
          },
        },
      ]
  }
}

function expectCleanSentence(text: string): void {
  expect(text.trim().length).toBeGreaterThan(0)
  expect(text).not.toMatch(/\{\{|\}\}/)
  expect(text).not.toMatch(/\b(reason|kind|language)\.[a-z_]+/)
}

describe('rendering', () => {
  it.each(
    REASON_CODES.flatMap((code) =>
      (['fr', 'en'] as const).map((locale) => [code, locale] as const),
    ),
  )('renders %s in %s', (code, locale) => {
    for (const count of [1, 3, 6]) {
      for (const reason of sampleReasons(code, count)) expectCleanSentence(render(reason, locale))
    }
  })

  it('renders the expected French and English sentences', () => {
    const [kinds] = sampleReasons('complementary_kinds', 1).filter(
      (reason) =>
        reason.code === 'complementary_kinds' &&
        reason.params.sourceKind === 'institution' &&
        reason.params.candidateKind === 'startup',
    )
    expect(render(kinds!, 'fr')).toBe('Startup ↔ institution : des profils complémentaires')
    expect(render(kinds!, 'en')).toBe('Startup ↔ institution: complementary profiles')
    expect(render(sampleReasons('shared_challenges', 1)[0]!, 'fr')).toBe(
      '1 défi en commun : Données et IA',
    )
    expect(render(sampleReasons('shared_challenges', 6)[0]!, 'fr')).toMatch(
      /^6 défis en commun : (.+, ){4}[^,]+…$/,
    )
    expect(render(sampleReasons('shared_languages', 3)[0]!, 'fr')).toBe(
      'Langues communes : français, anglais, occitan',
    )
    expect(render(sampleReasons('shared_languages', 4)[0]!, 'en')).toBe(
      'Common languages: French, English, Occitan, xx',
    )
    expect(render(sampleReasons('same_region_group', 1)[0]!, 'fr')).toBe(
      'Même zone géographique : Europe',
    )
  })

  it('has the same keys in both catalogues', () => {
    const keysOf = (node: unknown, prefix = ''): string[] =>
      node !== null && typeof node === 'object'
        ? Object.entries(node).flatMap(([key, value]) =>
            keysOf(value, prefix ? `${prefix}.${key}` : key),
          )
        : [prefix]
    expect(keysOf(enCatalogue).sort()).toEqual(keysOf(frCatalogue).sort())
  })

  it('gives the same sentences through a real i18next instance', async () => {
    const instance = i18next.createInstance()
    await instance.init({
      lng: 'fr',
      fallbackLng: 'fr',
      ns: ['matching'],
      defaultNS: 'matching',
      resources: {
        fr: { matching: frCatalogue },
        en: { matching: enCatalogue },
      },
      interpolation: { escapeValue: false },
    })
    for (const locale of ['fr', 'en'] as const) {
      const t = instance.getFixedT(locale, 'matching')
      for (const code of REASON_CODES) {
        for (const count of [1, 3]) {
          for (const reason of sampleReasons(code, count)) {
            expect(renderReason(reason, t, locale)).toBe(render(reason, locale))
          }
        }
      }
    }
  })
})

// ─── Properties ─────────────────────────────────────────────────────────────────────────────

const WORDS = [
  'numérisation',
  'numériser',
  '3D',
  'collections',
  'musée',
  'musées',
  'archives',
  'intelligence',
  'artificielle',
  'données',
  'publics',
  'médiation',
  'scanner',
  'scanning',
  'théâtre',
  'son',
  'spatialisé',
  'immersif',
  'réalité',
  'virtuelle',
  'les',
  'nous',
  'cherchons',
  'patrimoine',
  'œuvres',
  'accessibilité',
  'the',
  'data',
  'heritage',
  'audiences',
  'éco-conception',
]

const textArb = fc
  .array(fc.constantFrom(...WORDS), { maxLength: 12 })
  .map((words) => words.join(' '))

const profileArb: fc.Arbitrary<MatchProfile> = fc.record(
  {
    id: fc.constant('p'),
    orgId: fc.constantFrom('org-1', 'org-2', 'org-3'),
    kind: fc.constantFrom(...ORG_KINDS),
    subKind: fc.constantFrom('ORG-INSTITUTION-MUSEE', 'ORG-LABO-FABLAB', 'ORG-STARTUP-XR'),
    name: fc.constant('Profil'),
    regionCode: fc.constantFrom(...REGIONS),
    languages: fc.subarray(['fr', 'en', 'oc']),
    challengeCodes: fc.subarray(CHALLENGES),
    themeCodes: fc.subarray(THEMES),
    engagementCodes: fc.subarray(ENGAGEMENTS),
    sectorCodes: fc.subarray(SECTORS),
    technologyCodes: fc.subarray(TECHNOLOGIES),
    offersTechnologyCodes: fc.subarray(TECHNOLOGIES),
    seeksTechnologyCodes: fc.subarray(TECHNOLOGIES),
    offersText: textArb,
    seeksText: textArb,
    lastActiveAt: fc.date({
      min: new Date('2023-01-01'),
      max: new Date('2025-09-01'),
      noInvalidDate: true,
    }),
    visibility: fc.constantFrom(
      'public' as const,
      'members' as const,
      'hidden' as const,
      'draft' as const,
    ),
  },
  {
    requiredKeys: [
      'id',
      'kind',
      'name',
      'regionCode',
      'languages',
      'challengeCodes',
      'themeCodes',
      'engagementCodes',
      'sectorCodes',
      'technologyCodes',
      'offersText',
      'seeksText',
      'lastActiveAt',
    ],
  },
)

const profilesArb = fc
  .array(profileArb, { maxLength: 12 })
  .map((profiles) => profiles.map((profile, index) => ({ ...profile, id: `p${index}` })))

const contextArb: fc.Arbitrary<MatchContext> = fc
  .record({
    totalOrgs: fc.integer({ min: 0, max: 5000 }),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      minLength: ALL_TAGS.length,
      maxLength: ALL_TAGS.length,
    }),
  })
  .map(({ totalOrgs, fractions }) =>
    makeContext({
      totalOrgs,
      tagDocFrequency: new Map(
        ALL_TAGS.map((code, index) => [code, Math.round(fractions[index]! * totalOrgs)]),
      ),
    }),
  )

function effectiveThemes(profile: MatchProfile, context: MatchContext): Set<string> {
  return new Set([
    ...profile.themeCodes,
    ...profile.challengeCodes.flatMap((code) => context.challengeToTheme.get(code) ?? []),
  ])
}

function effectiveEngagements(profile: MatchProfile, context: MatchContext): Set<string> {
  return new Set([
    ...profile.engagementCodes,
    ...profile.challengeCodes.flatMap((code) => context.challengeToEngagements?.get(code) ?? []),
  ])
}

/** Codes each side must carry for a tag reason: [source side, candidate side]. */
function carriedBy(
  code: ReasonCode,
  a: MatchProfile,
  b: MatchProfile,
  context: MatchContext,
): [Set<string>, Set<string>] {
  switch (code) {
    case 'shared_challenges':
      return [new Set(a.challengeCodes), new Set(b.challengeCodes)]
    case 'shared_sectors':
      return [new Set(a.sectorCodes), new Set(b.sectorCodes)]
    case 'shared_themes':
      return [effectiveThemes(a, context), effectiveThemes(b, context)]
    case 'shared_engagements':
      return [effectiveEngagements(a, context), effectiveEngagements(b, context)]
    case 'tech_offer_matches_seek':
      return [new Set(soughtTechnologies(a)), new Set(offeredTechnologies(b))]
    case 'tech_seek_matches_offer':
      return [new Set(offeredTechnologies(a)), new Set(soughtTechnologies(b))]
    default:
      throw new Error(`not a tag reason: ${code}`)
  }
}

const TAG_REASON_CODES = new Set<ReasonCode>([
  'shared_challenges',
  'shared_sectors',
  'shared_themes',
  'shared_engagements',
  'tech_offer_matches_seek',
  'tech_seek_matches_offer',
])

describe('properties', () => {
  it('scores profile pairs symmetrically, as integers in [0, 100]', () => {
    fc.assert(
      fc.property(profileArb, profileArb, contextArb, (a, b, context) => {
        const forward = scoreProfilePair(a, { ...b, id: 'q' }, context)
        const backward = scoreProfilePair({ ...b, id: 'q' }, a, context)
        expect(forward.score).toBe(backward.score)
        expect(explainProfilePair(a, b, context).points).toBe(
          explainProfilePair(b, a, context).points,
        )
        expect(Number.isInteger(forward.score)).toBe(true)
        expect(forward.score).toBeGreaterThanOrEqual(0)
        expect(forward.score).toBeLessThanOrEqual(100)
      }),
      { numRuns: 500 },
    )
  })

  it('is deterministic and independent of the candidates’ order', () => {
    fc.assert(
      fc.property(
        profileArb,
        profilesArb.chain((profiles) =>
          fc.tuple(
            fc.constant(profiles),
            fc.shuffledSubarray(profiles, { minLength: profiles.length }),
          ),
        ),
        (source, [candidates, shuffled]) => {
          const first = rankCandidates({ ...source, id: 'source' }, candidates, ctx, { limit: 100 })
          const again = rankCandidates({ ...source, id: 'source' }, candidates, ctx, { limit: 100 })
          const reordered = rankCandidates({ ...source, id: 'source' }, shuffled, ctx, {
            limit: 100,
          })
          expect(again).toEqual(first)
          expect(reordered).toEqual(first)
          expect(scoreProfilePair(source, candidates[0] ?? source, ctx)).toEqual(
            scoreProfilePair(source, candidates[0] ?? source, ctx),
          )
        },
      ),
    )
  })

  it('keeps exactly the best: a short list is the start of the full ranking', () => {
    // Ranking a top k skips candidates that provably cannot enter it; that must change nothing.
    const manyProfilesArb = fc
      .array(profileArb, { minLength: 5, maxLength: 40 })
      .map((profiles) => profiles.map((profile, index) => ({ ...profile, id: `p${index}` })))
    fc.assert(
      fc.property(
        profileArb,
        manyProfilesArb,
        contextArb,
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (source, candidates, context, limit, withFeedback) => {
          const options = withFeedback ? { negativeFeedback: candidates.slice(0, 2) } : {}
          const sourceProfile = { ...source, id: 'source', orgId: 'source-org' }
          const full = rankCandidates(sourceProfile, candidates, context, {
            ...options,
            limit: candidates.length,
          })
          const short = rankCandidates(sourceProfile, candidates, context, { ...options, limit })
          expect(short).toEqual(full.slice(0, limit))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('explains with the 3 to 5 largest contributions, naming only tags both sides carry', () => {
    // Precisely: reasons are a prefix of the contributions of at least MIN_REASON_POINTS sorted by
    // weight; there are min(3, eligible) to 5 of them; the score is the rounded sum of all contributions.
    fc.assert(
      fc.property(profileArb, profileArb, contextArb, (a, b, context) => {
        const result = scoreProfilePair(a, b, context)
        const { points, contributions } = explainProfilePair(a, b, context)
        const eligible = contributions.filter(
          ({ weight }) => weight >= matchingWeights.MIN_REASON_POINTS,
        )

        expect(result.score).toBe(Math.max(0, Math.min(100, Math.round(points))))
        expect(contributions.reduce((sum, { weight }) => sum + weight, 0)).toBeCloseTo(points, 9)
        expect(result.reasons).toEqual(eligible.slice(0, result.reasons.length))
        expect(result.reasons.length).toBeGreaterThanOrEqual(Math.min(3, eligible.length))
        expect(result.reasons.length).toBeLessThanOrEqual(5)
        if (result.score >= 5) expect(result.reasons.length).toBeGreaterThan(0)

        for (const reason of contributions) {
          expect(reason.weight).toBeGreaterThan(0)
          if (TAG_REASON_CODES.has(reason.code) && 'tags' in reason.params) {
            const [sourceSide, candidateSide] = carriedBy(reason.code, a, b, context)
            expect(reason.params.tags.length).toBeGreaterThan(0)
            for (const { code } of reason.params.tags) {
              expect(sourceSide.has(code) && candidateSide.has(code)).toBe(true)
            }
          }
          if ('terms' in reason.params) expect(reason.params.terms.length).toBeGreaterThan(0)
        }
        for (const locale of ['fr', 'en'] as const) {
          for (const sentence of formatReasons(result.reasons, translators[locale], locale))
            expectCleanSentence(sentence)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('never recommends the source, its organisation, hidden profiles, excluded or disliked ones', () => {
    fc.assert(
      fc.property(
        profileArb,
        profilesArb,
        fc.subarray(['p0', 'p1', 'p2', 'p3', 'org-2']),
        fc.subarray([0, 1, 2, 3, 4, 5]),
        fc.integer({ min: 0, max: 15 }),
        (sourceProfile, candidates, excludeIds, dislikedIndexes, limit) => {
          const source = { ...sourceProfile, id: 'p5', orgId: 'org-1' }
          const negativeFeedback = dislikedIndexes.flatMap((index) => candidates[index] ?? [])
          const ranking = rankCandidates(source, [source, ...candidates], ctx, {
            excludeIds,
            negativeFeedback,
            limit,
          })
          const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]))
          expect(ranking.length).toBeLessThanOrEqual(limit)
          for (const { candidateId } of ranking) {
            const candidate = byId.get(candidateId)!
            expect(candidateId).not.toBe('p5')
            expect(candidate.orgId).not.toBe('org-1')
            expect(['public', 'members', undefined]).toContain(candidate.visibility)
            expect(excludeIds).not.toContain(candidateId)
            expect(excludeIds).not.toContain(candidate.orgId)
            expect(negativeFeedback.map(({ id }) => id)).not.toContain(candidateId)
          }
          for (let index = 1; index < ranking.length; index++) {
            expect(ranking[index - 1]!.score).toBeGreaterThanOrEqual(ranking[index]!.score)
          }
        },
      ),
    )
  })

  it('never raises a score through negative feedback', () => {
    fc.assert(
      fc.property(
        profileArb,
        profilesArb,
        profilesArb,
        (sourceProfile, candidates, dislikedProfiles) => {
          const source = {
            ...sourceProfile,
            id: 'source',
            orgId: 'source-org',
            visibility: undefined,
          }
          const visible = candidates.map((candidate) => ({
            ...candidate,
            orgId: undefined,
            visibility: undefined,
          }))
          const disliked = dislikedProfiles.map((profile) => ({
            ...profile,
            id: `d-${profile.id}`,
          }))
          const without = rankCandidates(source, visible, ctx, { limit: 100 })
          const withFeedback = rankCandidates(source, visible, ctx, {
            limit: 100,
            negativeFeedback: disliked,
          })
          expect(withFeedback).toHaveLength(without.length)
          const before = new Map(without.map(({ candidateId, score }) => [candidateId, score]))
          for (const result of withFeedback) {
            expect(result.score).toBeLessThanOrEqual(before.get(result.candidateId)!)
            if (result.feedbackPenalty === undefined)
              expect(result.score).toBe(before.get(result.candidateId))
            else
              expect(result.feedbackPenalty.similarity).toBeGreaterThanOrEqual(
                matchingWeights.FEEDBACK_SIMILARITY_THRESHOLD,
              )
          }
        },
      ),
    )
  })

  it('keeps prepared and raw profiles interchangeable', () => {
    fc.assert(
      fc.property(profileArb, profileArb, (a, b) => {
        expect(scoreProfilePair(prepareProfile(a), prepareProfile(b), ctx)).toEqual(
          scoreProfilePair(a, b, ctx),
        )
      }),
    )
  })
})
