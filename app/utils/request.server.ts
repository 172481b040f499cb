import type { AppLoadContext } from '@remix-run/node'
import type { SessionMeta } from './session.server.ts'

/** The client address the HTTP server saw (tests pass their own context). */
export function clientIp(context: Partial<AppLoadContext> | undefined): string {
  return context?.clientIp || 'unknown'
}

export function sessionMeta(
  request: Request,
  context: Partial<AppLoadContext> | undefined,
): SessionMeta {
  return { userAgent: request.headers.get('User-Agent'), ipAddress: clientIp(context) }
}
