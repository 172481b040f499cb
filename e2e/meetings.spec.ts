import { expect, test, type Browser, type Page } from '@playwright/test'
import { DEMO_PASSWORD, expectNoSeriousViolations, signIn, waitForMail } from './utils.ts'

// A business-meeting session from start to end: the organizer creates a rendez_vous event and
// sets up slots and tables, two demo members register for their organisations, one asks the
// other for a meeting which is accepted, the organizer generates the planning, and the
// participant finds the meeting (time and table) in their agenda and an invite in their mail.

const ORGANIZER = 'organisatrice@passerelle.example'
const STARTUP = 'startup@passerelle.example'
const MUSEUM = 'musee@passerelle.example'

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, email, DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/me/)
  return page
}

function inTwoWeeks() {
  const date = new Date(Date.now() + 14 * 24 * 3600 * 1000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(date)
}

async function register(page: Page, slug: string, organisation: string) {
  await page.goto(`/evenements/${slug}`)
  await page.getByLabel(/^Je viens pour/).selectOption({ label: organisation })
  await page.getByRole('button', { name: "S'inscrire" }).click()
  await expect(page.getByText('Votre place est réservée.')).toBeVisible()
}

test('rendez-vous: set-up, request, acceptance, planning, agenda and invite', async ({
  browser,
}) => {
  const day = inTwoWeeks()
  const title = `Rendez-vous d'affaires e2e ${Date.now().toString(36)}`

  const organizer = await signedInPage(browser, ORGANIZER)
  await organizer.goto('/evenements/nouveau')
  await organizer.getByLabel('Titre', { exact: true }).fill(title)
  await organizer
    .getByLabel('Format', { exact: true })
    .selectOption({ label: "Session de rendez-vous d'affaires" })
  await organizer.getByLabel('Début', { exact: true }).fill(`${day}T08:00`)
  await organizer.getByLabel('Fin', { exact: true }).fill(`${day}T18:00`)
  await organizer.getByLabel('Nom du lieu').fill('Cité des sciences')
  await organizer.getByLabel('Adresse', { exact: true }).fill('30 avenue Corentin-Cariou, Paris')
  await organizer.getByLabel('Nombre de places').fill('50')
  await organizer.getByRole('button', { name: 'Créer et publier' }).click()
  await expect(organizer.getByRole('heading', { level: 1, name: title })).toBeVisible()
  const slug = new URL(organizer.url()).pathname.split('/')[2]
  const base = `/evenements/${slug}/rendez-vous`

  // Set-up: two windows of 20-minute slots on the event's day, three tables.
  await organizer.goto(`${base}/configuration`)
  await expect(organizer.getByRole('heading', { level: 1 })).toHaveText(
    'Configuration des rendez-vous',
  )
  await organizer.getByLabel(/^Plages horaires/).fill(`${day} 09:00-10:40\n11:00-12:20`)
  await organizer.getByLabel(/^Durée d'un créneau/).fill('20')
  await organizer.getByLabel(/^Nombre de tables/).fill('3')
  await organizer.getByRole('button', { name: 'Enregistrer la configuration' }).click()
  await expect(
    organizer.getByText('La configuration des rendez-vous est enregistrée.'),
  ).toBeVisible()
  await expect(organizer.getByText('9 créneaux × 3 tables')).toBeVisible()
  await expectNoSeriousViolations(organizer)

  // Two participants register for their organisations; before that, the pages are closed.
  const startup = await signedInPage(browser, STARTUP)
  const closed = await startup.goto(base)
  expect(closed?.status()).toBe(403)
  await expect(startup.getByText('réservés aux participant·es')).toBeVisible()
  expect((await startup.goto(`${base}/planning`))?.status()).toBe(403)
  await register(startup, slug, 'Muséoscope')
  const museum = await signedInPage(browser, MUSEUM)
  await register(museum, slug, "Musée d'art et d'histoire de Montpellier")

  // The startup asks the museum for an essential meeting.
  await startup.goto(base)
  await expect(startup.getByRole('heading', { level: 1 })).toHaveText('Participants et demandes')
  await startup.getByText('Demander un rendez-vous à Léa Conservatrice').click()
  await expectNoSeriousViolations(startup)
  await startup.locator('label', { hasText: /^Indispensable/ }).click()
  await expect(startup.getByLabel(/^Indispensable/)).toBeChecked()
  await startup.getByLabel(/^Message/).fill('Présentons-vous notre visite en réalité mixte.')
  await startup.getByRole('button', { name: 'Envoyer la demande à Léa Conservatrice' }).click()
  await expect(startup.getByText('Votre demande de rendez-vous est envoyée.')).toBeVisible()
  await expect(
    startup.getByRole('table', { name: 'Demandes envoyées' }).getByText('En attente'),
  ).toBeVisible()

  // The museum accepts it.
  await museum.goto(base)
  const received = museum.getByRole('table', { name: 'Demandes reçues' })
  await expect(received.getByText('Présentons-vous notre visite en réalité mixte.')).toBeVisible()
  await received.getByRole('button', { name: 'Accepter' }).click()
  await expect(museum.getByText('Demande acceptée')).toBeVisible()

  // The organizer generates the planning.
  await organizer.goto(`${base}/planning`)
  await organizer.getByRole('button', { name: 'Générer le planning' }).click()
  await expect(
    organizer.getByText('Le planning est généré et les invitations sont envoyées.'),
  ).toBeVisible()
  await expect(organizer.getByRole('heading', { name: '1 rendez-vous planifié' })).toBeVisible()
  await expectNoSeriousViolations(organizer)
  await organizer.goto(`${base}/grille`)
  await expect(organizer.getByRole('cell', { name: /Hugo Fondateur \(Muséoscope\)/ })).toBeVisible()
  await expectNoSeriousViolations(organizer)

  // The startup's agenda shows the time and the table; the invite arrived by e-mail.
  await startup.goto(`${base}/mon-agenda`)
  const agenda = startup.getByRole('table')
  await expect(agenda.getByRole('cell', { name: '09:00 – 09:20' })).toBeVisible()
  await expect(agenda.getByRole('cell', { name: 'Table 1' })).toBeVisible()
  await expect(
    agenda.getByRole('link', { name: "Musée d'art et d'histoire de Montpellier" }),
  ).toHaveAttribute('href', '/organisations/musee-art-histoire-montpellier')
  await expectNoSeriousViolations(startup)
  const mail = await waitForMail(
    STARTUP,
    (m) => m.calendar?.method === 'REQUEST' && m.subject.includes('Rendez-vous'),
  )
  expect(mail.calendar!.content).toMatch(/UID:meeting-/)
  expect(mail.text).toContain('Table 1')
})
