// `npm run bench:load`: the production build on a fresh PostgreSQL-server database with the
// demo data, run as `npm start` runs it (WEB_CONCURRENCY processes, default one per core),
// driven by autocannon (default 30 s, 50 connections, sharing the machine's cores) over the
// directory, a profile, search, the needs board, the events list and an event page, as
// anonymous visitors. Final JSON line: processes, requests/s, latency percentiles, errors
// (must be 0). Options: --duration S, --connections N, --processes N, --admin-url URL (default
// TEST_DATABASE_URL or the local server), --no-build.
import os from 'node:os'
import autocannon from 'autocannon'
import { startTestServer } from '../lib/test-server.js'

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`)
  return index > 0 ? process.argv[index + 1] : fallback
}
const duration = Number(option('duration', 30))
const connections = Number(option('connections', 50))
const adminUrl = option(
  'admin-url',
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
)
const processes = Number(
  option('processes', process.env.WEB_CONCURRENCY ?? os.availableParallelism()),
)
const PATHS = [
  '/organisations',
  '/organisations?region=R-76',
  '/recherche?q=mus%C3%A9e',
  '/recherche?q=intelligence%20artificielle',
  '/besoins',
  '/evenements',
  '/organisations/museoscope',
]

const server = await startTestServer({
  port: Number(process.env.BENCH_PORT ?? 3320),
  adminUrl,
  build: !process.argv.includes('--no-build'),
  // The load generator is one client address: keep the worker but not the sign-in limits in the way.
  extraEnv: { WORKER: 'true' },
  processes,
})
let result
try {
  // An event page of the demo (its slug carries the year): the first one the list links to.
  const events = await fetch(`${server.url}/evenements`).then((r) => r.text())
  const eventPath = /href="(\/evenements\/[a-z0-9-]+)"/.exec(events)?.[1]
  if (!eventPath) throw new Error('no event page found on /evenements')
  PATHS.push(eventPath)
  // Warm up caches (taxonomy, prepared statements) so the run measures steady state.
  for (const path of PATHS) await fetch(`${server.url}${path}`).then((r) => r.text())
  result = await autocannon({
    url: server.url,
    connections,
    duration,
    requests: PATHS.map((path) => ({ method: 'GET', path })),
  })
} finally {
  await server.stop()
}
const summary = {
  database: 'postgresql-server',
  processes,
  duration_s: duration,
  connections,
  paths: PATHS,
  requests_total: result.requests.total,
  requests_per_s: result.requests.average,
  latency_p50_ms: result.latency.p50,
  latency_p99_ms: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  non2xx: result.non2xx,
}
console.log(JSON.stringify(summary))
process.exit(summary.errors === 0 ? 0 : 1)
