// Calling loaders and actions directly, as the server would: real Request objects, a load
// context, and a normalised view of what they return or throw.
import type { AppLoadContext } from '@remix-run/node'
import { createSession, sessionCookieHeader } from '~/utils/session.server.ts'

export const TEST_CONTEXT: AppLoadContext = { cspNonce: 'test', clientIp: '203.0.113.7' }

export function contextFor(clientIp: string): AppLoadContext {
  return { cspNonce: 'test', clientIp }
}

export function formRequest(
  path: string,
  fields: Record<string, string>,
  headers: HeadersInit = {},
) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { Origin: 'http://localhost', ...Object.fromEntries(new Headers(headers)) },
    body: new URLSearchParams(fields),
  })
}

export function getRequest(path: string, headers: HeadersInit = {}) {
  return new Request(`http://localhost${path}`, { headers })
}

export interface RouteOutcome<T = unknown> {
  status: number
  headers: Headers
  data: T
  location: string | null
}

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null }

/** Runs a loader/action and returns status, headers and data, whether it returned or threw. */
export async function run<T = unknown>(call: () => Promise<unknown>): Promise<RouteOutcome<T>> {
  let result: unknown
  try {
    result = await call()
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response) {
    const text = await result.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      // not JSON
    }
    return {
      status: result.status,
      headers: result.headers,
      data: data as T,
      location: result.headers.get('Location'),
    }
  }
  if (
    result &&
    typeof result === 'object' &&
    (result as DataWithInit).type === 'DataWithResponseInit'
  ) {
    const { data, init } = result as DataWithInit
    const headers = new Headers(init?.headers)
    return {
      status: init?.status ?? 200,
      headers,
      data: data as T,
      location: headers.get('Location'),
    }
  }
  if (result instanceof Error) throw result
  return { status: 200, headers: new Headers(), data: result as T, location: null }
}

/** A Cookie header for a real session of this user. */
export async function sessionCookieFor(userId: string) {
  const { token, session } = await createSession(userId)
  const setCookie = await sessionCookieHeader(token, session.expiresAt)
  return setCookie.split(';')[0]
}

export function cookiesFrom(headers: Headers) {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}
