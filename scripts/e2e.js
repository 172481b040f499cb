// End-to-end run: builds the app, gives it a fresh database with the demo data (a new
// database on the PostgreSQL server when TEST_DATABASE_URL is set, else a new PGlite
// directory), starts the production server, runs Playwright in Debian's Chromium, cleans up.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

const port = Number(process.env.E2E_PORT ?? 3100)
const workDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-e2e-'))
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(port),
  APP_URL: `http://localhost:${port}`,
  MAIL_DIR: path.join(workDir, 'mail'),
  MAIL_PREVIEW: 'true',
  PGLITE_DIR: path.join(workDir, 'pglite'),
}
delete env.DATABASE_URL
delete env.SMTP_URL

let databaseName
const adminUrl = process.env.TEST_DATABASE_URL
async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
if (adminUrl) {
  databaseName = `passerelle_e2e_${Date.now().toString(36)}`
  await adminQuery(`CREATE DATABASE "${databaseName}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${databaseName}`
  env.DATABASE_URL = url.toString()
}

let server
async function cleanUp() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  if (databaseName)
    await adminQuery(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => {})
  rmSync(workDir, { recursive: true, force: true })
}

function runStep(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  return result.status ?? 1
}

let status = 1
try {
  if (!process.argv.includes('--no-build')) {
    if (runStep('npm', ['run', 'build']) !== 0) throw new Error('build failed')
  }
  if (
    runStep(process.execPath, [
      'node_modules/tsx/dist/cli.mjs',
      'scripts/db/migrate.ts',
      '--seed-if-empty',
    ]) !== 0
  ) {
    throw new Error('database set-up failed')
  }
  console.log(`[e2e] database: ${databaseName ? `server (${databaseName})` : 'embedded PGlite'}`)
  server = spawn(process.execPath, ['scripts/serve.js'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    const ready = await fetch(`http://localhost:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ready) break
    if (Date.now() > deadline || server.exitCode !== null)
      throw new Error('the server did not start')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const extra = process.argv.slice(2).filter((arg) => arg !== '--no-build')
  env.E2E_BASE_URL = `http://localhost:${port}`
  env.E2E_MAIL_DIR = env.MAIL_DIR
  status = runStep(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', ...extra])
} catch (error) {
  console.error(`[e2e] ${error.message}`)
} finally {
  await cleanUp()
}
process.exit(status)
