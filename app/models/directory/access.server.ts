// Who may see and change an organisation. Every route and model goes through these rules, so
// that a draft or unpublished profile never leaks and only members edit.
import { data } from '@remix-run/node'
import type { Prisma } from '~/generated/prisma/client.ts'
import type { MemberRole, Role } from '~/generated/prisma/enums.ts'
import { prisma } from '~/utils/db.server.ts'

export interface Viewer {
  id: string
  role: Role
}

export function getMembership(organisationId: string, userId: string) {
  return prisma.membership.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
  })
}

/** Organisations the viewer belongs to (ids), for visibility checks in lists. */
export async function memberOrganisationIds(userId: string) {
  const rows = await prisma.membership.findMany({
    where: { userId },
    select: { organisationId: true },
  })
  return rows.map((row) => row.organisationId)
}

type VisibilityFields = {
  id: string
  visibility: 'draft' | 'members' | 'public'
  unpublishedAt: Date | null
}

/**
 * public → everyone; members → signed-in people; draft or unpublished by an admin → its own
 * members and admins only.
 */
export function canViewOrganisation(
  organisation: VisibilityFields,
  viewer: Viewer | null,
  viewerOrgIds: string[] = [],
) {
  if (viewer?.role === 'admin' || viewerOrgIds.includes(organisation.id)) return true
  if (organisation.unpublishedAt) return false
  if (organisation.visibility === 'public') return true
  return organisation.visibility === 'members' && viewer !== null
}

/** The same rule as a Prisma filter, for lists. */
export function visibleOrganisationsWhere(
  viewer: Viewer | null,
  viewerOrgIds: string[] = [],
): Prisma.OrganisationWhereInput {
  if (viewer?.role === 'admin') return {}
  const published: Prisma.OrganisationWhereInput = {
    unpublishedAt: null,
    visibility: viewer ? { in: ['public', 'members'] } : 'public',
  }
  return viewerOrgIds.length ? { OR: [published, { id: { in: viewerOrgIds } }] } : published
}

/** Throws a 403 unless the user is a member (with at least `role`) of the organisation. */
export async function requireOrganisationMember(
  organisationId: string,
  user: Viewer,
  { role = 'editor', allowAdmin = false }: { role?: MemberRole; allowAdmin?: boolean } = {},
) {
  const membership = await getMembership(organisationId, user.id)
  if (allowAdmin && user.role === 'admin') return membership
  if (!membership || (role === 'owner' && membership.role !== 'owner')) {
    throw data('directory:errors.notMember', { status: 403 })
  }
  return membership
}
