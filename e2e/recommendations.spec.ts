import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, expectNoSeriousViolations, signIn, signOut } from './utils.ts'

const MUSEUM = 'musee-art-histoire-montpellier'
const MUSEUM_NAME = "Musée d'art et d'histoire de Montpellier"

async function signInAs(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/me$/)
}

async function openPartners(page: Page) {
  await signInAs(page, 'musee@passerelle.example')
  // The dashboard suggests partners for each of my organisations.
  const suggestions = page.getByRole('region', { name: `Pour ${MUSEUM_NAME}` })
  await expect(suggestions.getByRole('meter').first()).toBeVisible()
  await expect(
    suggestions.getByRole('link', { name: 'Voir toutes les recommandations' }),
  ).toBeVisible()
  await page.goto(`/organisations/${MUSEUM}`)
  await page.getByRole('link', { name: 'Partenaires recommandés' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: `Partenaires recommandés pour ${MUSEUM_NAME}` }),
  ).toBeVisible()
}

function cards(page: Page) {
  return page
    .getByRole('list')
    .filter({ has: page.getByRole('heading', { level: 3 }) })
    .first()
}

async function firstCardName(page: Page) {
  return (await cards(page).getByRole('heading', { level: 3 }).first().innerText()).trim()
}

test('a member sees ranked partners, hides one as not relevant, undoes it, asks for an introduction', async ({
  page,
}) => {
  await openPartners(page)
  const meters = page.getByRole('meter', { name: /^Score de correspondance : \d+ sur 100$/ })
  await expect(meters.first()).toBeVisible()
  expect(await meters.count()).toBeGreaterThan(3)
  await expect(page.getByText('Pourquoi cette recommandation :').first()).toBeVisible()
  await expectNoSeriousViolations(page, 'partenaires')
  if (process.env.E2E_SCREENSHOTS) {
    await page.screenshot({
      path: `${process.env.E2E_SCREENSHOTS}/partenaires.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1000 },
    })
  }
  await expect(
    page.getByText(/des profils complémentaires|en commun|Même région/).first(),
  ).toBeVisible()

  const name = await firstCardName(page)
  await cards(page)
    .getByRole('button', { name: /^Pas pertinent/ })
    .first()
    .click()
  const status = page.getByRole('status').filter({ hasText: 'ne vous sera plus recommandée' })
  await expect(status).toContainText(name)
  await expect(cards(page).getByRole('link', { name, exact: true })).toHaveCount(0)

  await status.getByRole('button', { name: /^Annuler/ }).click()
  await expect(page.getByText(`${name} peut de nouveau vous être recommandée.`)).toBeVisible()
  await expect(cards(page).getByRole('link', { name, exact: true })).toHaveCount(1)

  const target = await firstCardName(page)
  await cards(page)
    .getByRole('button', { name: /^Demander une mise en relation/ })
    .first()
    .click()
  await expect(page).toHaveURL(/\/demandes\//)
  await expect(page.getByText('Votre demande de mise en relation a été envoyée.')).toBeVisible()
  await expect(page.getByText(target).first()).toBeVisible()
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('"Pas pertinent" works as a plain form', async ({ page }) => {
    await openPartners(page)
    const name = await firstCardName(page)
    await cards(page)
      .getByRole('button', { name: /^Pas pertinent/ })
      .first()
      .click()
    await expect(page.getByRole('status').filter({ hasText: name })).toBeVisible()
    await expect(cards(page).getByRole('link', { name, exact: true })).toHaveCount(0)
  })
})

test('other organisations’ members are refused; a need lists who can answer it', async ({
  page,
}) => {
  await signInAs(page, 'startup@passerelle.example')
  const refused = await page.goto(`/organisations/${MUSEUM}/partenaires`)
  expect(refused?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible()

  await signOut(page)
  await signInAs(page, 'musee@passerelle.example')
  await page.goto(`/organisations/${MUSEUM}`)
  await page
    .getByRole('region', { name: 'Besoins' })
    .or(page.locator('section[aria-labelledby="besoins-titre"]'))
    .first()
    .getByRole('link')
    .first()
    .click()
  await expect(page).toHaveURL(/\/besoins\/[^/]+$/)
  await page.goto(`${page.url()}/candidats`)
  await expect(
    page.getByRole('heading', { level: 1, name: /^Qui peut répondre à « .+ » ?/ }),
  ).toBeVisible()
  await expect(
    page.getByRole('meter', { name: /^Score de correspondance : \d+ sur 100$/ }).first(),
  ).toBeVisible()
  await expect(page.getByRole('link', { name: /^Voir le profil/ }).first()).toBeVisible()
  await expectNoSeriousViolations(page, 'candidats')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: /^Who can answer “.+”\?$/ }),
  ).toBeVisible()
  await expect(
    page.getByRole('meter', { name: /^Match score: \d+ out of 100$/ }).first(),
  ).toBeVisible()
  await expectNoSeriousViolations(page, 'candidats (en)')
})
