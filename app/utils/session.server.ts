// Sessions as the Lucia project documents them: the cookie holds a random token, the
// database only its SHA-256 (a leaked table cannot be replayed); 30-day expiry that slides
// when the session is used in its second half.
import { createCookie, redirect } from '@remix-run/node'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Role } from '~/generated/prisma/enums.ts'
import { prisma } from './db.server.ts'
import { getEnv } from './env.server.ts'

export const SESSION_DURATION_MS = 30 * 24 * 60 * 60 * 1000
const SESSION_RENEW_WITHIN_MS = 15 * 24 * 60 * 60 * 1000

const isProduction = () => getEnv().NODE_ENV === 'production'

// The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and on /.
const sessionCookie = () =>
  createCookie(isProduction() ? '__Host-passerelle_session' : 'passerelle_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: isProduction(),
    path: '/',
  })

export function generateSecretToken(): string {
  const bytes = new Uint8Array(20)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export interface SessionMeta {
  userAgent?: string | null
  ipAddress?: string | null
}

export async function createSession(userId: string, meta: SessionMeta = {}) {
  const token = generateSecretToken()
  const session = await prisma.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DURATION_MS),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ipAddress: meta.ipAddress ?? null,
    },
  })
  return { token, session }
}

export type SessionUser = {
  id: string
  email: string
  name: string
  role: Role
  locale: string
}

export async function validateSessionToken(token: string) {
  const sessionId = hashToken(token)
  const found = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { select: { id: true, email: true, name: true, role: true, locale: true } } },
  })
  if (!found) return null
  const now = Date.now()
  if (found.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id: sessionId } })
    return null
  }
  let renewed = false
  if (found.expiresAt.getTime() - now < SESSION_RENEW_WITHIN_MS) {
    renewed = true
    found.expiresAt = new Date(now + SESSION_DURATION_MS)
    await prisma.session.update({
      where: { id: sessionId },
      data: { expiresAt: found.expiresAt, lastSeenAt: new Date(now) },
    })
  }
  const { user, ...session } = found
  return { session, user: user as SessionUser, token, renewed }
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } })
}

export async function invalidateOtherSessions(userId: string, keepSessionId: string) {
  const { count } = await prisma.session.deleteMany({
    where: { userId, id: { not: keepSessionId } },
  })
  return count
}

async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && /^[a-z2-7]{32}$/.test(value) ? value : null
}

export async function getSession(request: Request) {
  const token = await readSessionToken(request)
  return token ? validateSessionToken(token) : null
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null
}

/** Only allows redirects to a path of this site (no //evil.example, no scheme). */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  fallback = '/',
) {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) {
    return fallback
  }
  if (target.startsWith('/\\')) return fallback
  return target
}

export async function requireSession(request: Request) {
  const found = await getSession(request)
  if (!found) {
    const url = new URL(request.url)
    const redirectTo = safeRedirect(`${url.pathname}${url.search}`)
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`)
  }
  return found
}

export async function requireUser(request: Request) {
  return (await requireSession(request)).user
}

export async function requireAnonymous(request: Request) {
  if (await getSession(request)) throw redirect('/')
}

export async function sessionCookieHeader(token: string, expiresAt: Date) {
  return sessionCookie().serialize(token, { expires: expiresAt })
}

export async function clearSessionCookieHeader() {
  return sessionCookie().serialize('', { maxAge: 0 })
}

/** Signs the person in: new session, cookie set, redirect. */
export async function startSessionAndRedirect(
  userId: string,
  meta: SessionMeta,
  redirectTo: string,
  headers: HeadersInit = {},
) {
  const { token, session } = await createSession(userId, meta)
  const responseHeaders = new Headers(headers)
  responseHeaders.append('Set-Cookie', await sessionCookieHeader(token, session.expiresAt))
  return redirect(redirectTo, { headers: responseHeaders })
}
