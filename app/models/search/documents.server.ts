// Search documents as the database defines them (views search_organisation_source and
// search_need_source of the search migration), read for Meilisearch.
import { z } from 'zod'
import { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'

export type DocType = 'organisation' | 'need'

export const SourceDocumentSchema = z.object({
  doc_type: z.enum(['organisation', 'need']),
  id: z.string(),
  slug: z.string().nullable(),
  title: z.string(),
  organisation_name: z.string().nullable(),
  kind: z.string().nullable(),
  sub_kind: z.string().nullable(),
  region_code: z.string(),
  city: z.string(),
  sector_codes: z.array(z.string()),
  technology_codes: z.array(z.string()),
  challenge_codes: z.array(z.string()),
  theme_codes: z.array(z.string()),
  tag_labels_fr: z.array(z.string()),
  tag_labels_en: z.array(z.string()),
  summary_fr: z.string(),
  summary_en: z.string(),
  body_fr: z.string(),
  body_en: z.string(),
  offers: z.string(),
  seeks: z.string(),
  verified: z.boolean(),
  visibility: z.enum(['public', 'members']),
  expires_at: z.string().nullable(),
  deadline: z.string().nullable(),
  quality: z.number(),
})
export type SourceDocument = z.infer<typeof SourceDocumentSchema>

const VIEWS: Record<DocType, Prisma.Sql> = {
  organisation: Prisma.raw('search_organisation_source'),
  need: Prisma.raw('search_need_source'),
}

const COLUMNS = Prisma.raw(`doc_type, id, slug, title, organisation_name, kind, sub_kind,
  region_code, city, sector_codes, technology_codes, challenge_codes, theme_codes,
  tag_labels_fr, tag_labels_en, summary_fr, summary_en, body_fr, body_en, offers, seeks,
  verified, visibility,
  to_char(expires_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at,
  to_char(deadline, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deadline,
  quality::float8 AS quality`)

/** The current documents of these ids; an id missing from the answer is not searchable. */
export async function loadSourceDocuments(docType: DocType, ids: string[]) {
  if (!ids.length) return []
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT ${COLUMNS} FROM ${VIEWS[docType]} WHERE id = ANY(${ids}::text[])`
  return rows.map((row) => SourceDocumentSchema.parse(row))
}

/** One page of every searchable document of a type, in id order (for a full reindex). */
export async function loadSourceDocumentPage(docType: DocType, afterId: string, limit: number) {
  const rows = await prisma.$queryRaw<unknown[]>`
    SELECT ${COLUMNS} FROM ${VIEWS[docType]} WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`
  return rows.map((row) => SourceDocumentSchema.parse(row))
}

export async function countSourceDocuments(docType: DocType) {
  const [row] = await prisma.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS count FROM ${VIEWS[docType]}`
  return row.count
}
