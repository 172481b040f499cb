// The search outbox: database triggers write one row per changed organisation or need (in the
// changing transaction); the worker claims rows with FOR UPDATE SKIP LOCKED and a lease, adds
// the documents' words to the typo-correction vocabulary, and pushes them to Meilisearch when
// it is configured. A failed push keeps the rows with a growing delay: nothing is lost while
// Meilisearch is down, and the backlog drains when it is back. Without Meilisearch, rows are
// simply cleared.
import { z } from 'zod'
import { prisma } from '~/utils/db.server.ts'
import { loadSourceDocuments, type DocType } from './documents.server.ts'
import {
  MEILISEARCH_INDEXES,
  meilisearchClientFromEnv,
  toMeilisearchDocument,
  type MeilisearchDocument,
} from './meilisearch-engine.server.ts'
import { ensureMeilisearchIndexes } from './reindex.server.ts'

/** Where documents go besides PostgreSQL (Meilisearch in production, a fake in tests). */
export interface SearchIndexSink {
  upsert(docType: DocType, documents: MeilisearchDocument[]): Promise<void>
  remove(docType: DocType, ids: string[]): Promise<void>
}

/** The part of the Meilisearch client the sink uses. */
export interface MeilisearchDocumentsClient {
  index(uid: string): {
    addDocuments(
      documents: MeilisearchDocument[],
      options?: { primaryKey?: string },
    ): PromiseLike<unknown>
    deleteDocuments(ids: string[]): PromiseLike<unknown>
  }
}

export function meilisearchSink(
  client: MeilisearchDocumentsClient,
  indexes: Record<DocType, string> = MEILISEARCH_INDEXES,
): SearchIndexSink {
  return {
    async upsert(docType, documents) {
      if (documents.length) {
        await client.index(indexes[docType]).addDocuments(documents, { primaryKey: 'id' })
      }
    },
    async remove(docType, ids) {
      if (ids.length) await client.index(indexes[docType]).deleteDocuments(ids)
    },
  }
}

let envSink: SearchIndexSink | null | undefined
export function searchSinkFromEnv(): SearchIndexSink | null {
  if (envSink === undefined) {
    const client = meilisearchClientFromEnv()
    if (!client) {
      envSink = null
    } else {
      const sink = meilisearchSink(client as unknown as MeilisearchDocumentsClient)
      // Indexes and settings exist before the first documents arrive (retried after a failure).
      let ready: Promise<void> | undefined
      const ensureReady = () => {
        ready ??= ensureMeilisearchIndexes(client).catch((error: unknown) => {
          ready = undefined
          throw error
        })
        return ready
      }
      envSink = {
        upsert: async (docType, documents) => {
          await ensureReady()
          await sink.upsert(docType, documents)
        },
        remove: async (docType, ids) => {
          await ensureReady()
          await sink.remove(docType, ids)
        },
      }
    }
  }
  return envSink
}

const LEASE_SECONDS = 300
const FIRST_RETRY_SECONDS = 5
const MAX_RETRY_SECONDS = 300

/** 5 s, 10 s, 20 s… capped at 5 minutes: Meilisearch down for long is retried every 5 min. */
export function searchRetryDelaySeconds(attempts: number) {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1))
}

const ClaimedRowSchema = z.object({
  id: z.string(),
  doc_type: z.enum(['organisation', 'need', 'taxonomy']),
  doc_id: z.string(),
  revision: z.number(),
  attempts: z.number(),
})
type ClaimedRow = z.infer<typeof ClaimedRowSchema>

async function claimRows(batchSize: number): Promise<ClaimedRow[]> {
  const rows = await prisma.$queryRaw<unknown[]>`
    WITH due AS (
      SELECT id FROM search_outbox
      WHERE next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
      ORDER BY next_attempt_at, id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE search_outbox o SET locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
    FROM due WHERE o.id = due.id
    RETURNING o.id::text AS id, o.doc_type, o.doc_id, o.revision, o.attempts`
  return rows.map((row) => ClaimedRowSchema.parse(row))
}

/** Deletes rows whose revision did not move since the claim; frees the others. */
async function completeRows(rows: ClaimedRow[]) {
  if (!rows.length) return
  const ids = rows.map((row) => row.id)
  await prisma.$executeRaw`
    DELETE FROM search_outbox o
    USING unnest(${ids}::bigint[], ${rows.map((row) => row.revision)}::int[]) AS done(id, revision)
    WHERE o.id = done.id AND o.revision = done.revision`
  await prisma.$executeRaw`
    UPDATE search_outbox SET locked_until = NULL, attempts = 0, last_error = NULL
    WHERE id = ANY(${ids}::bigint[])`
}

async function failRows(rows: ClaimedRow[], error: unknown) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000)
  const attempts = Math.max(...rows.map((row) => row.attempts)) + 1
  await prisma.$executeRaw`
    UPDATE search_outbox
    SET attempts = attempts + 1, locked_until = NULL, last_error = ${message},
      next_attempt_at = now() + make_interval(secs => ${searchRetryDelaySeconds(attempts)})
    WHERE id = ANY(${rows.map((row) => row.id)}::bigint[])`
}

/** Adds the words of these documents to the typo-correction vocabulary. */
async function addWords(docs: Array<{ docType: DocType; id: string }>) {
  if (!docs.length) return
  await prisma.$executeRaw`
    INSERT INTO search_word (word)
    SELECT DISTINCT w FROM search_document d
    CROSS JOIN LATERAL unnest(tsvector_to_array(d.search_vector)) w
    WHERE (d.doc_type, d.id) IN (
      SELECT * FROM unnest(${docs.map((doc) => doc.docType)}::text[], ${docs.map((doc) => doc.id)}::text[])
    )
      AND w ~ '^[a-z0-9]+$' AND length(w) BETWEEN 2 AND 40
    ORDER BY w
    ON CONFLICT (word) DO NOTHING`
}

const REFRESH_BATCH = 500

/** Recomputes every document (the taxonomy's labels changed); each batch is its own statement. */
export async function refreshAllSearchDocuments(onProgress?: (done: number) => void) {
  let done = 0
  for (const table of ['Organisation', 'Need'] as const) {
    let after = ''
    for (;;) {
      const rows =
        table === 'Organisation'
          ? await prisma.$queryRaw<Array<{ id: string }>>`
              SELECT id FROM "Organisation" WHERE id > ${after} ORDER BY id LIMIT ${REFRESH_BATCH}`
          : await prisma.$queryRaw<Array<{ id: string }>>`
              SELECT id FROM "Need" WHERE id > ${after} ORDER BY id LIMIT ${REFRESH_BATCH}`
      if (!rows.length) break
      const ids = rows.map((row) => row.id)
      if (table === 'Organisation') {
        await prisma.$queryRaw`SELECT count(search_refresh_organisation(id))::int AS n FROM unnest(${ids}::text[]) id`
      } else {
        await prisma.$queryRaw`SELECT count(search_refresh_need(id))::int AS n FROM unnest(${ids}::text[]) id`
      }
      after = ids[ids.length - 1]
      done += ids.length
      onProgress?.(done)
    }
  }
  return done
}

async function pushRows(rows: ClaimedRow[], sink: SearchIndexSink | null) {
  const documents = rows.filter((row) => row.doc_type !== 'taxonomy')
  await addWords(documents.map((row) => ({ docType: row.doc_type as DocType, id: row.doc_id })))
  if (rows.some((row) => row.doc_type === 'taxonomy')) await refreshAllSearchDocuments()
  if (!sink) return
  for (const docType of ['organisation', 'need'] as const) {
    const ids = documents.filter((row) => row.doc_type === docType).map((row) => row.doc_id)
    if (!ids.length) continue
    const found = await loadSourceDocuments(docType, ids)
    const present = new Set(found.map((doc) => doc.id))
    await sink.upsert(docType, found.map(toMeilisearchDocument))
    await sink.remove(
      docType,
      ids.filter((id) => !present.has(id)),
    )
  }
}

export interface DrainOutcome {
  pushed: number
  failed: number
}

/**
 * Processes due outbox rows in batches until none is left (or `maxBatches`). Safe on several
 * servers at once: rows are claimed with SKIP LOCKED and a lease.
 */
export async function drainSearchOutbox({
  sink = searchSinkFromEnv(),
  batchSize = 500,
  maxBatches = 20,
}: {
  sink?: SearchIndexSink | null
  batchSize?: number
  maxBatches?: number
} = {}): Promise<DrainOutcome> {
  const outcome: DrainOutcome = { pushed: 0, failed: 0 }
  for (let batch = 0; batch < maxBatches; batch++) {
    const rows = await claimRows(batchSize)
    if (!rows.length) break
    try {
      await pushRows(rows, sink)
      await completeRows(rows)
      outcome.pushed += rows.length
    } catch (error) {
      await failRows(rows, error)
      outcome.failed += rows.length
      break
    }
  }
  return outcome
}

export async function searchOutboxBacklog() {
  const [row] = await prisma.$queryRaw<Array<{ pending: number; failing: number }>>`
    SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS failing
    FROM search_outbox`
  return row
}

export const searchOutboxTask = {
  name: 'search-outbox',
  // Every tick, including those a committed outbox row triggers (NOTIFY): search follows edits.
  everyMs: 0,
  run: () => drainSearchOutbox(),
}
