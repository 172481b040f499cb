// Who belongs to an organisation: invitations by e-mail (owners only; the link carries a
// random token, the table only its SHA-256, like password resets), acceptance by the invited
// address, role changes and removals, never leaving an organisation without an owner.
import type { MemberRole } from '~/generated/prisma/enums.ts'
import type { Prisma } from '~/generated/prisma/client.ts'
import { getFixedT } from '~/i18n.server.ts'
import { isLanguage, type Language } from '~/i18n.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { consumeRateLimits, type RateLimitRule } from '~/utils/rate-limit.server.ts'
import { generateSecretToken, hashToken } from '~/utils/session.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { queueEmail } from '~/models/mail/email.server.ts'
import { requireOrganisationMember, type Viewer } from './access.server.ts'

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000

/** Invitations send e-mail to any address: an owner may send this many an hour. */
export const INVITE_RATE_LIMIT: RateLimitRule = {
  name: 'invite:user',
  limit: 30,
  windowSeconds: 60 * 60,
}

export type InviteOutcome =
  | { ok: true; token: string; invitationId: string }
  | { ok: false; reason: 'alreadyMember' | 'rateLimited'; retryAfterSeconds?: number }

export async function inviteMember({
  organisationId,
  email,
  role,
  actor,
  language,
}: {
  organisationId: string
  email: string
  role: MemberRole
  actor: Viewer & { name: string }
  /** Used for the e-mail when the address has no account yet (else the account's language). */
  language: Language
}): Promise<InviteOutcome> {
  await requireOrganisationMember(organisationId, actor, { role: 'owner' })
  const address = email.trim().toLowerCase()
  const existing = await prisma.membership.findFirst({
    where: { organisationId, user: { email: address } },
  })
  if (existing) return { ok: false, reason: 'alreadyMember' }
  const limit = await consumeRateLimits([{ rule: INVITE_RATE_LIMIT, subject: actor.id }])
  if (!limit.allowed) {
    return { ok: false, reason: 'rateLimited', retryAfterSeconds: limit.retryAfterSeconds }
  }
  const token = generateSecretToken()
  const invitationId = hashToken(token)
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS)
  await prisma.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { name: true },
    })
    // A new invitation replaces a pending one to the same address (its old link stops working).
    await tx.orgInvitation.deleteMany({
      where: { organisationId, email: address, acceptedAt: null },
    })
    await tx.orgInvitation.create({
      data: {
        id: invitationId,
        organisationId,
        email: address,
        role,
        invitedById: actor.id,
        expiresAt,
      },
    })
    const account = await tx.user.findUnique({
      where: { email: address },
      select: { locale: true },
    })
    const mailLanguage = isLanguage(account?.locale) ? account.locale : language
    const t = await getFixedT(mailLanguage, 'directory')
    await queueEmail(
      {
        to: address,
        subject: t('invitationEmail.subject', { organisation: organisation.name }),
        text: t('invitationEmail.body', {
          inviter: actor.name,
          organisation: organisation.name,
          role: t(`roles.${role}`),
          link: `${appUrl()}/invitations/${token}`,
          expires: formatDate(expiresAt, mailLanguage),
        }),
      },
      tx,
    )
  })
  return { ok: true, token, invitationId }
}

export type InvitationState = 'valid' | 'expired' | 'used'

export async function findInvitationByToken(token: string) {
  const invitation = await prisma.orgInvitation.findUnique({
    where: { id: hashToken(token) },
    include: { organisation: { select: { id: true, name: true, slug: true } } },
  })
  if (!invitation) return null
  const state: InvitationState = invitation.acceptedAt
    ? 'used'
    : invitation.expiresAt.getTime() <= Date.now()
      ? 'expired'
      : 'valid'
  return { invitation, state }
}

export type AcceptOutcome =
  | { ok: true; organisation: { id: string; slug: string; name: string } }
  | { ok: false; reason: 'notFound' | 'expired' | 'used' | 'wrongEmail' }

/**
 * Accepts an invitation (by its stored id, the token's hash) for the signed-in person, who must
 * use the invited address. Single use: the first acceptance burns it.
 */
export async function acceptInvitation(
  invitationId: string,
  user: { id: string; email: string },
): Promise<AcceptOutcome> {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.orgInvitation.findUnique({
      where: { id: invitationId },
      include: { organisation: { select: { id: true, name: true, slug: true } } },
    })
    if (!invitation) return { ok: false, reason: 'notFound' }
    if (invitation.acceptedAt) return { ok: false, reason: 'used' }
    if (invitation.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' }
    if (invitation.email !== user.email.trim().toLowerCase()) {
      return { ok: false, reason: 'wrongEmail' }
    }
    const { count } = await tx.orgInvitation.updateMany({
      where: { id: invitationId, acceptedAt: null },
      data: { acceptedAt: new Date() },
    })
    if (count === 0) return { ok: false, reason: 'used' }
    const key = { organisationId: invitation.organisationId, userId: user.id }
    const current = await tx.membership.findUnique({ where: { organisationId_userId: key } })
    if (!current) {
      await tx.membership.create({ data: { ...key, role: invitation.role } })
    } else if (invitation.role === 'owner' && current.role !== 'owner') {
      await tx.membership.update({ where: { organisationId_userId: key }, data: { role: 'owner' } })
    }
    return { ok: true, organisation: invitation.organisation }
  })
}

export function acceptInvitationToken(token: string, user: { id: string; email: string }) {
  return acceptInvitation(hashToken(token), user)
}

/** The invited person says no: the invitation disappears. */
export async function declineInvitation(invitationId: string, user: { email: string }) {
  const { count } = await prisma.orgInvitation.deleteMany({
    where: { id: invitationId, email: user.email.trim().toLowerCase(), acceptedAt: null },
  })
  return count > 0
}

export async function revokeInvitation(
  organisationId: string,
  invitationId: string,
  actor: Viewer,
) {
  await requireOrganisationMember(organisationId, actor, { role: 'owner' })
  const { count } = await prisma.orgInvitation.deleteMany({
    where: { id: invitationId, organisationId, acceptedAt: null },
  })
  return count > 0
}

/** Serialises membership changes of one organisation (row lock) so two owners cannot both go. */
async function lockOrganisation(tx: Prisma.TransactionClient, organisationId: string) {
  await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${organisationId} FOR UPDATE`
}

export type MembershipChangeOutcome =
  { ok: true } | { ok: false; reason: 'lastOwner' | 'memberNotFound' }

export async function changeMemberRole(
  organisationId: string,
  userId: string,
  role: MemberRole,
  actor: Viewer,
): Promise<MembershipChangeOutcome> {
  await requireOrganisationMember(organisationId, actor, { role: 'owner' })
  return prisma.$transaction(async (tx) => {
    await lockOrganisation(tx, organisationId)
    const key = { organisationId_userId: { organisationId, userId } }
    const target = await tx.membership.findUnique({ where: key })
    if (!target) return { ok: false, reason: 'memberNotFound' }
    if (target.role === 'owner' && role !== 'owner') {
      const owners = await tx.membership.count({ where: { organisationId, role: 'owner' } })
      if (owners <= 1) return { ok: false, reason: 'lastOwner' }
    }
    await tx.membership.update({ where: key, data: { role } })
    return { ok: true }
  })
}

/** Owners remove anyone; any member may leave. The last owner can do neither to themself. */
export async function removeMember(
  organisationId: string,
  userId: string,
  actor: Viewer,
): Promise<MembershipChangeOutcome> {
  await requireOrganisationMember(organisationId, actor, {
    role: userId === actor.id ? 'editor' : 'owner',
  })
  return prisma.$transaction(async (tx) => {
    await lockOrganisation(tx, organisationId)
    const key = { organisationId_userId: { organisationId, userId } }
    const target = await tx.membership.findUnique({ where: key })
    if (!target) return { ok: false, reason: 'memberNotFound' }
    if (target.role === 'owner') {
      const owners = await tx.membership.count({ where: { organisationId, role: 'owner' } })
      if (owners <= 1) return { ok: false, reason: 'lastOwner' }
    }
    await tx.membership.delete({ where: key })
    return { ok: true }
  })
}

/** Members and pending invitations, for the members page (members only). */
export async function listMembers(organisationId: string) {
  const [members, invitations] = await Promise.all([
    prisma.membership.findMany({
      where: { organisationId },
      select: {
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true } },
      },
      orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
    }),
    prisma.orgInvitation.findMany({
      where: { organisationId, acceptedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, expiresAt: true },
      orderBy: { createdAt: 'asc' },
    }),
  ])
  return { members, invitations }
}

export function myOrganisations(userId: string) {
  return prisma.membership.findMany({
    where: { userId },
    select: {
      role: true,
      organisation: {
        select: {
          id: true,
          slug: true,
          name: true,
          kind: true,
          visibility: true,
          verifiedAt: true,
          unpublishedAt: true,
        },
      },
    },
    orderBy: { organisation: { name: 'asc' } },
  })
}

export function pendingInvitationsFor(email: string) {
  return prisma.orgInvitation.findMany({
    where: { email: email.trim().toLowerCase(), acceptedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      role: true,
      expiresAt: true,
      organisation: { select: { name: true, slug: true } },
    },
    orderBy: { createdAt: 'desc' },
  })
}
