import { fakerFR } from '@faker-js/faker'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  buildNeed,
  createTestOrganisation,
  createTestUser,
  type OrganisationSeed,
} from '../../prisma/factories.ts'
import {
  invalidateMatchContext,
  type Recommendation,
} from '~/models/matching/recommendations.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import {
  formRequest,
  getRequest,
  run,
  sessionCookieFor,
  TEST_CONTEXT,
} from '../../tests/route-utils.ts'
import * as partners from './organisations.$slug_.partenaires.tsx'
import * as candidates from './besoins.$id_.candidats.tsx'
import * as dashboard from './me._index.tsx'

type PartnersData = {
  organisation: { id: string; slug: string; name: string }
  items: Recommendation[]
}
type FeedbackData = {
  outcome: { intent: string; targetOrgId: string; name: string } | null
  error: string | null
}

const recently = () => new Date(Date.now() - 24 * 3600 * 1000)

function org(overrides: Partial<OrganisationSeed> & { owner?: { id: string } }) {
  return createTestOrganisation(prisma, {
    languages: ['fr'],
    lastActiveAt: recently(),
    ...overrides,
  })
}

async function scene() {
  // Each test starts from an empty directory, so earlier scenes' look-alikes never tie.
  await prisma.matchFeedback.deleteMany()
  await prisma.organisation.deleteMany()
  const owner = await createTestUser(prisma)
  const outsider = await createTestUser(prisma)
  const museum = await org({
    owner,
    kind: 'institution',
    regionCode: 'R-76',
    challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-3D'],
    seeks: 'Numérisation 3D de nos collections de sculptures.',
  })
  const startup = await org({
    kind: 'startup',
    regionCode: 'R-76',
    challengeCodes: ['GT-ARCHIVAGE', 'CP-IMMERSIF'],
    sectorCodes: ['S-PATRIMOINE'],
    technologyCodes: ['TECH-3D'],
    offers: 'Numérisation 3D de collections de sculptures.',
  })
  const other = await org({
    kind: 'lab',
    regionCode: 'R-76',
    challengeCodes: ['GT-ARCHIVAGE'],
    technologyCodes: ['TECH-IA'],
  })
  invalidateMatchContext()
  return {
    owner,
    outsider,
    museum,
    startup,
    other,
    ownerCookie: await sessionCookieFor(owner.id),
    outsiderCookie: await sessionCookieFor(outsider.id),
  }
}

function loadPartners(slug: string, cookie?: string) {
  return run<PartnersData>(() =>
    partners.loader({
      request: getRequest(`/organisations/${slug}/partenaires`, cookie ? { Cookie: cookie } : {}),
      params: { slug },
      context: TEST_CONTEXT,
    }),
  )
}

function postFeedback(slug: string, cookie: string, fields: Record<string, string>) {
  return run<FeedbackData>(() =>
    partners.action({
      request: formRequest(`/organisations/${slug}/partenaires`, fields, { Cookie: cookie }),
      params: { slug },
      context: TEST_CONTEXT,
    }),
  )
}

beforeAll(async () => {
  await ensureBundledTaxonomy()
})
beforeEach(() => invalidateMatchContext())

describe('/me (dashboard)', () => {
  type DashboardData = {
    suggestions: Array<{ slug: string; name: string; items: Recommendation[] }>
  }
  const loadDashboard = (cookie: string) =>
    run<DashboardData>(() =>
      dashboard.loader({
        request: getRequest('/me', { Cookie: cookie }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )

  test('suggests partners for each published organisation of mine, never for drafts', async () => {
    const s = await scene()
    await org({ owner: s.owner, visibility: 'draft', name: 'Brouillon du musée' })
    const outcome = await loadDashboard(s.ownerCookie)
    expect(outcome.status).toBe(200)
    expect(outcome.data.suggestions.map((entry) => entry.slug)).toEqual([s.museum.slug])
    const [museum] = outcome.data.suggestions
    expect(museum.items.length).toBeLessThanOrEqual(3)
    expect(museum.items[0]!.organisation.slug).toBe(s.startup.slug)
    expect(museum.items[0]!.reasons.length).toBeGreaterThan(0)
  })

  test('people without an organisation get no suggestions', async () => {
    const s = await scene()
    const outcome = await loadDashboard(s.outsiderCookie)
    expect(outcome.status).toBe(200)
    expect(outcome.data.suggestions).toEqual([])
  })
})

describe('/organisations/:slug/partenaires', () => {
  test('shows members their ranked partners with scores and reasons', async () => {
    const s = await scene()
    const outcome = await loadPartners(s.museum.slug, s.ownerCookie)
    expect(outcome.status).toBe(200)
    expect(outcome.data.organisation).toMatchObject({ id: s.museum.id, name: s.museum.name })
    expect(outcome.data.items[0]!.organisation.slug).toBe(s.startup.slug)
    expect(outcome.data.items[0]!.score).toBeGreaterThan(outcome.data.items[1]!.score)
    expect(outcome.data.items[0]!.reasons.length).toBeGreaterThanOrEqual(3)
  })

  test('refuses non-members (403), unknown organisations (404) and anonymous visitors', async () => {
    const s = await scene()
    expect((await loadPartners(s.museum.slug, s.outsiderCookie)).status).toBe(403)
    expect((await loadPartners('pas-une-organisation', s.ownerCookie)).status).toBe(404)
    const anonymous = await loadPartners(s.museum.slug)
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
    // A draft's page does not even reveal the organisation exists to others.
    const draft = await org({ owner: s.owner, visibility: 'draft' })
    expect((await loadPartners(draft.slug, s.outsiderCookie)).status).toBe(404)
    expect((await loadPartners(draft.slug, s.ownerCookie)).status).toBe(200)
  })

  test('"Pas pertinent" hides the organisation, is stored, and can be undone', async () => {
    const s = await scene()
    const hidden = await postFeedback(s.museum.slug, s.ownerCookie, {
      intent: 'not-relevant',
      targetOrgId: s.startup.id,
    })
    expect(hidden.status).toBe(200)
    expect(hidden.data.outcome).toEqual({
      intent: 'not-relevant',
      targetOrgId: s.startup.id,
      name: s.startup.name,
    })
    expect(
      await prisma.matchFeedback.count({
        where: { organisationId: s.museum.id, targetOrgId: s.startup.id },
      }),
    ).toBe(1)
    const after = await loadPartners(s.museum.slug, s.ownerCookie)
    expect(after.data.items.map((item) => item.organisation.id)).not.toContain(s.startup.id)

    const undone = await postFeedback(s.museum.slug, s.ownerCookie, {
      intent: 'undo-not-relevant',
      targetOrgId: s.startup.id,
    })
    expect(undone.status).toBe(200)
    expect(await prisma.matchFeedback.count()).toBe(0)
    const restored = await loadPartners(s.museum.slug, s.ownerCookie)
    expect(restored.data.items[0]!.organisation.id).toBe(s.startup.id)
  })

  test('feedback from a non-member is refused (403) and bad input gives a 400', async () => {
    const s = await scene()
    const refused = await postFeedback(s.museum.slug, s.outsiderCookie, {
      intent: 'not-relevant',
      targetOrgId: s.startup.id,
    })
    expect(refused.status).toBe(403)
    expect(await prisma.matchFeedback.count()).toBe(0)
    const invalid = await postFeedback(s.museum.slug, s.ownerCookie, { intent: 'supprimer' })
    expect(invalid.status).toBe(400)
    expect(invalid.data.error).toBe('matching:errors.invalidFeedback')
    const unknownTarget = await postFeedback(s.museum.slug, s.ownerCookie, {
      intent: 'not-relevant',
      targetOrgId: crypto.randomUUID(),
    })
    expect(unknownTarget.status).toBe(404)
  })
})

describe('/besoins/:id/candidats', () => {
  test('ranks organisations for the need’s members; others get a 403, unknown needs a 404', async () => {
    const s = await scene()
    const need = await prisma.need.create({
      data: buildNeed(fakerFR, s.museum, {
        title: 'Numériser nos sculptures',
        description: 'Numérisation 3D de nos collections de sculptures.',
        challengeCodes: ['GT-ARCHIVAGE'],
        sectorCodes: ['S-PATRIMOINE'],
        technologyCodes: ['TECH-3D'],
      }),
    })
    const load = (id: string, cookie: string) =>
      run<{ need: { id: string; title: string }; items: Recommendation[] }>(() =>
        candidates.loader({
          request: getRequest(`/besoins/${id}/candidats`, { Cookie: cookie }),
          params: { id },
          context: TEST_CONTEXT,
        }),
      )
    const outcome = await load(need.id, s.ownerCookie)
    expect(outcome.status).toBe(200)
    expect(outcome.data.need.title).toBe('Numériser nos sculptures')
    expect(outcome.data.items[0]!.organisation.id).toBe(s.startup.id)
    expect(outcome.data.items.map((item) => item.organisation.id)).not.toContain(s.museum.id)
    expect((await load(need.id, s.outsiderCookie)).status).toBe(403)
    expect((await load(crypto.randomUUID(), s.ownerCookie)).status).toBe(404)
  })
})
