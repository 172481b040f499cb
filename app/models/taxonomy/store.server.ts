// The taxonomy in the database: bundled entries are inserted on migrate (never overwriting an
// admin's import), read through a short cache, and replaced by admin imports that are refused
// when they would orphan tags in use.
import { Prisma, type PrismaClient } from '~/generated/prisma/client.ts'
import type { Language } from '~/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import {
  BUNDLED_TAXONOMY_VERSION,
  loadBundledTaxonomy,
  parseTaxonomyFile,
  planTaxonomyImport,
  type TaxonomyEntry,
  type TaxonomyImportMode,
  type TaxonomyKind,
} from './taxonomy.server.ts'

type Db = Pick<PrismaClient, 'taxonomyEntry'>

function toRow(entry: TaxonomyEntry, version: string) {
  return {
    code: entry.code,
    kind: entry.kind,
    labelFr: entry.labelFr,
    labelEn: entry.labelEn,
    parent: entry.parent ?? null,
    source: entry.source,
    position: entry.position ?? 0,
    meta: (entry.meta ?? undefined) as Prisma.InputJsonValue | undefined,
    version,
  }
}

/** Inserts bundled entries that are missing; run after migrations, idempotent. */
export async function ensureBundledTaxonomy(db: Db = prisma) {
  const { count } = await db.taxonomyEntry.createMany({
    data: loadBundledTaxonomy().map((entry) => toRow(entry, BUNDLED_TAXONOMY_VERSION)),
    skipDuplicates: true,
  })
  invalidateTaxonomyCache()
  return count
}

export interface TaxonomyView {
  entries: TaxonomyEntry[]
  byCode: Map<string, TaxonomyEntry>
  ofKind(kind: TaxonomyKind): TaxonomyEntry[]
  label(code: string, language: Language): string
}

function buildView(entries: TaxonomyEntry[]): TaxonomyView {
  const byCode = new Map(entries.map((entry) => [entry.code, entry]))
  return {
    entries,
    byCode,
    ofKind: (kind) =>
      entries
        .filter((entry) => entry.kind === kind)
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.code.localeCompare(b.code)),
    label: (code, language) => {
      const entry = byCode.get(code)
      if (!entry) return code
      return language === 'en' ? entry.labelEn || entry.labelFr : entry.labelFr || entry.labelEn
    },
  }
}

// Each app server caches for a minute; an import on another server shows up within that time.
const CACHE_TTL_MS = 60_000
let cached: { view: TaxonomyView; at: number } | undefined

export function invalidateTaxonomyCache() {
  cached = undefined
}

export async function getTaxonomy(): Promise<TaxonomyView> {
  if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.view
  const rows = await prisma.taxonomyEntry.findMany()
  const view = buildView(
    rows.map((row) => ({
      code: row.code,
      kind: row.kind as TaxonomyKind,
      labelFr: row.labelFr,
      labelEn: row.labelEn,
      parent: row.parent,
      source: row.source as TaxonomyEntry['source'],
      position: row.position,
      meta: (row.meta as Record<string, unknown> | null) ?? undefined,
    })),
  )
  cached = { view, at: Date.now() }
  return view
}

// Every place a taxonomy code is stored: profiles, needs and events.
const USED_CODES = Prisma.sql`
  SELECT unnest("challengeCodes" || "sectorCodes" || "technologyCodes") AS code FROM "Organisation"
  UNION ALL SELECT "regionCode" FROM "Organisation"
  UNION ALL SELECT "subKind" FROM "Organisation" WHERE "subKind" IS NOT NULL
  UNION ALL SELECT unnest("challengeCodes" || "sectorCodes" || "technologyCodes") FROM "Need"
  UNION ALL SELECT "regionCode" FROM "Need"
  UNION ALL SELECT unnest("challengeCodes") FROM "Event"
  UNION ALL SELECT "regionCode" FROM "Event" WHERE "regionCode" IS NOT NULL`

/** Every code used by a profile, a need or an event. */
export async function usedTaxonomyCodes(): Promise<Set<string>> {
  const rows = await prisma.$queryRaw<Array<{ code: string }>>`
    SELECT DISTINCT code FROM (${USED_CODES}) used`
  return new Set(rows.map((row) => row.code))
}

/** How many times each code is used (profiles, needs, events together). */
export async function taxonomyUsageCounts(): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<Array<{ code: string; uses: bigint | number }>>`
    SELECT code, count(*) AS uses FROM (${USED_CODES}) used GROUP BY code`
  return new Map(rows.map((row) => [row.code, Number(row.uses)]))
}

/** The latest imports, newest first, with the name of who ran them (null: the CLI). */
export async function listTaxonomyImports(take = 20) {
  const imports = await prisma.taxonomyImport.findMany({ orderBy: { createdAt: 'desc' }, take })
  const userIds = [...new Set(imports.flatMap((row) => (row.importedBy ? [row.importedBy] : [])))]
  const users = await prisma.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, name: true },
  })
  const names = new Map(users.map((user) => [user.id, user.name]))
  return imports.map((row) => ({
    ...row,
    importedByName: row.importedBy ? (names.get(row.importedBy) ?? null) : null,
  }))
}

export interface TaxonomyImportSummary {
  version: string
  mode: TaxonomyImportMode
  kinds: TaxonomyKind[]
  added: string[]
  updated: string[]
  removed: string[]
  unchanged: number
}

export type TaxonomyImportOutcome =
  | ({
      ok: true
      /** True when nothing was written (dry run). */
      dryRun: boolean
    } & TaxonomyImportSummary)
  | {
      ok: false
      reason: 'invalid'
      errors: Array<{
        line: number
        code: string
        entryCode?: string
        field?: string
        params: Record<string, string | number>
      }>
    }
  | {
      ok: false
      reason: 'orphans'
      /** Codes in use (profiles, needs, events) the import would remove. */
      orphaned: string[]
      /** Entries that would stay while the import removes their parent. */
      danglingParents: Array<{ code: string; parent: string }>
    }

/** An admin's import: validated, planned against the tags in use, applied in one transaction. */
export async function importTaxonomy(input: {
  content: string
  format: 'json' | 'csv'
  fileName: string
  mode: TaxonomyImportMode
  actorId: string | null
  /** Plan only: validate and check against the tags in use, write nothing. */
  dryRun?: boolean
}): Promise<TaxonomyImportOutcome> {
  // Plan against the database, not this server's cache (another server may have imported).
  invalidateTaxonomyCache()
  const current = (await getTaxonomy()).entries
  const parsed = parseTaxonomyFile(input.content, input.format, { context: current })
  if (!parsed.ok) {
    return {
      ok: false,
      reason: 'invalid',
      errors: parsed.errors.map(({ line, code, entryCode, field, params }) => ({
        line,
        code,
        entryCode,
        field,
        params,
      })),
    }
  }
  const plan = planTaxonomyImport(current, parsed.entries, await usedTaxonomyCodes(), {
    mode: input.mode,
  })
  if (!plan.ok) {
    return {
      ok: false,
      reason: 'orphans',
      // Kind changes never get here: parseTaxonomyFile reports them (kind_changed) first.
      orphaned: [...plan.orphaned, ...plan.kindChanges.map((k) => k.code)],
      danglingParents: plan.danglingParents,
    }
  }
  const version = parsed.version ?? `import-${new Date().toISOString().slice(0, 10)}`
  const summary: TaxonomyImportSummary = {
    version,
    mode: plan.mode,
    kinds: plan.kinds,
    added: plan.added.map((entry) => entry.code),
    updated: plan.updated.map((update) => update.code),
    removed: plan.removed.map((entry) => entry.code),
    unchanged: plan.unchanged,
  }
  if (input.dryRun) return { ok: true, dryRun: true, ...summary }
  await prisma.$transaction(async (tx) => {
    if (plan.removed.length) {
      await tx.taxonomyEntry.deleteMany({
        where: { code: { in: plan.removed.map((entry) => entry.code) } },
      })
    }
    for (const entry of [...plan.added, ...plan.updated.map((update) => update.after)]) {
      const row = toRow(entry, version)
      await tx.taxonomyEntry.upsert({ where: { code: entry.code }, create: row, update: row })
    }
    await tx.taxonomyImport.create({
      data: {
        version,
        fileName: input.fileName.slice(0, 200),
        added: plan.added.length,
        updated: plan.updated.length,
        removed: plan.removed.length,
        importedBy: input.actorId,
      },
    })
    await tx.auditLog.create({
      data: {
        actorId: input.actorId,
        action: 'taxonomy.import',
        targetType: 'taxonomy',
        targetId: version,
        details: {
          added: plan.added.length,
          updated: plan.updated.length,
          removed: plan.removed.map((e) => e.code),
        },
      },
    })
  })
  invalidateTaxonomyCache()
  return { ok: true, dryRun: false, ...summary }
}
