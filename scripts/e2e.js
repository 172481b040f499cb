// End-to-end run: builds the app, gives it a fresh database with the demo data (a new
// database on the PostgreSQL server when TEST_DATABASE_URL is set, else a new PGlite
// directory), starts the production server, runs Playwright in Debian's Chromium, cleans up.
// Arguments are passed to Playwright (e.g. a spec file); --no-build reuses the last build.
import { spawnSync } from 'node:child_process'
import { ensureChromium } from './lib/chromium.js'
import { startTestServer } from './lib/test-server.js'

ensureChromium('e2e')

const port = Number(process.env.E2E_PORT ?? 3100)
const args = process.argv.slice(2)
let status = 1
let server
try {
  server = await startTestServer({
    port,
    adminUrl: process.env.TEST_DATABASE_URL,
    build: !args.includes('--no-build'),
  })
  console.log(`[e2e] database: ${server.database}`)
  const result = spawnSync(
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', ...args.filter((arg) => arg !== '--no-build')],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: server.url,
        E2E_MAIL_DIR: server.mailDir,
        ...(process.env.E2E_PORT && !process.env.E2E_OUTPUT_DIR
          ? { E2E_OUTPUT_DIR: `test-results/e2e-${port}` }
          : {}),
      },
    },
  )
  status = result.status ?? 1
} catch (error) {
  console.error(`[e2e] ${error.message}`)
} finally {
  await server?.stop()
}
process.exit(status)
