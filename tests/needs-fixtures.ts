// A small network for the needs and contact request tests: an institution with two members
// (one of them posts), a startup, a third organisation, and helpers to call routes as them.
import { fakerFR } from '@faker-js/faker'
import type { Prisma } from '~/generated/prisma/client.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { buildNeed, createTestOrganisation, createTestUser } from '../prisma/factories.ts'
import { sessionCookieFor } from './route-utils.ts'

export async function createNetwork() {
  // The test template holds the migrations only; the bundled vocabulary is loaded here.
  await ensureBundledTaxonomy()
  const curator = await createTestUser(prisma, { name: 'Léa Conservatrice' })
  const colleague = await createTestUser(prisma, { name: 'Paul Médiateur' })
  const founder = await createTestUser(prisma, { name: 'Hugo Fondateur' })
  const outsider = await createTestUser(prisma, { name: 'Zoé Tierce' })
  const loner = await createTestUser(prisma, { name: 'Sans Organisation' })
  const museum = await createTestOrganisation(prisma, {
    owner: curator,
    kind: 'institution',
    subKind: 'ORG-INSTITUTION-MUSEE',
    regionCode: 'R-76',
    name: 'Musée Secret de Sète',
    contactEmail: 'accueil@musee-secret.fr',
    contactPhone: '04 67 00 00 01',
  })
  await prisma.membership.create({
    data: { organisationId: museum.id, userId: colleague.id, role: 'editor' },
  })
  const startup = await createTestOrganisation(prisma, {
    owner: founder,
    kind: 'startup',
    subKind: null,
    regionCode: 'R-76',
    name: 'Holoscope',
    contactEmail: 'bonjour@holoscope.fr',
    contactPhone: '06 00 00 00 02',
  })
  const other = await createTestOrganisation(prisma, {
    owner: outsider,
    kind: 'lab',
    subKind: 'ORG-LABO-FABLAB',
    name: 'Fab Lab Tiers',
    contactEmail: 'contact@fablab-tiers.fr',
  })
  const cookies = {
    curator: await sessionCookieFor(curator.id),
    colleague: await sessionCookieFor(colleague.id),
    founder: await sessionCookieFor(founder.id),
    outsider: await sessionCookieFor(outsider.id),
    loner: await sessionCookieFor(loner.id),
  }
  return { curator, colleague, founder, outsider, loner, museum, startup, other, cookies }
}

export type Network = Awaited<ReturnType<typeof createNetwork>>

export async function createNeedFor(
  organisation: { id: string; regionCode: string },
  overrides: Partial<Prisma.NeedCreateManyInput> = {},
) {
  const data = buildNeed(fakerFR, organisation, {
    anonymous: false,
    status: 'open',
    challengeCodes: ['GT-PUBLICS'],
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-XR'],
    expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    ...overrides,
  })
  return prisma.need.create({ data })
}

export function outboxTo(address: string) {
  return prisma.outboxEmail.findMany({
    where: { toAddress: address },
    orderBy: { createdAt: 'asc' },
  })
}
