import { fakerFR } from '@faker-js/faker'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  buildNeed,
  buildOrganisation,
  createTestOrganisation,
  createTestUser,
  type OrganisationSeed,
} from '../../../prisma/factories.ts'
import { prisma } from '~/utils/db.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import {
  dashboardRecommendations,
  invalidateMatchContext,
  maxCandidates,
  recommendForNeed,
  recommendPartners,
  recordNotRelevant,
  refreshStaleSnapshots,
  scoreOrganisationPair,
  scoreOrganisationPairs,
  undoNotRelevant,
  type Recommendation,
} from './recommendations.server.ts'
import { recomputeRecommendationSnapshots } from './recommendations/batch.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000
const recently = () => new Date(Date.now() - 2 * DAY_MS)

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
  } catch (error) {
    const init = (error as { init?: { status?: number } }).init
    if (init?.status) return init.status
    throw error
  }
  throw new Error('expected the call to be refused')
}

const ids = (items: Recommendation[]) => items.map((item) => item.organisation.id)

type OrgOverrides = Partial<OrganisationSeed> & { owner?: { id: string } }

function org(overrides: OrgOverrides) {
  return createTestOrganisation(prisma, {
    languages: ['fr'],
    sectorCodes: [],
    technologyCodes: [],
    challengeCodes: [],
    offers: '',
    seeks: '',
    lastActiveAt: recently(),
    ...overrides,
  })
}

// A museum in Occitanie looking for 3D digitisation of its collections, and organisations
// whose fit is obvious: the partner that matches on everything, then weaker and weaker ones.
async function museumScene() {
  // Each test starts from an empty directory, so earlier scenes' look-alikes never tie.
  await prisma.matchFeedback.deleteMany()
  await prisma.organisation.deleteMany()
  const owner = await createTestUser(prisma)
  const outsider = await createTestUser(prisma)
  const museum = await org({
    owner,
    kind: 'institution',
    subKind: 'ORG-INSTITUTION-MUSEE',
    regionCode: 'R-76',
    challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-3D'],
    seeks: 'Numérisation 3D et photogrammétrie de nos collections de sculptures.',
    offers: 'Des collections de sculptures et un terrain d’expérimentation.',
  })
  const best = await org({
    kind: 'startup',
    subKind: null,
    regionCode: 'R-76',
    challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-3D'],
    offers: 'Photogrammétrie et numérisation 3D de collections de sculptures.',
    seeks: 'Des musées avec des collections de sculptures à numériser.',
  })
  const good = await org({
    kind: 'startup',
    subKind: null,
    regionCode: 'R-75',
    challengeCodes: ['GT-ARCHIVAGE'],
    technologyCodes: ['TECH-3D'],
    offers: 'Numérisation 3D.',
  })
  const weak = await org({
    kind: 'institution',
    subKind: 'ORG-INSTITUTION-ARCHIVES',
    regionCode: 'R-11',
    challengeCodes: ['GT-ARCHIVAGE'],
  })
  const unrelated = await org({
    kind: 'startup',
    subKind: null,
    regionCode: 'R-53',
    challengeCodes: ['GT-LANGUE'],
    technologyCodes: ['TECH-BILLETTERIE-CRM'],
    offers: 'Billetterie en ligne.',
  })
  invalidateMatchContext()
  return { owner, outsider, museum, best, good, weak, unrelated }
}

beforeAll(async () => {
  await ensureBundledTaxonomy()
})
beforeEach(() => invalidateMatchContext())

describe('recommendPartners on hand-built organisations', () => {
  test('ranks the obvious partner first, then weaker ones, with scores out of 100', async () => {
    const scene = await museumScene()
    const { items } = await recommendPartners(scene.museum.id, scene.owner)
    const order = ids(items)
    expect(order.slice(0, 3)).toEqual([scene.best.id, scene.good.id, scene.weak.id])
    const unrelatedAt = order.indexOf(scene.unrelated.id)
    expect(unrelatedAt === -1 || unrelatedAt > 2).toBe(true)
    for (const item of items) {
      expect(Number.isInteger(item.score)).toBe(true)
      expect(item.score).toBeGreaterThanOrEqual(0)
      expect(item.score).toBeLessThanOrEqual(100)
    }
    expect(items[0]!.score).toBeGreaterThan(items[1]!.score)
    expect(items[0]!.reasons.length).toBeGreaterThanOrEqual(3)
    expect(items[0]!.reasons.length).toBeLessThanOrEqual(5)
    expect(items[0]!.organisation).toMatchObject({
      slug: scene.best.slug,
      name: scene.best.name,
      kind: 'startup',
      regionLabel: { fr: 'Occitanie', en: 'Occitanie' },
    })
  })

  test('explanations name the tags the two organisations really share, with taxonomy labels', async () => {
    const scene = await museumScene()
    const { items } = await recommendPartners(scene.museum.id, scene.owner)
    const best = items.find((item) => item.organisation.id === scene.best.id)!
    const challenges = best.reasons.find((reason) => reason.code === 'shared_challenges')
    expect(challenges?.code).toBe('shared_challenges')
    if (challenges?.code !== 'shared_challenges') return
    expect(challenges.params.tags.map((tag) => tag.code).sort()).toEqual([
      'CP-IMMERSIF',
      'GT-ARCHIVAGE',
    ])
    expect(challenges.params.tags.map((tag) => tag.label.fr)).toContain('Archivage numérique')
    const tech = best.reasons.find((reason) => reason.code === 'tech_offer_matches_seek')
    if (tech?.code === 'tech_offer_matches_seek') {
      expect(tech.params.tags.map((tag) => tag.code)).toEqual(['TECH-3D'])
    }
    // Every tag named in any reason is carried by both organisations.
    const shared = new Set(
      [
        ...scene.museum.challengeCodes,
        ...scene.museum.sectorCodes,
        ...scene.museum.technologyCodes,
      ].filter((code) =>
        [
          ...scene.best.challengeCodes,
          ...scene.best.sectorCodes,
          ...scene.best.technologyCodes,
        ].includes(code),
      ),
    )
    for (const item of items.filter((i) => i.organisation.id === scene.best.id)) {
      for (const reason of item.reasons) {
        if ('tags' in reason.params && !reason.code.startsWith('shared_themes')) {
          for (const tag of reason.params.tags) expect(shared.has(tag.code)).toBe(true)
        }
      }
    }
  })

  test('never recommends drafts, withdrawn profiles or the organisation itself', async () => {
    const scene = await museumScene()
    const twin = {
      kind: 'startup' as const,
      subKind: null,
      regionCode: 'R-76',
      challengeCodes: scene.best.challengeCodes,
      sectorCodes: scene.best.sectorCodes,
      technologyCodes: scene.best.technologyCodes,
      offers: scene.best.offers,
      seeks: scene.best.seeks,
    }
    const draft = await org({ ...twin, visibility: 'draft' })
    const withdrawn = await org({ ...twin, unpublishedAt: new Date() })
    const membersOnly = await org({ ...twin, visibility: 'members' })
    // Another organisation of the same member is a fair recommendation; the source never is.
    const sibling = await org({ ...twin, owner: scene.owner })
    invalidateMatchContext()
    const { items } = await recommendPartners(scene.museum.id, scene.owner)
    const found = ids(items)
    expect(found).not.toContain(scene.museum.id)
    expect(found).not.toContain(draft.id)
    expect(found).not.toContain(withdrawn.id)
    expect(found).toContain(membersOnly.id)
    expect(found).toContain(sibling.id)
    // Even as an admin, who may see drafts everywhere.
    const admin = await createTestUser(prisma, { role: 'admin' })
    await prisma.membership.create({
      data: { organisationId: scene.museum.id, userId: admin.id, role: 'editor' },
    })
    const asAdmin = ids((await recommendPartners(scene.museum.id, admin)).items)
    expect(asAdmin).not.toContain(draft.id)
    expect(asAdmin).not.toContain(withdrawn.id)
  })

  test('refuses people who are not members of the organisation (403)', async () => {
    const scene = await museumScene()
    expect(await thrownStatus(recommendPartners(scene.museum.id, scene.outsider))).toBe(403)
    const admin = await createTestUser(prisma, { role: 'admin' })
    expect(await thrownStatus(recommendPartners(scene.museum.id, admin))).toBe(403)
  })
})

describe('"pas pertinent" feedback', () => {
  test('is stored, hides the organisation, lowers look-alikes, and can be undone', async () => {
    const scene = await museumScene()
    const lookAlike = await org({
      kind: 'startup',
      subKind: null,
      regionCode: 'R-76',
      challengeCodes: scene.best.challengeCodes,
      sectorCodes: scene.best.sectorCodes,
      technologyCodes: scene.best.technologyCodes,
      offers: 'Numérisation 3D de collections patrimoniales.',
    })
    invalidateMatchContext()
    const before = (await recommendPartners(scene.museum.id, scene.owner)).items
    const lookAlikeBefore = before.find((item) => item.organisation.id === lookAlike.id)!
    expect(lookAlikeBefore.lowered).toBe(false)

    const { target } = await recordNotRelevant(scene.museum.id, scene.best.id, scene.owner)
    expect(target.name).toBe(scene.best.name)
    const stored = await prisma.matchFeedback.findMany({
      where: { organisationId: scene.museum.id },
    })
    expect(stored).toMatchObject([
      { targetOrgId: scene.best.id, verdict: 'not_relevant', createdById: scene.owner.id },
    ])

    const after = (await recommendPartners(scene.museum.id, scene.owner)).items
    expect(ids(after)).not.toContain(scene.best.id)
    const lookAlikeAfter = after.find((item) => item.organisation.id === lookAlike.id)!
    expect(lookAlikeAfter.lowered).toBe(true)
    expect(lookAlikeAfter.score).toBeLessThan(lookAlikeBefore.score)
    // An organisation unlike the disliked one keeps its score.
    const weakBefore = before.find((item) => item.organisation.id === scene.weak.id)!
    const weakAfter = after.find((item) => item.organisation.id === scene.weak.id)!
    expect(weakAfter.score).toBe(weakBefore.score)

    // Recording twice is harmless.
    await recordNotRelevant(scene.museum.id, scene.best.id, scene.owner)
    expect(await prisma.matchFeedback.count({ where: { organisationId: scene.museum.id } })).toBe(1)

    expect((await undoNotRelevant(scene.museum.id, scene.best.id, scene.owner)).removed).toBe(true)
    const restored = (await recommendPartners(scene.museum.id, scene.owner)).items
    expect(ids(restored)[0]).toBe(scene.best.id)
  })

  test('only members may give or undo feedback (403); bad targets are refused', async () => {
    const scene = await museumScene()
    expect(
      await thrownStatus(recordNotRelevant(scene.museum.id, scene.best.id, scene.outsider)),
    ).toBe(403)
    expect(
      await thrownStatus(undoNotRelevant(scene.museum.id, scene.best.id, scene.outsider)),
    ).toBe(403)
    expect(await prisma.matchFeedback.count()).toBe(0)
    expect(
      await thrownStatus(recordNotRelevant(scene.museum.id, scene.museum.id, scene.owner)),
    ).toBe(400)
    expect(
      await thrownStatus(recordNotRelevant(scene.museum.id, crypto.randomUUID(), scene.owner)),
    ).toBe(404)
  })
})

describe('recommendForNeed ("Qui peut répondre ?")', () => {
  test('ranks organisations offering what the need seeks, never the need’s own organisation', async () => {
    const scene = await museumScene()
    const need = await prisma.need.create({
      data: buildNeed(fakerFR, scene.museum, {
        title: 'Numériser nos sculptures en 3D',
        description: 'Photogrammétrie et numérisation 3D de 200 sculptures de nos collections.',
        challengeCodes: ['GT-ARCHIVAGE'],
        sectorCodes: ['S-PATRIMOINE'],
        technologyCodes: ['TECH-3D'],
        createdById: scene.owner.id,
      }),
    })
    const result = await recommendForNeed(need.id, scene.owner)
    expect(result.need.title).toBe('Numériser nos sculptures en 3D')
    expect(ids(result.items)[0]).toBe(scene.best.id)
    expect(ids(result.items)).not.toContain(scene.museum.id)
    const reasonCodes = result.items[0]!.reasons.map((reason) => reason.code)
    expect(reasonCodes).toContain('need_tech_match')

    expect(await thrownStatus(recommendForNeed(need.id, scene.outsider))).toBe(403)
    expect(await thrownStatus(recommendForNeed(crypto.randomUUID(), scene.owner))).toBe(404)
  })
})

describe('scoreOrganisationPair', () => {
  test('is symmetric, explained, stable, and null for an unknown organisation', async () => {
    const scene = await museumScene()
    const ab = await scoreOrganisationPair(scene.museum.id, scene.best.id)
    const ba = await scoreOrganisationPair(scene.best.id, scene.museum.id)
    expect(ab!.score).toBe(ba!.score)
    expect(ab!.score).toBeGreaterThan(
      (await scoreOrganisationPair(scene.museum.id, scene.unrelated.id))!.score,
    )
    expect(ab!.reasons.map((reason) => reason.code)).toContain('shared_challenges')
    expect((await scoreOrganisationPair(scene.museum.id, scene.best.id))!.score).toBe(ab!.score)
    expect(await scoreOrganisationPair(scene.museum.id, crypto.randomUUID())).toBeNull()
    const many = await scoreOrganisationPairs([
      [scene.museum.id, scene.best.id],
      [scene.museum.id, scene.good.id],
    ])
    expect(many.get(`${scene.museum.id}|${scene.best.id}`)?.score).toBe(ab!.score)
    expect(many.size).toBe(2)
  })
})

describe('snapshots', () => {
  test('the batch finds what the live path finds, stores it, and dashboards read it', async () => {
    const scene = await museumScene()
    const live = await recommendPartners(scene.museum.id, scene.owner, { limit: 30 })
    const batch = await recomputeRecommendationSnapshots({
      organisationIds: [scene.museum.id, scene.best.id],
    })
    expect(batch.sources).toBe(2)
    expect(batch.results.get(scene.museum.id)!.map((item) => item.candidateId)).toEqual(
      ids(live.items),
    )
    expect(batch.results.get(scene.museum.id)!.map((item) => item.score)).toEqual(
      live.items.map((item) => item.score),
    )
    const snapshot = await prisma.recommendationSnapshot.findUniqueOrThrow({
      where: { organisationId: scene.museum.id },
    })
    expect(snapshot.candidateIds).toEqual(ids(live.items))

    const dashboard = await dashboardRecommendations(scene.museum.id, scene.owner, { limit: 3 })
    expect(ids(dashboard)).toEqual(ids(live.items).slice(0, 3))
    // Feedback drops the snapshot; the next dashboard read recomputes without the target.
    await recordNotRelevant(scene.museum.id, scene.best.id, scene.owner)
    expect(
      await prisma.recommendationSnapshot.count({ where: { organisationId: scene.museum.id } }),
    ).toBe(0)
    expect(ids(await dashboardRecommendations(scene.museum.id, scene.owner))).not.toContain(
      scene.best.id,
    )
    expect(await thrownStatus(dashboardRecommendations(scene.museum.id, scene.outsider))).toBe(403)
  })

  test('the periodic task recomputes stale snapshots only', async () => {
    const scene = await museumScene()
    await recomputeRecommendationSnapshots({ organisationIds: [scene.museum.id, scene.best.id] })
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000)
    await prisma.recommendationSnapshot.update({
      where: { organisationId: scene.museum.id },
      data: { computedAt: old, candidateIds: [], scores: [] },
    })
    expect(await refreshStaleSnapshots()).toBe(1)
    const refreshed = await prisma.recommendationSnapshot.findUniqueOrThrow({
      where: { organisationId: scene.museum.id },
    })
    expect(refreshed.computedAt.getTime()).toBeGreaterThan(old.getTime())
    expect(refreshed.candidateIds[0]).toBe(scene.best.id)
    expect(await refreshStaleSnapshots()).toBe(0)
  })
})

describe('retrieval at scale', () => {
  const TOTAL = 3000
  let source: { id: string }
  let owner: { id: string; role: 'member' | 'organizer' | 'admin' }

  beforeAll(async () => {
    owner = await createTestUser(prisma)
    const organisations: OrganisationSeed[] = []
    for (let i = 0; i < TOTAL; i++) {
      organisations.push(buildOrganisation(fakerFR, { lastActiveAt: recently() }))
    }
    for (let start = 0; start < organisations.length; start += 500) {
      await prisma.organisation.createMany({ data: organisations.slice(start, start + 500) })
    }
    source = organisations[0]!
    await prisma.membership.create({
      data: { organisationId: source.id, userId: owner.id, role: 'owner' },
    })
  })

  test('scores a bounded candidate set, never every organisation', async () => {
    invalidateMatchContext()
    const { items, candidateCount } = await recommendPartners(source.id, owner)
    expect(items).toHaveLength(20)
    expect(candidateCount).toBeGreaterThan(20)
    expect(candidateCount).toBeLessThanOrEqual(maxCandidates())
    expect(candidateCount).toBeLessThan(TOTAL * 0.7)
    const tight = { tags: 3, perTag: 40, perCommonTag: 20, perRegionKind: 20 }
    const bounded = await recommendPartners(source.id, owner, { retrievalLimits: tight })
    expect(bounded.candidateCount).toBeLessThanOrEqual(maxCandidates(tight))
    expect(bounded.items.length).toBeGreaterThan(0)
  })
})
