import { readFile } from 'node:fs/promises'
import { expect, test, type Browser } from '@playwright/test'
import ICAL from 'ical.js'
import { DEMO_PASSWORD, expectNoSeriousViolations, signIn, waitForMail } from './utils.ts'

const ORGANIZER = 'organisatrice@passerelle.example'
const PARTICIPANT = 'startup@passerelle.example'

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  ICAL.TimezoneService.reset()
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz)
  const vevent = calendar.getFirstSubcomponent('vevent')!
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    summary: String(vevent.getFirstPropertyValue('summary')),
    tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid'),
    start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  }
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, email, DEMO_PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
  return page
}

test('an organizer creates an event, a participant registers and gets the updated invite when it moves', async ({
  browser,
}) => {
  const title = `Rencontre IA et musées ${Date.now().toString(36)}`

  // The organizer creates and publishes the event in the browser.
  const organizer = await signedInPage(browser, ORGANIZER)
  await organizer.goto('/evenements')
  await organizer.getByRole('link', { name: 'Créer un événement' }).click()
  await expect(
    organizer.getByRole('heading', { level: 1, name: 'Créer un événement' }),
  ).toBeVisible()
  await organizer.getByLabel('Titre', { exact: true }).fill(title)
  await organizer.getByLabel('Format', { exact: true }).selectOption('atelier')
  await organizer
    .getByLabel('Description', { exact: true })
    .fill('Un atelier entre musées et startups.')
  await organizer.getByLabel(/^Fuseau horaire/).selectOption('Europe/Paris')
  await organizer.getByLabel('Début', { exact: true }).fill('2030-05-14T10:00')
  await organizer.getByLabel('Fin', { exact: true }).fill('2030-05-14T12:00')
  await organizer.getByLabel('Nom du lieu').fill('Musée Fabre')
  await organizer
    .getByLabel('Adresse', { exact: true })
    .fill('39 boulevard Bonne Nouvelle, Montpellier')
  await organizer.getByLabel('Nombre de places').fill('25')
  await organizer.locator('label', { hasText: 'Données et intelligence artificielle' }).click()
  await organizer.getByRole('button', { name: 'Créer et publier' }).click()
  await expect(organizer.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(organizer.getByText("L'événement est créé et publié.")).toBeVisible()
  await expect(organizer.getByText('de 10:00 à 12:00 (heure de Paris)')).toBeVisible()
  const eventPath = new URL(organizer.url()).pathname

  // It is listed publicly.
  await organizer.goto('/evenements?tag=GT-DATA-IA&format=atelier')
  await expect(organizer.getByRole('link', { name: title })).toBeVisible()

  // A participant registers for their organisation and downloads the .ics.
  const participant = await signedInPage(browser, PARTICIPANT)
  await participant.goto(eventPath)
  await participant.getByLabel(/^Je viens pour/).selectOption({ label: 'Muséoscope' })
  await participant.getByRole('button', { name: "S'inscrire" }).click()
  await expect(participant.getByText('Votre inscription est confirmée.')).toBeVisible()
  await expect(participant.getByText('Inscription confirmée', { exact: true })).toBeVisible()

  const downloading = participant.waitForEvent('download')
  await participant.getByRole('link', { name: 'Ajouter à mon agenda' }).click()
  const download = await downloading
  const published = parseIcs(await readFile((await download.path())!, 'utf8'))
  expect(published.method).toBe('PUBLISH')
  expect(published.summary).toBe(title)
  expect(published.tzid).toBe('Europe/Paris')
  expect(published.start).toBe('2030-05-14T08:00:00.000Z')
  const response = await participant.request.get(`${eventPath}/agenda.ics`)
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8')
  expect(parseIcs(await response.text()).uid).toBe(published.uid)

  const confirmation = await waitForMail(
    PARTICIPANT,
    (mail) => mail.subject === `Inscription confirmée : ${title}`,
  )
  expect(confirmation.calendar?.method).toBe('REQUEST')
  const invite = parseIcs(confirmation.calendar!.content)
  expect(invite.method).toBe('REQUEST')
  expect(invite.start).toBe('2030-05-14T08:00:00.000Z')

  // The organizer moves the event to the afternoon.
  await organizer.goto(eventPath)
  await organizer.getByRole('link', { name: 'Modifier' }).click()
  await organizer.getByLabel('Début', { exact: true }).fill('2030-05-14T14:00')
  await organizer.getByLabel('Fin', { exact: true }).fill('2030-05-14T16:00')
  await organizer.getByRole('button', { name: 'Enregistrer les modifications' }).click()
  await expect(
    organizer.getByText('les personnes inscrites ont reçu une invitation mise à jour'),
  ).toBeVisible()
  await expect(organizer.getByText('de 14:00 à 16:00 (heure de Paris)')).toBeVisible()

  // The participant receives an updated invite: same UID, higher SEQUENCE.
  const change = await waitForMail(PARTICIPANT, (mail) => mail.subject === `Changement : ${title}`)
  expect(change.calendar?.method).toBe('REQUEST')
  const updated = parseIcs(change.calendar!.content)
  expect(updated.method).toBe('REQUEST')
  expect(updated.uid).toBe(invite.uid)
  expect(updated.sequence).toBeGreaterThan(invite.sequence)
  expect(updated.start).toBe('2030-05-14T12:00:00.000Z')

  // The participant's own agenda lists it, with a private feed.
  await participant.goto('/me/agenda')
  await expect(participant.getByRole('link', { name: title })).toBeVisible()
  const feedUrl = await participant.getByLabel('Adresse du flux (https)').inputValue()
  const feed = await participant.request.get(new URL(feedUrl).pathname)
  expect(feed.status()).toBe(200)
  expect(await feed.text()).toContain(title.slice(0, 20))
})

test('the check-in page works on a phone without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 375, height: 740 },
    isMobile: true,
  })
  const page = await context.newPage()
  await signIn(page, ORGANIZER, DEMO_PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
  await page.goto('/evenements/nouveau')
  const title = `Atelier émargement ${Date.now().toString(36)}`
  await page.getByLabel('Titre', { exact: true }).fill(title)
  await page.getByLabel('Début', { exact: true }).fill('2030-06-02T09:30')
  await page.getByLabel('Fin', { exact: true }).fill('2030-06-02T17:00')
  await page.getByLabel('Lien de participation en ligne').fill('https://visio.example.org/atelier')
  await page.getByLabel('Nombre de places').fill('5')
  await page.getByRole('button', { name: 'Créer et publier' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await page.getByRole('button', { name: "S'inscrire" }).click()
  await expect(page.getByText('Votre inscription est confirmée.')).toBeVisible()

  await page.getByRole('link', { name: 'Émargement', exact: true }).click()
  await page.getByLabel('Rechercher une personne').fill('organisatrice')
  await page.getByRole('button', { name: 'Rechercher' }).click()
  const present = page.getByRole('button', { name: /^Présent·e/ })
  await expect(present).toBeVisible()
  const box = await present.boundingBox()
  expect(box!.height).toBeGreaterThanOrEqual(44)
  await present.click()
  await expect(page.getByText('Présence enregistrée.')).toBeVisible()
  await expect(page.getByText(/^Présent·e depuis/)).toBeVisible()
  await context.close()
})

test('the events pages have no serious axe violation and respect the CSP', async ({ page }) => {
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text()))
      cspViolations.push(message.text())
  })
  await signIn(page, ORGANIZER, DEMO_PASSWORD)
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
  await page.goto('/evenements/nouveau')
  await expectNoSeriousViolations(page, '/evenements/nouveau')
  await page.getByRole('button', { name: 'Créer et publier' }).click()
  await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible()
  await expectNoSeriousViolations(page, '/evenements/nouveau (errors)')

  const title = `Hackathon accessible ${Date.now().toString(36)}`
  await page.getByLabel('Titre', { exact: true }).fill(title)
  await page.getByLabel('Format', { exact: true }).selectOption('hackathon')
  await page.getByLabel(/^Fuseau horaire/).selectOption('America/Martinique')
  await page.getByLabel('Début', { exact: true }).fill('2030-09-20T09:00')
  await page.getByLabel('Fin', { exact: true }).fill('2030-09-21T18:00')
  await page.getByLabel('Adresse', { exact: true }).fill('Fort-de-France')
  await page.getByLabel('Nombre de places').fill('40')
  await page.getByRole('button', { name: 'Créer et publier' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(
    page.getByText('au samedi 21 septembre 2030 à 18:00 (heure de la Martinique)'),
  ).toBeVisible()
  const eventPath = new URL(page.url()).pathname
  await page.getByRole('button', { name: "S'inscrire" }).click()
  await expect(page.getByText('Votre inscription est confirmée.')).toBeVisible()
  await expectNoSeriousViolations(page, eventPath)
  for (const path of [
    '/evenements',
    '/evenements?quand=passes',
    `${eventPath}/modifier`,
    `${eventPath}/gestion`,
    `${eventPath}/emargement`,
    '/me/agenda',
  ]) {
    await page.goto(path)
    await expectNoSeriousViolations(page, path)
  }
  await page.getByRole('button', { name: 'English' }).click()
  await page.goto(eventPath)
  await expect(page.getByRole('button', { name: 'Cancel my registration' })).toBeVisible()
  await expectNoSeriousViolations(page, `${eventPath} (en)`)
  expect(cspViolations).toEqual([])
})
