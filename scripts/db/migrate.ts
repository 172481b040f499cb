// Applies committed migrations to the configured database (PGlite under PGLITE_DIR, or
// DATABASE_URL). With --seed-if-empty, loads the demo data when the database has no user yet.
import { openDatabaseFromEnv, setDatabase } from '~/utils/db.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { applyMigrations, readMigrations } from '~/utils/migrate.server.ts'

const database = openDatabaseFromEnv()
setDatabase(database)
try {
  const started = Date.now()
  const applied = await applyMigrations(database.driver, await readMigrations(), (line) =>
    console.log(`[db] ${line}`),
  )
  const taxonomyAdded = await ensureBundledTaxonomy(database.prisma)
  if (taxonomyAdded) console.log(`[db] ${taxonomyAdded} taxonomy entries added`)
  console.log(
    `[db] ${database.mode} database up to date (${applied.length} migration(s) applied, ${Date.now() - started} ms)`,
  )
  if (process.argv.includes('--seed-if-empty') && (await database.prisma.user.count()) === 0) {
    const { seedDemoData } = await import('../../prisma/seed-data.ts')
    await seedDemoData(database.prisma, { log: (line) => console.log(`[seed] ${line}`) })
  }
} finally {
  await database.close()
}
