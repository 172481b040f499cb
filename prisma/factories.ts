// Builders shared by the demo seed and the tests: realistic French data from Faker (fr) and
// the hand-written material of demo-content.ts.
import { randomUUID } from 'node:crypto'
import { fakerFR, type Faker } from '@faker-js/faker'
import type { Prisma, PrismaClient } from '~/generated/prisma/client.ts'
import type { OrgKind, Role, Visibility } from '~/generated/prisma/enums.ts'
import { hashPassword } from '~/models/users/password.server.ts'
import { slugify } from '~/utils/slug.ts'
import {
  CITIES_BY_REGION,
  COMPANY_NAMES,
  FIRST_PITCH,
  INSTITUTION_NAMES,
  LAB_NAMES,
  NEED_TEMPLATES,
  OFFER_SENTENCES,
  STARTUP_PREFIXES,
  STARTUP_SUFFIXES,
  TECH_OFFERS,
} from './demo-content.ts'

export const REGION_CODES = Object.keys(CITIES_BY_REGION)
export const FRENCH_REGION_CODES = REGION_CODES.filter(
  (code) => !['R-EUROPE', 'R-INTL'].includes(code),
)
const SECTORS = [
  'S-PATRIMOINE',
  'S-ARCHIVES',
  'S-LIVRE',
  'S-SPECTACLE-VIVANT',
  'S-MUSIQUE',
  'S-CINEMA-AUDIOVISUEL',
  'S-ARTS-VISUELS',
  'S-ARCHITECTURE',
  'S-DESIGN-METIERS-ART',
  'S-PRESSE-MEDIAS',
  'S-JEU-VIDEO',
  'S-EAC',
]
const TECHNOLOGIES = Object.keys(TECH_OFFERS)
const CHALLENGES = [
  'GT-DATA-IA',
  'GT-PUBLICS',
  'GT-LANGUE',
  'GT-ARCHIVAGE',
  'GT-CREATION',
  'GT-ECOLOGIE',
  'GT-INNOVATION',
  'GT-RECHERCHE',
  'CP-IMMERSIF',
  'CP-TERRITOIRES',
  'CP-METIERS',
]
const SIZE_BANDS = ['solo', 'from2to10', 'from11to50', 'from51to250', 'over250'] as const

export { slugify }

let defaultPasswordHash: Promise<string> | undefined
/** Hashing is slow on purpose (Argon2id); test and demo accounts share one hash of this password. */
export const DEFAULT_TEST_PASSWORD = 'passerelle-demo-2026'
function sharedPasswordHash() {
  defaultPasswordHash ??= hashPassword(DEFAULT_TEST_PASSWORD)
  return defaultPasswordHash
}

export async function createTestUser(
  db: Pick<PrismaClient, 'user'>,
  overrides: {
    email?: string
    name?: string
    role?: Role
    password?: string
    locale?: string
    /** Accounts have a confirmed address unless a test says otherwise. */
    verified?: boolean
  } = {},
  faker: Faker = fakerFR,
) {
  const firstName = faker.person.firstName()
  const lastName = faker.person.lastName()
  return db.user.create({
    data: {
      name: overrides.name ?? `${firstName} ${lastName}`,
      email: (
        overrides.email ??
        `${slugify(firstName)}.${slugify(lastName)}.${randomUUID().slice(0, 6)}@exemple.fr`
      ).toLowerCase(),
      role: overrides.role ?? 'member',
      locale: overrides.locale ?? 'fr',
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
      passwordHash: overrides.password
        ? await hashPassword(overrides.password)
        : await sharedPasswordHash(),
    },
  })
}

function pick<T>(faker: Faker, items: readonly T[]): T {
  return faker.helpers.arrayElement(items)
}

function organisationName(faker: Faker, kind: OrgKind, subKind: string | null, city: string) {
  switch (kind) {
    case 'institution':
      return pick(faker, INSTITUTION_NAMES[subKind!]).replace('{city}', city)
    case 'lab':
      return pick(faker, LAB_NAMES[subKind!]).replace('{city}', city)
    case 'company':
      return pick(faker, COMPANY_NAMES).replace('{name}', faker.person.lastName())
    default:
      return `${pick(faker, STARTUP_PREFIXES)}${pick(faker, STARTUP_SUFFIXES)}`
  }
}

export function subKindsOf(kind: OrgKind): string[] {
  if (kind === 'institution') return Object.keys(INSTITUTION_NAMES)
  if (kind === 'lab') return Object.keys(LAB_NAMES)
  return []
}

export type OrganisationSeed = Prisma.OrganisationCreateManyInput & { id: string }

/** A complete, coherent profile (tags, texts in both languages) for the given kind. */
export function buildOrganisation(
  faker: Faker = fakerFR,
  overrides: Partial<OrganisationSeed> = {},
): OrganisationSeed {
  const kind: OrgKind =
    overrides.kind ??
    pick(faker, ['startup', 'startup', 'institution', 'institution', 'lab', 'company'] as const)
  const subKinds = subKindsOf(kind)
  const subKind =
    overrides.subKind !== undefined
      ? overrides.subKind
      : subKinds.length
        ? pick(faker, subKinds)
        : null
  const regionCode = overrides.regionCode ?? pick(faker, FRENCH_REGION_CODES)
  const city = overrides.city ?? pick(faker, CITIES_BY_REGION[regionCode] ?? ['Paris'])
  const name = overrides.name ?? organisationName(faker, kind, subKind, city)
  const technologyCodes =
    overrides.technologyCodes ?? faker.helpers.arrayElements(TECHNOLOGIES, { min: 1, max: 3 })
  const techs = technologyCodes as string[]
  const offersFr = techs
    .map((code) => TECH_OFFERS[code]?.fr)
    .filter(Boolean)
    .join(', ')
  const offersEn = techs
    .map((code) => TECH_OFFERS[code]?.en)
    .filter(Boolean)
    .join(', ')
  const pitch = FIRST_PITCH[kind]
  const isTech = kind === 'startup' || kind === 'company'
  return {
    id: randomUUID(),
    // Six hex digits: thousands of look-alike names (tests at scale) never share a slug.
    slug: `${slugify(name)}-${randomUUID().slice(0, 6)}`,
    kind,
    subKind,
    name,
    pitchFr: pitch.fr.replace('{offer}', offersFr).replace('{city}', city),
    pitchEn: pitch.en.replace('{offer}', offersEn).replace('{city}', city),
    descriptionFr: `${name} (${city}) ${isTech ? 'travaille avec les lieux culturels depuis' : 'est engagé dans le numérique depuis'} ${faker.number.int({ min: 2, max: 15 })} ans. ${faker.helpers.arrayElement(['Nos projets associent les équipes, les publics et les artistes.', 'Nous privilégions les solutions ouvertes, accessibles et sobres.', 'Nous avons déjà mené plusieurs expérimentations avec des partenaires régionaux.'])}`,
    descriptionEn: `${name} (${city}) has ${isTech ? 'worked with cultural venues' : 'been engaged in digital projects'} for ${faker.number.int({ min: 2, max: 15 })} years. ${faker.helpers.arrayElement(['Our projects bring together teams, audiences and artists.', 'We favour open, accessible and frugal solutions.', 'We have already run several pilots with regional partners.'])}`,
    regionCode,
    city,
    website: `https://www.${slugify(name).slice(0, 40)}.fr`,
    foundedYear: isTech
      ? faker.number.int({ min: 2012, max: 2025 })
      : faker.number.int({ min: 1850, max: 2015 }),
    sizeBand: pick(faker, SIZE_BANDS),
    sectorCodes: faker.helpers.arrayElements(SECTORS, { min: 1, max: 3 }),
    technologyCodes,
    challengeCodes: faker.helpers.arrayElements(CHALLENGES, { min: 1, max: 4 }),
    languages: faker.datatype.boolean(0.4) ? ['fr', 'en'] : ['fr'],
    offers: isTech
      ? `Nous apportons ${offersFr}.`
      : pick(faker, kind === 'lab' ? OFFER_SENTENCES.lab.fr : OFFER_SENTENCES.institution.fr),
    seeks: isTech
      ? "Des institutions culturelles prêtes à expérimenter avec nous et à partager leurs retours d'usage."
      : `Des partenaires pour ${offersFr}.`,
    contactEmail: `contact@${slugify(name).slice(0, 30)}.fr`,
    contactPhone: faker.helpers.replaceSymbols('0# ## ## ## ##'),
    visibility: 'public',
    verifiedAt: faker.datatype.boolean(0.3) ? faker.date.past({ years: 1 }) : null,
    lastActiveAt: faker.date.recent({ days: 120 }),
    ...overrides,
  }
}

export async function createTestOrganisation(
  db: PrismaClient,
  {
    owner,
    visibility = 'public',
    ...overrides
  }: Partial<OrganisationSeed> & { owner?: { id: string }; visibility?: Visibility } = {},
  faker: Faker = fakerFR,
) {
  const data = buildOrganisation(faker, { ...overrides, visibility })
  const organisation = await db.organisation.create({ data })
  if (owner) {
    await db.membership.create({
      data: { organisationId: organisation.id, userId: owner.id, role: 'owner' },
    })
  }
  return organisation
}

export function buildNeed(
  faker: Faker,
  organisation: { id: string; regionCode: string },
  overrides: Partial<Prisma.NeedCreateManyInput> = {},
): Prisma.NeedCreateManyInput {
  const template = pick(faker, NEED_TEMPLATES)
  const now = Date.now()
  return {
    id: randomUUID(),
    organisationId: organisation.id,
    title: template.title,
    description: template.description.replace(
      '{n}',
      String(faker.number.int({ min: 3, max: 400 })),
    ),
    challengeCodes: template.challenges,
    sectorCodes: template.sectors,
    technologyCodes: template.tech,
    budgetBand: pick(faker, [
      'unknown',
      'under10k',
      'from10kTo50k',
      'from50kTo150k',
      'over150k',
    ] as const),
    deadline: faker.date.soon({ days: 180, refDate: now }),
    regionCode: organisation.regionCode,
    status: 'open',
    anonymous: faker.datatype.boolean(0.2),
    expiresAt: new Date(now + faker.number.int({ min: 10, max: 90 }) * 24 * 3600 * 1000),
    ...overrides,
  }
}
