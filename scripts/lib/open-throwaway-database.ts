// A migrated app database that disappears afterwards, for benchmarks: an in-memory or
// temporary-directory PGlite, or a new database on the PostgreSQL server (dropped by cleanUp).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  createEmbeddedDatabase,
  createServerDatabase,
  openPGlite,
  type Database,
} from '../../app/utils/db.server.ts'
import { applyMigrations, readMigrations } from '../../app/utils/migrate.server.ts'
import { adminUrlFromEnv, createThrowawayDatabase } from './throwaway-database.js'

export interface ThrowawayDatabaseOptions {
  /** On the PostgreSQL server (adminUrl, else TEST_DATABASE_URL / DATABASE_URL / local). */
  server: boolean
  prefix: string
  adminUrl?: string
  /** Connection pool size on the server. */
  poolSize?: number
  /** PGlite in memory instead of a temporary directory (small runs). */
  inMemory?: boolean
  /** Leave the database behind and say where (to inspect it). */
  keep?: boolean
  log?: (line: string) => void
}

export async function openThrowawayDatabase({
  server,
  prefix,
  adminUrl = adminUrlFromEnv(),
  poolSize = 10,
  inMemory = false,
  keep = false,
  log = () => {},
}: ThrowawayDatabaseOptions): Promise<{ database: Database; cleanUp: () => Promise<void> }> {
  const migrations = await readMigrations()
  if (server) {
    const created = await createThrowawayDatabase({ adminUrl, prefix })
    const database = createServerDatabase(created.url, poolSize)
    await applyMigrations(database.driver, migrations)
    return {
      database,
      cleanUp: async () => {
        await database.close()
        if (keep) log(`kept database ${created.url}`)
        else await created.drop()
      },
    }
  }
  const dir = inMemory ? undefined : mkdtempSync(path.join(os.tmpdir(), `${prefix}-`))
  const database = createEmbeddedDatabase(openPGlite(dir && path.join(dir, 'pglite')))
  await applyMigrations(database.driver, migrations)
  return {
    database,
    cleanUp: async () => {
      await database.close()
      if (!dir) return
      if (keep) log(`kept PGlite directory ${dir}`)
      else rmSync(dir, { recursive: true, force: true })
    },
  }
}
