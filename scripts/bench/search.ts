// Search benchmark: npm run bench:search -- [--docs N] [--server] [--queries N] [--ilike N]
//
// Builds N synthetic organisations (French-like text, Zipf-distributed words and tags, so that
// common words appear in most profiles) in a fresh database — PGlite in a temporary directory,
// or with --server a new database on TEST_DATABASE_URL's or DATABASE_URL's server (default
// postgresql://postgres@127.0.0.1:5432/test), dropped at the end —, builds the search index
// (the same rebuild as npm run search:reindex), then times a fixed mix of queries (plain,
// typo, prefix, faceted, synonyms) through the PostgreSQL engine and a naive ILIKE baseline
// over the same rows. Last stdout line: one JSON object.
import { parseArgs } from 'node:util'
import { setDatabase, type Database } from '../../app/utils/db.server.ts'
import { openThrowawayDatabase } from '../lib/open-throwaway-database.ts'
import { ensureBundledTaxonomy } from '../../app/models/taxonomy/store.server.ts'
import { search, type SearchParams } from '../../app/models/search/search.server.ts'
import { rebuildPostgresSearchIndex } from '../../app/models/search/reindex.server.ts'
import { CANDIDATE_CAP } from '../../app/models/search/postgres-engine.server.ts'

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    server: { type: 'boolean', default: false },
    queries: { type: 'string', default: '240' },
    ilike: { type: 'string', default: '' },
    seed: { type: 'string', default: '42' },
    /** Leave the database in place (for EXPLAIN sessions) and print where it is. */
    keep: { type: 'boolean', default: false },
  },
})
const DOCS = positiveInt(values.docs, '--docs')
const QUERY_COUNT = Math.max(200, positiveInt(values.queries, '--queries'))
const ILIKE_COUNT = values.ilike ? positiveInt(values.ilike, '--ilike') : QUERY_COUNT
const log = (line: string) => process.stderr.write(`[bench:search] ${line}\n`)

function positiveInt(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`)
  return n
}

// ─── Deterministic randomness and Zipf sampling ──────────────────────────────

let state = Number(values.seed) >>> 0
function random() {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const randomInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]

function zipf<T>(items: readonly T[], exponent = 1) {
  const cumulative: number[] = []
  let sum = 0
  items.forEach((_, rank) => {
    sum += 1 / (rank + 1) ** exponent
    cumulative.push(sum)
  })
  return () => {
    const target = random() * sum
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if (cumulative[mid] < target) low = mid + 1
      else high = mid
    }
    return items[low]
  }
}

function distinct<T>(draw: () => T, count: number) {
  const set = new Set<T>()
  for (let tries = 0; set.size < count && tries < count * 10; tries++) set.add(draw())
  return [...set]
}

// ─── Vocabulary ──────────────────────────────────────────────────────────────

const FRENCH_DOMAIN =
  `numérique culture culturel projet publics patrimoine création musée expérience
visite données collections artistes territoire accompagnement solution plateforme outil médiation
innovation spectacle lieu archives œuvres exposition application contenus service réseau
partenaires événement festival musique image son interactive immersive jeunes familles école
formation recherche laboratoire atelier studio design ville région histoire art scène théâtre
livre lecture bibliothèque cinéma film vidéo jeu photographie architecture mémoire conservation
restauration inventaire numérisation modélisation réalité virtuelle augmentée intelligence
artificielle algorithme accessibilité handicap billetterie gestion audience communauté
participation écologie sobriété énergie hébergement souveraineté ouverte licence européen
francophone international médiathèque archivage fonds documentaire catalogue métadonnées
scénographie dispositif parcours sonore spatialisé capteurs objets connectés robotique impression
maquette relevé photogrammétrie lidar visiteurs fréquentation tarification abonnement mécénat
financement subvention appel candidature résidence coproduction diffusion tournée programmation
saison orchestre danse cirque marionnette opéra chorégraphie auteur éditeur librairie presse
journalisme radio podcast télévision documentaire animation effets jeu-vidéo serious transmission
éducation enseignement université étudiants chercheurs doctorants thèse valorisation transfert
startup entreprise agence collectivité département commune métropole établissement opérateur`
    .split(/\s+/)
    .filter(Boolean)

const ENGLISH_DOMAIN =
  `digital culture cultural project audiences heritage creation museum experience
visit data collections artists territory support solution platform tool mediation innovation
performance venue archives works exhibition application content service network partners event
festival music image sound interactive immersive young families school training research lab
workshop studio design city region history art stage theatre book reading library cinema film
video game photography architecture memory conservation restoration inventory digitisation
modelling reality virtual augmented intelligence artificial algorithm accessibility disability
ticketing management community participation ecology energy hosting sovereignty open licence
european international`
    .split(/\s+/)
    .filter(Boolean)

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'cl',
  'd',
  'f',
  'fl',
  'g',
  'gr',
  'j',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'pr',
  'r',
  's',
  't',
  'tr',
  'v',
]
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ou', 'ai', 'é', 'è', 'au', 'eu', 'on', 'an', 'in']
const ENDINGS = [
  'tion',
  'ment',
  'ique',
  'eur',
  'age',
  'ité',
  'isme',
  'oire',
  'elle',
  'ure',
  'ance',
  'ier',
  'al',
  'ette',
  'on',
  'ard',
]
function pseudoWord() {
  const syllables = randomInt(1, 3)
  let word = ''
  for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(VOWELS)
  return word + pick(ENDINGS)
}

const pseudoWords = distinct(pseudoWord, 8_000)
const frenchVocabulary = [...new Set([...FRENCH_DOMAIN, ...pseudoWords])]
const englishVocabulary = [...new Set([...ENGLISH_DOMAIN, ...pseudoWords.slice(0, 3_000)])]
const frenchWord = zipf(frenchVocabulary, 1)
const englishWord = zipf(englishVocabulary, 1)
const sentence = (draw: () => string, min: number, max: number) =>
  Array.from({ length: randomInt(min, max) }, draw).join(' ')

const NAME_HEADS = [
  'Musée',
  'Atelier',
  'Studio',
  'Lab',
  'Théâtre',
  'Archives',
  'Bibliothèque',
  'Festival',
  'Compagnie',
  'Agence',
  'Collectif',
  'Fabrique',
  'Maison',
  'Centre',
  'Scène',
  'Institut',
]
const nameHead = zipf(NAME_HEADS, 1.1)
const capitalise = (word: string) => word[0].toUpperCase() + word.slice(1)

// Codes of the bundled taxonomy, most common first (Zipf).
const SECTORS = [
  'S-PATRIMOINE',
  'S-SPECTACLE-VIVANT',
  'S-MUSIQUE',
  'S-ARTS-VISUELS',
  'S-LIVRE',
  'S-CINEMA-AUDIOVISUEL',
  'S-ARCHIVES',
  'S-EAC',
  'S-DESIGN-METIERS-ART',
  'S-JEU-VIDEO',
  'S-PRESSE-MEDIAS',
  'S-ARCHITECTURE',
]
const TECHNOLOGIES = [
  'TECH-IA',
  'TECH-XR',
  'TECH-WEB-MOBILE',
  'TECH-3D',
  'TECH-DATA',
  'TECH-AUDIO',
  'TECH-ACCESSIBILITE',
  'TECH-BILLETTERIE-CRM',
  'TECH-ROBOTIQUE-IOT',
  'TECH-CLOUD',
  'TECH-ECOCONCEPTION',
  'TECH-BLOCKCHAIN',
]
const CHALLENGES = [
  'GT-DATA-IA',
  'GT-PUBLICS',
  'GT-CREATION',
  'GT-INNOVATION',
  'CP-IMMERSIF',
  'GT-ARCHIVAGE',
  'GT-ECOLOGIE',
  'CP-TERRITOIRES',
  'GT-LANGUE',
  'GT-RECHERCHE',
  'CP-METIERS',
]
const REGIONS = [
  'R-11',
  'R-84',
  'R-93',
  'R-76',
  'R-75',
  'R-32',
  'R-44',
  'R-53',
  'R-52',
  'R-28',
  'R-27',
  'R-24',
  'R-94',
  'R-04',
  'R-01',
  'R-02',
  'R-03',
  'R-06',
]
const sector = zipf(SECTORS)
const technology = zipf(TECHNOLOGIES)
const challenge = zipf(CHALLENGES)
const region = zipf(REGIONS, 0.8)
const KINDS = ['startup', 'startup', 'institution', 'institution', 'lab', 'company'] as const

function syntheticOrganisation(index: number) {
  const kind = pick(KINDS)
  const name = `${nameHead()} ${capitalise(frenchWord())} ${capitalise(pick(pseudoWords))}`
  const visibilityDraw = random()
  const now = new Date().toISOString()
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    slug: `bench-${index}`,
    kind,
    name,
    pitchFr: sentence(frenchWord, 10, 20),
    pitchEn: sentence(englishWord, 8, 16),
    descriptionFr: sentence(frenchWord, 40, 90),
    descriptionEn: sentence(englishWord, 20, 50),
    offers: sentence(frenchWord, 5, 12),
    seeks: sentence(frenchWord, 5, 12),
    regionCode: region(),
    city: capitalise(pick(pseudoWords)),
    website: random() < 0.7 ? `https://bench-${index}.example.fr` : null,
    sectorCodes: distinct(sector, randomInt(1, 3)),
    technologyCodes: distinct(technology, randomInt(1, 3)),
    challengeCodes: distinct(challenge, randomInt(1, 3)),
    languages: ['fr'],
    contactEmail: `contact@bench-${index}.example.fr`,
    visibility: visibilityDraw < 0.85 ? 'public' : visibilityDraw < 0.95 ? 'members' : 'draft',
    verifiedAt: random() < 0.3 ? now : null,
    unpublishedAt: random() < 0.01 ? now : null,
    lastActiveAt: now,
    createdAt: now,
    updatedAt: now,
  }
}

// ─── Query mix ───────────────────────────────────────────────────────────────

type Category = 'plain' | 'two-words' | 'typo' | 'prefix' | 'faceted' | 'synonym'
interface BenchQuery {
  category: Category
  params: SearchParams
}

function typo(word: string) {
  const letters = [...word]
  const at = randomInt(1, letters.length - 2)
  if (random() < 0.5) letters.splice(at, 1)
  else letters[at] = letters[at] === 'e' ? 'a' : 'e'
  return letters.join('')
}

function buildQueries(count: number): BenchQuery[] {
  const base = (query: string, overrides: Partial<SearchParams> = {}): SearchParams => ({
    query,
    type: 'organisations',
    filters: {},
    page: 1,
    pageSize: 20,
    language: 'fr',
    signedIn: random() < 0.3,
    ...overrides,
  })
  const ranked = (from: number, to: number) => frenchVocabulary[randomInt(from, to)]
  const longWord = (from: number, to: number) => {
    for (;;) {
      const word = ranked(from, to)
      if (word.length >= 7) return word
    }
  }
  const SYNONYM_QUERIES = [
    'IA',
    'XR',
    'musée',
    'museum',
    'bibliothèque',
    'library',
    'numérisation',
    'archives',
    'spectacle vivant',
    'réalité virtuelle',
    'intelligence artificielle',
    'patrimoine',
    'jeu vidéo',
    'accessibilité',
    'billetterie',
  ]
  const mix: Array<[Category, () => SearchParams]> = [
    ['plain', () => base(ranked(0, 30))],
    ['plain', () => base(ranked(30, 400))],
    ['plain', () => base(ranked(400, 7000))],
    ['two-words', () => base(`${ranked(0, 50)} ${ranked(0, 300)}`)],
    ['two-words', () => base(`${ranked(20, 500)} ${ranked(200, 5000)}`)],
    ['typo', () => base(typo(longWord(10, 3000)))],
    ['typo', () => base(`${ranked(0, 100)} ${typo(longWord(50, 2000))}`)],
    ['prefix', () => base(ranked(0, 200).slice(0, 3))],
    ['prefix', () => base(ranked(0, 3000).slice(0, randomInt(4, 6)))],
    ['prefix', () => base(`${ranked(0, 200)} ${ranked(0, 2000).slice(0, 4)}`)],
    ['faceted', () => base(ranked(0, 100), { filters: { region: [region()] } })],
    [
      'faceted',
      () => base(ranked(0, 500), { filters: { sector: [sector()], technology: [technology()] } }),
    ],
    [
      'faceted',
      () =>
        base(ranked(0, 50), {
          filters: { region: [region(), region()], theme: [pick(['T1', 'T2', 'T3', 'T4'])] },
        }),
    ],
    ['faceted', () => base('', { filters: { region: [region()], kind: [pick(KINDS)] } })],
    ['synonym', () => base(pick(SYNONYM_QUERIES))],
  ]
  return Array.from({ length: count }, (_, index) => {
    const [category, make] = mix[index % mix.length]
    return { category, params: make() }
  })
}

/** Naive baseline: ILIKE '%word%' on name, pitch and description, top 20 by name + total. */
async function ilikeSearch(database: Database, params: SearchParams) {
  const words = params.query.split(/\s+/).filter(Boolean)
  const args: unknown[] = [params.signedIn ? ['public', 'members'] : ['public']]
  const conditions = [`visibility::text = ANY($1)`, `"unpublishedAt" IS NULL`]
  for (const word of words) {
    args.push(`%${word}%`)
    const p = `$${args.length}`
    conditions.push(`(name ILIKE ${p} OR "pitchFr" ILIKE ${p} OR "descriptionFr" ILIKE ${p})`)
  }
  const columns: Record<string, string> = {
    region: '"regionCode" = ANY',
    kind: 'kind::text = ANY',
    sector: '"sectorCodes" &&',
    technology: '"technologyCodes" &&',
  }
  for (const [facet, selected] of Object.entries(params.filters)) {
    if (!selected?.length || !columns[facet]) continue
    args.push(selected)
    conditions.push(`${columns[facet]}($${args.length}::text[])`)
  }
  await database.driver.query(
    `SELECT id, name, count(*) OVER () AS total FROM "Organisation"
     WHERE ${conditions.join(' AND ')} ORDER BY name LIMIT 20`,
    args,
  )
}

// ─── Run ─────────────────────────────────────────────────────────────────────

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const round = (value: number) => Math.round(value * 10) / 10

function progress(label: string, done: number, total: number) {
  if (!process.stderr.isTTY && done !== total && done % Math.max(1, Math.floor(total / 10))) return
  const width = 30
  const filled = Math.round((done / total) * width)
  process.stderr.write(
    `\r[bench:search] ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : process.stderr.isTTY ? '' : '\n'}`,
  )
}

const { database, cleanUp } = await openThrowawayDatabase({
  server: values.server,
  prefix: 'passerelle_bench_search',
  poolSize: 4,
  keep: values.keep,
  log,
})
setDatabase(database)
try {
  log(`database: ${database.mode}, ${DOCS} organisations`)
  await ensureBundledTaxonomy(database.prisma)

  // Bulk load without the per-row triggers; the index is then built by the rebuild.
  const loadStarted = performance.now()
  await database.driver.exec(
    `ALTER TABLE "Organisation" DISABLE TRIGGER search_organisation_insert_delete`,
  )
  const BATCH = 1_000
  for (let start = 0; start < DOCS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DOCS - start) }, (_, i) =>
      syntheticOrganisation(start + i),
    )
    await database.driver.query(
      `INSERT INTO "Organisation" (id, slug, kind, name, "pitchFr", "pitchEn", "descriptionFr",
         "descriptionEn", offers, seeks, "regionCode", city, website, "sectorCodes",
         "technologyCodes", "challengeCodes", languages, "contactEmail", visibility, "verifiedAt",
         "unpublishedAt", "lastActiveAt", "createdAt", "updatedAt")
       SELECT id, slug, kind, name, "pitchFr", "pitchEn", "descriptionFr", "descriptionEn",
         offers, seeks, "regionCode", city, website, "sectorCodes", "technologyCodes",
         "challengeCodes", languages, "contactEmail", visibility, "verifiedAt", "unpublishedAt",
         "lastActiveAt", "createdAt", "updatedAt"
       FROM json_populate_recordset(NULL::"Organisation", $1::json)`,
      [JSON.stringify(rows)],
    )
    progress('loading organisations', start + rows.length, DOCS)
  }
  await database.driver.exec(
    `ALTER TABLE "Organisation" ENABLE TRIGGER search_organisation_insert_delete`,
  )
  await database.driver.exec(`DELETE FROM search_outbox; ANALYZE "Organisation"`)
  const loadSeconds = (performance.now() - loadStarted) / 1000

  const buildStarted = performance.now()
  const { documents } = await rebuildPostgresSearchIndex((p) => {
    if (p.phase === 'documents') progress('building documents', p.done, p.total)
    else if (p.done === p.total) log(`${p.phase} done`)
  })
  const indexBuildSeconds = (performance.now() - buildStarted) / 1000
  log(`${documents} documents indexed in ${round(indexBuildSeconds)} s`)

  const queries = buildQueries(QUERY_COUNT)
  // Warm-up: every query once (caches, plans), then the measured pass.
  for (const [index, query] of queries.entries()) {
    await search(query.params, { engine: null })
    progress('warm-up', index + 1, queries.length)
  }
  const timings: Array<{ category: Category; ms: number; capped: boolean; total: number }> = []
  for (const [index, query] of queries.entries()) {
    const started = performance.now()
    const result = await search(query.params, { engine: null })
    timings.push({
      category: query.category,
      ms: performance.now() - started,
      capped: result.totalIsLowerBound,
      total: result.total,
    })
    progress('search', index + 1, queries.length)
  }

  const ilikeTimings: number[] = []
  const ilikeQueries = queries.slice(0, ILIKE_COUNT)
  for (const [index, query] of ilikeQueries.entries()) {
    const started = performance.now()
    await ilikeSearch(database, query.params)
    ilikeTimings.push(performance.now() - started)
    progress('ILIKE baseline', index + 1, ilikeQueries.length)
  }

  // What the trigger adds to a profile update (document, outbox row), measured on 50 updates.
  const updateTimings: number[] = []
  for (let i = 0; i < 50; i++) {
    const id = `00000000-0000-4000-8000-${String(randomInt(0, DOCS - 1)).padStart(12, '0')}`
    const started = performance.now()
    await database.prisma.organisation.update({
      where: { id },
      data: { pitchFr: sentence(frenchWord, 10, 20) },
    })
    updateTimings.push(performance.now() - started)
  }

  const slowest = timings
    .map((timing, index) => ({ ...timing, query: queries[index].params }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
  for (const slow of slowest) {
    log(
      `slow: ${round(slow.ms)} ms ${slow.category} "${slow.query.query}" ${JSON.stringify(slow.query.filters)} total=${slow.total}${slow.capped ? '+' : ''}`,
    )
  }
  const ms = timings.map((timing) => timing.ms)
  const byCategory = Object.fromEntries(
    [...new Set(timings.map((timing) => timing.category))].map((category) => {
      const samples = timings.filter((timing) => timing.category === category).map((t) => t.ms)
      return [
        category,
        {
          n: samples.length,
          p50_ms: round(percentile(samples, 50)),
          p95_ms: round(percentile(samples, 95)),
        },
      ]
    }),
  )
  const summary = {
    engine: 'postgres',
    database: database.mode === 'embedded' ? 'pglite' : 'server',
    docs: DOCS,
    searchable_docs: documents,
    load_s: round(loadSeconds),
    index_build_s: round(indexBuildSeconds),
    queries: timings.length,
    p50_ms: round(percentile(ms, 50)),
    p95_ms: round(percentile(ms, 95)),
    p99_ms: round(percentile(ms, 99)),
    ilike_queries: ilikeTimings.length,
    ilike_p50_ms: round(percentile(ilikeTimings, 50)),
    ilike_p95_ms: round(percentile(ilikeTimings, 95)),
    ilike_p99_ms: round(percentile(ilikeTimings, 99)),
    speedup_p95: round(percentile(ilikeTimings, 95) / percentile(ms, 95)),
    candidate_cap: CANDIDATE_CAP,
    capped_queries: timings.filter((timing) => timing.capped).length,
    update_with_trigger_p50_ms: round(percentile(updateTimings, 50)),
    by_category: byCategory,
  }
  console.log(JSON.stringify(summary))
} finally {
  setDatabase(undefined)
  await cleanUp()
}
