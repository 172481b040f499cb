import { expect, test, type Locator, type Page } from '@playwright/test'
import { DEMO_PASSWORD, expectNoSeriousViolations, signIn, uniqueEmail } from './utils.ts'

// Every page type, anonymous or signed in. Axe fails the run on any serious or critical
// violation (RGAA 4.1 / WCAG 2.1 AA rules).
const PUBLIC_PAGES = [
  '/',
  '/organisations',
  '/organisations/museoscope',
  '/besoins',
  '/recherche?q=mus%C3%A9e&plus=region',
  '/evenements',
  '/connexion',
  '/inscription',
  '/mot-de-passe-oublie',
  '/accessibilite',
  '/mentions-legales',
]
// As the demo startup's owner: its dashboard pages, recommendations and forms.
const SIGNED_IN_PAGES = [
  '/me',
  '/me/organisations',
  '/me/demandes',
  '/me/agenda',
  '/organisations/museoscope',
  '/organisations/museoscope/partenaires',
  '/organisations/museoscope/modifier',
  '/organisations/museoscope/membres',
  '/besoins/nouveau',
]

function collectCspViolations(page: Page) {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text())
  })
  return violations
}

test.describe('accessibility', () => {
  for (const path of PUBLIC_PAGES) {
    test(`no serious axe violation on ${path}`, async ({ page }) => {
      const csp = collectCspViolations(page)
      await page.goto(path)
      await expectNoSeriousViolations(page, path)
      expect(csp).toEqual([])
    })
  }

  test('no serious axe violation on forms showing errors', async ({ page }) => {
    await page.goto('/inscription')
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible()
    await expectNoSeriousViolations(page, '/inscription (errors)')
  })

  test('no serious axe violation on signed-in pages, in French and English', async ({ page }) => {
    await signIn(page, 'startup@passerelle.example', DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/me/)
    for (const path of SIGNED_IN_PAGES) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(200)
      await expectNoSeriousViolations(page, path)
    }
    await page.getByRole('button', { name: 'English' }).click()
    await expectNoSeriousViolations(page, '/me (en)')
  })
})

test.describe('keyboard only', () => {
  test('sign in with the keyboard alone, starting from the skip links', async ({ page }) => {
    await page.goto('/connexion')
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Contenu' })).toBeFocused()
    await page.keyboard.press('Enter')
    // From the main content, Tab reaches the e-mail field first.
    let guard = 0
    while (
      !(await page
        .getByLabel('Adresse électronique')
        .evaluate((el) => el === document.activeElement)) &&
      guard++ < 20
    ) {
      await page.keyboard.press('Tab')
    }
    await page.keyboard.type('startup@passerelle.example')
    await page.keyboard.press('Tab')
    await page.keyboard.type(DEMO_PASSWORD)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
  })

  test('search with the keyboard alone: type, read the results, open one', async ({ page }) => {
    await page.goto('/')
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Contenu' })).toBeFocused()
    await tabUntil(page, page.getByRole('link', { name: 'Recherche', exact: true }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Rechercher' })).toBeVisible()
    await tabUntil(page, page.getByLabel('Mots-clés'))
    await page.keyboard.type('musee montpellier')
    await expect(page.getByRole('status')).toHaveText(/résultats? pour « musee montpellier »/)
    const result = page.getByRole('link', { name: "Musée d'art et d'histoire de Montpellier" })
    await tabUntil(page, result)
    await page.keyboard.press('Enter')
    await expect(
      page.getByRole('heading', { level: 1, name: "Musée d'art et d'histoire de Montpellier" }),
    ).toBeVisible()
  })

  test('register for an event with the keyboard alone', async ({ page }) => {
    const email = uniqueEmail('clavier')
    await page.goto('/inscription')
    await page.getByLabel('Nom et prénom').fill('Camille Clavier')
    await page.getByLabel('Adresse électronique').fill(email)
    await page.getByLabel(/^Mot de passe/).fill('une phrase de passe au clavier')
    await page.getByLabel('Confirmer le mot de passe').fill('une phrase de passe au clavier')
    await page.getByRole('button', { name: 'Créer mon compte' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()

    await page.goto('/evenements')
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Contenu' })).toBeFocused()
    await page.keyboard.press('Enter')
    const webinar = "Webinaire : mesurer l'empreinte de son site culturel"
    await tabUntil(page, page.getByRole('link', { name: webinar }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: webinar })).toBeVisible()
    await tabUntil(page, page.getByRole('button', { name: "S'inscrire" }))
    await page.keyboard.press('Enter')
    await expect(page.getByText('Votre inscription est confirmée.')).toBeVisible()
  })
})

/** Presses Tab until the element has the focus (at most 80 times). */
async function tabUntil(page: Page, target: Locator) {
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

test.describe('security headers', () => {
  test('every page carries an enforced CSP with a fresh nonce and the other headers', async ({
    request,
  }) => {
    const first = await request.get('/')
    const second = await request.get('/')
    const csp = first.headers()['content-security-policy']
    expect(csp).toBeTruthy()
    expect(first.headers()['content-security-policy-report-only']).toBeUndefined()
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("object-src 'none'")
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]
    expect(nonce).not.toBe(/'nonce-([^']+)'/.exec(second.headers()['content-security-policy'])![1])
    expect(csp).not.toContain("'unsafe-inline'")
    const html = await first.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    const headers = first.headers()
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/)
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['permissions-policy']).toContain('camera=()')
  })

  test('the session cookie is HttpOnly, SameSite=Lax and Secure, host-only', async ({ page }) => {
    await signIn(page, 'startup@passerelle.example', DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/me/)
    const cookie = (await page.context().cookies()).find((c) =>
      c.name.includes('passerelle_session'),
    )!
    expect(cookie.name).toBe('__Host-passerelle_session')
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect(cookie.secure).toBe(true)
    expect(cookie.path).toBe('/')
  })

  test('the app cannot be framed', async ({ request }) => {
    const response = await request.get('/connexion')
    expect(response.headers()['x-frame-options']).toBe('DENY')
  })
})
