// Organisation and Need rows as the matching module sees them, and a per-process cache of
// prepared profiles (tokenising texts costs more than scoring them).
import { z } from 'zod'
import { Prisma } from '~/generated/prisma/client.ts'
import { ORG_KINDS } from '~/models/directory/constants.ts'
import {
  prepareNeed,
  prepareProfile,
  type MatchNeed,
  type MatchProfile,
  type OrgKind,
  type PreparedNeed,
  type PreparedProfile,
} from '~/models/matching/matching.server.ts'
import type { LiveMatchContext, TaxonomyMaps } from './context.server.ts'

/** Columns read for matching; `o` is the alias of "Organisation" in the queries using it. */
export const MATCH_COLUMNS = Prisma.sql`o."id", o."slug", o."name", o."kind", o."subKind",
  o."regionCode", o."city", o."languages", o."challengeCodes", o."sectorCodes",
  o."technologyCodes", o."offers", o."seeks", o."lastActiveAt", o."updatedAt", o."visibility",
  o."unpublishedAt"`

const codes = z.array(z.string())

export const MatchRowSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  subKind: z.string().nullable(),
  regionCode: z.string(),
  city: z.string(),
  languages: codes,
  challengeCodes: codes,
  sectorCodes: codes,
  technologyCodes: codes,
  offers: z.string(),
  seeks: z.string(),
  lastActiveAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  visibility: z.enum(['draft', 'members', 'public']),
  unpublishedAt: z.coerce.date().nullable(),
})
export type OrganisationMatchRow = z.output<typeof MatchRowSchema>

export function parseMatchRows(rows: unknown[]): OrganisationMatchRow[] {
  return rows.map((row) => MatchRowSchema.parse(row))
}

/** Same columns through Prisma's query builder. */
export const MATCH_SELECT = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  subKind: true,
  regionCode: true,
  city: true,
  languages: true,
  challengeCodes: true,
  sectorCodes: true,
  technologyCodes: true,
  offers: true,
  seeks: true,
  lastActiveAt: true,
  updatedAt: true,
  visibility: true,
  unpublishedAt: true,
} as const satisfies Prisma.OrganisationSelect

/** Themes and engagements implied by challenges, each once, in taxonomy order of discovery. */
export function impliedCodes(challengeCodes: readonly string[], maps: TaxonomyMaps) {
  const themes = new Set<string>()
  const engagements = new Set<string>()
  for (const challenge of challengeCodes) {
    const theme = maps.challengeToTheme.get(challenge)
    if (theme !== undefined) themes.add(theme)
    for (const engagement of maps.challengeToEngagements.get(challenge) ?? []) {
      engagements.add(engagement)
    }
  }
  return { themeCodes: [...themes], engagementCodes: [...engagements] }
}

export function toMatchProfile(row: OrganisationMatchRow, maps: TaxonomyMaps): MatchProfile {
  return {
    id: row.id,
    kind: row.kind,
    subKind: row.subKind ?? undefined,
    name: row.name,
    regionCode: row.regionCode,
    languages: row.languages,
    challengeCodes: row.challengeCodes,
    ...impliedCodes(row.challengeCodes, maps),
    sectorCodes: row.sectorCodes,
    technologyCodes: row.technologyCodes,
    offersText: row.offers,
    seeksText: row.seeks,
    lastActiveAt: row.lastActiveAt,
    // Withdrawn by an admin: never recommended, whatever its members chose.
    visibility: row.unpublishedAt ? 'hidden' : row.visibility,
  }
}

const PREPARED_CACHE_LIMIT = 20_000
// Prepared profiles depend on the row and on what challenges imply, not on tag frequencies: the
// cache survives context rebuilds and is dropped only when the taxonomy's implications change.
interface PreparedEntry {
  readonly updatedAt: number
  readonly lastActiveAt: number
  readonly visibility: string
  readonly unpublishedAt: number | undefined
  readonly prepared: PreparedProfile
}
let preparedCache: { signature: string; entries: Map<string, PreparedEntry> } = {
  signature: '',
  entries: new Map(),
}

/** Prepared profile of a row, reused while the row and the taxonomy are unchanged. */
export function preparedProfileOf(
  row: OrganisationMatchRow,
  ctx: LiveMatchContext,
): PreparedProfile {
  if (preparedCache.signature !== ctx.taxonomy.signature) {
    preparedCache = { signature: ctx.taxonomy.signature, entries: new Map() }
  }
  const cache = preparedCache.entries
  const hit = cache.get(row.id)
  if (
    hit !== undefined &&
    hit.updatedAt === row.updatedAt.getTime() &&
    hit.lastActiveAt === row.lastActiveAt.getTime() &&
    hit.visibility === row.visibility &&
    hit.unpublishedAt === row.unpublishedAt?.getTime()
  ) {
    return hit.prepared
  }
  const prepared = prepareProfile(toMatchProfile(row, ctx.taxonomy))
  if (cache.size >= PREPARED_CACHE_LIMIT) {
    // Maps iterate in insertion order: drop the oldest tenth rather than everything at once.
    let toDrop = PREPARED_CACHE_LIMIT / 10
    for (const id of cache.keys()) {
      if (toDrop-- <= 0) break
      cache.delete(id)
    }
  }
  cache.delete(row.id)
  cache.set(row.id, {
    updatedAt: row.updatedAt.getTime(),
    lastActiveAt: row.lastActiveAt.getTime(),
    visibility: row.visibility,
    unpublishedAt: row.unpublishedAt?.getTime(),
    prepared,
  })
  return prepared
}

export interface NeedSourceRow {
  id: string
  organisationId: string
  title: string
  description: string
  challengeCodes: string[]
  sectorCodes: string[]
  technologyCodes: string[]
  regionCode: string
  organisation: { kind: OrgKind; languages: string[] }
}

export function toPreparedNeed(need: NeedSourceRow, maps: TaxonomyMaps): PreparedNeed {
  const matchNeed: MatchNeed = {
    id: need.id,
    orgId: need.organisationId,
    orgKind: need.organisation.kind,
    title: need.title,
    description: need.description,
    challengeCodes: need.challengeCodes,
    ...impliedCodes(need.challengeCodes, maps),
    sectorCodes: need.sectorCodes,
    technologyCodes: need.technologyCodes,
    regionCode: need.regionCode,
    languages: need.organisation.languages,
  }
  return prepareNeed(matchNeed)
}
