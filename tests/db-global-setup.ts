import { writeFile, rm, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import {
  createEmbeddedDatabase,
  createServerDatabase,
  openPGlite,
  pgliteDriver,
} from '~/utils/db.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { applyMigrations, readMigrations } from '~/utils/migrate.server.ts'
import { createThrowawayDatabase } from '../scripts/lib/throwaway-database.js'

export const TEMPLATE_DUMP_KEY = 'pgliteTemplateDump'
export const SERVER_TEMPLATE_KEY = 'serverTemplateDatabase'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDump: string
    serverTemplateDatabase: string
  }
}

export default async function setup(project: TestProject) {
  const migrations = await readMigrations()
  if (project.name === 'db-server') {
    const created = await createThrowawayDatabase({
      adminUrl: process.env.TEST_DATABASE_URL!,
      prefix: 'passerelle_test_tpl',
    })
    const template = createServerDatabase(created.url, 1)
    await applyMigrations(template.driver, migrations)
    await ensureBundledTaxonomy(template.prisma)
    await template.close()
    project.provide(SERVER_TEMPLATE_KEY, created.name)
    return created.drop
  }

  const pglite = openPGlite()
  const template = createEmbeddedDatabase(pglite)
  await applyMigrations(pgliteDriver(pglite), migrations)
  await ensureBundledTaxonomy(template.prisma)
  const dump = await pglite.dumpDataDir('none')
  await template.close()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-test-'))
  const file = path.join(dir, 'template.tar')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  project.provide(TEMPLATE_DUMP_KEY, file)
  return async () => rm(dir, { recursive: true, force: true })
}
