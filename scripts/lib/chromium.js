// Browser downloads cannot work on these machines: the end-to-end tests and `bench:pages`
// drive Debian's Chromium, installed with apt-get when it is missing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function run(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'inherit', ...options }).status ?? 1
}

/** Installs Debian's chromium package when CHROMIUM_PATH does not exist; exits if it cannot. */
export function ensureChromium(tag) {
  if (existsSync(CHROMIUM_PATH)) return
  console.log(
    `[${tag}] Chromium is missing at ${CHROMIUM_PATH}: installing Debian's chromium package (apt-get)…`,
  )
  const aptGet = (...args) =>
    process.getuid?.() === 0
      ? run('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      : run('sudo', ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args])
  const update = aptGet('update', '-qq')
  const install = aptGet('install', '-y', '-qq', 'chromium')
  if (update !== 0 || install !== 0 || !existsSync(CHROMIUM_PATH)) {
    console.error(`[${tag}] could not install Chromium.`)
    process.exit(1)
  }
}
