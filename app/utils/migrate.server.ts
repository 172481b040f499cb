import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/** The two things the runner needs from a driver: run a script, run a parameterised query. */
export interface MigrationDriver {
  exec(script: string): Promise<void>
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>
}

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'prisma/migrations')

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

// Any integer works as long as every app server uses the same one.
const MIGRATION_LOCK_ID = 4_703_031

/**
 * Applies the committed migrations that are not applied yet, each in its own transaction,
 * under an advisory lock so that several app servers starting together migrate once.
 * A migration whose file changed after it was applied stops the run: migrations are append-only.
 */
export async function applyMigrations(
  driver: MigrationDriver,
  migrations: Migration[],
  log: (line: string) => void = () => {},
): Promise<string[]> {
  await driver.exec(`CREATE TABLE IF NOT EXISTS "_passerelle_migrations" (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)
  await driver.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
  try {
    const applied = new Map(
      (
        await driver.query<{ name: string; checksum: string }>(
          'SELECT name, checksum FROM "_passerelle_migrations"',
        )
      ).map((row) => [row.name, row.checksum]),
    )
    const newlyApplied: string[] = []
    for (const migration of migrations) {
      const appliedChecksum = applied.get(migration.name)
      if (appliedChecksum) {
        if (appliedChecksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
          )
        }
        continue
      }
      log(`applying ${migration.name}`)
      const record = `INSERT INTO "_passerelle_migrations" (name, checksum) VALUES ('${migration.name.replace(/'/g, "''")}', '${migration.checksum}');`
      await driver.exec(`BEGIN;\n${migration.sql}\n;\n${record}\nCOMMIT;`).catch(async (error) => {
        await driver.exec('ROLLBACK').catch(() => {})
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`)
      })
      newlyApplied.push(migration.name)
    }
    return newlyApplied
  } finally {
    await driver.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID])
  }
}
