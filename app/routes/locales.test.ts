import { describe, expect, test } from 'vitest'
import { catalogueVersion } from '~/i18n.server.ts'
import { TEST_CONTEXT } from '../../tests/route-utils.ts'
import { loader } from './locales.$lng.$ns.tsx'

function load(lng: string, ns: string, version = catalogueVersion) {
  return loader({
    request: new Request(`http://localhost/locales/${lng}/${ns}?v=${version}`),
    params: { lng, ns },
    context: TEST_CONTEXT,
  })
}

describe('GET /locales/:lng/:ns', () => {
  test('answers one namespace in one language, cached for good at the current version', async () => {
    const response = await load('en', 'search')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    const body = (await response.json()) as { title: string }
    expect(body.title).toBe('Search')
    expect(((await (await load('fr', 'search')).json()) as { title: string }).title).toBe(
      'Rechercher',
    )
  })

  test('an older version is answered but cached briefly (a deploy changed the catalogue)', async () => {
    const response = await load('fr', 'common', 'ancienne')
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300')
  })

  test('unknown languages and namespaces are 404, prototype names included', async () => {
    for (const [lng, ns] of [
      ['de', 'common'],
      ['fr', 'inconnu'],
      ['fr', '__proto__'],
      ['fr', 'constructor'],
      ['__proto__', 'common'],
    ]) {
      expect((await load(lng, ns)).status, `${lng}/${ns}`).toBe(404)
    }
  })
})
