// `npm start`: builds the app if needed, migrates the database (embedded PGlite under ./data
// unless DATABASE_URL is set), loads the demo data on first start, then serves.
import { spawnSync, spawn } from 'node:child_process'

process.env.NODE_ENV ??= 'production'
if (!process.env.SMTP_URL && process.env.MAIL_PREVIEW === undefined) {
  // Demo without SMTP: e-mails are written to data/mail and readable at /dev/mail.
  process.env.MAIL_PREVIEW = 'true'
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// A build takes a few seconds: always rebuilding means a pulled change is never served stale.
run('npm', ['run', 'build'])
run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db/migrate.ts', '--seed-if-empty'])

// One process on embedded PGlite, WEB_CONCURRENCY (default: one per core) on a PostgreSQL server.
const server = spawn(process.execPath, ['scripts/cluster.js'], {
  stdio: 'inherit',
  env: process.env,
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
