// The HTTP server: static files, security headers (CSP with a per-request nonce), the Origin
// check on every state-changing request, then Remix. Loads the build made by `remix build`.
import { randomBytes } from 'node:crypto'
import { existsSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { broadcastDevReady } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { createPageCache } from './lib/page-cache.js'

const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')
const BUILD_PATH = path.join(BUILD_DIR, 'server/index.js')
// A build outside the project (BUILD_DIR=/tmp/…) resolves its packages through a link.
if (
  !BUILD_DIR.startsWith(process.cwd() + path.sep) &&
  !existsSync(path.join(BUILD_DIR, 'node_modules'))
) {
  symlinkSync(path.resolve('node_modules'), path.join(BUILD_DIR, 'node_modules'), 'dir')
}
const build = await import(pathToFileURL(BUILD_PATH).href)
const mode = process.env.NODE_ENV ?? 'production'
const isProduction = mode === 'production'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST
const trustProxy = ['1', 'true'].includes(process.env.TRUST_PROXY ?? '')
const appOrigin = process.env.APP_URL ? new URL(process.env.APP_URL).origin : null
const pageCacheSeconds = Number(process.env.PAGE_CACHE_SECONDS ?? 5)

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', trustProxy)
app.use(compression())

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${isProduction ? '' : ' ws://localhost:*'}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  )
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  )
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  if (isProduction)
    res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
  next()
})

app.use('/build', express.static(path.join(BUILD_DIR, 'client'), { immutable: true, maxAge: '1y' }))
app.use('/dsfr', express.static('public/dsfr', { maxAge: '7d' }))
app.use(express.static('public', { maxAge: '1h' }))

// While stopping, responses close their connection so that clients reconnect elsewhere.
let stopping = false
app.use((req, res, next) => {
  if (stopping) res.setHeader('Connection', 'close')
  next()
})

// Lucia's CSRF defence: a state-changing request must come from one of our own pages.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  const origin = req.get('origin')
  const ownOrigin = `${req.protocol}://${req.get('host')}`
  if (origin && (origin === ownOrigin || origin === appOrigin)) return next()
  res
    .status(403)
    .type('text/plain; charset=utf-8')
    .send(
      'Requête refusée : elle ne provient pas de Passerelle.\nRequest refused: it does not come from Passerelle.\n',
    )
})

// Anonymous visitors' public pages: kept a few seconds, ETag / 304 (scripts/lib/page-cache.js).
const pageCache = createPageCache({ ttlMs: pageCacheSeconds * 1000 })
app.use(pageCache.middleware)

app.all(
  '*',
  createRequestHandler({
    build,
    mode,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    }),
  }),
)

const worker = build.entry.module.startBackgroundWorker()

const server = app.listen(port, host, () => {
  console.log(`[passerelle] listening on http://${host ?? 'localhost'}:${port} (${mode})`)
  if (!isProduction) broadcastDevReady(build)
})

async function shutdown(signal) {
  if (stopping) return
  stopping = true
  console.log(`[passerelle] ${signal}: stopping`)
  // Whatever is still in flight after 10 s is abandoned (claimed work returns to the queue
  // when its lease expires).
  setTimeout(() => process.exit(0), 10_000).unref()
  // No new connections. Requests in flight finish, their responses saying Connection: close.
  // Idle keep-alive connections are not cut (a client may be sending on one right now): clients
  // drop them before the keep-alive timeout the server announces, and what is left is closed
  // after it. Only then does the database go.
  const closeIdleConnections = server.closeIdleConnections.bind(server)
  server.closeIdleConnections = () => {}
  const closed = new Promise((resolve) => server.close(resolve))
  setTimeout(closeIdleConnections, server.keepAliveTimeout + 1_000).unref()
  await closed
  await worker?.stop()
  await build.entry.module.getDatabase().close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
