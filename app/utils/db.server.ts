import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { getEnv } from './env.server.ts'
import type { MigrationDriver } from './migrate.server.ts'

export type DatabaseMode = 'embedded' | 'server'

export interface Database {
  mode: DatabaseMode
  prisma: PrismaClient
  /** Runs migration scripts and raw multi-statement SQL on the underlying driver. */
  driver: MigrationDriver
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (delivered when the notifying transaction
   * commits). Resolves to the function that stops listening. On a server the listening
   * connection is re-opened after it drops.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

export const PGLITE_EXTENSIONS = { unaccent, pg_trgm }

export function openPGlite(dataDir?: string, loadDataDir?: Blob | File) {
  // PGlite creates only the last folder of its data path.
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  return new PGlite({ dataDir, extensions: PGLITE_EXTENSIONS, loadDataDir })
}

export function pgliteDriver(pglite: PGlite): MigrationDriver {
  return {
    exec: async (script) => {
      await pglite.exec(script)
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await pglite.query<Row>(sql, params)).rows,
  }
}

export function poolDriver(pool: pg.Pool): MigrationDriver {
  return {
    exec: async (script) => {
      // The simple query protocol accepts several statements; a pinned client keeps
      // BEGIN/COMMIT on one connection.
      const client = await pool.connect()
      try {
        await client.query(script)
      } finally {
        client.release()
      }
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await pool.query(sql, params)).rows as Row[],
  }
}

export function createEmbeddedDatabase(pglite: PGlite): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  return {
    mode: 'embedded',
    prisma,
    driver: pgliteDriver(pglite),
    listen: (channel, onNotify) => pglite.listen(channel, () => onNotify()),
    close: async () => {
      await prisma.$disconnect()
      await pglite.close()
    },
  }
}

export function createServerDatabase(connectionString: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 10_000 })
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and opens a new one on the next query.
  pool.on('error', (error) => console.error('[db] idle connection lost:', error.message))
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  return {
    mode: 'server',
    prisma,
    driver: poolDriver(pool),
    listen: (channel, onNotify) => listenOnServer(connectionString, channel, onNotify),
    close: async () => {
      await prisma.$disconnect()
      await pool.end()
    },
  }
}

const RELISTEN_DELAY_MS = 1_000

/** A dedicated connection (a pooled one would be handed to other queries) that re-opens. */
async function listenOnServer(connectionString: string, channel: string, onNotify: () => void) {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`)
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  let stopped = false
  const scheduleReopen = () => {
    if (stopped || retry) return
    retry = setTimeout(() => {
      retry = undefined
      void open()
    }, RELISTEN_DELAY_MS)
    retry.unref()
  }
  const open = async () => {
    const next = new pg.Client({ connectionString })
    client = next
    const lost = () => {
      if (client !== next) return
      client = undefined
      next.end().catch(() => {})
      scheduleReopen()
    }
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify()
    })
    next.on('error', lost)
    next.on('end', lost)
    try {
      await next.connect()
      await next.query(`LISTEN ${channel}`)
      // Work queued while the connection was down is picked up now, not at the next tick.
      onNotify()
    } catch (error) {
      console.error(`[db] LISTEN ${channel} failed, retrying:`, (error as Error).message)
      lost()
    }
  }
  await open()
  return async () => {
    stopped = true
    clearTimeout(retry)
    const current = client
    client = undefined
    await current?.end().catch(() => {})
  }
}

export function openDatabaseFromEnv(): Database {
  const env = getEnv()
  return env.DATABASE_URL
    ? createServerDatabase(env.DATABASE_URL)
    : createEmbeddedDatabase(openPGlite(env.PGLITE_DIR))
}

declare global {
  var __passerelleDatabase: Database | undefined
}

/**
 * The process-wide database. Tests install their own before importing app code; the dev
 * server keeps one across rebuilds (a second PGlite on the same directory would corrupt it).
 */
export function getDatabase(): Database {
  globalThis.__passerelleDatabase ??= openDatabaseFromEnv()
  return globalThis.__passerelleDatabase
}

export function setDatabase(database: Database | undefined) {
  globalThis.__passerelleDatabase = database
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDatabase().prisma
    const value = Reflect.get(client, property, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

/** True when a write failed on a unique constraint (Prisma's P2002 or the adapter's own error). */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as {
    code?: string
    cause?: { kind?: string; code?: string; originalCode?: string }
  }
  return (
    candidate?.code === 'P2002' ||
    candidate?.cause?.kind === 'UniqueConstraintViolation' ||
    candidate?.cause?.code === '23505' ||
    candidate?.cause?.originalCode === '23505'
  )
}
