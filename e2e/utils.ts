import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

const MAIL_DIR = process.env.E2E_MAIL_DIR ?? 'data/mail'

export interface CapturedMail {
  to: string
  subject: string
  text: string
  calendar: { method: string; content: string } | null
  date: string
}

/** The newest message to this address written by the app's file transport (no SMTP here). */
export async function waitForMail(
  to: string,
  matching: (mail: CapturedMail) => boolean = () => true,
) {
  let found: CapturedMail | undefined
  await expect
    .poll(
      async () => {
        const files = (await readdir(MAIL_DIR).catch(() => [] as string[]))
          .filter((f) => f.endsWith('.json'))
          .sort()
          .reverse()
        for (const file of files) {
          const mail = JSON.parse(await readFile(path.join(MAIL_DIR, file), 'utf8')) as CapturedMail
          if (mail.to === to && matching(mail)) {
            found = mail
            return true
          }
        }
        return false
      },
      { timeout: 15_000, message: `mail to ${to}` },
    )
    .toBe(true)
  return found!
}

export function uniqueEmail(label: string) {
  return `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@exemple.fr`
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/connexion')
  await page.getByLabel('Adresse électronique').fill(email)
  await page.getByLabel(/^Mot de passe/).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

/** Signs out and waits until it is done: a visit to /connexion while the sign-out is still in
 * flight would be redirected to /me (the person is still signed in). */
export async function signOut(page: Page) {
  await page
    .getByRole('button', { name: /^(Se déconnecter|Sign out)$/ })
    .first()
    .click()
  await expect(page.getByText(/^(Vous êtes déconnecté·e\.|You are signed out\.)$/)).toBeVisible()
}

export const DEMO_PASSWORD = 'passerelle-demo-2026'

/** No serious or critical axe violation (RGAA 4.1 / WCAG 2.1 AA rules) on the page as it is. */
export async function expectNoSeriousViolations(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  expect(
    serious.map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([])
}
