// The backup and restore procedures of docs/deploy.md, run for real: a pg_dump / pg_restore
// round trip of a server database, and the embedded database's export (npm run db:export)
// restored with psql into a new server database. After either, the app's data, its migration
// history and its triggers are all there.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser } from '../prisma/factories.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import {
  createEmbeddedDatabase,
  createServerDatabase,
  openPGlite,
  prisma,
  type Database,
} from '~/utils/db.server.ts'
import { applyMigrations, readMigrations } from '~/utils/migrate.server.ts'
import { dumpEmbeddedDatabase } from '../scripts/db/export.ts'
import { createThrowawayDatabase } from '../scripts/lib/throwaway-database.js'
import { createTestEvent } from './event-fixtures.ts'

const onServer = process.env.TEST_DB_MODE === 'server'
const hasTools = spawnSync('pg_dump', ['--version']).status === 0
if (!onServer)
  console.log(
    '[backup] skipped on PGlite: restoring needs the PostgreSQL server (db-server project)',
  )
else if (!hasTools) console.log('[backup] skipped: pg_dump / pg_restore / psql are not installed')

let workDir = ''
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-backup-'))
})
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true })
})

async function snapshot(db: Database) {
  const [users, organisations, events, documents, migrations] = await Promise.all([
    db.prisma.user.count(),
    db.prisma.organisation.count(),
    db.prisma.event.count(),
    db.prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM search_document`,
    db.prisma.$queryRaw<
      Array<{ name: string }>
    >`SELECT name FROM "_passerelle_migrations" ORDER BY name`,
  ])
  return {
    users,
    organisations,
    events,
    documents: Number(documents[0]!.n),
    migrations: migrations.map((row) => row.name),
  }
}

/** The restored database is the app's: nothing to migrate, and its triggers still fire. */
async function expectUsable(db: Database, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot(db)).toEqual(before)
  expect(await applyMigrations(db.driver, await readMigrations())).toEqual([])
  const organisation = await createTestOrganisation(db.prisma)
  const queued = await db.prisma.$queryRaw<Array<{ doc_id: string }>>`
    SELECT doc_id FROM search_outbox WHERE doc_id = ${organisation.id}`
  expect(queued).toHaveLength(1)
}

describe.runIf(onServer && hasTools)('backup and restore', () => {
  test('pg_dump then pg_restore of a server database gives back the same app', async () => {
    const owner = await createTestUser(prisma)
    await createTestOrganisation(prisma, { owner })
    await createTestEvent()
    const source = createServerDatabase(process.env.PASSERELLE_TEST_DATABASE_URL!, 2)
    const target = await createThrowawayDatabase({ prefix: 'passerelle_restore' })
    const restored = createServerDatabase(target.url, 2)
    try {
      const before = await snapshot(source)
      expect(before.organisations).toBeGreaterThan(0)
      const file = path.join(workDir, 'passerelle.dump')
      execFileSync('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${file}`,
        process.env.PASSERELLE_TEST_DATABASE_URL!,
      ])
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, file])
      await expectUsable(restored, before)
    } finally {
      await restored.close()
      await source.close()
      await target.drop()
    }
  })

  test('the embedded database exported with db:export restores into PostgreSQL with psql', async () => {
    const pglite = openPGlite()
    const embedded = createEmbeddedDatabase(pglite)
    const target = await createThrowawayDatabase({ prefix: 'passerelle_import' })
    const restored = createServerDatabase(target.url, 2)
    try {
      await applyMigrations(embedded.driver, await readMigrations())
      await ensureBundledTaxonomy(embedded.prisma)
      const owner = await createTestUser(embedded.prisma, { name: 'Élodie Export' })
      for (let i = 0; i < 5; i++) await createTestOrganisation(embedded.prisma, { owner })
      const before = await snapshot(embedded)
      const file = path.join(workDir, 'embedded.sql')
      await writeFile(file, await dumpEmbeddedDatabase(pglite))
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, target.url])
      await expectUsable(restored, before)
      const person = await restored.prisma.user.findFirstOrThrow({
        where: { name: 'Élodie Export' },
      })
      expect(person.email).toBe(owner.email)
    } finally {
      await restored.close()
      await embedded.close()
      await target.drop()
    }
  })
})
