// The anonymous page cache never serves one person's page to another, never stores a signed-in
// person's page, gives every response its own CSP nonce, and answers 304 to a known ETag.
import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { anonymousLanguage, createPageCache } from '../scripts/lib/page-cache.js'

let clock = 1_000_000
let renders = 0
let server: Server
let base = ''
const cache = createPageCache({ ttlMs: 5_000, now: () => clock })

beforeAll(async () => {
  const app = express()
  app.use((req, res, next) => {
    const nonce = randomBytes(8).toString('hex')
    res.locals.cspNonce = nonce
    res.setHeader('Content-Security-Policy', `script-src 'nonce-${nonce}'`)
    next()
  })
  app.use(cache.middleware)
  // Stands in for Remix: the page shows who asks (from the cookie) and how many renders ran.
  app.get('*', (req, res) => {
    renders++
    const cookie = req.get('cookie') ?? ''
    const who = /session=(\w+)/.exec(cookie)?.[1] ?? 'anonymous'
    if (req.path === '/besoins/absent') return res.status(404).send('<p>absent</p>')
    if (req.query.cookie) res.setHeader('Set-Cookie', 'flash=1')
    res
      .type('html')
      .send(
        `<html><body><p>${who}</p><p>render ${renders}</p><script nonce="${res.locals.cspNonce}">1</script></body></html>`,
      )
  })
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve())
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  cache.clear()
  clock += 60_000
})

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers })
  const body = await response.text()
  const cspNonce = /nonce-(\w+)/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
  const bodyNonce = /nonce="(\w+)"/.exec(body)?.[1]
  return { response, body, cspNonce, bodyNonce, state: response.headers.get('x-page-cache') }
}

describe('anonymous page cache', () => {
  test('a public page is rendered once, then served with a fresh nonce and the same ETag', async () => {
    const first = await get('/organisations?page=2')
    const second = await get('/organisations?page=2')
    expect([first.state, second.state]).toEqual(['miss', 'hit'])
    expect(second.body.replace(/nonce="\w+"/, '')).toBe(first.body.replace(/nonce="\w+"/, ''))
    expect(first.bodyNonce).toBe(first.cspNonce)
    expect(second.bodyNonce).toBe(second.cspNonce)
    expect(second.cspNonce).not.toBe(first.cspNonce)
    expect(first.body).not.toMatch(/pcnonce/)
    expect(second.response.headers.get('etag')).toBe(first.response.headers.get('etag'))
    expect(second.response.headers.get('cache-control')).toMatch(
      /^public, max-age=\d+, stale-while-revalidate=\d+$/,
    )
    expect(second.response.headers.get('vary')).toBe('Cookie')
  })

  test('If-None-Match with the ETag answers 304 without a body', async () => {
    const first = await get('/evenements')
    const etag = first.response.headers.get('etag')!
    const again = await get('/evenements', { 'If-None-Match': etag })
    expect(again.response.status).toBe(304)
    expect(again.body).toBe('')
    const other = await get('/evenements', { 'If-None-Match': 'W/"autre"' })
    expect(other.response.status).toBe(200)
  })

  test('a signed-in page is never stored nor served from the store', async () => {
    await get('/besoins')
    const signedIn = await get('/besoins', { Cookie: 'session=jeanne' })
    expect(signedIn.state).toBeNull()
    expect(signedIn.body).toContain('<p>jeanne</p>')
    expect(signedIn.response.headers.get('cache-control')).toBe('private, no-cache')
    const signedInFirst = await get('/recherche?q=x', { Cookie: 'session=paul; lng=en' })
    expect(signedInFirst.body).toContain('<p>paul</p>')
    const anonymous = await get('/recherche?q=x')
    expect(anonymous.state).toBe('miss')
    expect(anonymous.body).toContain('<p>anonymous</p>')
    expect(anonymous.body).not.toContain('paul')
  })

  test('each language has its own entry; a flash cookie bypasses the store', async () => {
    const french = await get('/organisations')
    const english = await get('/organisations', { Cookie: 'lng=en' })
    expect(english.state).toBe('miss')
    expect(english.body).not.toBe(french.body)
    const flash = await get('/organisations', { Cookie: 'flash=abc' })
    expect(flash.state).toBeNull()
  })

  test('error pages, pages that set a cookie and private pages are not stored', async () => {
    const missing = await get('/besoins/absent')
    expect(missing.response.status).toBe(404)
    expect((await get('/besoins/absent')).state).toBe('bypass')
    expect(missing.bodyNonce ?? missing.cspNonce).toBeTruthy()
    await get('/evenements?cookie=1')
    expect((await get('/evenements?cookie=1')).state).toBe('bypass')
    const me = await get('/me')
    expect(me.state).toBeNull()
    expect(me.bodyNonce).toBe(me.cspNonce)
  })

  test('an entry expires after its time to live', async () => {
    await get('/accessibilite')
    clock += 4_000
    expect((await get('/accessibilite')).state).toBe('hit')
    clock += 2_000
    expect((await get('/accessibilite')).state).toBe('miss')
  })

  test('only the language cookie keeps a request anonymous', () => {
    expect(anonymousLanguage(undefined)).toBe('')
    expect(anonymousLanguage('lng=en')).toBe('en')
    expect(anonymousLanguage(' lng=fr ')).toBe('fr')
    expect(anonymousLanguage('lng=en; __Host-passerelle_session=abc')).toBeNull()
    expect(anonymousLanguage('passerelle_session=abc')).toBeNull()
    expect(anonymousLanguage('lng=de')).toBeNull()
  })
})
