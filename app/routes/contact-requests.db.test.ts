import { beforeAll, describe, expect, test } from 'vitest'
import { prisma } from '~/utils/db.server.ts'
import { createNeedFor, createNetwork, outboxTo, type Network } from '../../tests/needs-fixtures.ts'
import { getRequest, run, TEST_CONTEXT } from '../../tests/route-utils.ts'
import * as needPage from './besoins.$id.tsx'
import * as requestPage from './demandes.$id.tsx'
import * as myRequests from './me.demandes.tsx'
import * as introduction from './organisations.$slug_.mise-en-relation.tsx'

let net: Network
beforeAll(async () => {
  net = await createNetwork()
})

function post(path: string, fields: Record<string, string>, cookie: string) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Origin: 'http://localhost', Cookie: cookie },
    body: new URLSearchParams(fields),
  })
}

async function answer(needId: string, cookie: string, fromOrgId: string, message: string) {
  return run<{ reply: { error: Record<string, string[]> } }>(() =>
    needPage.action({
      request: post(`/besoins/${needId}`, { intent: 'respond', fromOrgId, message }, cookie),
      params: { id: needId },
      context: TEST_CONTEXT,
    }),
  )
}

async function decide(
  requestId: string,
  cookie: string,
  intent: 'accept' | 'decline' | 'withdraw',
  note = '',
) {
  return run<{ error?: string }>(() =>
    requestPage.action({
      request: post(`/demandes/${requestId}`, { intent, requestId, note }, cookie),
      params: { id: requestId },
      context: TEST_CONTEXT,
    }),
  )
}

type RequestPageData = Awaited<ReturnType<typeof requestPage.loader>>

async function viewRequest(requestId: string, cookie: string) {
  return run<RequestPageData>(() =>
    requestPage.loader({
      request: getRequest(`/demandes/${requestId}`, { Cookie: cookie }),
      params: { id: requestId },
      context: TEST_CONTEXT,
    }),
  )
}

async function viewNeed(needId: string, cookie?: string) {
  return run<Awaited<ReturnType<typeof needPage.loader>>>(() =>
    needPage.loader({
      request: getRequest(`/besoins/${needId}`, cookie ? { Cookie: cookie } : {}),
      params: { id: needId },
      context: TEST_CONTEXT,
    }),
  )
}

const contactSecrets = (org: { contactEmail: string; contactPhone: string | null }) =>
  [org.contactEmail, org.contactPhone].filter((value): value is string => Boolean(value))

describe('answering an anonymous need, then acceptance', () => {
  let needId: string
  let requestId: string

  test('the startup answers: the museum members get an e-mail without any contact details', async () => {
    const need = await createNeedFor(net.museum, {
      title: 'Visite immersive de la réserve',
      anonymous: true,
    })
    needId = need.id
    const outcome = await answer(
      needId,
      net.cookies.founder,
      net.startup.id,
      'Nous faisons de la réalité mixte pour les musées depuis six ans.',
    )
    expect(outcome.status).toBe(302)
    requestId = outcome.location!.replace('/demandes/', '')
    expect(
      await prisma.contactRequest.findUniqueOrThrow({ where: { id: requestId } }),
    ).toMatchObject({
      kind: 'need_response',
      fromOrgId: net.startup.id,
      toOrgId: net.museum.id,
      needId,
      status: 'pending',
      createdById: net.founder.id,
    })
    for (const member of [net.curator, net.colleague]) {
      const [mail] = await outboxTo(member.email)
      expect(mail.subject).toContain('Visite immersive de la réserve')
      expect(mail.textBody).toContain('Holoscope')
      expect(mail.textBody).toContain(`/demandes/${requestId}`)
      for (const secret of [...contactSecrets(net.startup), net.founder.email]) {
        expect(mail.textBody).not.toContain(secret)
      }
    }
    expect(await outboxTo(net.founder.email)).toHaveLength(0)
  })

  test('a second pending answer from the same organisation is refused with a 409', async () => {
    const outcome = await answer(
      needId,
      net.cookies.founder,
      net.startup.id,
      'Je relance, au cas où ce ne serait pas arrivé.',
    )
    expect(outcome.status).toBe(409)
    expect(outcome.data.reply.error['']).toEqual(['needs:errors.duplicateRequest'])
    expect(await prisma.contactRequest.count({ where: { needId } })).toBe(1)
  })

  test('before acceptance, neither side sees contact details, and the sender not the name', async () => {
    const sender = await viewRequest(requestId, net.cookies.founder)
    expect(sender.status).toBe(200)
    expect(sender.data.side).toBe('sender')
    expect(sender.data.contacts).toBeNull()
    expect(sender.data.toOrg).toMatchObject({ anonymous: true, subKind: 'ORG-INSTITUTION-MUSEE' })
    const serialised = JSON.stringify(sender.data)
    for (const secret of [net.museum.name, net.museum.slug, ...contactSecrets(net.museum)]) {
      expect(serialised).not.toContain(secret)
    }
    expect(sender.data.canWithdraw).toBe(true)
    expect(sender.data.canDecide).toBe(false)

    const recipient = await viewRequest(requestId, net.cookies.colleague)
    expect(recipient.data.side).toBe('recipient')
    expect(recipient.data.contacts).toBeNull()
    expect(JSON.stringify(recipient.data)).not.toContain(net.startup.contactEmail)
    expect(JSON.stringify(recipient.data)).not.toContain(net.founder.email)
    expect(recipient.data.canDecide).toBe(true)

    const page = await viewNeed(needId, net.cookies.founder)
    expect(JSON.stringify(page.data)).not.toContain(net.museum.name)
    expect(page.data.myRequests).toHaveLength(1)
  })

  test('a third party gets a 404 on the request page and cannot decide', async () => {
    expect((await viewRequest(requestId, net.cookies.outsider)).status).toBe(404)
    expect((await viewRequest(requestId, net.cookies.loner)).status).toBe(404)
    expect((await decide(requestId, net.cookies.outsider, 'accept')).status).toBe(404)
    expect((await decide(requestId, net.cookies.outsider, 'withdraw')).status).toBe(404)
    // Signed out: sign in first.
    const signedOut = await run(() =>
      requestPage.loader({
        request: getRequest(`/demandes/${requestId}`),
        params: { id: requestId },
        context: TEST_CONTEXT,
      }),
    )
    expect(signedOut.status).toBe(302)
  })

  test('the sender cannot accept its own request (403)', async () => {
    expect((await decide(requestId, net.cookies.founder, 'accept')).status).toBe(403)
    expect(
      (await prisma.contactRequest.findUniqueOrThrow({ where: { id: requestId } })).status,
    ).toBe('pending')
  })

  test('the museum accepts: both sides get the other side’s contact details by e-mail and in the app', async () => {
    const outcome = await decide(requestId, net.cookies.curator, 'accept', 'Appelons-nous !')
    expect(outcome.status).toBe(302)
    const stored = await prisma.contactRequest.findUniqueOrThrow({ where: { id: requestId } })
    expect(stored).toMatchObject({
      status: 'accepted',
      respondedById: net.curator.id,
      responseNote: 'Appelons-nous !',
    })

    const founderMail = (await outboxTo(net.founder.email)).at(-1)!
    expect(founderMail.subject).toContain(net.museum.name)
    for (const detail of [
      net.museum.contactEmail,
      net.museum.contactPhone!,
      net.curator.name,
      net.curator.email,
      'Appelons-nous !',
    ]) {
      expect(founderMail.textBody).toContain(detail)
    }
    for (const member of [net.curator, net.colleague]) {
      const mail = (await outboxTo(member.email)).at(-1)!
      expect(mail.subject).toContain('Holoscope')
      for (const detail of [
        net.startup.contactEmail,
        net.startup.contactPhone!,
        net.founder.name,
        net.founder.email,
      ]) {
        expect(mail.textBody).toContain(detail)
      }
    }

    const sender = await viewRequest(requestId, net.cookies.founder)
    expect(sender.data.toOrg).toMatchObject({ anonymous: false, name: net.museum.name })
    expect(sender.data.contacts).toMatchObject({
      organisation: {
        contactEmail: net.museum.contactEmail,
        contactPhone: net.museum.contactPhone,
      },
      person: { name: net.curator.name, email: net.curator.email },
    })
    const recipient = await viewRequest(requestId, net.cookies.colleague)
    expect(recipient.data.contacts).toMatchObject({
      organisation: { contactEmail: net.startup.contactEmail },
      person: { name: net.founder.name, email: net.founder.email },
    })
    expect(recipient.data.canDecide).toBe(false)
  })

  test('after acceptance the need reveals its poster to the accepted organisation only', async () => {
    const accepted = await viewNeed(needId, net.cookies.founder)
    expect(accepted.data.need.poster).toMatchObject({ anonymous: false, name: net.museum.name })
    for (const cookie of [undefined, net.cookies.outsider, net.cookies.loner]) {
      const other = await viewNeed(needId, cookie)
      expect(other.data.need.poster.anonymous).toBe(true)
      expect(JSON.stringify(other.data)).not.toContain(net.museum.name)
    }
  })

  test('a decision on an answered request is a 409', async () => {
    const outcome = await decide(requestId, net.cookies.colleague, 'decline')
    expect(outcome.status).toBe(409)
    expect(outcome.data.error).toBe('needs:errors.alreadyAnswered')
  })
})

describe('decline and withdraw', () => {
  test('declining e-mails the sender, without contact details nor the anonymous poster’s name', async () => {
    const need = await createNeedFor(net.museum, {
      title: 'Audioguide multilingue',
      anonymous: true,
    })
    const sent = await answer(
      need.id,
      net.cookies.outsider,
      net.other.id,
      'Notre fab lab peut prototyper des bornes sonores.',
    )
    expect(sent.status).toBe(302)
    const requestId = sent.location!.replace('/demandes/', '')
    const before = (await outboxTo(net.outsider.email)).length
    expect(
      (await decide(requestId, net.cookies.colleague, 'decline', 'Budget insuffisant')).status,
    ).toBe(302)
    const mails = await outboxTo(net.outsider.email)
    expect(mails).toHaveLength(before + 1)
    const mail = mails.at(-1)!
    expect(mail.subject).toContain('Audioguide multilingue')
    expect(mail.textBody).toContain('Budget insuffisant')
    expect(mail.textBody).toContain('Institution anonyme — Musée, Occitanie')
    for (const secret of [net.museum.name, ...contactSecrets(net.museum), net.colleague.email]) {
      expect(mail.textBody).not.toContain(secret)
    }
    const view = await viewRequest(requestId, net.cookies.outsider)
    expect(view.data.request.status).toBe('declined')
    expect(view.data.contacts).toBeNull()
    expect(JSON.stringify(view.data)).not.toContain(net.museum.name)
  })

  test('the sender withdraws while pending; then may send again; the recipient cannot withdraw', async () => {
    const need = await createNeedFor(net.museum, { title: 'Inventaire des archives sonores' })
    const first = await answer(
      need.id,
      net.cookies.founder,
      net.startup.id,
      'Première proposition.',
    )
    const requestId = first.location!.replace('/demandes/', '')
    expect((await decide(requestId, net.cookies.curator, 'withdraw')).status).toBe(403)
    expect((await decide(requestId, net.cookies.founder, 'withdraw')).status).toBe(302)
    expect(
      (await prisma.contactRequest.findUniqueOrThrow({ where: { id: requestId } })).status,
    ).toBe('withdrawn')
    expect((await decide(requestId, net.cookies.founder, 'withdraw')).status).toBe(409)
    expect((await decide(requestId, net.cookies.curator, 'accept')).status).toBe(409)
    const again = await answer(need.id, net.cookies.founder, net.startup.id, 'Seconde proposition.')
    expect(again.status).toBe(302)
  })

  test('two simultaneous answers from one organisation make one request and one 409', async () => {
    const need = await createNeedFor(net.museum, { title: 'Application de visite' })
    const outcomes = await Promise.all([
      answer(need.id, net.cookies.founder, net.startup.id, 'Proposition envoyée deux fois.'),
      answer(need.id, net.cookies.founder, net.startup.id, 'Proposition envoyée deux fois.'),
    ])
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([302, 409])
    expect(await prisma.contactRequest.count({ where: { needId: need.id } })).toBe(1)
  })
})

describe('introductions', () => {
  test('the form is a 404 for a profile hidden from the viewer', async () => {
    await prisma.organisation.update({ where: { id: net.other.id }, data: { visibility: 'draft' } })
    const outcome = await run(() =>
      introduction.loader({
        request: getRequest(`/organisations/${net.other.slug}/mise-en-relation`, {
          Cookie: net.cookies.founder,
        }),
        params: { slug: net.other.slug },
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(404)
    const posted = await run(() =>
      introduction.action({
        request: post(
          `/organisations/${net.other.slug}/mise-en-relation`,
          { fromOrgId: net.startup.id, message: 'Bonjour, échangeons !' },
          net.cookies.founder,
        ),
        params: { slug: net.other.slug },
        context: TEST_CONTEXT,
      }),
    )
    expect(posted.status).toBe(404)
    await prisma.organisation.update({
      where: { id: net.other.id },
      data: { visibility: 'public' },
    })
  })

  test('one’s own organisation is refused', async () => {
    const page = await run<{ own: boolean }>(() =>
      introduction.loader({
        request: getRequest(`/organisations/${net.startup.slug}/mise-en-relation`, {
          Cookie: net.cookies.founder,
        }),
        params: { slug: net.startup.slug },
        context: TEST_CONTEXT,
      }),
    )
    expect(page.data.own).toBe(true)
    const posted = await run<{ error: Record<string, string[]> }>(() =>
      introduction.action({
        request: post(
          `/organisations/${net.startup.slug}/mise-en-relation`,
          { fromOrgId: net.startup.id, message: 'Bonjour à nous-mêmes.' },
          net.cookies.founder,
        ),
        params: { slug: net.startup.slug },
        context: TEST_CONTEXT,
      }),
    )
    expect(posted.status).toBe(400)
    expect(posted.data.error['']).toEqual(['needs:errors.ownOrganisation'])
  })

  test('an introduction is sent, duplicated requests are 409, and the history shows both sides', async () => {
    const path = `/organisations/${net.other.slug}/mise-en-relation`
    const send = () =>
      run<{ error: Record<string, string[]> }>(() =>
        introduction.action({
          request: post(
            path,
            { fromOrgId: net.startup.id, message: 'Nous aimerions visiter votre fab lab.' },
            net.cookies.founder,
          ),
          params: { slug: net.other.slug },
          context: TEST_CONTEXT,
        }),
      )
    const sent = await send()
    expect(sent.status).toBe(302)
    const requestId = sent.location!.replace('/demandes/', '')
    const duplicate = await send()
    expect(duplicate.status).toBe(409)
    expect(duplicate.data.error['']).toEqual(['needs:errors.duplicateRequest'])
    const [mail] = await outboxTo(net.outsider.email).then((all) =>
      all.filter((m) => m.textBody.includes(requestId)),
    )
    expect(mail.subject).toContain('Holoscope')
    expect(mail.textBody).not.toContain(net.startup.contactEmail)

    expect((await decide(requestId, net.cookies.outsider, 'accept')).status).toBe(302)
    const view = await viewRequest(requestId, net.cookies.outsider)
    expect(view.data.history.map((row) => row.id)).toContain(requestId)
    expect(view.data.contacts?.organisation.contactEmail).toBe(net.startup.contactEmail)
    expect((await viewRequest(requestId, net.cookies.curator)).status).toBe(404)
  })
})

describe('my requests', () => {
  test('received (pending first) and sent, with anonymous recipients kept anonymous', async () => {
    const need = await createNeedFor(net.museum, { title: 'Besoin discret', anonymous: true })
    await answer(need.id, net.cookies.outsider, net.other.id, 'Une proposition discrète.')
    const mine = await run<Awaited<ReturnType<typeof myRequests.loader>>>(() =>
      myRequests.loader({
        request: getRequest('/me/demandes', { Cookie: net.cookies.outsider }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    const sent = mine.data.sent.find((row) => row.needTitle === 'Besoin discret')!
    expect(sent.counterpart).toMatchObject({ anonymous: true, regionCode: need.regionCode })
    expect(JSON.stringify(mine.data.sent)).not.toContain(net.museum.slug)

    const museum = await run<Awaited<ReturnType<typeof myRequests.loader>>>(() =>
      myRequests.loader({
        request: getRequest('/me/demandes', { Cookie: net.cookies.curator }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    const statuses = museum.data.received.map((row) => row.status)
    const firstNotPending = statuses.findIndex((status) => status !== 'pending')
    expect(statuses.slice(firstNotPending).includes('pending')).toBe(false)
    expect(museum.data.received.length).toBeGreaterThanOrEqual(4)
  })
})
