// HTTP caching of public pages for anonymous visitors (decision 022).
//
// A request is anonymous when it carries no cookie but the language switch's (`lng`): no
// session, no flash message, nothing personal can be in the page. For those requests, on the
// public page families only, the rendered page is kept in this process for a few seconds and
// every response carries an ETag (304 on If-None-Match) and a short
// `Cache-Control: public, max-age, stale-while-revalidate`. Signed-in people's pages are never
// stored, never served from the store, and are marked `private, no-cache`.
//
// The CSP nonce must differ on every response: a page to be stored is rendered with a marker in
// place of the nonce, and each response gets the marker replaced by its own fresh nonce.
import { createHash, randomBytes } from 'node:crypto'

/** The public page families (documents and their single-fetch `.data` twins). */
export const PUBLIC_PAGES =
  /^\/(?:|_root|organisations(?:\/[^/.]+)?|besoins(?:\/[^/.]+)?|evenements(?:\/[^/.]+)?|recherche|accessibilite|mentions-legales)(?:\.data)?$/

/** What a stored page keeps of the first response; security headers are set per request. */
const STORED_HEADERS = new Set(['content-type', 'content-language', 'link', 'x-remix-response'])

const LANGUAGE_COOKIE = /^\s*lng=(fr|en)\s*$/

/** The `lng` value when the request carries no other cookie; null when it is not anonymous. */
export function anonymousLanguage(cookieHeader) {
  if (!cookieHeader) return ''
  const parts = cookieHeader.split(';').filter((part) => part.trim())
  if (parts.length !== 1) return parts.length === 0 ? '' : null
  const match = LANGUAGE_COOKIE.exec(parts[0])
  return match ? match[1] : null
}

function etagOf(body) {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

function matchesEtag(ifNoneMatch, etag) {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag || `W/${tag}` === etag)
}

/**
 * @param {{ ttlMs?: number, maxEntries?: number, maxBytes?: number, browserMaxAge?: number,
 *   staleWhileRevalidate?: number, now?: () => number }} [options]
 */
export function createPageCache({
  ttlMs = 5_000,
  maxEntries = 500,
  maxBytes = 1_000_000,
  browserMaxAge = 10,
  staleWhileRevalidate = 60,
  now = () => Date.now(),
} = {}) {
  /** @type {Map<string, { expires: number, status: number, headers: [string, string][], body: Buffer, etag: string }>} */
  const entries = new Map()
  const marker = `pcnonce${randomBytes(12).toString('hex')}`
  const publicCacheControl = `public, max-age=${browserMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`

  function remember(key, entry) {
    entries.delete(key)
    entries.set(key, entry)
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value)
  }

  function send(req, res, entry, state) {
    const nonce = res.locals.cspNonce
    res.status(entry.status)
    for (const [name, value] of entry.headers) res.setHeader(name, value)
    res.setHeader('ETag', entry.etag)
    res.setHeader('Cache-Control', publicCacheControl)
    res.setHeader('Vary', 'Cookie')
    res.setHeader('X-Page-Cache', state)
    if (matchesEtag(req.get('if-none-match'), entry.etag)) {
      res.removeHeader('Content-Type')
      res.removeHeader('Content-Length')
      return res.status(304).end()
    }
    const body = nonce
      ? Buffer.from(entry.body.toString('utf8').replaceAll(marker, nonce))
      : entry.body
    res.setHeader('Content-Length', String(body.length))
    return res.end(req.method === 'HEAD' ? undefined : body)
  }

  /** Express middleware; place it after the CSP middleware that sets res.locals.cspNonce. */
  function middleware(req, res, next) {
    const cacheable = (req.method === 'GET' || req.method === 'HEAD') && PUBLIC_PAGES.test(req.path)
    const storing = req.method === 'GET' && ttlMs > 0
    const language = anonymousLanguage(req.get('cookie'))
    if (language === null) {
      // Signed in (or carrying a flash message): personal, never stored by a shared cache,
      // revalidated by the browser; a route that sets its own Cache-Control keeps it.
      const writeHead = res.writeHead
      res.writeHead = function (...args) {
        if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'private, no-cache')
        res.setHeader('Vary', 'Cookie')
        return writeHead.apply(this, args)
      }
      return next()
    }
    if (!cacheable) return next()
    const key = `${language}|${req.originalUrl}`
    const hit = entries.get(key)
    if (hit && hit.expires > now()) return send(req, res, hit, 'hit')
    if (hit) entries.delete(key)
    if (!storing) return next()

    // Render with the marker as nonce, keep the page, answer with this response's nonce.
    const nonce = res.locals.cspNonce
    res.locals.cspNonce = marker
    const chunks = []
    let size = 0
    const write = res.write.bind(res)
    const end = res.end.bind(res)
    const collect = (chunk, encoding) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
      size += buffer.length
      chunks.push(buffer)
    }
    res.write = (chunk, encoding) => {
      collect(chunk, encoding)
      return true
    }
    res.end = (chunk, encoding, callback) => {
      collect(chunk, encoding)
      res.write = write
      res.end = end
      res.locals.cspNonce = nonce
      const body = Buffer.concat(chunks)
      const storable =
        size <= maxBytes &&
        res.statusCode === 200 &&
        !res.getHeader('Set-Cookie') &&
        !/no-store|private/.test(String(res.getHeader('Cache-Control') ?? ''))
      if (!storable) {
        // Not for the store (an error page, a redirect, a cookie): sent as rendered, with its
        // own nonce, and not cacheable by browsers either.
        const sent = nonce ? Buffer.from(body.toString('utf8').replaceAll(marker, nonce)) : body
        if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-cache')
        res.setHeader('X-Page-Cache', 'bypass')
        res.setHeader('Content-Length', String(sent.length))
        return end(req.method === 'HEAD' ? undefined : sent, callback)
      }
      const headers = Object.entries(res.getHeaders())
        .filter(([name]) => STORED_HEADERS.has(name))
        .map(([name, value]) => [name, String(value)])
      const entry = {
        expires: now() + ttlMs,
        status: res.statusCode,
        headers,
        body,
        etag: etagOf(body.toString('utf8').replaceAll(marker, '')),
      }
      remember(key, entry)
      res.write = write
      res.end = end
      return send(req, res, entry, 'miss')
    }
    return next()
  }

  return { middleware, clear: () => entries.clear(), size: () => entries.size }
}
