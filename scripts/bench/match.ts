/**
 * Partner recommendation benchmark on a fresh database of synthetic organisations.
 *
 *   npx tsx scripts/bench/match.ts [--orgs 100000] [--server] [--sources 200] [--planted 200]
 *                                  [--batch 10000] [--seed 42]
 *
 * PGlite in a temporary directory by default; with --server, a database created for the run on
 * the PostgreSQL server (admin URL: TEST_DATABASE_URL or DATABASE_URL, default
 * postgresql://postgres@127.0.0.1:5432/test), dropped at the end.
 *
 * Tags are Zipf-distributed (the most common challenge, sector and technology are each carried by
 * 30–40 % of organisations) over a synthetic vocabulary of 300 challenges, 60 sectors and 80
 * technologies; texts are Zipf-distributed words; activity is uniform over the last year.
 * `--planted` pairs are an institution and a startup in the same region sharing 2–3 rare
 * challenges, with the startup's offer echoing the institution's seeks (and the other way round),
 * both active in the last 60 days: the score deliberately pushes dormant organisations down
 * (recency keeps 40 % of a score after a year, weights.ts), so a dormant pair is not a miss.
 *
 * Progress goes to stderr; the last stdout line is JSON: { orgs, db, p50_ms, p95_ms, batch_s,
 * recall_at_10, ... } where p50/p95 time recommendPartners (top 20, access checks included) for
 * random sources, batch_s recomputes and stores the snapshots of --batch organisations, and
 * recall_at_10 is the share of planted sources (both sides) whose partner is in their live top 10.
 */
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { setDatabase } from '../../app/utils/db.server.ts'
import { openThrowawayDatabase } from '../lib/open-throwaway-database.ts'

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '100000' },
    server: { type: 'boolean', default: false },
    sources: { type: 'string', default: '200' },
    planted: { type: 'string', default: '200' },
    batch: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
  },
})

function positiveInt(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`)
  return n
}

const orgCount = positiveInt(values.orgs, '--orgs')
const sourceCount = positiveInt(values.sources, '--sources')
const plantedCount = Math.min(positiveInt(values.planted, '--planted'), Math.floor(orgCount / 4))
const batchCount = Math.min(positiveInt(values.batch, '--batch'), orgCount)
const seed = positiveInt(values.seed, '--seed')

const log = (line: string) => process.stderr.write(`[bench:match] ${line}\n`)

// ─── Synthetic data ─────────────────────────────────────────────────────────────────────────

function createRandom(initial: number) {
  let state = initial >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = createRandom(seed)
const randomInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
const pickOne = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!

/** Zipf (s = 1) sampler over ranks 0…n−1 by inverse CDF. */
function zipfSampler(n: number) {
  const cumulative = new Float64Array(n)
  let sum = 0
  for (let rank = 0; rank < n; rank++) cumulative[rank] = sum += 1 / (rank + 1)
  return () => {
    const target = random() * sum
    let low = 0
    let high = n - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return low
  }
}

const CHALLENGES = Array.from({ length: 300 }, (_, i) => `BX-C${String(i + 1).padStart(3, '0')}`)
const SECTORS = Array.from({ length: 60 }, (_, i) => `BX-S${String(i + 1).padStart(2, '0')}`)
const TECHNOLOGIES = Array.from({ length: 80 }, (_, i) => `BX-T${String(i + 1).padStart(2, '0')}`)
const THEMES = ['T1', 'T2', 'T3', 'T4']
const zipfChallenge = zipfSampler(CHALLENGES.length)
const zipfSector = zipfSampler(SECTORS.length)
const zipfTechnology = zipfSampler(TECHNOLOGIES.length)

const SYLLABLES =
  'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za zo'.split(
    ' ',
  )
function syntheticWords(count: number, prefix: string): string[] {
  const words = new Set<string>()
  while (words.size < count) {
    let word = prefix
    for (let i = randomInt(2, 4); i > 0; i--) word += pickOne(SYLLABLES)
    words.add(`${word}n`)
  }
  return [...words]
}
const VOCABULARY = syntheticWords(6000, '')
const zipfWord = zipfSampler(VOCABULARY.length)
const text = (min: number, max: number, extra: readonly string[] = []) => {
  const words = Array.from({ length: randomInt(min, max) }, () => VOCABULARY[zipfWord()]!)
  for (const word of extra) words.splice(randomInt(0, words.length), 0, word)
  return `${words.join(' ')}.`
}

function zipfTags(codes: readonly string[], sample: () => number, min: number, max: number) {
  const tags = new Set<string>()
  for (let i = randomInt(min, max); i > 0; i--) tags.add(codes[sample()]!)
  return [...tags]
}

const REGIONS = [
  'R-11',
  'R-11',
  'R-11',
  'R-84',
  'R-84',
  'R-93',
  'R-76',
  'R-75',
  'R-32',
  'R-44',
  'R-52',
  'R-53',
  'R-28',
  'R-24',
  'R-27',
  'R-94',
  'R-01',
  'R-02',
  'R-03',
  'R-04',
  'R-06',
  'R-EUROPE',
  'R-INTL',
]
const KINDS = [
  'startup',
  'startup',
  'startup',
  'institution',
  'institution',
  'institution',
  'lab',
  'company',
] as const
const INSTITUTION_SUBKINDS = [
  'ORG-INSTITUTION-MUSEE',
  'ORG-INSTITUTION-ARCHIVES',
  'ORG-INSTITUTION-BIBLIOTHEQUE',
  'ORG-INSTITUTION-SPECTACLE',
]
const DAY_MS = 24 * 60 * 60 * 1000
const now = Date.now()

interface SyntheticOrganisation {
  id: string
  slug: string
  name: string
  kind: (typeof KINDS)[number]
  subKind: string | null
  regionCode: string
  languages: string[]
  challengeCodes: string[]
  sectorCodes: string[]
  technologyCodes: string[]
  offers: string
  seeks: string
  contactEmail: string
  visibility: 'public' | 'members' | 'draft'
  lastActiveAt: Date
}

function syntheticOrganisation(index: number, overrides: Partial<SyntheticOrganisation> = {}) {
  const kind = overrides.kind ?? pickOne(KINDS)
  const visibilityRoll = random()
  return {
    id: randomUUID(),
    slug: `org-${index}`,
    name: `Organisation ${index}`,
    kind,
    subKind: kind === 'institution' ? pickOne(INSTITUTION_SUBKINDS) : null,
    regionCode: pickOne(REGIONS),
    languages: random() < 0.3 ? ['fr', 'en'] : ['fr'],
    challengeCodes: zipfTags(CHALLENGES, zipfChallenge, 2, 4),
    sectorCodes: zipfTags(SECTORS, zipfSector, 1, 2),
    technologyCodes: zipfTags(TECHNOLOGIES, zipfTechnology, 1, 3),
    offers: text(8, 22),
    seeks: text(8, 22),
    contactEmail: `contact-${index}@exemple.fr`,
    visibility: visibilityRoll < 0.9 ? 'public' : visibilityRoll < 0.95 ? 'members' : 'draft',
    lastActiveAt: new Date(now - random() * 365 * DAY_MS),
    ...overrides,
  } satisfies SyntheticOrganisation
}

interface PlantedPair {
  institution: string
  startup: string
}

function buildDataset() {
  const organisations: SyntheticOrganisation[] = []
  const pairs: PlantedPair[] = []
  const rareChallenges = CHALLENGES.slice(200)
  const pairWords = syntheticWords(plantedCount * 4, 'q')
  for (let pair = 0; pair < plantedCount; pair++) {
    const regionCode = pickOne(REGIONS.slice(0, 16))
    const shared = new Set<string>()
    for (let n = randomInt(2, 3); shared.size < n;) shared.add(pickOne(rareChallenges))
    const words = pairWords.slice(pair * 4, pair * 4 + 4)
    const technology = TECHNOLOGIES[zipfTechnology()]!
    const active = () => new Date(now - random() * 60 * DAY_MS)
    const institution = syntheticOrganisation(organisations.length, {
      kind: 'institution',
      regionCode,
      visibility: 'public',
      lastActiveAt: active(),
      challengeCodes: [...shared, CHALLENGES[zipfChallenge()]!],
      technologyCodes: [technology],
      seeks: text(6, 14, words.slice(0, 3)),
      offers: text(6, 14, [words[3]!]),
    })
    organisations.push(institution)
    const startup = syntheticOrganisation(organisations.length, {
      kind: 'startup',
      regionCode,
      visibility: 'public',
      lastActiveAt: active(),
      challengeCodes: [...shared, CHALLENGES[zipfChallenge()]!],
      technologyCodes: [technology, TECHNOLOGIES[zipfTechnology()]!],
      offers: text(6, 14, words.slice(0, 3)),
      seeks: text(6, 14, [words[3]!]),
    })
    organisations.push(startup)
    pairs.push({ institution: institution.id, startup: startup.id })
  }
  while (organisations.length < orgCount) {
    organisations.push(syntheticOrganisation(organisations.length))
  }
  return { organisations, pairs }
}

// ─── Database ───────────────────────────────────────────────────────────────────────────────

const INSERT_ORGANISATIONS = `
  INSERT INTO "Organisation" ("id", "slug", "name", "kind", "subKind", "regionCode", "languages",
    "challengeCodes", "sectorCodes", "technologyCodes", "offers", "seeks", "contactEmail",
    "visibility", "lastActiveAt", "updatedAt")
  SELECT r."id", r."slug", r."name", r."kind"::"OrgKind", r."subKind", r."regionCode", r."languages",
    r."challengeCodes", r."sectorCodes", r."technologyCodes", r."offers", r."seeks",
    r."contactEmail", r."visibility"::"Visibility", r."lastActiveAt", now()
  FROM jsonb_to_recordset($1::jsonb) AS r("id" text, "slug" text, "name" text, "kind" text,
    "subKind" text, "regionCode" text, "languages" text[], "challengeCodes" text[],
    "sectorCodes" text[], "technologyCodes" text[], "offers" text, "seeks" text,
    "contactEmail" text, "visibility" text, "lastActiveAt" timestamptz)`

function percentile(sorted: readonly number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

async function main() {
  const { database, cleanUp } = await openThrowawayDatabase({
    server: values.server,
    prefix: 'passerelle_bench_match',
  })
  setDatabase(database)
  try {
    // App modules read the process-wide database: import them once it is installed.
    const { ensureBundledTaxonomy, invalidateTaxonomyCache } =
      await import('../../app/models/taxonomy/store.server.ts')
    const recommendations = await import('../../app/models/matching/recommendations.server.ts')
    const { recomputeRecommendationSnapshots } =
      await import('../../app/models/matching/recommendations/batch.server.ts')
    const prisma = database.prisma
    await ensureBundledTaxonomy(prisma)
    await prisma.taxonomyEntry.createMany({
      data: [
        ...CHALLENGES.map((code, i) => ({
          code,
          kind: 'challenge',
          labelFr: `Défi synthétique ${i + 1}`,
          labelEn: `Synthetic challenge ${i + 1}`,
          parent: THEMES[i % THEMES.length]!,
          source: 'passerelle',
          position: 100 + i,
          version: 'bench',
        })),
        ...SECTORS.map((code, i) => ({
          code,
          kind: 'sector',
          labelFr: `Filière ${i + 1}`,
          labelEn: `Sector ${i + 1}`,
          source: 'passerelle',
          position: 100 + i,
          version: 'bench',
        })),
        ...TECHNOLOGIES.map((code, i) => ({
          code,
          kind: 'technology',
          labelFr: `Technologie ${i + 1}`,
          labelEn: `Technology ${i + 1}`,
          source: 'passerelle',
          position: 100 + i,
          version: 'bench',
        })),
      ],
    })
    invalidateTaxonomyCache()

    let started = performance.now()
    const { organisations, pairs } = buildDataset()
    // Search-index triggers (another feature) cost ~5 ms a row on PGlite: off during the load.
    // Rows go in as JSON batches: Prisma's createMany is ~20× slower through the PGlite adapter.
    await database.driver.exec('ALTER TABLE "Organisation" DISABLE TRIGGER USER')
    const CHUNK = 5000
    for (let start = 0; start < organisations.length; start += CHUNK) {
      await database.driver.query(INSERT_ORGANISATIONS, [
        JSON.stringify(organisations.slice(start, start + CHUNK)),
      ])
      if ((start / CHUNK) % 4 === 0) log(`inserted ${start + CHUNK} / ${organisations.length}`)
    }
    await database.driver.exec('ALTER TABLE "Organisation" ENABLE TRIGGER USER')
    await database.driver.exec('ANALYZE "Organisation"')
    const loadSeconds = (performance.now() - started) / 1000
    log(`${organisations.length} organisations loaded in ${loadSeconds.toFixed(1)} s`)

    const frequency = new Map<string, number>()
    for (const organisation of organisations) {
      for (const code of [
        ...organisation.challengeCodes,
        ...organisation.sectorCodes,
        ...organisation.technologyCodes,
      ]) {
        frequency.set(code, (frequency.get(code) ?? 0) + 1)
      }
    }
    const share = (codes: string[]) =>
      round(Math.max(...codes.map((code) => frequency.get(code) ?? 0)) / organisations.length, 3)
    const commonTagShare = {
      challenge: share(CHALLENGES),
      sector: share(SECTORS),
      technology: share(TECHNOLOGIES),
    }
    log(`most common tag share: ${JSON.stringify(commonTagShare)}`)

    // One member per source organisation (people usually belong to one or two).
    const published = organisations.filter((organisation) => organisation.visibility !== 'draft')
    const randomSources = Array.from({ length: sourceCount }, () => pickOne(published).id)
    const plantedSources = pairs.flatMap((pair) => [
      { source: pair.institution, partner: pair.startup },
      { source: pair.startup, partner: pair.institution },
    ])
    const memberOf = new Map<string, { id: string; role: 'member' }>()
    for (const id of new Set([...randomSources, ...plantedSources.map((p) => p.source)])) {
      memberOf.set(id, { id: randomUUID(), role: 'member' })
    }
    const users = [...memberOf.entries()]
    for (let start = 0; start < users.length; start += 1000) {
      const chunk = users.slice(start, start + 1000)
      await prisma.user.createMany({
        data: chunk.map(([, user], i) => ({
          id: user.id,
          email: `membre-${start + i}@exemple.fr`,
          name: `Membre ${start + i}`,
          passwordHash: 'not-a-hash',
        })),
      })
      await prisma.membership.createMany({
        data: chunk.map(([organisationId, user]) => ({ organisationId, userId: user.id })),
      })
    }

    recommendations.invalidateMatchContext()
    started = performance.now()
    await recommendations.recommendPartners(randomSources[0]!, memberOf.get(randomSources[0]!)!)
    const contextSeconds = (performance.now() - started) / 1000
    log(`first call (builds the context: document frequencies) ${contextSeconds.toFixed(2)} s`)
    for (const id of randomSources.slice(0, 10)) {
      await recommendations.recommendPartners(id, memberOf.get(id)!, { limit: 20 })
    }

    const timings: number[] = []
    const candidateCounts: number[] = []
    for (const id of randomSources) {
      const t0 = performance.now()
      const { candidateCount } = await recommendations.recommendPartners(id, memberOf.get(id)!, {
        limit: 20,
      })
      timings.push(performance.now() - t0)
      candidateCounts.push(candidateCount)
    }
    timings.sort((a, b) => a - b)
    candidateCounts.sort((a, b) => a - b)
    log(
      `top-20 p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms`,
    )

    let found = 0
    for (const { source, partner } of plantedSources) {
      const { items } = await recommendations.recommendPartners(source, memberOf.get(source)!, {
        limit: 10,
      })
      if (items.some((item) => item.organisation.id === partner)) found++
    }
    const recall = plantedSources.length ? found / plantedSources.length : 1

    const batchSources = new Set(plantedSources.map((p) => p.source))
    for (const organisation of organisations) {
      if (batchSources.size >= batchCount) break
      if (random() < (batchCount / organisations.length) * 1.2) batchSources.add(organisation.id)
    }
    while (batchSources.size < batchCount) batchSources.add(pickOne(organisations).id)
    started = performance.now()
    const batch = await recomputeRecommendationSnapshots({
      organisationIds: [...batchSources],
      size: 20,
    })
    const batchSeconds = (performance.now() - started) / 1000
    log(
      `batch of ${batch.sources} in ${batchSeconds.toFixed(1)} s (${batch.scored} pairs scored; ms: ${JSON.stringify(batch.timings)})`,
    )
    let batchFound = 0
    for (const { source, partner } of plantedSources) {
      const top = batch.results.get(source)?.slice(0, 10) ?? []
      if (top.some((item) => item.candidateId === partner)) batchFound++
    }

    console.log(
      JSON.stringify({
        orgs: organisations.length,
        db: database.mode === 'server' ? 'postgresql' : 'pglite',
        p50_ms: round(percentile(timings, 50)),
        p95_ms: round(percentile(timings, 95)),
        batch_s: round(batchSeconds),
        recall_at_10: round(recall, 3),
        batch_recall_at_10: round(
          plantedSources.length ? batchFound / plantedSources.length : 1,
          3,
        ),
        batch_orgs: batch.sources,
        batch_steps_ms: batch.timings,
        sources: timings.length,
        planted_sources: plantedSources.length,
        candidates_p50: percentile(candidateCounts, 50),
        candidates_max: candidateCounts[candidateCounts.length - 1],
        context_s: round(contextSeconds, 2),
        load_s: round(loadSeconds),
        common_tag_share: commonTagShare,
      }),
    )
  } finally {
    setDatabase(undefined)
    await cleanUp()
  }
}

await main()
