// Throw-away databases for tests and benchmarks: created on the PostgreSQL server under a
// unique name (optionally from a migrated template) and dropped afterwards, so nothing relies
// on what an earlier run left on the server. Plain JavaScript: the end-to-end runner imports it
// with node, the tests and benchmarks through tsx. scripts/lib/open-throwaway-database.ts adds
// the migrated app Database on top (PGlite or server).
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const DEFAULT_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/test'

/** The server where throw-away databases are created: TEST_DATABASE_URL, DATABASE_URL, local. */
export function adminUrlFromEnv() {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_ADMIN_URL
}

export function uniqueDatabaseName(prefix) {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

export function databaseUrlWithName(url, name) {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

/** @template T @param {string} url @param {(client: pg.Client) => Promise<T>} run */
export async function withAdminClient(url, run) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export async function dropDatabase(adminUrl, name) {
  await withAdminClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  )
}

/**
 * A new, empty (or template-copied) database on the server.
 * @param {{ adminUrl?: string, prefix: string, template?: string }} options
 * @returns {Promise<{ name: string, url: string, drop: () => Promise<void> }>}
 */
export async function createThrowawayDatabase({ adminUrl = adminUrlFromEnv(), prefix, template }) {
  const name = uniqueDatabaseName(prefix)
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`),
  )
  return {
    name,
    url: databaseUrlWithName(adminUrl, name),
    drop: () => dropDatabase(adminUrl, name),
  }
}
