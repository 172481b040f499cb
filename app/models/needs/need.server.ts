// Needs ("besoins") posted by organisations: creation and edits by members, the public list,
// the need page as each viewer may see it, the open data view, and renewal reminders.
//
// An open need is listed until it expires (60 days by default, at most 180); a week before,
// its organisation's members get one e-mail inviting them to renew it. An anonymous need hides
// its poster (see contact-request.server.ts for when it is revealed).
import { data } from '@remix-run/node'
import type { Prisma } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { NEED_DEFAULT_VALIDITY_DAYS, NEED_MAX_VALIDITY_DAYS, NEEDS_PER_PAGE } from './constants.ts'
import type {
  NeedCreateInput,
  NeedListFilters,
  NeedsApiQuery,
  NeedUpdateInput,
} from './validation.ts'
import { presentPoster } from './display.ts'
import { organisationMembers, translatorForUser } from './contact-request-mail.server.ts'
import { revealedNeedIds } from './contact-request.server.ts'
import { queueEmail } from '~/models/mail/email.server.ts'
import {
  canViewOrganisation,
  memberOrganisationIds,
  requireOrganisationMember,
  visibleOrganisationsWhere,
  type Viewer,
} from '~/models/directory/access.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'

const DAY_MS = 24 * 60 * 60 * 1000
export const RENEWAL_REMINDER_WINDOW_MS = 7 * DAY_MS

export function expiryAfter(days: number, now = new Date()) {
  const bounded = Math.min(Math.max(1, Math.round(days)), NEED_MAX_VALIDITY_DAYS)
  return new Date(now.getTime() + bounded * DAY_MS)
}

export function isNeedOpen(need: { status: string; expiresAt: Date }, now = new Date()) {
  return need.status === 'open' && need.expiresAt.getTime() > now.getTime()
}

type FieldErrors = Record<string, string[]>

/** Every code must exist in the taxonomy with the kind its field expects. */
export async function checkNeedTaxonomy(
  input: Pick<NeedUpdateInput, 'challengeCodes' | 'sectorCodes' | 'technologyCodes' | 'regionCode'>,
): Promise<FieldErrors | null> {
  const taxonomy = await getTaxonomy()
  const errors: FieldErrors = {}
  const check = (field: string, codes: string[], kind: string) => {
    if (codes.some((code) => taxonomy.byCode.get(code)?.kind !== kind)) {
      errors[field] = ['needs:errors.unknownCode']
    }
  }
  check('challengeCodes', input.challengeCodes, 'challenge')
  check('sectorCodes', input.sectorCodes, 'sector')
  check('technologyCodes', input.technologyCodes, 'technology')
  check('regionCode', [input.regionCode], 'region')
  return Object.keys(errors).length > 0 ? errors : null
}

const unique = (codes: string[]) => [...new Set(codes)]

function needContent(input: NeedUpdateInput) {
  return {
    title: input.title,
    description: input.description,
    challengeCodes: unique(input.challengeCodes),
    sectorCodes: unique(input.sectorCodes),
    technologyCodes: unique(input.technologyCodes),
    budgetBand: input.budgetBand,
    deadline: input.deadline ?? null,
    regionCode: input.regionCode,
    anonymous: input.anonymous,
  }
}

/** A member posts a need for one of their organisations (403 otherwise). */
export async function createNeed(
  input: NeedCreateInput,
  user: Viewer,
  now = new Date(),
): Promise<{ ok: true; needId: string } | { ok: false; fieldErrors: FieldErrors }> {
  await requireOrganisationMember(input.organisationId, user)
  const fieldErrors = await checkNeedTaxonomy(input)
  if (fieldErrors) return { ok: false, fieldErrors }
  const need = await prisma.need.create({
    data: {
      ...needContent(input),
      organisationId: input.organisationId,
      status: 'open',
      expiresAt: expiryAfter(input.validityDays ?? NEED_DEFAULT_VALIDITY_DAYS, now),
      createdById: user.id,
    },
    select: { id: true },
  })
  return { ok: true, needId: need.id }
}

/** The need with its organisation, for its members only (404 unknown, 403 not a member). */
export async function getNeedForMember(needId: string, user: Viewer) {
  const need = await prisma.need.findUnique({
    where: { id: needId },
    include: { organisation: { select: { id: true, name: true, slug: true } } },
  })
  if (!need) throw data('needs:errors.notFound', { status: 404 })
  await requireOrganisationMember(need.organisationId, user)
  return need
}

export async function updateNeed(
  needId: string,
  input: NeedUpdateInput,
  user: Viewer,
): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  await getNeedForMember(needId, user)
  const fieldErrors = await checkNeedTaxonomy(input)
  if (fieldErrors) return { ok: false, fieldErrors }
  await prisma.need.update({ where: { id: needId }, data: needContent(input) })
  return { ok: true }
}

export type NeedStatusChange =
  { intent: 'close' } | { intent: 'fulfil' } | { intent: 'renew'; validityDays?: number }

/** Close, mark fulfilled, or renew (reopens, extends the expiry, re-arms the reminder). */
export async function changeNeedStatus(
  needId: string,
  change: NeedStatusChange,
  user: Viewer,
  now = new Date(),
) {
  await getNeedForMember(needId, user)
  const update: Prisma.NeedUpdateInput =
    change.intent === 'renew'
      ? {
          status: 'open',
          expiresAt: expiryAfter(change.validityDays ?? NEED_DEFAULT_VALIDITY_DAYS, now),
          renewalReminderSentAt: null,
        }
      : { status: change.intent === 'close' ? 'closed' : 'fulfilled' }
  return prisma.need.update({
    where: { id: needId },
    data: update,
    select: { id: true, status: true, expiresAt: true },
  })
}

const listSelect = {
  id: true,
  title: true,
  description: true,
  challengeCodes: true,
  sectorCodes: true,
  technologyCodes: true,
  budgetBand: true,
  deadline: true,
  regionCode: true,
  status: true,
  anonymous: true,
  expiresAt: true,
  createdAt: true,
  organisationId: true,
  organisation: { select: { id: true, slug: true, name: true, kind: true, subKind: true } },
} satisfies Prisma.NeedSelect

type NeedRow = Prisma.NeedGetPayload<{ select: typeof listSelect }>

/** What any viewer may read of a need: no ids of the poster, the poster as they may see it. */
function presentNeed(row: NeedRow, revealed: boolean) {
  const { organisation, organisationId: _organisationId, ...need } = row
  return { ...need, poster: presentPoster(organisation, row.anonymous && !revealed) }
}

async function revealedFor(rows: NeedRow[], viewerOrgIds: string[]) {
  const anonymousIds = rows
    .filter((row) => row.anonymous && !viewerOrgIds.includes(row.organisationId))
    .map((row) => row.id)
  const accepted = await revealedNeedIds(anonymousIds, viewerOrgIds)
  return (row: NeedRow) =>
    !row.anonymous || viewerOrgIds.includes(row.organisationId) || accepted.has(row.id)
}

/** `/besoins`: open, unexpired needs of organisations the viewer may see, newest first. */
export async function listOpenNeeds(
  viewer: Viewer | null,
  filters: NeedListFilters,
  { perPage = NEEDS_PER_PAGE, now = new Date() }: { perPage?: number; now?: Date } = {},
) {
  const viewerOrgIds = viewer ? await memberOrganisationIds(viewer.id) : []
  const where: Prisma.NeedWhereInput = {
    status: 'open',
    expiresAt: { gt: now },
    organisation: visibleOrganisationsWhere(viewer, viewerOrgIds),
    ...(filters.tag ? { challengeCodes: { has: filters.tag } } : {}),
    ...(filters.sector ? { sectorCodes: { has: filters.sector } } : {}),
    ...(filters.technology ? { technologyCodes: { has: filters.technology } } : {}),
    ...(filters.region ? { regionCode: filters.region } : {}),
    ...(filters.budget ? { budgetBand: filters.budget } : {}),
  }
  const total = await prisma.need.count({ where })
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  const page = Math.min(filters.page, pageCount)
  const rows = await prisma.need.findMany({
    where,
    select: listSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    skip: (page - 1) * perPage,
    take: perPage,
  })
  const isRevealed = await revealedFor(rows, viewerOrgIds)
  return {
    total,
    page,
    pageCount,
    needs: rows.map((row) => presentNeed(row, isRevealed(row))),
  }
}

/**
 * `/besoins/:id` as the viewer may see it: 404 when the poster's profile is hidden from them.
 * Members of the posting organisation get the answers; others their own answers and the
 * organisations they may answer from.
 */
export async function getNeedPage(needId: string, viewer: Viewer | null, now = new Date()) {
  const row = await prisma.need.findUnique({
    where: { id: needId },
    select: {
      ...listSelect,
      organisation: {
        select: { ...listSelect.organisation.select, visibility: true, unpublishedAt: true },
      },
    },
  })
  const viewerOrgIds = viewer ? await memberOrganisationIds(viewer.id) : []
  if (!row || !canViewOrganisation(row.organisation, viewer, viewerOrgIds)) {
    throw data('needs:errors.notFound', { status: 404 })
  }
  const isMember = viewerOrgIds.includes(row.organisationId)
  const myRequests =
    viewer && !isMember && viewerOrgIds.length > 0
      ? await prisma.contactRequest.findMany({
          where: { needId, fromOrgId: { in: viewerOrgIds } },
          select: {
            id: true,
            status: true,
            createdAt: true,
            fromOrgId: true,
            fromOrg: { select: { name: true } },
          },
          orderBy: { createdAt: 'desc' },
        })
      : []
  const revealed = !row.anonymous || isMember || myRequests.some((r) => r.status === 'accepted')
  const responses = isMember
    ? await prisma.contactRequest.findMany({
        where: { needId, toOrgId: row.organisationId },
        select: {
          id: true,
          status: true,
          message: true,
          responseNote: true,
          createdAt: true,
          respondedAt: true,
          fromOrg: { select: { name: true, slug: true } },
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      })
    : []
  const pendingFromMe = new Set(
    myRequests.filter((r) => r.status === 'pending').map((r) => r.fromOrgId),
  )
  const senderOptions =
    viewer && !isMember && viewerOrgIds.length > 0
      ? (
          await prisma.organisation.findMany({
            where: { id: { in: viewerOrgIds } },
            select: { id: true, name: true },
            orderBy: { name: 'asc' },
          })
        ).map((org) => ({ ...org, pending: pendingFromMe.has(org.id) }))
      : []
  return {
    need: presentNeed(row, revealed),
    isMember,
    isOpen: isNeedOpen(row, now),
    responses: responses.sort(
      (a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'),
    ),
    myRequests: myRequests.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.createdAt,
      fromOrg: r.fromOrg.name,
    })),
    senderOptions,
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Open data                                                                                   */

const publicSelect = {
  id: true,
  title: true,
  description: true,
  challengeCodes: true,
  sectorCodes: true,
  technologyCodes: true,
  budgetBand: true,
  deadline: true,
  regionCode: true,
  anonymous: true,
  expiresAt: true,
  createdAt: true,
  updatedAt: true,
  organisation: { select: { slug: true, name: true, kind: true } },
} satisfies Prisma.NeedSelect

export interface PublicNeed {
  id: string
  url: string
  title: string
  description: string
  challenge_codes: string[]
  sector_codes: string[]
  technology_codes: string[]
  budget_band: string
  deadline: string | null
  region_code: string
  anonymous: boolean
  expires_at: string
  created_at: string
  updated_at: string
  /** Null for anonymous needs: who posted them is never published. */
  organisation: { name: string; slug: string; kind: string; url: string } | null
}

/**
 * Open, unexpired needs of public, published organisations; public fields only. Filters apply to
 * anonymous needs too, but their organisation is never part of the answer.
 */
export async function listPublicNeeds(query: NeedsApiQuery, now = new Date()) {
  const where: Prisma.NeedWhereInput = {
    status: 'open',
    expiresAt: { gt: now },
    organisation: {
      visibility: 'public',
      unpublishedAt: null,
      ...(query.kind ? { kind: query.kind } : {}),
    },
    ...(query.tag
      ? {
          OR: [
            { challengeCodes: { has: query.tag } },
            { sectorCodes: { has: query.tag } },
            { technologyCodes: { has: query.tag } },
          ],
        }
      : {}),
    ...(query.region ? { regionCode: query.region } : {}),
  }
  const total = await prisma.need.count({ where })
  const rows = await prisma.need.findMany({
    where,
    select: publicSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    skip: (query.page - 1) * query.per_page,
    take: query.per_page,
  })
  const base = appUrl()
  const needs: PublicNeed[] = rows.map((row) => ({
    id: row.id,
    url: `${base}/besoins/${row.id}`,
    title: row.title,
    description: row.description,
    challenge_codes: row.challengeCodes,
    sector_codes: row.sectorCodes,
    technology_codes: row.technologyCodes,
    budget_band: row.budgetBand,
    deadline: row.deadline ? row.deadline.toISOString().slice(0, 10) : null,
    region_code: row.regionCode,
    anonymous: row.anonymous,
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    organisation: row.anonymous
      ? null
      : {
          name: row.organisation.name,
          slug: row.organisation.slug,
          kind: row.organisation.kind,
          url: `${base}/organisations/${row.organisation.slug}`,
        },
  }))
  return { total, needs }
}

/* ------------------------------------------------------------------------------------------ */
/* Renewal reminders                                                                           */

/**
 * Reminds the members of each open need expiring within 7 days, once per need (until renewed).
 * Rows are claimed with FOR UPDATE SKIP LOCKED and marked in the same transaction that queues the
 * e-mails, so several servers running this at once send each reminder once.
 */
export async function sendNeedRenewalReminders({
  now = new Date(),
  limit = 100,
}: { now?: Date; limit?: number } = {}) {
  const soon = new Date(now.getTime() + RENEWAL_REMINDER_WINDOW_MS)
  return prisma.$transaction(
    async (tx) => {
      const claimed = await tx.$queryRaw<
        Array<{ id: string; title: string; organisationId: string; expiresAt: Date }>
      >`
        UPDATE "Need" SET "renewalReminderSentAt" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "Need"
          WHERE "status" = 'open' AND "renewalReminderSentAt" IS NULL
            AND "expiresAt" > ${now} AND "expiresAt" <= ${soon}
          ORDER BY "expiresAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) AND "renewalReminderSentAt" IS NULL
        RETURNING "id", "title", "organisationId", "expiresAt"`
      let emails = 0
      for (const need of claimed) {
        const expiresAt = new Date(need.expiresAt)
        for (const member of await organisationMembers(need.organisationId, tx)) {
          const t = await translatorForUser(member)
          const days = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS))
          const params = {
            name: member.name,
            title: need.title,
            count: days,
            link: `${appUrl()}/besoins/${need.id}/modifier`,
            interpolation: { escapeValue: false },
          }
          await queueEmail(
            {
              to: member.email,
              subject: t('emails.renewal.subject', params),
              text: t('emails.renewal.body', params),
              dedupeKey: `need-renewal:${need.id}:${expiresAt.toISOString()}:${member.id}`,
            },
            tx,
          )
          emails++
        }
      }
      return { needs: claimed.length, emails }
    },
    { timeout: 60_000 },
  )
}

/** Registered in worker-tasks.server.ts. */
export const needRenewalReminderTask = {
  name: 'need-renewal-reminders',
  everyMs: 15 * 60 * 1000,
  run: () => sendNeedRenewalReminders(),
}

/** "Mes demandes": the needs my organisations posted, open ones first, with pending answers. */
export async function listNeedsOfMyOrganisations(user: Viewer, now = new Date()) {
  const viewerOrgIds = await memberOrganisationIds(user.id)
  if (viewerOrgIds.length === 0) return []
  const rows = await prisma.need.findMany({
    where: { organisationId: { in: viewerOrgIds } },
    select: {
      id: true,
      title: true,
      status: true,
      anonymous: true,
      expiresAt: true,
      organisation: { select: { name: true } },
      _count: { select: { requests: { where: { status: 'pending' } } } },
    },
    orderBy: [{ expiresAt: 'desc' }, { id: 'asc' }],
    take: 200,
  })
  return rows
    .map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status === 'open' && !isNeedOpen(row, now) ? ('expired' as const) : row.status,
      anonymous: row.anonymous,
      expiresAt: row.expiresAt,
      organisation: row.organisation.name,
      pendingAnswers: row._count.requests,
    }))
    .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'))
}
