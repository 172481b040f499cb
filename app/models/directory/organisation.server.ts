// Organisation profiles: creation (the creator becomes owner), edits by members, the directory
// list, the profile as one viewer may see it, and admin moderation with an audit trail.
// Invitations and memberships: organisation-members.server.ts; open data:
// organisation-open-data.server.ts. Visibility rules: organisation-access.server.ts.
import { data } from '@remix-run/node'
import type { Organisation, Prisma } from '~/generated/prisma/client.ts'
import { isUniqueViolation, prisma } from '~/utils/db.server.ts'
import { DIRECTORY_PAGE_SIZE } from './constants.ts'
import type { DirectoryFilters, OrganisationInput } from './validation.server.ts'
import { slugify } from '~/utils/slug.ts'
import { haveAcceptedContact } from '~/models/needs/contact-request.server.ts'
import {
  canViewOrganisation,
  getMembership,
  memberOrganisationIds,
  requireOrganisationMember,
  visibleOrganisationsWhere,
  type Viewer,
} from './access.server.ts'

/** Path segments under /organisations that are pages, not profiles. */
export const RESERVED_SLUGS = new Set(['nouvelle', 'nouveau', 'api', 'recherche', 'carte'])

function toData(input: OrganisationInput) {
  return {
    name: input.name,
    kind: input.kind,
    subKind: input.subKind ?? null,
    pitchFr: input.pitchFr,
    pitchEn: input.pitchEn,
    descriptionFr: input.descriptionFr,
    descriptionEn: input.descriptionEn,
    regionCode: input.regionCode,
    city: input.city,
    website: input.website ?? null,
    foundedYear: input.foundedYear ?? null,
    sizeBand: input.sizeBand ?? null,
    sectorCodes: input.sectorCodes,
    technologyCodes: input.technologyCodes,
    challengeCodes: input.challengeCodes,
    languages: input.languages,
    offers: input.offers,
    seeks: input.seeks,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone ?? null,
    visibility: input.visibility,
  }
}

/** The name's slug, or the first free `slug-2`, `slug-3`…; never a reserved path segment. */
export async function availableSlug(name: string) {
  const base = slugify(name, 70) || 'organisation'
  const taken = new Set(
    (
      await prisma.organisation.findMany({
        where: { slug: { startsWith: base } },
        select: { slug: true },
      })
    ).map((row) => row.slug),
  )
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Creates the profile and makes its creator the owner, in one transaction. */
export async function createOrganisation(input: OrganisationInput, creator: { id: string }) {
  // Two people naming their organisation alike at the same moment: the loser takes the next slug.
  for (let attempt = 0; ; attempt++) {
    const slug = await availableSlug(input.name)
    try {
      return await prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.create({ data: { ...toData(input), slug } })
        await tx.membership.create({
          data: { organisationId: organisation.id, userId: creator.id, role: 'owner' },
        })
        return organisation
      })
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 4) throw error
    }
  }
}

/** Members (editors and owners) only; the slug stays the same so links keep working. */
export async function updateOrganisation(
  organisationId: string,
  input: OrganisationInput,
  actor: Viewer,
) {
  await requireOrganisationMember(organisationId, actor)
  return prisma.organisation.update({
    where: { id: organisationId },
    data: { ...toData(input), lastActiveAt: new Date() },
  })
}

export type ModerationAction = 'verify' | 'unverify' | 'unpublish' | 'republish'

/**
 * Admin moderation, each change written to the audit log in the same transaction. Returns
 * false when there was nothing to change (already verified…), in which case nothing is logged.
 */
export async function moderateOrganisation(
  organisationId: string,
  action: ModerationAction,
  actor: Viewer,
) {
  if (actor.role !== 'admin') throw data('directory:errors.adminOnly', { status: 403 })
  const now = new Date()
  const change: Record<
    ModerationAction,
    { where: Prisma.OrganisationWhereInput; data: Prisma.OrganisationUpdateManyMutationInput }
  > = {
    verify: { where: { verifiedAt: null }, data: { verifiedAt: now } },
    unverify: { where: { verifiedAt: { not: null } }, data: { verifiedAt: null } },
    unpublish: { where: { unpublishedAt: null }, data: { unpublishedAt: now } },
    republish: { where: { unpublishedAt: { not: null } }, data: { unpublishedAt: null } },
  }
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.organisation.updateMany({
      where: { id: organisationId, ...change[action].where },
      data: change[action].data,
    })
    if (count === 0) return false
    await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: `organisation.${action}`,
        targetType: 'organisation',
        targetId: organisationId,
      },
    })
    return true
  })
}

type ContactFields = 'contactEmail' | 'contactPhone'
export type ProfileWithoutContact = Omit<Organisation, ContactFields>

export interface OrganisationForViewer {
  organisation: ProfileWithoutContact
  /** Present only for its members, admins and organisations with an accepted request. */
  contact: { email: string; phone: string | null } | null
  memberRole: 'owner' | 'editor' | null
  isAdmin: boolean
  /** The viewer's other organisations (those that could ask for an introduction). */
  otherOrganisationIds: string[]
}

/** The profile as this viewer may see it, or null when it must look like it does not exist. */
export async function getOrganisationForViewer(
  slug: string,
  viewer: Viewer | null,
): Promise<OrganisationForViewer | null> {
  const found = await prisma.organisation.findUnique({ where: { slug } })
  if (!found) return null
  const viewerOrgIds = viewer ? await memberOrganisationIds(viewer.id) : []
  if (!canViewOrganisation(found, viewer, viewerOrgIds)) return null
  const { contactEmail, contactPhone, ...organisation } = found
  const membership =
    viewer && viewerOrgIds.includes(found.id) ? await getMembership(found.id, viewer.id) : null
  const memberRole = membership?.role ?? null
  const isAdmin = viewer?.role === 'admin'
  const otherOrganisationIds = viewerOrgIds.filter((id) => id !== found.id)
  const seesContact =
    memberRole !== null || isAdmin || (await haveAcceptedContact(found.id, otherOrganisationIds))
  return {
    organisation,
    contact: seesContact ? { email: contactEmail, phone: contactPhone } : null,
    memberRole,
    isAdmin,
    otherOrganisationIds,
  }
}

/**
 * For edit and member pages: the whole profile, to its members only. Null (a 404) when the
 * viewer may not even see it, a 403 when they may see it but are not a member.
 */
export async function getOrganisationForMember(
  slug: string,
  actor: Viewer,
  { role = 'editor' }: { role?: 'editor' | 'owner' } = {},
) {
  const organisation = await prisma.organisation.findUnique({ where: { slug } })
  if (!organisation) return null
  const membership = await getMembership(organisation.id, actor.id)
  if (!membership && !canViewOrganisation(organisation, actor, [])) return null
  const checked = await requireOrganisationMember(organisation.id, actor, { role })
  return { organisation, memberRole: checked!.role }
}

/** Open needs shown on a profile; anonymous ones only to the organisation's own members. */
export function openNeedsOf(organisationId: string, { includeAnonymous = false } = {}) {
  return prisma.need.findMany({
    where: {
      organisationId,
      status: 'open',
      expiresAt: { gt: new Date() },
      ...(includeAnonymous ? {} : { anonymous: false }),
    },
    select: { id: true, title: true, anonymous: true, deadline: true },
    orderBy: [{ createdAt: 'desc' }],
    take: 50,
  })
}

const LIST_SELECT = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  subKind: true,
  city: true,
  regionCode: true,
  pitchFr: true,
  pitchEn: true,
  sectorCodes: true,
  technologyCodes: true,
  challengeCodes: true,
  verifiedAt: true,
  visibility: true,
  unpublishedAt: true,
} satisfies Prisma.OrganisationSelect

export type DirectoryItem = Prisma.OrganisationGetPayload<{ select: typeof LIST_SELECT }>

function filtersWhere(filters: Omit<DirectoryFilters, 'page'>): Prisma.OrganisationWhereInput {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.region ? { regionCode: filters.region } : {}),
    ...(filters.challenge ? { challengeCodes: { has: filters.challenge } } : {}),
    ...(filters.sector ? { sectorCodes: { has: filters.sector } } : {}),
    ...(filters.technology ? { technologyCodes: { has: filters.technology } } : {}),
  }
}

/**
 * The directory: profiles this viewer may see, filtered, by name, 20 a page. A page past the
 * end shows the last one.
 */
export async function listOrganisations(
  filters: Partial<DirectoryFilters>,
  viewer: Viewer | null,
  { pageSize = DIRECTORY_PAGE_SIZE }: { pageSize?: number } = {},
) {
  const viewerOrgIds = viewer ? await memberOrganisationIds(viewer.id) : []
  const where: Prisma.OrganisationWhereInput = {
    AND: [visibleOrganisationsWhere(viewer, viewerOrgIds), filtersWhere(filters)],
  }
  const total = await prisma.organisation.count({ where })
  const pageCount = Math.ceil(total / pageSize)
  const page = Math.max(1, Math.min(filters.page ?? 1, pageCount))
  const items: DirectoryItem[] = total
    ? await prisma.organisation.findMany({
        where,
        select: LIST_SELECT,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      })
    : []
  return { items, total, page, pageCount }
}

/** For admin actions, which see every profile. */
export async function organisationIdBySlug(slug: string) {
  const found = await prisma.organisation.findUnique({ where: { slug }, select: { id: true } })
  return found?.id ?? null
}
