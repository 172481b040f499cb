// `npm run bench:pages`: loads the main pages in Chromium (cold cache, seeded demo data) and
// prints per page the transferred bytes, request count, DOM element count and EcoIndex, then
// one final JSON line. Budget (engagement #07): ≤ 500 KB and grade A or B on every page.
import { chromium } from '@playwright/test'
import { CHROMIUM_PATH, ensureChromium } from '../lib/chromium.js'
import { startTestServer } from '../lib/test-server.js'
import { ecoIndex } from './ecoindex.js'

const PAGES = [
  '/',
  '/organisations',
  '/organisations/museoscope',
  '/besoins',
  '/recherche?q=mus%C3%A9e',
  '/evenements',
  '/connexion',
  '/inscription',
]
const BUDGET_BYTES = 500 * 1024

ensureChromium('bench:pages')
const server = await startTestServer({
  port: Number(process.env.BENCH_PORT ?? 3310),
  build: !process.argv.includes('--no-build'),
})
const results = []
let browser
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  for (const path of PAGES) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    let bytes = 0
    let requests = 0
    // Inlined data: URIs (the DSFR icons) cost no network request: EcoIndex counts HTTP ones.
    cdp.on('Network.responseReceived', (event) => {
      if (!event.response.url.startsWith('data:')) requests++
    })
    cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength))
    const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
    await page.waitForTimeout(300)
    const domElements = await page.evaluate(
      () => document.getElementsByTagName('*').length - document.querySelectorAll('svg *').length,
    )
    const { score, grade } = ecoIndex({ domElements, requests, kilobytes: bytes / 1024 })
    const row = {
      page: path,
      status: response?.status() ?? 0,
      bytes,
      requests,
      dom: domElements,
      ecoindex: score,
      grade,
    }
    results.push(row)
    console.error(
      `${path.padEnd(32)} ${String(row.status).padEnd(4)} ${(bytes / 1024).toFixed(1).padStart(7)} KB ${String(requests).padStart(3)} req ${String(domElements).padStart(5)} DOM  EcoIndex ${score} (${grade})`,
    )
    await context.close()
  }
} finally {
  await browser?.close()
  await server.stop()
}
const withinBudget = results.every(
  (r) => r.bytes <= BUDGET_BYTES && ['A', 'B'].includes(r.grade) && r.status === 200,
)
console.log(
  JSON.stringify({
    pages: results,
    max_bytes: Math.max(...results.map((r) => r.bytes)),
    worst_grade: results
      .map((r) => r.grade)
      .sort()
      .at(-1),
    within_budget: withinBudget,
  }),
)
