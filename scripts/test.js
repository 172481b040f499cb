// `npm test`: every test, on a fresh machine. Installs Debian's Chromium when it is missing
// (browser downloads cannot work here), runs Vitest (unit tests, then database tests on
// PGlite and, when TEST_DATABASE_URL is set, on the PostgreSQL server), then the end-to-end
// suite, and prints one closing line with the totals.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { ensureChromium } from './lib/chromium.js'

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  return result.status ?? 1
}

ensureChromium('test')

mkdirSync('test-results', { recursive: true })
// One production build serves the two-process tests (Vitest) and the end-to-end suite.
const buildStatus = run('npm', ['run', 'build'])
if (buildStatus !== 0) process.exit(buildStatus)
console.log(
  `[test] database tests: PGlite${process.env.TEST_DATABASE_URL ? ' and the PostgreSQL server (TEST_DATABASE_URL)' : ' only (set TEST_DATABASE_URL to add the PostgreSQL server)'}`,
)
const unitStatus = run(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest-report.json',
  ],
  { env: { ...process.env, PASSERELLE_TEST_BUILD_DIR: 'build' } },
)
const e2eStatus = run(process.execPath, ['scripts/e2e.js', '--no-build'])

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}
const vitest = readJson('test-results/vitest-report.json')
const playwright = readJson('test-results/e2e-report.json')
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0)
const failed =
  (vitest?.numFailedTests ?? 0) +
  (playwright?.stats?.unexpected ?? 0) +
  (playwright?.stats?.flaky ?? 0) +
  (unitStatus !== 0 && !vitest?.numFailedTests ? 1 : 0) +
  (e2eStatus !== 0 && !playwright?.stats?.unexpected ? 1 : 0)
const skipped =
  (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0)
console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(unitStatus || e2eStatus)
