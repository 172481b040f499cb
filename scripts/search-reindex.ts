// `npm run search:reindex`: rebuilds the search index from the database (PGlite under
// PGLITE_DIR, or DATABASE_URL), with a progress bar on stderr. PostgreSQL: documents and the
// typo vocabulary are recomputed and swapped in (writers to profiles and needs wait meanwhile).
// Meilisearch (when MEILISEARCH_URL is set): settings applied, every document pushed in
// batches into a fresh index that then replaces the live one. Stop the app server first when
// it uses the embedded database (one process per PGlite directory).
import { openDatabaseFromEnv, setDatabase } from '~/utils/db.server.ts'
import { meilisearchClientFromEnv } from '~/models/search/meilisearch-engine.server.ts'
import {
  rebuildMeilisearchIndex,
  rebuildPostgresSearchIndex,
  type ReindexProgress,
} from '~/models/search/reindex.server.ts'

const LABELS: Record<ReindexProgress['phase'], string> = {
  documents: 'PostgreSQL documents',
  indexes: 'PostgreSQL indexes',
  words: 'typo vocabulary',
  meilisearch: 'Meilisearch documents',
}

let lastLine = ''
function showProgress({ phase, done, total }: ReindexProgress) {
  const width = 30
  const ratio = total ? Math.min(1, done / total) : 1
  const filled = Math.round(ratio * width)
  const line = `[search:reindex] ${LABELS[phase].padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`
  if (line === lastLine) return
  lastLine = line
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${line}${ratio === 1 ? '\n' : ''}`)
  } else if (ratio === 1 || done % 10_000 < 2_000) {
    process.stderr.write(`${line}\n`)
  }
}

const database = openDatabaseFromEnv()
setDatabase(database)
const started = Date.now()
try {
  const postgres = await rebuildPostgresSearchIndex(showProgress)
  console.log(`[search:reindex] PostgreSQL: ${postgres.documents} documents indexed`)
  const client = meilisearchClientFromEnv()
  if (client) {
    const meilisearch = await rebuildMeilisearchIndex(client, showProgress)
    console.log(`[search:reindex] Meilisearch: ${meilisearch.documents} documents pushed`)
  } else {
    console.log('[search:reindex] Meilisearch: not configured (MEILISEARCH_URL unset), skipped')
  }
  console.log(`[search:reindex] done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  console.error('[search:reindex] failed:', (error as Error).message)
  process.exitCode = 1
} finally {
  setDatabase(undefined)
  await database.close()
}
