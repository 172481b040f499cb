import type { Prisma } from '~/generated/prisma/client.ts'
import type { Language } from '~/i18n.ts'
import { isUniqueViolation, prisma } from '~/utils/db.server.ts'
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password.server.ts'
import { generateSecretToken, hashToken } from '~/utils/session.server.ts'

export class EmailTakenError extends Error {}

export async function createUser(input: {
  name: string
  email: string
  password: string
  locale?: Language
}) {
  const passwordHash = await hashPassword(input.password)
  try {
    return await prisma.user.create({
      data: {
        name: input.name,
        email: input.email.trim().toLowerCase(),
        passwordHash,
        locale: input.locale ?? 'fr',
      },
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError(input.email)
    throw error
  }
}

/** The user when the password is right; null otherwise, in the same time either way. */
export async function verifyCredentials(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } })
  if (!user) return verifyAgainstDecoy(password).then(() => null)
  return (await verifyPassword(user.passwordHash, password)) ? user : null
}

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000

/** Creates a single-use reset token for the address, or null when no account has it. */
export async function createPasswordResetToken(email: string, tx: Prisma.TransactionClient) {
  const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } })
  if (!user) return null
  const token = generateSecretToken()
  await tx.passwordResetToken.create({
    data: {
      id: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS),
    },
  })
  return { token, user }
}

export async function findValidResetToken(token: string) {
  const reset = await prisma.passwordResetToken.findUnique({ where: { id: hashToken(token) } })
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) return null
  return reset
}

/**
 * Sets the new password and burns the token in one statement sequence; signs the account
 * out everywhere (whoever had the old password loses access). Null if the token is not valid.
 */
export async function resetPassword(token: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword)
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    })
    if (count === 0) return null
    const { userId } = await tx.passwordResetToken.findUniqueOrThrow({
      where: { id: hashToken(token) },
    })
    await tx.session.deleteMany({ where: { userId } })
    return tx.user.update({ where: { id: userId }, data: { passwordHash } })
  })
}

export function listSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      userAgent: true,
      ipAddress: true,
    },
  })
}

/** Everything Passerelle holds about a person (GDPR art. 15 & 20), secrets left out. */
export async function exportUserData(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      createdAt: true,
      updatedAt: true,
      sessions: {
        select: {
          createdAt: true,
          lastSeenAt: true,
          expiresAt: true,
          userAgent: true,
          ipAddress: true,
        },
      },
      memberships: {
        select: {
          role: true,
          createdAt: true,
          organisation: { select: { name: true, slug: true, visibility: true } },
        },
      },
      registrations: {
        select: {
          status: true,
          createdAt: true,
          confirmedAt: true,
          cancelledAt: true,
          checkedInAt: true,
          event: { select: { title: true, slug: true, startsAt: true } },
        },
      },
    },
  })
  const [contactRequests, meetingRequests] = await Promise.all([
    prisma.contactRequest.findMany({
      where: { createdById: userId },
      select: {
        kind: true,
        message: true,
        status: true,
        createdAt: true,
        respondedAt: true,
        toOrg: { select: { name: true } },
      },
    }),
    prisma.meetingRequest.findMany({
      where: { OR: [{ requesterId: userId }, { recipientId: userId }] },
      select: { priority: true, message: true, status: true, createdAt: true, requesterId: true },
    }),
  ])
  return {
    exportedAt: new Date().toISOString(),
    user,
    contactRequests,
    meetingRequests: meetingRequests.map(({ requesterId, ...request }) => ({
      ...request,
      sentByMe: requesterId === userId,
    })),
  }
}

export async function deleteUser(userId: string) {
  await prisma.user.delete({ where: { id: userId } })
}

export async function setUserLocale(userId: string, locale: Language) {
  await prisma.user.update({ where: { id: userId }, data: { locale } })
}
