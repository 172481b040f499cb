// Runs WEB_CONCURRENCY copies of the HTTP server (scripts/serve.js) on one port with node:cluster
// (decision 022). Default: one per core with a PostgreSQL server (DATABASE_URL), always one on
// the embedded PGlite database (a data directory belongs to one process). Every process also
// runs the background worker: work is claimed in the database, never twice.
//   SIGTERM / SIGINT  graceful stop: no new connections, requests in flight finish, then exit.
//   SIGHUP            rolling restart: each process is replaced by a new one (new build, new
//                     code) only once its replacement listens, so the port never goes unserved.
// A process that dies unexpectedly is replaced (at most 5 times a minute).
import cluster from 'node:cluster'
import os from 'node:os'

const SERVER_SCRIPT = new URL('./serve.js', import.meta.url).pathname

export function processCount(env = process.env) {
  if (!env.DATABASE_URL) return 1
  const requested = Number(env.WEB_CONCURRENCY)
  if (Number.isInteger(requested) && requested > 0) return requested
  return os.availableParallelism()
}

const count = processCount()
if (count === 1) {
  console.log(
    `[cluster] 1 process${process.env.DATABASE_URL ? '' : ' (embedded PGlite: one process per data directory)'}`,
  )
  await import(SERVER_SCRIPT)
} else {
  cluster.setupPrimary({ exec: SERVER_SCRIPT })
  console.log(`[cluster] ${count} processes (WEB_CONCURRENCY), primary ${process.pid}`)
  let stopping = false
  const restarts = []
  const retiring = new Set()

  const fork = () => {
    const worker = cluster.fork()
    return new Promise((resolve, reject) => {
      worker.once('listening', () => resolve(worker))
      worker.once('exit', (code) =>
        reject(new Error(`process exited with ${code} before listening`)),
      )
    })
  }

  cluster.on('exit', (worker, code, signal) => {
    if (stopping || retiring.has(worker.id)) return
    const now = Date.now()
    while (restarts.length && now - restarts[0] > 60_000) restarts.shift()
    if (restarts.length >= 5) {
      console.error('[cluster] processes keep dying: stopping')
      void stop('SIGTERM', 1)
      return
    }
    restarts.push(now)
    console.error(`[cluster] process ${worker.process.pid} died (${signal ?? code}): replacing it`)
    fork().catch((error) => console.error('[cluster]', error.message))
  })

  async function stop(signal, exitCode = 0) {
    if (stopping) return
    stopping = true
    console.log(`[cluster] ${signal}: stopping ${Object.keys(cluster.workers).length} processes`)
    const exits = Object.values(cluster.workers).map(
      (worker) =>
        new Promise((resolve) => {
          if (worker.isDead()) return resolve()
          worker.once('exit', resolve)
          worker.process.kill('SIGTERM')
        }),
    )
    const forced = setTimeout(() => {
      for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGKILL')
    }, 15_000)
    await Promise.all(exits)
    clearTimeout(forced)
    process.exit(exitCode)
  }

  async function rollingRestart() {
    console.log('[cluster] SIGHUP: replacing each process in turn')
    for (const old of Object.values(cluster.workers)) {
      if (stopping) return
      try {
        await fork()
      } catch (error) {
        console.error('[cluster] replacement failed, keeping the old process:', error.message)
        return
      }
      retiring.add(old.id)
      await new Promise((resolve) => {
        old.once('exit', resolve)
        old.process.kill('SIGTERM')
      })
      retiring.delete(old.id)
    }
    console.log('[cluster] restart done')
  }

  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGHUP', () => void rollingRestart())
  for (let i = 0; i < count; i++) fork().catch((error) => console.error('[cluster]', error.message))
}
