// Search over organisations and needs: one interface, two engines. PostgreSQL full text is the
// default (embedded and server alike); Meilisearch is used when MEILISEARCH_URL is set, with
// PostgreSQL answering whenever Meilisearch fails. Both return the same SearchResult.
import {
  createMeilisearchEngine,
  meilisearchClientFromEnv,
  type MeilisearchSearchClient,
} from './meilisearch-engine.server.ts'
import { postgresEngine } from './postgres-engine.server.ts'
import type { SearchEngine, SearchParams, SearchResult } from './types.ts'

export type {
  FacetFilters,
  FacetName,
  FacetValueCount,
  SearchHit,
  SearchParams,
  SearchResult,
  SearchType,
} from './types.ts'
export { FACET_NAMES, FACETS_BY_TYPE, SEARCH_TYPES } from './types.ts'
export { CANDIDATE_CAP } from './postgres-engine.server.ts'
export { drainSearchOutbox, searchOutboxTask } from './outbox.server.ts'

let envEngine: SearchEngine | null | undefined
/** The Meilisearch engine when MEILISEARCH_URL is set, else null. */
export function configuredSearchEngine(): SearchEngine | null {
  if (envEngine === undefined) {
    const client = meilisearchClientFromEnv()
    envEngine = client
      ? createMeilisearchEngine(client as unknown as MeilisearchSearchClient)
      : null
  }
  return envEngine
}

export interface SearchOptions {
  /** The primary engine; defaults to the configured one (Meilisearch or none). */
  engine?: SearchEngine | null
  log?: Pick<Console, 'warn'>
}

/** After a failure the engine is left alone for a while: no request waits on a dead server. */
export const ENGINE_RETRY_AFTER_MS = 30_000
const engineFailedAt = new WeakMap<SearchEngine, number>()

export async function search(
  params: SearchParams,
  { engine = configuredSearchEngine(), log = console }: SearchOptions = {},
): Promise<SearchResult> {
  const failedAt = engine ? engineFailedAt.get(engine) : undefined
  const resting = failedAt !== undefined && Date.now() - failedAt < ENGINE_RETRY_AFTER_MS
  if (engine && engine !== postgresEngine && !resting) {
    try {
      const result = await engine.search(params)
      engineFailedAt.delete(engine)
      return result
    } catch (error) {
      engineFailedAt.set(engine, Date.now())
      log.warn(
        `[search] ${engine.name} failed, answering from PostgreSQL:`,
        (error as Error).message,
      )
    }
  }
  return postgresEngine.search(params)
}
