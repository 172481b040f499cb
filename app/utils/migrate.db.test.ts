import { describe, expect, test } from 'vitest'
import { getDatabase } from './db.server.ts'
import { applyMigrations, readMigrations } from './migrate.server.ts'

describe('migrations', () => {
  test('the template database has every committed migration and re-running applies nothing', async () => {
    const { driver } = getDatabase()
    const migrations = await readMigrations()
    const applied = await driver.query<{ name: string }>(
      'SELECT name FROM "_passerelle_migrations" ORDER BY name',
    )
    expect(applied.map((row) => row.name)).toEqual(migrations.map((m) => m.name))
    expect(await applyMigrations(driver, migrations)).toEqual([])
  })

  test('every GIN index updates directly (no pending list: PGlite runs no autovacuum)', async () => {
    const { driver } = getDatabase()
    const indexes = await driver.query<{ name: string; options: string[] | null }>(
      `SELECT c.relname AS name, c.reloptions AS options
       FROM pg_class c JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE am.amname = 'gin' AND n.nspname = current_schema()`,
    )
    expect(indexes.length).toBeGreaterThan(5)
    expect(indexes.filter((index) => !index.options?.includes('fastupdate=off'))).toEqual([])
  })

  test('an edited migration is refused', async () => {
    const { driver } = getDatabase()
    const [first, ...rest] = await readMigrations()
    await expect(
      applyMigrations(driver, [{ ...first, checksum: 'edited' }, ...rest]),
    ).rejects.toThrow(/changed after it was applied/)
  })

  test('a failing migration leaves nothing half-applied', async () => {
    const { driver } = getDatabase()
    const migrations = await readMigrations()
    const broken = {
      name: '99999999999999_broken',
      sql: 'CREATE TABLE half_applied (id int); SELECT * FROM no_such_table;',
      checksum: 'x',
    }
    await expect(applyMigrations(driver, [...migrations, broken])).rejects.toThrow(/broken failed/)
    const tables = await driver.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_applied'",
    )
    expect(tables).toEqual([])
  })

  test('the schema snapshot matches prisma/schema.prisma (no change without a migration)', async () => {
    const { readFile } = await import('node:fs/promises')
    const [schema, snapshot] = await Promise.all([
      readFile('prisma/schema.prisma', 'utf8'),
      readFile('prisma/migrations/schema.snapshot.prisma', 'utf8'),
    ])
    expect(snapshot).toBe(schema)
  })
})
