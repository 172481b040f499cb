import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { createNeedFor, createNetwork, type Network } from '../../tests/needs-fixtures.ts'
import { formRequest, getRequest, run, TEST_CONTEXT } from '../../tests/route-utils.ts'
import * as needEdit from './besoins.$id_.modifier.tsx'
import * as needPage from './besoins.$id.tsx'
import * as needList from './besoins._index.tsx'
import * as newNeed from './besoins.nouveau.tsx'

let net: Network
beforeAll(async () => {
  net = await createNetwork()
})

const DAY = 24 * 3600 * 1000

function needFields(organisationId: string, overrides: Record<string, string> = {}) {
  return {
    organisationId,
    title: 'Numériser nos collections de céramiques',
    description:
      'Nous cherchons un partenaire pour numériser en 3D quatre cents céramiques et les publier en ligne.',
    challengeCodes: 'GT-PUBLICS',
    sectorCodes: 'S-PATRIMOINE',
    technologyCodes: 'TECH-3D',
    budgetBand: 'from10kTo50k',
    regionCode: 'R-76',
    ...overrides,
  }
}

function post(path: string, fields: Record<string, string | string[]>, cookie: string) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item)
  }
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Origin: 'http://localhost', Cookie: cookie },
    body,
  })
}

describe('posting a need', () => {
  test('a member posts a need for their organisation; it expires in 60 days by default', async () => {
    const outcome = await run(() =>
      newNeed.action({
        request: post(
          '/besoins/nouveau',
          {
            ...needFields(net.museum.id),
            technologyCodes: ['TECH-3D', 'TECH-XR'],
            anonymous: 'on',
            deadline: new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10),
          },
          net.cookies.colleague,
        ),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(302)
    const id = outcome.location!.replace('/besoins/', '')
    const need = await prisma.need.findUniqueOrThrow({ where: { id } })
    expect(need).toMatchObject({
      organisationId: net.museum.id,
      anonymous: true,
      status: 'open',
      technologyCodes: ['TECH-3D', 'TECH-XR'],
      createdById: net.colleague.id,
    })
    const days = (need.expiresAt.getTime() - Date.now()) / DAY
    expect(days).toBeGreaterThan(59.9)
    expect(days).toBeLessThanOrEqual(60)
  })

  test('someone who is not a member of the organisation gets a 403', async () => {
    const before = await prisma.need.count()
    const outcome = await run(() =>
      newNeed.action({
        request: post('/besoins/nouveau', needFields(net.museum.id), net.cookies.founder),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(403)
    expect(await prisma.need.count()).toBe(before)
  })

  test('codes outside the taxonomy, or of the wrong kind, and too long a validity are 400s', async () => {
    const outcome = await run<{ error: Record<string, string[]> }>(() =>
      newNeed.action({
        request: post(
          '/besoins/nouveau',
          needFields(net.museum.id, {
            challengeCodes: 'S-PATRIMOINE',
            technologyCodes: 'TECH-INCONNUE',
            regionCode: 'R-99',
          }),
          net.cookies.curator,
        ),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.error).toMatchObject({
      challengeCodes: ['needs:errors.unknownCode'],
      technologyCodes: ['needs:errors.unknownCode'],
      regionCode: ['needs:errors.unknownCode'],
    })
    const tooLong = await run<{ error: Record<string, string[]> }>(() =>
      newNeed.action({
        request: post(
          '/besoins/nouveau',
          needFields(net.museum.id, { validityDays: '181', challengeCodes: '' }),
          net.cookies.curator,
        ),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(tooLong.status).toBe(400)
    expect(tooLong.data.error.validityDays).toEqual(['needs:errors.validityTooLong'])
    expect(tooLong.data.error.challengeCodes).toEqual(['needs:errors.challengeRequired'])
  })

  test('the form lists only my organisations; signed out, it asks to sign in', async () => {
    const page = await run<{ organisations: Array<{ id: string }> }>(() =>
      newNeed.loader({
        request: getRequest('/besoins/nouveau', { Cookie: net.cookies.curator }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(page.data.organisations.map((org) => org.id)).toEqual([net.museum.id])
    const anonymous = await run(() =>
      newNeed.loader({
        request: getRequest('/besoins/nouveau'),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
  })
})

describe('editing a need', () => {
  test('a non-member gets a 403 on the edit page and on every change; nothing changes', async () => {
    const need = await createNeedFor(net.museum)
    const page = await run(() =>
      needEdit.loader({
        request: getRequest(`/besoins/${need.id}/modifier`, { Cookie: net.cookies.founder }),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(page.status).toBe(403)
    const attempts: Array<Record<string, string>> = [
      { intent: 'update', ...needFields(net.museum.id, { title: 'Titre détourné' }) },
      { intent: 'close' },
      { intent: 'renew', validityDays: '180' },
    ]
    for (const fields of attempts) {
      const outcome = await run(() =>
        needEdit.action({
          request: post(`/besoins/${need.id}/modifier`, fields, net.cookies.founder),
          params: { id: need.id },
          context: TEST_CONTEXT,
        }),
      )
      expect(outcome.status).toBe(403)
    }
    expect(await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).toMatchObject({
      title: need.title,
      status: 'open',
    })
    const missing = await run(() =>
      needEdit.loader({
        request: getRequest('/besoins/nope/modifier', { Cookie: net.cookies.curator }),
        params: { id: 'nope' },
        context: TEST_CONTEXT,
      }),
    )
    expect(missing.status).toBe(404)
  })

  test('any member edits, closes, fulfils and renews (renewal re-arms the reminder)', async () => {
    const need = await createNeedFor(net.museum, { renewalReminderSentAt: new Date() })
    const edit = (fields: Record<string, string>) =>
      run(() =>
        needEdit.action({
          request: post(`/besoins/${need.id}/modifier`, fields, net.cookies.colleague),
          params: { id: need.id },
          context: TEST_CONTEXT,
        }),
      )
    const updated = await edit({
      intent: 'update',
      ...needFields(net.museum.id, { title: 'Un titre tout neuf' }),
    })
    expect(updated.status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).title).toBe(
      'Un titre tout neuf',
    )
    expect((await edit({ intent: 'close' })).status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('closed')
    expect((await edit({ intent: 'fulfil' })).status).toBe(302)
    expect((await prisma.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe(
      'fulfilled',
    )
    expect((await edit({ intent: 'renew', validityDays: '90' })).status).toBe(302)
    const renewed = await prisma.need.findUniqueOrThrow({ where: { id: need.id } })
    expect(renewed.status).toBe('open')
    expect(renewed.renewalReminderSentAt).toBeNull()
    expect((renewed.expiresAt.getTime() - Date.now()) / DAY).toBeGreaterThan(89.9)
    expect((await edit({ intent: 'renew', validityDays: '365' })).status).toBe(400)
  })
})

describe('the list of needs', () => {
  test('shows open, unexpired needs of visible organisations only, filtered', async () => {
    const draftOrg = await prisma.organisation.update({
      where: { id: net.other.id },
      data: { visibility: 'draft' },
    })
    const open = await createNeedFor(net.museum, { title: 'Besoin ouvert de médiation' })
    const expired = await createNeedFor(net.museum, {
      title: 'Besoin expiré',
      expiresAt: new Date(Date.now() - DAY),
    })
    const closed = await createNeedFor(net.museum, { title: 'Besoin clos', status: 'closed' })
    const hidden = await createNeedFor(draftOrg, { title: 'Besoin d’un brouillon' })
    const other = await createNeedFor(net.museum, {
      title: 'Besoin sonore',
      challengeCodes: ['GT-LANGUE'],
    })
    const list = async (query = '', cookie?: string) =>
      (
        await run<{ needs: Array<{ id: string }>; total: number }>(() =>
          needList.loader({
            request: getRequest(`/besoins${query}`, cookie ? { Cookie: cookie } : {}),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).data.needs.map((need) => need.id)

    const everyone = await list()
    expect(everyone).toEqual(expect.arrayContaining([open.id, other.id]))
    expect(everyone).not.toContain(expired.id)
    expect(everyone).not.toContain(closed.id)
    expect(everyone).not.toContain(hidden.id)
    // The draft organisation's own members see its needs.
    expect(await list('', net.cookies.outsider)).toContain(hidden.id)
    const filtered = await list('?tag=GT-LANGUE')
    expect(filtered).toContain(other.id)
    expect(filtered).not.toContain(open.id)
    // Bad filter values are ignored rather than failing the page.
    expect(await list('?tag=<script>&page=abc')).toEqual(expect.arrayContaining([open.id]))
    await prisma.organisation.update({
      where: { id: net.other.id },
      data: { visibility: 'public' },
    })
  })

  test('pages hold 20 needs', async () => {
    const { startup } = net
    for (let i = 0; i < 23; i++) await createNeedFor(startup, { title: `Besoin en série ${i}` })
    const page = async (n: number) =>
      (
        await run<{ needs: unknown[]; page: number; pageCount: number }>(() =>
          needList.loader({
            request: getRequest(`/besoins?page=${n}`),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).data
    const first = await page(1)
    expect(first.needs).toHaveLength(20)
    expect(first.pageCount).toBeGreaterThanOrEqual(2)
    const last = await page(first.pageCount)
    expect(last.needs.length).toBeGreaterThan(0)
  })
})

describe('anonymous needs', () => {
  test('the name, slug and id of the organisation are absent from the list and page data', async () => {
    const need = await createNeedFor(net.museum, {
      title: 'Besoin anonyme de billetterie',
      anonymous: true,
    })
    for (const cookie of [undefined, net.cookies.founder, net.cookies.loner]) {
      const page = await run<{ need: { poster: Record<string, unknown> } }>(() =>
        needPage.loader({
          request: getRequest(`/besoins/${need.id}`, cookie ? { Cookie: cookie } : {}),
          params: { id: need.id },
          context: TEST_CONTEXT,
        }),
      )
      expect(page.status).toBe(200)
      expect(page.data.need.poster).toEqual({
        anonymous: true,
        kind: 'institution',
        subKind: 'ORG-INSTITUTION-MUSEE',
      })
      const serialised = JSON.stringify(page.data)
      for (const secret of [
        net.museum.name,
        net.museum.slug,
        net.museum.id,
        net.museum.contactEmail,
      ]) {
        expect(serialised).not.toContain(secret)
      }
      const list = await run(() =>
        needList.loader({
          request: getRequest('/besoins', cookie ? { Cookie: cookie } : {}),
          params: {},
          context: TEST_CONTEXT,
        }),
      )
      expect(JSON.stringify(list.data)).toContain(need.id)
      expect(JSON.stringify(list.data)).not.toContain(net.museum.name)
    }
    // Members of the posting organisation always see it.
    const own = await run<{ need: { poster: { anonymous: boolean; name?: string } } }>(() =>
      needPage.loader({
        request: getRequest(`/besoins/${need.id}`, { Cookie: net.cookies.colleague }),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(own.data.need.poster).toMatchObject({ anonymous: false, name: net.museum.name })
  })

  test('a need of a hidden profile is a 404 for others', async () => {
    const hiddenOrg = await prisma.organisation.update({
      where: { id: net.other.id },
      data: { unpublishedAt: new Date() },
    })
    const need = await createNeedFor(hiddenOrg)
    const outcome = await run(() =>
      needPage.loader({
        request: getRequest(`/besoins/${need.id}`, { Cookie: net.cookies.founder }),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(404)
    await prisma.organisation.update({ where: { id: net.other.id }, data: { unpublishedAt: null } })
  })
})

describe('answering from the need page', () => {
  test('signed-out answers redirect to sign-in; members of the poster cannot answer their own need', async () => {
    const need = await createNeedFor(net.museum)
    const signedOut = await run(() =>
      needPage.action({
        request: formRequest(`/besoins/${need.id}`, {
          intent: 'respond',
          fromOrgId: net.startup.id,
          message: 'Nous aimerions vous aider.',
        }),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(signedOut.status).toBe(302)
    expect(signedOut.location).toMatch(/^\/connexion/)
    const own = await run<{ reply: { error: Record<string, string[]> } }>(() =>
      needPage.action({
        request: post(
          `/besoins/${need.id}`,
          { intent: 'respond', fromOrgId: net.museum.id, message: 'Je me réponds à moi-même.' },
          net.cookies.curator,
        ),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(own.status).toBe(400)
    expect(own.data.reply.error['']).toEqual(['needs:errors.ownOrganisation'])
  })

  test('answering for an organisation one is not a member of is a 403', async () => {
    const need = await createNeedFor(net.museum)
    const outcome = await run(() =>
      needPage.action({
        request: post(
          `/besoins/${need.id}`,
          { intent: 'respond', fromOrgId: net.other.id, message: 'Au nom d’une autre structure.' },
          net.cookies.founder,
        ),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(403)
    expect(await prisma.contactRequest.count({ where: { needId: need.id } })).toBe(0)
  })

  test('an expired or closed need refuses answers (409)', async () => {
    const expired = await createNeedFor(net.museum, { expiresAt: new Date(Date.now() - 1000) })
    const outcome = await run<{ reply: { error: Record<string, string[]> } }>(() =>
      needPage.action({
        request: post(
          `/besoins/${expired.id}`,
          { intent: 'respond', fromOrgId: net.startup.id, message: 'Toujours intéressés !' },
          net.cookies.founder,
        ),
        params: { id: expired.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(409)
    expect(outcome.data.reply.error['']).toEqual(['needs:errors.needClosed'])
  })

  test('a too-short message is a 400 with the field error', async () => {
    const need = await createNeedFor(net.museum)
    const outcome = await run<{ reply: { error: Record<string, string[]> } }>(() =>
      needPage.action({
        request: post(
          `/besoins/${need.id}`,
          { intent: 'respond', fromOrgId: net.startup.id, message: 'Court' },
          net.cookies.founder,
        ),
        params: { id: need.id },
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.reply.error.message).toEqual(['needs:errors.messageTooShort'])
  })
})
