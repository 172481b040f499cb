// Expressions of interest (answers to a need) and introduction requests between organisations.
import { prisma } from '~/utils/db.server.ts'

/**
 * True when one of `viewerOrgIds` and `organisationId` have an accepted request between them
 * (either direction): only then does each side see the other's contact details.
 */
export async function haveAcceptedContact(organisationId: string, viewerOrgIds: string[]) {
  if (viewerOrgIds.length === 0) return false
  const accepted = await prisma.contactRequest.count({
    where: {
      status: 'accepted',
      OR: [
        { fromOrgId: organisationId, toOrgId: { in: viewerOrgIds } },
        { toOrgId: organisationId, fromOrgId: { in: viewerOrgIds } },
      ],
    },
  })
  return accepted > 0
}
