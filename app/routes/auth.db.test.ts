import { describe, expect, test } from 'vitest'
import { createTestUser, DEFAULT_TEST_PASSWORD } from '../../prisma/factories.ts'
import { deliverPendingEmails, type MailTransport } from '~/models/mail/email.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { hashToken } from '~/utils/session.server.ts'
import {
  contextFor,
  cookiesFrom,
  formRequest,
  getRequest,
  run,
  sessionCookieFor,
  TEST_CONTEXT,
} from '../../tests/route-utils.ts'
import * as me from './me._index.tsx'
import * as signIn from './connexion.tsx'
import * as signOut from './deconnexion.tsx'
import * as forgot from './mot-de-passe-oublie.tsx'
import * as reset from './reinitialiser-mot-de-passe.tsx'
import * as signUp from './inscription.tsx'

const uniqueEmail = (label: string) => `${label}.${crypto.randomUUID().slice(0, 8)}@exemple.fr`

function signUpFields(email: string, overrides: Record<string, string> = {}) {
  return {
    name: 'Jeanne Martin',
    email,
    password: 'une phrase de passe solide',
    confirmPassword: 'une phrase de passe solide',
    ...overrides,
  }
}

describe('sign-up', () => {
  test('creates the account, stores an Argon2id hash and signs the person in', async () => {
    const email = uniqueEmail('Jeanne')
    const outcome = await run(() =>
      signUp.action({
        request: formRequest('/inscription', signUpFields(email)),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(302)
    expect(outcome.location).toBe('/me')
    const user = await prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } })
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const cookie = outcome.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const token = cookie.split(';')[0].split('=')[1]
    const sessions = await prisma.session.findMany({ where: { userId: user.id } })
    expect(sessions).toHaveLength(1)
    // Only the hash of the token is stored.
    expect(sessions[0].id).not.toContain(token.replace(/%22/g, ''))
    expect(sessions[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000)
  })

  test('refuses bad input with translated field errors and a 400', async () => {
    const outcome = await run<{ error: Record<string, string[]> }>(() =>
      signUp.action({
        request: formRequest(
          '/inscription',
          signUpFields('pas-une-adresse', { password: 'court', confirmPassword: 'autre' }),
        ),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.error.email).toEqual(['auth:errors.emailInvalid'])
    expect(outcome.data.error.password).toEqual(['auth:errors.passwordTooShort'])
    expect(outcome.data.error.confirmPassword).toEqual(['auth:errors.passwordsDiffer'])
  })

  test('refuses an address that already has an account (409), whatever its case', async () => {
    const email = uniqueEmail('doublon')
    await run(() =>
      signUp.action({
        request: formRequest('/inscription', signUpFields(email)),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    const outcome = await run<{ error: Record<string, string[]> }>(() =>
      signUp.action({
        request: formRequest('/inscription', signUpFields(email.toUpperCase())),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(409)
    expect(outcome.data.error.email).toEqual(['auth:errors.emailTaken'])
  })

  test('a filled honeypot is refused with a 400 and creates nothing', async () => {
    const email = uniqueEmail('robot')
    const outcome = await run(() =>
      signUp.action({
        request: formRequest('/inscription', {
          ...signUpFields(email),
          siteWebPro: 'http://spam.example',
        }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(400)
    expect(await prisma.user.count({ where: { email } })).toBe(0)
  })
})

describe('sign-in and sessions', () => {
  test('right password signs in; wrong password is a 401 with a message', async () => {
    const user = await createTestUser(prisma)
    const ok = await run(() =>
      signIn.action({
        request: formRequest('/connexion', {
          email: user.email,
          password: DEFAULT_TEST_PASSWORD,
          redirectTo: '/me',
        }),
        params: {},
        context: contextFor('198.51.100.1'),
      }),
    )
    expect(ok.status).toBe(302)
    expect(ok.location).toBe('/me')
    const wrong = await run<{ error: Record<string, string[]> }>(() =>
      signIn.action({
        request: formRequest('/connexion', { email: user.email, password: 'mauvais mot de passe' }),
        params: {},
        context: contextFor('198.51.100.1'),
      }),
    )
    expect(wrong.status).toBe(401)
    expect(wrong.data.error['']).toEqual(['auth:errors.wrongCredentials'])
  })

  test('an unknown address gets the same answer as a wrong password', async () => {
    const outcome = await run<{ error: Record<string, string[]> }>(() =>
      signIn.action({
        request: formRequest('/connexion', {
          email: uniqueEmail('inconnu'),
          password: 'peu importe',
        }),
        params: {},
        context: contextFor('198.51.100.2'),
      }),
    )
    expect(outcome.status).toBe(401)
    expect(outcome.data.error['']).toEqual(['auth:errors.wrongCredentials'])
  })

  test('redirects only to paths of this site', async () => {
    const user = await createTestUser(prisma)
    const outcome = await run(() =>
      signIn.action({
        request: formRequest('/connexion', {
          email: user.email,
          password: DEFAULT_TEST_PASSWORD,
          redirectTo: '//evil.example/',
        }),
        params: {},
        context: contextFor('198.51.100.3'),
      }),
    )
    expect(outcome.location).toBe('/me')
  })

  test('20 wrong passwords in a row are throttled with a 429 and Retry-After', async () => {
    const user = await createTestUser(prisma)
    const statuses: number[] = []
    for (let attempt = 0; attempt < 20; attempt++) {
      // A different address each time: the per-account limit alone must stop the guesser.
      const outcome = await run(() =>
        signIn.action({
          request: formRequest('/connexion', {
            email: user.email,
            password: `essai numéro ${attempt}`,
          }),
          params: {},
          context: contextFor(`192.0.2.${attempt}`),
        }),
      )
      statuses.push(outcome.status)
      if (outcome.status === 429)
        expect(Number(outcome.headers.get('Retry-After'))).toBeGreaterThan(0)
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true)
    // Even the right password is refused while throttled.
    const right = await run(() =>
      signIn.action({
        request: formRequest('/connexion', { email: user.email, password: DEFAULT_TEST_PASSWORD }),
        params: {},
        context: contextFor('192.0.2.200'),
      }),
    )
    expect(right.status).toBe(429)
  })

  test('a session cookie copied before sign-out is refused afterwards', async () => {
    const user = await createTestUser(prisma)
    const cookie = await sessionCookieFor(user.id)
    const before = await run(() =>
      me.loader({
        request: getRequest('/me', { Cookie: cookie }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(before.status).toBe(200)
    const out = await run(() =>
      signOut.action({
        request: formRequest('/deconnexion', {}, { Cookie: cookie }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(out.status).toBe(302)
    const after = await run(() =>
      me.loader({
        request: getRequest('/me', { Cookie: cookie }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(after.status).toBe(302)
    expect(after.location).toMatch(/^\/connexion\?redirectTo=%2Fme/)
  })

  test('signing out of other sessions keeps only the current one', async () => {
    const user = await createTestUser(prisma)
    const current = await sessionCookieFor(user.id)
    const other = await sessionCookieFor(user.id)
    await run(() =>
      me.action({
        request: formRequest('/me', { intent: 'sign-out-others' }, { Cookie: current }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(
      (
        await run(() =>
          me.loader({
            request: getRequest('/me', { Cookie: current }),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).status,
    ).toBe(200)
    expect(
      (
        await run(() =>
          me.loader({
            request: getRequest('/me', { Cookie: other }),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).status,
    ).toBe(302)
  })

  test('an expired session is refused and deleted; a session in its second half slides', async () => {
    const user = await createTestUser(prisma)
    const expired = await sessionCookieFor(user.id)
    const sliding = await sessionCookieFor(user.id)
    const [expiredToken, slidingToken] = [expired, sliding].map(
      (cookie) => JSON.parse(atob(decodeURIComponent(cookie.split('=')[1]))) as string,
    )
    await prisma.session.update({
      where: { id: hashToken(expiredToken) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    await prisma.session.update({
      where: { id: hashToken(slidingToken) },
      data: { expiresAt: new Date(Date.now() + 2 * 24 * 3600 * 1000) },
    })
    expect(
      (
        await run(() =>
          me.loader({
            request: getRequest('/me', { Cookie: expired }),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).status,
    ).toBe(302)
    expect(await prisma.session.count({ where: { id: hashToken(expiredToken) } })).toBe(0)
    expect(
      (
        await run(() =>
          me.loader({
            request: getRequest('/me', { Cookie: sliding }),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).status,
    ).toBe(200)
    const renewed = await prisma.session.findUniqueOrThrow({
      where: { id: hashToken(slidingToken) },
    })
    expect(renewed.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000)
  })
})

describe('password reset', () => {
  function captureTransport() {
    const sent: Array<{ to: string; text: string }> = []
    const transport: MailTransport = {
      name: 'memory (SMTP mocked)',
      send: async (message) => void sent.push({ to: message.toAddress, text: message.textBody }),
    }
    return { sent, transport }
  }

  test('emails a single-use link that sets a new password and closes every session', async () => {
    const user = await createTestUser(prisma)
    const oldSession = await sessionCookieFor(user.id)
    const asked = await run(() =>
      forgot.action({
        request: formRequest('/mot-de-passe-oublie', { email: user.email }),
        params: {},
        context: contextFor('198.51.100.20'),
      }),
    )
    expect(asked.status).toBe(302)
    const { sent, transport } = captureTransport()
    await deliverPendingEmails(transport)
    const mail = sent.find((message) => message.to === user.email)!
    const token = /token=([a-z2-7]{32})/.exec(mail.text)![1]

    const page = await run(() =>
      reset.loader({
        request: getRequest(`/reinitialiser-mot-de-passe?token=${token}`),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(page.status).toBe(200)
    const fields = {
      token,
      password: 'nouvelle phrase de passe',
      confirmPassword: 'nouvelle phrase de passe',
    }
    const done = await run(() =>
      reset.action({
        request: formRequest('/reinitialiser-mot-de-passe', fields),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(done.status).toBe(302)
    expect(
      (
        await run(() =>
          me.loader({
            request: getRequest('/me', { Cookie: oldSession }),
            params: {},
            context: TEST_CONTEXT,
          }),
        )
      ).status,
    ).toBe(302)

    const again = await run<{ error: Record<string, string[]> }>(() =>
      reset.action({
        request: formRequest('/reinitialiser-mot-de-passe', fields),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(again.status).toBe(400)
    expect(again.data.error['']).toEqual(['auth:errors.resetInvalid'])

    const signedIn = await run(() =>
      signIn.action({
        request: formRequest('/connexion', {
          email: user.email,
          password: 'nouvelle phrase de passe',
        }),
        params: {},
        context: contextFor('198.51.100.21'),
      }),
    )
    expect(signedIn.status).toBe(302)
  })

  test('an expired link is refused', async () => {
    const user = await createTestUser(prisma)
    await run(() =>
      forgot.action({
        request: formRequest('/mot-de-passe-oublie', { email: user.email }),
        params: {},
        context: contextFor('198.51.100.30'),
      }),
    )
    const { sent, transport } = captureTransport()
    await deliverPendingEmails(transport)
    const token = /token=([a-z2-7]{32})/.exec(sent.find((m) => m.to === user.email)!.text)![1]
    await prisma.passwordResetToken.update({
      where: { id: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    })
    const page = await run<{ token: string | null }>(() =>
      reset.loader({
        request: getRequest(`/reinitialiser-mot-de-passe?token=${token}`),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(page.status).toBe(400)
    expect(page.data.token).toBeNull()
  })

  test('an unknown address gets the same answer and no mail', async () => {
    const before = await prisma.outboxEmail.count()
    const outcome = await run(() =>
      forgot.action({
        request: formRequest('/mot-de-passe-oublie', { email: uniqueEmail('personne') }),
        params: {},
        context: contextFor('198.51.100.40'),
      }),
    )
    expect(outcome.status).toBe(302)
    expect(await prisma.outboxEmail.count()).toBe(before)
  })
})

describe('my account', () => {
  test('exports my data as JSON without secrets', async () => {
    const user = await createTestUser(prisma)
    const { loader } = await import('./me.export.tsx')
    const cookie = await sessionCookieFor(user.id)
    const outcome = await run<{ user: Record<string, unknown> }>(() =>
      loader({
        request: getRequest('/me/export', { Cookie: cookie }),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(200)
    expect(outcome.data.user.email).toBe(user.email)
    expect(JSON.stringify(outcome.data)).not.toContain('argon2')
    expect(JSON.stringify(outcome.data)).not.toContain('calendarToken')
  })

  test('deleting my account needs my address and removes everything', async () => {
    const user = await createTestUser(prisma)
    const cookie = await sessionCookieFor(user.id)
    const wrong = await run(() =>
      me.action({
        request: formRequest(
          '/me',
          { intent: 'delete-account', confirmEmail: 'autre@exemple.fr' },
          { Cookie: cookie },
        ),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(wrong.status).toBe(400)
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1)
    const done = await run(() =>
      me.action({
        request: formRequest(
          '/me',
          { intent: 'delete-account', confirmEmail: user.email },
          { Cookie: cookie },
        ),
        params: {},
        context: TEST_CONTEXT,
      }),
    )
    expect(done.status).toBe(302)
    expect(cookiesFrom(done.headers)).toContain('passerelle_session=;')
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(0)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })
})
