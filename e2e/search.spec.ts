import { expect, test } from '@playwright/test'
import { expectNoSeriousViolations } from './utils.ts'

const MUSEUM = "Musée d'art et d'histoire de Montpellier"

test('results follow the typing, the URL stays shareable and an older answer never shows', async ({
  page,
}) => {
  await page.goto('/recherche', { waitUntil: 'networkidle' })
  await expect(page.getByRole('heading', { level: 1, name: 'Rechercher' })).toBeVisible()
  const field = page.getByLabel('Mots-clés')
  const status = page.getByRole('status')

  // The answer to « patrimoine » is held back until « muséoscope » has been answered.
  let releaseFirst = () => {}
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve))
  let firstArrived = () => {}
  const firstRequest = new Promise<void>((resolve) => (firstArrived = resolve))
  await page.route(/\/recherche\.data/, async (route) => {
    if (new URL(route.request().url()).searchParams.get('q') === 'patrimoine') {
      firstArrived()
      await firstHeld
    }
    // The page may have cancelled the request meanwhile.
    await route.continue().catch(() => {})
  })

  await field.pressSequentially('patrimoine')
  await firstRequest
  await field.fill('muséoscope')
  await expect(status).toHaveText(/1 résultat pour « muséoscope »/)
  await expect(page.getByRole('link', { name: 'Muséoscope', exact: true })).toBeVisible()
  await expect(page).toHaveURL(/\/recherche\?q=mus%C3%A9oscope/)

  releaseFirst()
  // Give the held answer time to arrive: it must not replace the newer results.
  await page.waitForTimeout(500)
  await expect(status).toHaveText(/« muséoscope »/)
  await expect(field).toHaveValue('muséoscope')

  // Search-as-you-type on a prefix, accents ignored.
  await field.fill('')
  await field.pressSequentially('musee d art et d hist')
  await expect(page.getByRole('link', { name: MUSEUM })).toBeVisible()
  await expect(page.getByRole('link', { name: MUSEUM }).locator('mark').first()).toHaveText('Musée')
})

test('facets filter with counts and combine; the shared URL gives the same page', async ({
  page,
}) => {
  await page.goto('/recherche?q=mus%C3%A9e', { waitUntil: 'networkidle' })
  const status = page.getByRole('status')
  await expect(status).toHaveText(/résultats? pour « musée »/)
  // Six values per facet until « Afficher plus »: the page stays light.
  await expect(page.getByRole('group', { name: 'Région' }).getByRole('checkbox')).toHaveCount(6)
  await page.getByRole('link', { name: /^Afficher les \d+ autres valeurs de « Région »$/ }).click()
  await expect(page).toHaveURL(/plus=region/)
  const occitanie = page.getByRole('checkbox', { name: /^Occitanie \(\d+\)$/ })
  await occitanie.check({ force: true })
  await expect(page).toHaveURL(/region=R-76/)
  await expect(page.getByRole('link', { name: MUSEUM })).toBeVisible()
  await expect(occitanie).toBeChecked()

  const institution = page.getByRole('checkbox', { name: /^Institution culturelle \(\d+\)$/ })
  await institution.check({ force: true })
  await expect(page).toHaveURL(/region=R-76.*kind=institution|kind=institution.*region=R-76/)
  const shared = page.url()
  const filteredStatus = await status.textContent()

  const other = await page.context().newPage()
  await other.goto(shared)
  await expect(other.getByRole('status')).toHaveText(filteredStatus ?? '')
  await expect(other.getByRole('checkbox', { name: /^Occitanie/ })).toBeChecked()
  await other.close()

  await page.getByRole('link', { name: 'Effacer les filtres' }).click()
  await expect(page).toHaveURL(/\/recherche\?q=mus%C3%A9e$/)
  await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0)
  await expect(page.getByRole('group', { name: 'Région' }).getByRole('checkbox')).toHaveCount(6)

  await expectNoSeriousViolations(page, '/recherche')
})

test('needs are searchable and an anonymous need never shows its organisation', async ({
  page,
}) => {
  // Wait for the script: this journey is about results updating as the form changes.
  await page.goto('/recherche', { waitUntil: 'networkidle' })
  await page.getByRole('radio', { name: 'Besoins' }).check({ force: true })
  await expect(page).toHaveURL(/type=needs/)
  await page.getByLabel('Mots-clés').fill('numériser')
  const status = page.getByRole('status')
  await expect(status).toHaveText(/résultats? pour « numériser »/)
  const hits = page.getByRole('article')
  await expect(hits.first()).toBeVisible()
  // Every hit names its organisation or says it is anonymous.
  for (const text of await hits.allTextContents()) {
    expect(text).toMatch(/Besoin de |Structure anonyme/)
  }
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the GET form, facets and pages work with plain requests', async ({ page }) => {
    await page.goto('/recherche')
    await page.getByLabel('Mots-clés').fill('musée')
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click()
    await expect(page).toHaveURL(/q=mus%C3%A9e/)
    await expect(page.getByRole('status')).toHaveText(/résultats? pour « musée »/)
    await expect(page.getByRole('link', { name: MUSEUM })).toBeVisible()

    await page
      .getByRole('link', { name: /^Afficher les \d+ autres valeurs de « Région »$/ })
      .click()
    await expect(
      page.getByRole('link', { name: 'Afficher moins de valeurs de « Région »' }),
    ).toBeVisible()
    await page.getByRole('checkbox', { name: /^Occitanie \(\d+\)$/ }).check({ force: true })
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click()
    await expect(page).toHaveURL(/region=R-76/)
    await expect(page.getByRole('link', { name: MUSEUM })).toBeVisible()

    await page.goto('/recherche?q=num%C3%A9rique')
    const next = page.getByRole('link', { name: 'Page suivante' })
    await expect(next).toBeVisible()
    await next.click()
    await expect(page).toHaveURL(/page=2/)
    await expect(page.getByRole('link', { name: '2', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    )
  })
})
