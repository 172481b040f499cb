// `npm run db:export -- file.sql`: the embedded database (PGLITE_DIR) as a plain SQL dump that
// `psql` restores into an empty PostgreSQL database (15 or later): the way from the demo or a
// single-machine install to a server (docs/deploy.md). Stop the app first: a PGlite directory
// belongs to one process.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import { pgDump } from '@electric-sql/pglite-tools/pg_dump'
import { getEnv } from '~/utils/env.server.ts'
import { openPGlite } from '~/utils/db.server.ts'

/** Settings PostgreSQL 17's pg_dump writes that older servers do not know. */
const NEWER_SETTINGS = /^SET transaction_timeout = 0;\n/m

export async function dumpEmbeddedDatabase(pglite: PGlite): Promise<string> {
  const dump = await (await pgDump({ pg: pglite })).text()
  return dump.replace(NEWER_SETTINGS, '')
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const target = process.argv[2]
  if (!target) {
    console.error('Usage: npm run db:export -- <file.sql>')
    process.exit(1)
  }
  const directory = getEnv().PGLITE_DIR
  const pglite = openPGlite(directory)
  try {
    await writeFile(target, await dumpEmbeddedDatabase(pglite))
    console.log(
      `[db] ${directory} exported to ${target}: psql -v ON_ERROR_STOP=1 -f ${target} <url>`,
    )
  } finally {
    await pglite.close()
  }
}
