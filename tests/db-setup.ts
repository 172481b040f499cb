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
import { createThrowawayDatabase } from '../scripts/lib/throwaway-database.js'
import { SERVER_TEMPLATE_KEY, TEMPLATE_DUMP_KEY } from './db-global-setup.ts'

if (process.env.TEST_DB_MODE === 'server') {
  const created = await createThrowawayDatabase({
    adminUrl: process.env.TEST_DATABASE_URL!,
    prefix: 'passerelle_test',
    template: inject(SERVER_TEMPLATE_KEY),
  })
  const database = createServerDatabase(created.url, 20)
  setDatabase(database)
  // Tests that start app processes point them at this file's database.
  process.env.PASSERELLE_TEST_DATABASE_URL = created.url
  afterAll(async () => {
    setDatabase(undefined)
    await database.close()
    await created.drop()
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
