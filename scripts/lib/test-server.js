// Starts the production build on a fresh database with the demo data, for end-to-end tests
// and page/load benchmarks: a new database on the PostgreSQL server when `adminUrl` is given
// (created here, dropped by stop()), otherwise a new PGlite directory.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createThrowawayDatabase } from './throwaway-database.js'

function runStep(command, args, env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}

/** `processes`: run scripts/cluster.js with WEB_CONCURRENCY (server database only). */
export async function startTestServer({ port, adminUrl, build = true, extraEnv = {}, processes }) {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-server-'))
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    MAIL_DIR: path.join(workDir, 'mail'),
    MAIL_PREVIEW: 'true',
    PGLITE_DIR: path.join(workDir, 'pglite'),
    ...extraEnv,
  }
  delete env.DATABASE_URL
  delete env.SMTP_URL
  const database = adminUrl
    ? await createThrowawayDatabase({ adminUrl, prefix: 'passerelle_run' })
    : null
  if (database) env.DATABASE_URL = database.url
  let server
  const stop = async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM')
      const forced = setTimeout(() => server.kill('SIGKILL'), 15_000)
      await new Promise((resolve) => server.once('exit', resolve))
      clearTimeout(forced)
    }
    await database?.drop().catch(() => {})
    rmSync(workDir, { recursive: true, force: true })
  }
  try {
    if (build) runStep('npm', ['run', 'build'], env)
    runStep(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/db/migrate.ts', '--seed-if-empty'],
      env,
    )
    if (processes) env.WEB_CONCURRENCY = String(processes)
    server = spawn(process.execPath, [processes ? 'scripts/cluster.js' : 'scripts/serve.js'], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    const deadline = Date.now() + 60_000
    for (;;) {
      const ready = await fetch(`http://localhost:${port}/healthz`)
        .then((response) => response.ok)
        .catch(() => false)
      if (ready) break
      if (Date.now() > deadline || server.exitCode !== null)
        throw new Error('the server did not start')
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url: `http://localhost:${port}`,
    mailDir: env.MAIL_DIR,
    database: database ? `server (${database.name})` : 'embedded PGlite',
    stop,
  }
}
