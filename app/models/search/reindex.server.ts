// Full rebuilds of the search index (npm run search:reindex). PostgreSQL: the documents are
// recomputed into a fresh table, indexed in bulk and swapped in, inside one transaction that
// holds writers on "Organisation" and "Need" back (searches keep reading the old table until
// the swap). Meilisearch: every document is pushed in batches into a new index that is then
// swapped with the live one.
import type { Meilisearch } from 'meilisearch'
import { prisma } from '~/utils/db.server.ts'
import { countSourceDocuments, loadSourceDocumentPage, type DocType } from './documents.server.ts'
import {
  MEILISEARCH_INDEXES,
  meilisearchSettings,
  toMeilisearchDocument,
} from './meilisearch-engine.server.ts'

export interface ReindexProgress {
  phase: 'documents' | 'indexes' | 'words' | 'meilisearch'
  done: number
  total: number
}

const BATCH = 2_000
const DOCUMENT_COLUMNS = `doc_type, id, organisation_id, visibility, title, expires_at, quality,
  facet_codes, name_search, name_vector, rank_vector, search_vector`

export async function rebuildPostgresSearchIndex(
  onProgress: (progress: ReindexProgress) => void = () => {},
) {
  const total = (await countSourceDocuments('organisation')) + (await countSourceDocuments('need'))
  let done = 0
  await prisma.$transaction(
    async (tx) => {
      // Writers wait for the swap, so no change is lost between the copy and the swap.
      await tx.$executeRawUnsafe(`LOCK TABLE "Organisation", "Need" IN SHARE MODE`)
      // Bulk GIN builds are much faster when their work fits in memory.
      await tx.$queryRawUnsafe(`SELECT set_config('maintenance_work_mem', '256MB', true)`)
      await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS search_document_next`)
      await tx.$executeRawUnsafe(
        `CREATE TABLE search_document_next (LIKE search_document INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
      )
      for (const view of ['search_organisation_source', 'search_need_source']) {
        let after = ''
        for (;;) {
          const [batch] = await tx.$queryRawUnsafe<Array<{ count: number; last: string | null }>>(
            `WITH inserted AS (
               INSERT INTO search_document_next (${DOCUMENT_COLUMNS})
               SELECT ${DOCUMENT_COLUMNS} FROM ${view} WHERE id > $1 ORDER BY id LIMIT ${BATCH}
               RETURNING id
             )
             SELECT count(*)::int AS count, max(id) AS last FROM inserted`,
            after,
          )
          if (!batch.count || !batch.last) break
          after = batch.last
          done += batch.count
          onProgress({ phase: 'documents', done, total })
        }
      }
      onProgress({ phase: 'indexes', done: 0, total: 1 })
      await tx.$executeRawUnsafe(
        `ALTER TABLE search_document_next ADD CONSTRAINT search_document_next_pkey PRIMARY KEY (doc_type, id)`,
      )
      await tx.$queryRawUnsafe(
        `SELECT search_document_create_indexes('search_document_next', '_next')::text`,
      )
      await tx.$executeRawUnsafe(`DROP TABLE search_document`)
      await tx.$executeRawUnsafe(`ALTER TABLE search_document_next RENAME TO search_document`)
      await tx.$executeRawUnsafe(
        `ALTER TABLE search_document RENAME CONSTRAINT search_document_next_pkey TO search_document_pkey`,
      )
      const indexes = await tx.$queryRawUnsafe<Array<{ name: string }>>(
        `SELECT indexname::text AS name FROM pg_indexes
         WHERE tablename = 'search_document' AND indexname::text LIKE '%\\_next'`,
      )
      for (const { name } of indexes) {
        await tx.$executeRawUnsafe(
          `ALTER INDEX "${name}" RENAME TO "${name.replace(/_next$/, '')}"`,
        )
      }
      onProgress({ phase: 'indexes', done: 1, total: 1 })
      onProgress({ phase: 'words', done: 0, total: 1 })
      await tx.$executeRawUnsafe(`DELETE FROM search_word`)
      await tx.$executeRawUnsafe(
        `INSERT INTO search_word (word, ndoc)
         SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_document')
         WHERE word ~ '^[a-z0-9]+$' AND length(word) BETWEEN 2 AND 40`,
      )
      onProgress({ phase: 'words', done: 1, total: 1 })
    },
    { timeout: 60 * 60_000, maxWait: 60_000 },
  )
  await prisma.$executeRawUnsafe(`ANALYZE search_document`)
  await prisma.$executeRawUnsafe(`ANALYZE search_word`)
  return { documents: done }
}

/** Meilisearch reports a failed task as a result, not an error. */
async function succeeded(task: Promise<{ status: string; error?: { message?: string } | null }>) {
  const result = await task
  if (result.status !== 'succeeded') {
    throw new Error(
      `Meilisearch task ${result.status}: ${result.error?.message ?? 'unknown error'}`,
    )
  }
  return result
}

/** Creates the indexes if needed and applies the settings (idempotent). */
export async function ensureMeilisearchIndexes(client: Meilisearch) {
  for (const uid of Object.values(MEILISEARCH_INDEXES)) {
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask()
    await succeeded(client.index(uid).updateSettings(meilisearchSettings()).waitTask())
  }
}

export async function rebuildMeilisearchIndex(
  client: Meilisearch,
  onProgress: (progress: ReindexProgress) => void = () => {},
) {
  const docTypes: DocType[] = ['organisation', 'need']
  const total = (await countSourceDocuments('organisation')) + (await countSourceDocuments('need'))
  let done = 0
  for (const docType of docTypes) {
    const live = MEILISEARCH_INDEXES[docType]
    const next = `${live}_reindex`
    await client.deleteIndex(next).waitTask()
    await client.createIndex(next, { primaryKey: 'id' }).waitTask()
    await succeeded(client.index(next).updateSettings(meilisearchSettings()).waitTask())
    let after = ''
    for (;;) {
      const page = await loadSourceDocumentPage(docType, after, 1_000)
      if (!page.length) break
      await succeeded(client.index(next).addDocuments(page.map(toMeilisearchDocument)).waitTask())
      after = page[page.length - 1].id
      done += page.length
      onProgress({ phase: 'meilisearch', done, total })
    }
    await client.createIndex(live, { primaryKey: 'id' }).waitTask()
    await succeeded(client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask())
    await client.deleteIndex(next).waitTask()
  }
  return { documents: done }
}
