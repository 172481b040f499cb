// Runs before each database test file: installs a private copy of the migrated template as
// the process-wide database used by app code.
import { readFile } from 'node:fs/promises'
import { afterAll, inject } from 'vitest'
import {
  createEmbeddedDatabase,
  createServerDatabase,
  openPGlite,
  setDatabase,
} from '~/utils/db.server.ts'
import {
  SERVER_TEMPLATE_KEY,
  TEMPLATE_DUMP_KEY,
  databaseUrlWithName,
  dropDatabase,
  uniqueDatabaseName,
  withAdminClient,
} from './test-database.ts'

if (process.env.TEST_DB_MODE === 'server') {
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = uniqueDatabaseName('passerelle_test')
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject(SERVER_TEMPLATE_KEY)}"`),
  )
  const database = createServerDatabase(databaseUrlWithName(adminUrl, name), 20)
  setDatabase(database)
  afterAll(async () => {
    setDatabase(undefined)
    await database.close()
    await dropDatabase(adminUrl, name)
  })
} else {
  const dump = await readFile(inject(TEMPLATE_DUMP_KEY))
  const database = createEmbeddedDatabase(openPGlite(undefined, new Blob([dump])))
  setDatabase(database)
  afterAll(async () => {
    setDatabase(undefined)
    await database.close()
  })
}
