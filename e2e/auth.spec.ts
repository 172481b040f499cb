import { expect, test } from '@playwright/test'
import { signOut, uniqueEmail, waitForMail } from './utils.ts'

test('sign-up, sign-out, sign-in, wrong password, password reset by e-mail', async ({ page }) => {
  const email = uniqueEmail('parcours')
  const password = 'une phrase de passe solide'

  await page.goto('/')
  await page.getByRole('link', { name: 'Créer un compte' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible()
  await page.getByLabel('Nom et prénom').fill('Zoé Parcours')
  await page.getByLabel('Adresse électronique').fill(email)
  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByLabel('Confirmer le mot de passe').fill(password)
  await page.getByRole('button', { name: 'Créer mon compte' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
  await expect(page.getByText(`Connecté·e en tant que Zoé Parcours (${email})`)).toBeVisible()

  await signOut(page)

  await page.goto('/connexion')
  await page.getByLabel('Adresse électronique').fill(email)
  await page.getByLabel(/^Mot de passe/).fill('pas le bon mot de passe')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('alert')).toContainText(
    'Adresse électronique ou mot de passe incorrect.',
  )

  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()
  await signOut(page)

  await page.goto('/connexion')
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
  // The link navigates in the browser: wait for the new page before typing.
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible()
  await page.getByLabel('Adresse électronique').fill(email)
  await page.getByRole('button', { name: 'Recevoir le lien' }).click()
  await expect(page.getByText('Si un compte existe pour cette adresse')).toBeVisible()

  const mail = await waitForMail(email, (m) => m.subject.includes('nouveau mot de passe'))
  const link = /https?:\/\/\S+token=[a-z2-7]{32}/.exec(mail.text)![0]
  await page.goto(new URL(link).pathname + new URL(link).search)
  const newPassword = 'encore une autre phrase'
  await page.getByLabel('Nouveau mot de passe').fill(newPassword)
  await page.getByLabel('Confirmer le mot de passe').fill(newPassword)
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
  await expect(page.getByText('Votre mot de passe a été changé.')).toBeVisible()

  await page.getByLabel('Adresse électronique').fill(email)
  await page.getByLabel(/^Mot de passe/).fill(newPassword)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeVisible()

  // The link works once.
  await page.goto(new URL(link).pathname + new URL(link).search)
  await expect(page.getByText("Ce lien de réinitialisation n'est pas valide")).toBeVisible()
})

test('the English switch translates the interface and is remembered', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Bringing culture and digital innovation together',
  )
  await page.goto('/connexion')
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await page.getByRole('button', { name: 'Français' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible()
})

test('a cross-origin POST is refused', async ({ request }) => {
  const response = await request.post('/connexion', {
    form: { email: 'x@exemple.fr', password: 'peu importe' },
    headers: { Origin: 'https://evil.example' },
  })
  expect(response.status()).toBe(403)
  expect(await response.text()).toContain('Requête refusée')
})

test('forms work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto('/connexion')
  // Valid for the browser's own check, refused by the server's schema.
  await page.getByLabel('Adresse électronique').fill('jeanne@exemple')
  await page.getByLabel(/^Mot de passe/).fill('x')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByText('Saisissez une adresse électronique valide')).toBeVisible()
  await context.close()
})
