import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, expectNoSeriousViolations, signIn, waitForMail } from './utils.ts'

const MUSEUM = "Musée d'art et d'histoire de Montpellier"

async function signInAs(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
}

test('an anonymous need: the startup answers blind, the museum accepts, both get contacts', async ({
  browser,
}) => {
  const title = `Visite immersive des réserves ${Date.now().toString(36)}`

  // The museum posts an anonymous need.
  const museum = await (await browser.newContext()).newPage()
  await signInAs(museum, 'musee@passerelle.example')
  await museum.goto('/besoins/nouveau')
  await expect(museum.getByRole('heading', { level: 1, name: 'Publier un besoin' })).toBeVisible()
  await museum.getByLabel(/^Titre du besoin/).fill(title)
  await museum
    .getByLabel(/^Description/)
    .fill(
      'Nous voulons faire découvrir nos réserves fermées au public grâce à une visite immersive en réalité mixte.',
    )
  // The server checks what the browser cannot (at least one challenge) and answers per field.
  await museum.getByRole('button', { name: 'Publier le besoin' }).click()
  await expect(museum.getByText('Choisissez au moins un défi.')).toBeVisible()
  await expectNoSeriousViolations(museum, '/besoins/nouveau (errors)')
  // DSFR draws checkboxes on their labels, which take the pointer: `force` checks the input.
  await museum
    .getByRole('checkbox', { name: 'Publics et numérique', exact: true })
    .check({ force: true })
  await museum.getByRole('checkbox', { name: 'XR et immersif', exact: true }).check({ force: true })
  await museum.getByLabel(/^Région/).selectOption({ label: 'Occitanie' })
  await museum.getByLabel(/^Budget/).selectOption({ label: 'De 10 000 à 50 000 €' })
  await museum.getByLabel(/^Publier anonymement/).check({ force: true })
  await museum.getByRole('button', { name: 'Publier le besoin' }).click()
  await expect(museum.getByText('Votre besoin est publié.')).toBeVisible()
  await expect(museum.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(museum.getByText(/Publié anonymement/)).toBeVisible()
  const needUrl = new URL(museum.url()).pathname

  // The startup finds it in the list, without the museum's name, and answers.
  const startup = await (await browser.newContext()).newPage()
  await signInAs(startup, 'startup@passerelle.example')
  await startup.goto('/besoins?tag=GT-PUBLICS&region=R-76')
  const card = startup.getByRole('listitem').filter({ hasText: title })
  await expect(card).toContainText('Institution anonyme — Musée, Occitanie')
  await expect(card).not.toContainText(MUSEUM)
  await expectNoSeriousViolations(startup, '/besoins')
  await card.getByRole('link', { name: title }).click()
  await expect(startup).toHaveURL(new RegExp(`${needUrl}$`))
  await expect(startup.getByText('Institution anonyme — Musée, Occitanie')).toBeVisible()
  await expect(startup.locator('main')).not.toContainText(MUSEUM)
  await expect(startup.getByLabel(/^Au nom de/)).toHaveValue(/.+/)
  await startup.getByLabel(/^Au nom de/).selectOption({ label: 'Muséoscope' })
  await startup
    .getByLabel(/^Votre message/)
    .fill('Muséoscope numérise et met en scène des collections en réalité mixte.')
  await expectNoSeriousViolations(startup, '/besoins/:id')
  await startup.getByRole('button', { name: 'Envoyer ma réponse' }).click()
  await expect(startup.getByText('Votre réponse a été envoyée.')).toBeVisible()
  await expect(
    startup.getByText(/Les coordonnées de chaque organisation sont visibles ici/),
  ).toBeVisible()
  await expect(startup.locator('main')).not.toContainText(MUSEUM)
  await expect(startup.locator('main')).not.toContainText('contact@musee')
  const requestUrl = new URL(startup.url()).pathname

  const notice = await waitForMail('musee@passerelle.example', (m) => m.subject.includes(title))
  expect(notice.text).toContain('Muséoscope')
  expect(notice.text).not.toContain('contact@museoscope.fr')
  expect(notice.text).not.toContain('startup@passerelle.example')

  // The museum accepts from "Mes demandes".
  await museum.goto('/me/demandes')
  await expectNoSeriousViolations(museum, '/me/demandes')
  await museum.getByRole('link', { name: title }).first().click()
  await expect(museum).toHaveURL(new RegExp(`${requestUrl}$`))
  await museum.getByLabel(/^Note/).fill('Avec plaisir, appelons-nous la semaine prochaine.')
  await museum.getByRole('button', { name: 'Accepter' }).click()
  await expect(museum.getByText('Demande acceptée')).toBeVisible()
  await expect(museum.getByRole('link', { name: 'contact@museoscope.fr' })).toBeVisible()
  await expect(museum.getByText('Hugo Fondateur')).toBeVisible()
  await expectNoSeriousViolations(museum, '/demandes/:id')

  // Both sides get each other's contact details by e-mail…
  const accepted = await waitForMail('startup@passerelle.example', (m) =>
    m.subject.includes('a accepté votre demande'),
  )
  expect(accepted.subject).toContain(MUSEUM)
  expect(accepted.text).toContain('Courriel : contact@musee')
  expect(accepted.text).toContain('Léa Conservatrice <musee@passerelle.example>')
  expect(accepted.text).toContain('appelons-nous la semaine prochaine')
  const museumMail = await waitForMail('musee@passerelle.example', (m) =>
    m.subject.includes('Mise en relation avec Muséoscope'),
  )
  expect(museumMail.text).toContain('contact@museoscope.fr')
  expect(museumMail.text).toContain('Hugo Fondateur <startup@passerelle.example>')

  // …and in the app, where the startup now sees the museum's name.
  await startup.reload()
  await expect(startup.getByRole('link', { name: MUSEUM }).first()).toBeVisible()
  await expect(startup.getByRole('link', { name: /^contact@musee/ })).toBeVisible()
  await expect(startup.getByText('Léa Conservatrice')).toBeVisible()
  await startup.goto(needUrl)
  await expect(startup.getByRole('link', { name: MUSEUM })).toBeVisible()
})

test('open data: the needs API answers JSON and CSV with the licence, from any origin', async ({
  request,
}) => {
  const json = await request.get('/api/v1/needs?per_page=5')
  expect(json.status()).toBe(200)
  expect(json.headers()['access-control-allow-origin']).toBe('*')
  const body = await json.json()
  expect(body.licence.name).toBe('Licence Ouverte 2.0')
  expect(body.data).toHaveLength(5)
  const csv = await request.get('/api/v1/needs.csv?per_page=5')
  expect(csv.headers()['link']).toContain('rel="license"')
  expect((await csv.text()).trim().split('\r\n')).toHaveLength(6)
  const bad = await request.get('/api/v1/needs?per_page=1000')
  expect(bad.status()).toBe(400)
  expect((await bad.json()).message).toBe('Paramètres de requête invalides.')
})

test('edit and renew a need, ask for an introduction, preview a taxonomy import', async ({
  browser,
}) => {
  const museum = await (await browser.newContext()).newPage()
  await signInAs(museum, 'musee@passerelle.example')
  // "Mes demandes" lists the needs of my organisations (the seeded one among them).
  await museum.goto('/me/demandes')
  const needs = museum.getByRole('table', { name: /Besoins de mes organisations/ })
  await needs.getByRole('row').nth(1).getByRole('link').click()
  await museum.getByRole('link', { name: 'Modifier ce besoin' }).click()
  await expect(museum.getByRole('heading', { level: 1, name: 'Modifier le besoin' })).toBeVisible()
  await expectNoSeriousViolations(museum, '/besoins/:id/modifier')
  await museum.getByLabel(/^Prolonger de/).fill('120')
  await museum.getByRole('button', { name: 'Prolonger la publication' }).click()
  await expect(museum.getByText('La publication du besoin est prolongée.')).toBeVisible()

  const startup = await (await browser.newContext()).newPage()
  await signInAs(startup, 'startup@passerelle.example')
  await startup.goto('/organisations/musee-art-histoire-montpellier/mise-en-relation')
  await expect(
    startup.getByRole('heading', {
      level: 1,
      name: `Demander une mise en relation avec ${MUSEUM}`,
    }),
  ).toBeVisible()
  await expectNoSeriousViolations(startup, '/organisations/:slug/mise-en-relation')
  await startup
    .getByLabel(/^Votre message/)
    .fill('Nous aimerions vous présenter nos visites en réalité mixte.')
  await startup.getByRole('button', { name: 'Envoyer la demande' }).click()
  await expect(startup.getByText('Votre demande de mise en relation a été envoyée.')).toBeVisible()
  await expect(startup.getByRole('heading', { level: 1 })).toHaveText('Demande de mise en relation')
  await startup.getByRole('button', { name: 'Retirer la demande' }).click()
  await expect(startup.getByText('Demande retirée.')).toBeVisible()

  const admin = await (await browser.newContext()).newPage()
  await signInAs(admin, 'admin@passerelle.example')
  await admin.goto('/admin/taxonomie')
  await expect(
    admin.getByRole('heading', { level: 1, name: 'Vocabulaire (taxonomie)' }),
  ).toBeVisible()
  await expectNoSeriousViolations(admin, '/admin/taxonomie')
  await admin.getByLabel(/^Fichier/).setInputFiles({
    name: 'defis.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'code,kind,label_fr,label_en,parent,source\nD01,challenge,Défi de démonstration,Demo challenge,T1,strategie-2024\n',
    ),
  })
  await admin.getByText('Ajouter et mettre à jour seulement').click()
  await admin.getByRole('button', { name: "Simuler l'import" }).click()
  await expect(admin.getByText("Simulation : rien n'a été enregistré")).toBeVisible()
  await expect(admin.getByText('1 ajout(s), 0 modification(s)')).toBeVisible()

  // Someone else gets a 403.
  await startup.goto('/admin/taxonomie')
  await expect(startup.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible()
})
