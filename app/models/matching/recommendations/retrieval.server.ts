// The retrieval plan (retrieval.ts) as one SQL query: a capped, index-ordered look-up per rare
// tag (GIN for rare tags, the partial activity index for common ones: the planner picks) and per
// complementary kind in the region, united, then the candidates' rows.
import { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { RECOMMENDABLE_SQL } from './context.server.ts'
import { MATCH_COLUMNS, parseMatchRows, type OrganisationMatchRow } from './profiles.server.ts'
import { tagCap, type KindFilter, type RetrievalColumn, type RetrievalPlan } from './retrieval.ts'

const COLUMNS: Record<RetrievalColumn, Prisma.Sql> = {
  challengeCodes: Prisma.sql`"challengeCodes"`,
  sectorCodes: Prisma.sql`"sectorCodes"`,
  technologyCodes: Prisma.sql`"technologyCodes"`,
}

const KIND_FILTERS: Record<KindFilter, Prisma.Sql> = {
  institution: Prisma.sql`AND "kind" = 'institution'`,
  not_institution: Prisma.sql`AND "kind" <> 'institution'`,
}

function lookups(plan: RetrievalPlan): Prisma.Sql[] {
  const { perRegionKind } = plan.limits
  return [
    ...plan.tags.map((tag) => {
      const carriers = Prisma.sql`FROM "Organisation"
        WHERE ${COLUMNS[tag.column]} @> ARRAY[${tag.code}]::text[] AND ${RECOMMENDABLE_SQL}
          ${tag.kindFilter ? KIND_FILTERS[tag.kindFilter] : Prisma.empty}`
      const cap = tagCap(tag, plan.limits)
      // OFFSET 0 keeps ORDER BY … LIMIT out of the subquery, so it is read through the GIN index.
      return tag.access === 'tag'
        ? Prisma.sql`(SELECT "id" FROM (SELECT "id", "lastActiveAt" ${carriers} OFFSET 0) c
            ORDER BY "lastActiveAt" DESC, "id" LIMIT ${cap})`
        : Prisma.sql`(SELECT "id" ${carriers} ORDER BY "lastActiveAt" DESC, "id" LIMIT ${cap})`
    }),
    ...plan.regionKinds.map(
      (kind) => Prisma.sql`(
        SELECT "id" FROM "Organisation"
        WHERE "regionCode" = ${plan.regionCode} AND "kind" = ${kind}::"OrgKind" AND ${RECOMMENDABLE_SQL}
        ORDER BY "lastActiveAt" DESC, "id" LIMIT ${perRegionKind})`,
    ),
  ]
}

/** The retrieval query of a plan (exported for EXPLAIN in benchmarks). */
export function retrievalQuery(plan: RetrievalPlan, excludeIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT ${MATCH_COLUMNS}
    FROM "Organisation" o
    WHERE o."id" IN (SELECT "id" FROM (${Prisma.join(lookups(plan), ' UNION ALL ')}) AS hits("id"))
      AND o."id" <> ALL(${[...excludeIds]}::text[])`
}

/** Rows of the organisations the plan finds, except `excludeIds`; at most maxCandidates(). */
export async function retrieveCandidateRows(
  plan: RetrievalPlan,
  excludeIds: readonly string[],
): Promise<OrganisationMatchRow[]> {
  if (plan.tags.length === 0 && plan.regionKinds.length === 0) return []
  return parseMatchRows(await prisma.$queryRaw<unknown[]>(retrievalQuery(plan, excludeIds)))
}

/** Rows by id, whatever their visibility (sources, disliked profiles, pairs to score). */
export async function matchRowsByIds(ids: readonly string[]): Promise<OrganisationMatchRow[]> {
  if (ids.length === 0) return []
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT ${MATCH_COLUMNS} FROM "Organisation" o WHERE o."id" = ANY(${[...ids]}::text[])`
  return parseMatchRows(rows)
}
