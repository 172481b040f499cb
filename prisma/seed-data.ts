// The demo: ~340 organisations of every kind across the 18 regions (plus Europe and the
// francophonie), their members, 120 needs, a few organizers and an admin. Deterministic
// (seeded Faker) so screenshots and the README stay true.
import { fakerFR as faker } from '@faker-js/faker'
import type { PrismaClient } from '~/generated/prisma/client.ts'
import type { OrgKind } from '~/generated/prisma/enums.ts'
import { seedDemoEvents } from './seed-events.ts'
import { seedMeetingDemo } from './seed-meetings.ts'
import {
  buildNeed,
  buildOrganisation,
  createTestUser,
  DEFAULT_TEST_PASSWORD,
  REGION_CODES,
} from './factories.ts'

export const DEMO_PASSWORD = DEFAULT_TEST_PASSWORD
export const DEMO_ACCOUNTS = {
  admin: 'admin@passerelle.example',
  organizer: 'organisatrice@passerelle.example',
  startup: 'startup@passerelle.example',
  institution: 'musee@passerelle.example',
} as const

export async function seedDemoData(
  prisma: PrismaClient,
  {
    log = () => {},
    organisations: total = 340,
  }: { log?: (line: string) => void; organisations?: number } = {},
) {
  const started = Date.now()
  faker.seed(2026)

  const admin = await createTestUser(
    prisma,
    { email: DEMO_ACCOUNTS.admin, name: 'Camille Administratrice', role: 'admin' },
    faker,
  )
  const organizer = await createTestUser(
    prisma,
    { email: DEMO_ACCOUNTS.organizer, name: 'Inès Organisatrice', role: 'organizer' },
    faker,
  )
  await createTestUser(prisma, { role: 'organizer' }, faker)
  const startupUser = await createTestUser(
    prisma,
    { email: DEMO_ACCOUNTS.startup, name: 'Hugo Fondateur' },
    faker,
  )
  const institutionUser = await createTestUser(
    prisma,
    { email: DEMO_ACCOUNTS.institution, name: 'Léa Conservatrice' },
    faker,
  )

  // Every region gets a share first so that none is empty, then the rest follows population.
  const kinds: OrgKind[] = ['startup', 'institution', 'lab', 'company']
  const organisations = []
  const seenSlugs = new Set<string>()
  for (let i = 0; i < total; i++) {
    const regionCode =
      i < REGION_CODES.length * 3 ? REGION_CODES[i % REGION_CODES.length] : undefined
    const kind = i < 40 ? kinds[i % kinds.length] : undefined
    const organisation = buildOrganisation(faker, {
      ...(regionCode ? { regionCode } : {}),
      ...(kind ? { kind } : {}),
      visibility: faker.helpers.weightedArrayElement([
        { weight: 88, value: 'public' as const },
        { weight: 7, value: 'members' as const },
        { weight: 5, value: 'draft' as const },
      ]),
    })
    if (seenSlugs.has(organisation.slug)) continue
    seenSlugs.add(organisation.slug)
    organisations.push(organisation)
  }
  // The demo accounts' own organisations, public and easy to find.
  organisations[0] = buildOrganisation(faker, {
    kind: 'startup',
    regionCode: 'R-76',
    city: 'Toulouse',
    name: 'Muséoscope',
    slug: 'museoscope',
    technologyCodes: ['TECH-3D', 'TECH-XR'],
    challengeCodes: ['CP-IMMERSIF', 'GT-PUBLICS'],
    visibility: 'public',
  })
  organisations[1] = buildOrganisation(faker, {
    kind: 'institution',
    subKind: 'ORG-INSTITUTION-MUSEE',
    regionCode: 'R-76',
    city: 'Montpellier',
    name: "Musée d'art et d'histoire de Montpellier",
    slug: 'musee-art-histoire-montpellier',
    technologyCodes: ['TECH-3D', 'TECH-IA'],
    challengeCodes: ['GT-ARCHIVAGE', 'GT-PUBLICS'],
    visibility: 'public',
  })
  await prisma.organisation.createMany({ data: organisations })

  const memberships = [
    { organisationId: organisations[0].id, userId: startupUser.id, role: 'owner' as const },
    { organisationId: organisations[1].id, userId: institutionUser.id, role: 'owner' as const },
  ]
  for (const organisation of organisations.slice(2)) {
    const owner = await createTestUser(prisma, {}, faker)
    memberships.push({ organisationId: organisation.id, userId: owner.id, role: 'owner' })
  }
  await prisma.membership.createMany({ data: memberships })

  const posters = organisations.filter((o) => o.kind === 'institution' && o.visibility === 'public')
  const needs = [buildNeed(faker, organisations[1], { anonymous: false })]
  for (let i = 0; needs.length < 120; i++) needs.push(buildNeed(faker, posters[i % posters.length]))
  await prisma.need.createMany({ data: needs })

  const organizerIds = (
    await prisma.user.findMany({ where: { role: 'organizer' }, select: { id: true } })
  ).map((u) => u.id)
  const attendees = memberships
    .filter((m) => m.userId !== startupUser.id)
    .map((m) => ({ userId: m.userId, organisationId: m.organisationId }))
  const demoEvents = await seedDemoEvents(prisma, faker, { organizerIds, attendees })
  const meetingDemo = await seedMeetingDemo(prisma)

  log(
    `${demoEvents.events} events with ${demoEvents.registrations} registrations, ` +
      `${organisations.length} organisations, ${memberships.length + 4} users, ${needs.length} needs in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(admin ${admin.email}, organizer ${organizer.email}; password ${DEMO_PASSWORD})`,
  )
  return { meetingDemo }
}
