import { expect, test, type Page } from '@playwright/test'
import {
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  signIn,
  uniqueEmail,
  waitForMail,
} from './utils.ts'

// DSFR draws radios and checkboxes on their labels, which take the pointer: `force` clicks the
// input itself, as a click on its label would.
async function signUp(page: Page, name: string, email: string) {
  const password = 'une phrase de passe solide'
  await page.goto('/inscription')
  await page.getByLabel('Nom et prénom').fill(name)
  await page.getByLabel('Adresse électronique').fill(email)
  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByLabel('Confirmer le mot de passe').fill(password)
  await page.getByRole('button', { name: 'Créer mon compte' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
}

test('create a draft startup profile, publish it, find it in the directory', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('fondatrice')
  // "Aa…" sorts first, so the profile is on the first page of its region.
  const name = `Aa Immersion ${Date.now().toString(36)}`
  await signUp(page, 'Ada Fondatrice', email)

  await page.goto('/organisations/nouvelle')
  await expect(
    page.getByRole('heading', { level: 1, name: 'Référencer une organisation' }),
  ).toBeVisible()
  // The server checks everything and answers field by field.
  await page.getByLabel(/^Nom de l'organisation/).fill('A')
  await page.getByRole('radio', { name: 'Startup' }).check({ force: true })
  await page.getByLabel(/^Région/).selectOption({ label: 'Corse' })
  await page.getByLabel(/^Site internet/).fill('javascript:alert(1)')
  await page.getByRole('button', { name: 'Créer le profil' }).click()
  await expect(page.getByText('Le nom doit comporter au moins 2 caractères.')).toBeVisible()
  await expect(page.getByText('Saisissez une adresse web valide')).toBeVisible()
  await expectNoSeriousViolations(page, '/organisations/nouvelle (errors)')

  await page.getByLabel(/^Nom de l'organisation/).fill(name)
  await page.getByLabel(/^Site internet/).fill('aa-immersion.fr')
  await page.getByLabel('Ville').fill('Ajaccio')
  await page
    .getByLabel('Présentation courte en français')
    .fill('Des visites immersives en réalité mixte.')
  await page
    .getByRole('checkbox', { name: 'Patrimoine et musées', exact: true })
    .check({ force: true })
  await page.getByRole('checkbox', { name: 'XR et immersif', exact: true }).check({ force: true })
  await page
    .getByRole('checkbox', { name: 'Métavers et immersif', exact: true })
    .check({ force: true })
  await expect(page.getByRole('radio', { name: /^Brouillon/ })).toBeChecked()
  await expect(page.getByLabel(/^Adresse électronique de contact/)).toHaveValue(email)
  await page.getByRole('button', { name: 'Créer le profil' }).click()

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText('Ce profil est un brouillon')).toBeVisible()
  await expect(page.getByRole('link', { name: 'XR et immersif' })).toBeVisible()
  const profileUrl = new URL(page.url()).pathname
  expect(profileUrl).toMatch(/^\/organisations\/aa-immersion-/)

  // Someone else, not signed in: the draft does not exist for them.
  const visitor = await browser.newContext()
  const visitorPage = await visitor.newPage()
  const hidden = await visitorPage.goto(profileUrl)
  expect(hidden?.status()).toBe(404)

  // Publish.
  await page.getByRole('link', { name: 'Modifier le profil' }).click()
  await page.getByRole('radio', { name: /^Public/ }).check({ force: true })
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  await expect(page.getByText('Le profil a été mis à jour.')).toBeVisible()
  await expect(page.getByText('Ce profil est un brouillon')).toHaveCount(0)

  const shown = await visitorPage.goto(profileUrl)
  expect(shown?.status()).toBe(200)
  await expect(visitorPage.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(
    visitorPage.getByText("apparaissent une fois qu'une mise en relation a été acceptée"),
  ).toBeVisible()
  await expect(visitorPage.getByText(email)).toHaveCount(0)
  const jsonLd = JSON.parse(
    (await visitorPage.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
  )
  expect(jsonLd).toMatchObject({
    '@type': 'Organization',
    name,
    url: 'https://aa-immersion.fr',
    address: { addressLocality: 'Ajaccio', addressRegion: 'Corse' },
  })
  expect(jsonLd.knowsAbout).toContain('XR et immersif')
  await expectNoSeriousViolations(visitorPage, profileUrl)

  // The directory, filtered by region with the GET form.
  await visitorPage.goto('/organisations')
  await visitorPage.getByLabel('Région').selectOption({ label: 'Corse' })
  await visitorPage.getByRole('button', { name: 'Appliquer les filtres' }).click()
  await expect(visitorPage).toHaveURL(/region=R-94/)
  await expect(visitorPage.getByRole('link', { name })).toBeVisible()
  await expectNoSeriousViolations(visitorPage, '/organisations?region=R-94')
  await visitorPage.goto('/organisations?region=R-53')
  await expect(visitorPage.getByRole('link', { name })).toHaveCount(0)
  await visitor.close()

  const api = await page.request.get('/api/v1/organisations?region=R-94&per_page=100')
  expect(api.headers()['access-control-allow-origin']).toBe('*')
  const body = await api.json()
  const record = body.data.find((item: { name: string }) => item.name === name)
  expect(record).toBeDefined()
  expect(JSON.stringify(record)).not.toContain(email)
})

test('an owner invites a colleague by e-mail, who joins as editor', async ({ page, browser }) => {
  await signIn(page, 'startup@passerelle.example', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/me/)
  await page.goto('/organisations/museoscope/membres')
  await expectNoSeriousViolations(page, '/organisations/museoscope/membres')
  const colleague = uniqueEmail('collegue')
  await page.getByLabel(/^Adresse électronique de la personne/).fill(colleague)
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click()
  await expect(page.getByText("L'invitation a été envoyée.")).toBeVisible()
  await expect(page.getByRole('cell', { name: colleague, exact: true })).toBeVisible()

  const mail = await waitForMail(colleague, (m) => m.subject.includes('Muséoscope'))
  const link = new URL(/https?:\/\/\S+\/invitations\/[a-z2-7]{32}/.exec(mail.text)![0])

  const other = await browser.newContext()
  const otherPage = await other.newPage()
  await otherPage.goto(link.pathname)
  await expect(otherPage.getByText('Vous êtes invité·e à rejoindre Muséoscope')).toBeVisible()
  await otherPage.getByRole('main').getByRole('link', { name: 'Créer un compte' }).click()
  await otherPage.getByLabel('Nom et prénom').fill('Colin Collègue')
  await otherPage.getByLabel('Adresse électronique').fill(colleague)
  await otherPage.getByLabel(/^Mot de passe/).fill('une phrase de passe solide')
  await otherPage.getByLabel('Confirmer le mot de passe').fill('une phrase de passe solide')
  await otherPage.getByRole('button', { name: 'Créer mon compte' }).click()
  await otherPage.getByRole('button', { name: "Accepter l'invitation" }).click()
  await expect(otherPage.getByText("Vous avez rejoint l'organisation.")).toBeVisible()
  await expect(otherPage.getByRole('link', { name: 'Modifier le profil' })).toBeVisible()
  await otherPage.goto('/me/organisations')
  await expect(otherPage.getByRole('link', { name: 'Muséoscope', exact: true })).toBeVisible()
  await expect(otherPage.getByRole('cell', { name: 'Éditeur·rice' })).toBeVisible()
  await other.close()
})
