// Keeping the index in step: triggers write outbox rows in the changing transaction; the worker
// pushes documents to Meilisearch (a fake client here: no server can run on this machine),
// retries with backoff and never drops a change.
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { buildOrganisation } from '../../../prisma/factories.ts'
import { prisma } from '~/utils/db.server.ts'
import { search } from './search.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import type { MeilisearchDocument } from './meilisearch-engine.server.ts'
import {
  drainSearchOutbox,
  meilisearchSink,
  type MeilisearchDocumentsClient,
} from './outbox.server.ts'
import type { SearchEngine } from './types.ts'

interface OutboxRow {
  doc_type: string
  doc_id: string
  attempts: number
  last_error: string | null
  due: boolean
}

function outboxRows(db: Pick<typeof prisma, '$queryRaw'> = prisma) {
  return db.$queryRaw<OutboxRow[]>`
    SELECT doc_type, doc_id, attempts, last_error, next_attempt_at <= now() AS due
    FROM search_outbox ORDER BY id`
}

/** A Meilisearch client that refuses the first `failures` calls, then records documents. */
function fakeMeilisearch({ failures = 0 } = {}) {
  let calls = 0
  const added: Array<{ uid: string; documents: MeilisearchDocument[] }> = []
  const deleted: Array<{ uid: string; ids: string[] }> = []
  const maybeFail = () => {
    calls += 1
    if (calls <= failures) throw new Error('connect ECONNREFUSED 127.0.0.1:7700')
  }
  const client: MeilisearchDocumentsClient = {
    index: (uid) => ({
      addDocuments: async (documents) => {
        maybeFail()
        added.push({ uid, documents })
        return { taskUid: calls }
      },
      deleteDocuments: async (ids) => {
        maybeFail()
        deleted.push({ uid, ids })
        return { taskUid: calls }
      },
    }),
  }
  return { client, added, deleted, calls: () => calls }
}

async function makeAllDue() {
  await prisma.$executeRaw`UPDATE search_outbox SET next_attempt_at = now()`
}

beforeAll(async () => {
  await ensureBundledTaxonomy()
  await drainSearchOutbox({ sink: null })
})

describe('search outbox', () => {
  test('a profile change writes an outbox row in its own transaction; a rollback leaves none', async () => {
    const org = await prisma.organisation.create({
      data: buildOrganisation(undefined, { visibility: 'public' }),
    })
    expect(await outboxRows()).toEqual([
      expect.objectContaining({ doc_type: 'organisation', doc_id: org.id }),
    ])
    await drainSearchOutbox({ sink: null })
    expect(await outboxRows()).toEqual([])

    await expect(
      prisma.$transaction(async (tx) => {
        await tx.organisation.update({ where: { id: org.id }, data: { name: 'Nom annulé' } })
        // Visible inside the transaction…
        expect(await outboxRows(tx)).toHaveLength(1)
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    // …and gone with it.
    expect(await outboxRows()).toEqual([])

    // A change no document shows (activity date) does not touch the index.
    await prisma.organisation.update({
      where: { id: org.id },
      data: { lastActiveAt: new Date() },
    })
    expect(await outboxRows()).toEqual([])

    await prisma.organisation.update({ where: { id: org.id }, data: { name: 'Nom gardé' } })
    expect(await outboxRows()).toEqual([
      expect.objectContaining({ doc_type: 'organisation', doc_id: org.id }),
    ])
    await drainSearchOutbox({ sink: null })
  })

  test('drain retries with backoff, then pushes and clears the rows (Meilisearch mocked)', async () => {
    const org = await prisma.organisation.create({
      data: buildOrganisation(undefined, { name: 'Atelier Poussé', visibility: 'public' }),
    })
    const gone = await prisma.organisation.create({
      data: buildOrganisation(undefined, { name: 'Atelier Supprimé', visibility: 'public' }),
    })
    const anonymous = await prisma.need.create({
      data: {
        organisationId: org.id,
        title: 'Besoin discret',
        description: 'Un besoin publié sans le nom de la structure.',
        regionCode: org.regionCode,
        anonymous: true,
        expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
      },
    })
    await prisma.organisation.delete({ where: { id: gone.id } })

    const meilisearch = fakeMeilisearch({ failures: 1 })
    const sink = meilisearchSink(meilisearch.client)
    const first = await drainSearchOutbox({ sink })
    expect(first.failed).toBe(3)
    const failed = await outboxRows()
    expect(failed).toHaveLength(3)
    for (const row of failed) {
      expect(row).toMatchObject({ attempts: 1, due: false })
      expect(row.last_error).toMatch(/ECONNREFUSED/)
    }

    // Not due yet: nothing is tried.
    expect(await drainSearchOutbox({ sink })).toEqual({ pushed: 0, failed: 0 })
    expect(meilisearch.calls()).toBe(1)

    await makeAllDue()
    expect(await drainSearchOutbox({ sink })).toEqual({ pushed: 3, failed: 0 })
    expect(await outboxRows()).toEqual([])

    const organisations = meilisearch.added.find((call) => call.uid === 'passerelle_organisations')
    expect(organisations?.documents).toEqual([
      expect.objectContaining({ id: org.id, title: 'Atelier Poussé', type: 'organisation' }),
    ])
    const needs = meilisearch.added.find((call) => call.uid === 'passerelle_needs')
    expect(needs?.documents).toEqual([
      expect.objectContaining({
        id: anonymous.id,
        title: 'Besoin discret',
        organisationName: null,
        slug: null,
        kind: null,
      }),
    ])
    expect(JSON.stringify(needs?.documents)).not.toContain('Atelier Poussé')
    expect(meilisearch.deleted).toEqual([{ uid: 'passerelle_organisations', ids: [gone.id] }])
  })

  test('a change made while a push is in flight is pushed again, not lost (Meilisearch mocked)', async () => {
    const org = await prisma.organisation.create({
      data: buildOrganisation(undefined, { name: 'Version 1', visibility: 'public' }),
    })
    const pushedNames: string[] = []
    let changedDuringPush = false
    const sink = meilisearchSink({
      index: () => ({
        addDocuments: async (documents: MeilisearchDocument[]) => {
          pushedNames.push(...documents.map((doc) => doc.title))
          if (!changedDuringPush) {
            changedDuringPush = true
            await prisma.organisation.update({ where: { id: org.id }, data: { name: 'Version 2' } })
          }
        },
        deleteDocuments: async () => {},
      }),
    })
    await drainSearchOutbox({ sink, maxBatches: 1 })
    expect(await outboxRows()).toHaveLength(1)
    await drainSearchOutbox({ sink })
    expect(pushedNames).toEqual(['Version 1', 'Version 2'])
    expect(await outboxRows()).toEqual([])
  })

  test('relabelling a taxonomy entry refreshes the documents that use it', async () => {
    const org = await prisma.organisation.create({
      data: buildOrganisation(undefined, {
        name: 'Studio Étiquette',
        visibility: 'public',
        technologyCodes: ['TECH-BLOCKCHAIN'],
      }),
    })
    await drainSearchOutbox({ sink: null })
    const params = {
      query: 'registres distribués',
      type: 'organisations' as const,
      filters: {},
      page: 1,
      pageSize: 20,
      language: 'fr' as const,
      signedIn: false,
    }
    const idsFound = async () => (await search(params, { engine: null })).hits.map((hit) => hit.id)
    expect(await idsFound()).not.toContain(org.id)
    await prisma.taxonomyEntry.update({
      where: { code: 'TECH-BLOCKCHAIN' },
      data: { labelFr: 'Blockchain et registres distribués' },
    })
    expect(await outboxRows()).toContainEqual(expect.objectContaining({ doc_type: 'taxonomy' }))
    await drainSearchOutbox({ sink: null })
    expect(await idsFound()).toContain(org.id)
    await drainSearchOutbox({ sink: null })
  })
})

describe('search engine fallback', () => {
  test('search answers from PostgreSQL when the Meilisearch engine throws (Meilisearch mocked)', async () => {
    await prisma.organisation.create({
      data: buildOrganisation(undefined, { name: 'Galerie Repli', visibility: 'public' }),
    })
    const failing = vi.fn(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:7700')
    })
    const broken: SearchEngine = { name: 'meilisearch', search: failing }
    const log = { warn: vi.fn() }
    const params = {
      query: 'repli',
      type: 'organisations' as const,
      filters: {},
      page: 1,
      pageSize: 20,
      language: 'fr' as const,
      signedIn: false,
    }
    const result = await search(params, { engine: broken, log })
    expect(result.engine).toBe('postgres')
    expect(result.hits.map((hit) => hit.title)).toEqual(['Galerie Repli'])
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringContaining('meilisearch failed'),
      expect.stringContaining('ECONNREFUSED'),
    )
    // The failed engine rests for a while: the next searches do not wait for it.
    expect((await search(params, { engine: broken, log })).engine).toBe('postgres')
    expect(failing).toHaveBeenCalledTimes(1)
  })
})
