// `npm run bench:load`: the production build on a fresh PostgreSQL-server database with the
// demo data, driven by autocannon (default 30 s, 50 connections) over the directory, search
// and event pages. Final JSON line: requests/s, latency percentiles, errors (must be 0).
// Options: --duration S, --connections N, --admin-url URL (default TEST_DATABASE_URL or the
// local server), --no-build.
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
const PATHS = [
  '/organisations',
  '/organisations?region=R-76',
  '/recherche?q=mus%C3%A9e',
  '/recherche?q=intelligence%20artificielle',
  '/evenements',
  '/organisations/museoscope',
]

const server = await startTestServer({
  port: Number(process.env.BENCH_PORT ?? 3320),
  adminUrl,
  build: !process.argv.includes('--no-build'),
  // The load generator is one client address: keep the worker but not the sign-in limits in the way.
  extraEnv: { WORKER: 'true' },
})
let result
try {
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
