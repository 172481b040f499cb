// Test databases: a migrated template is built once per run (tests/db-global-setup.ts), then
// every test file gets its own copy, so files never see each other's rows or rows left behind
// by an earlier run.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const TEMPLATE_DUMP_KEY = 'pgliteTemplateDump'
export const SERVER_TEMPLATE_KEY = 'serverTemplateDatabase'

export function databaseUrlWithName(url: string, name: string) {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

export function uniqueDatabaseName(prefix: string) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

export async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export async function dropDatabase(adminUrl: string, name: string) {
  await withAdminClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  )
}
