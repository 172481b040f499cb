// `npm ci` applies patches/ with patch-package (decision 012). They patch build tools only: an
// install without devDependencies (a runtime-only server) has nothing to patch and no
// patch-package to run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

if (existsSync('node_modules/@remix-run/dev') && existsSync('node_modules/.bin/patch-package')) {
  const result = spawnSync('node_modules/.bin/patch-package', { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
