// Expressions of interest (answers to a need) and introduction requests between organisations.
//
// Rules:
// - A member of an organisation sends on its behalf; never to an organisation they belong to.
// - One pending request per (sender, recipient, need): the database enforces it too
//   (partial unique index), so two clicks at once still make one request.
// - Only the recipient's members accept or decline; the sender's members may withdraw while
//   the request is pending. Nobody else sees a request (404).
// - Contact details (organisation e-mail and phone, the people involved) are shown and e-mailed
//   only once a request between the two organisations has been accepted.
// - An anonymous need's poster stays hidden from the sender's side until the poster accepts
//   one of its requests for that need: pages, lists and e-mails use the anonymous description.
import { data } from '@remix-run/node'
import type { Prisma } from '~/generated/prisma/client.ts'
import type { ContactRequestKind, ContactRequestStatus } from '~/generated/prisma/enums.ts'
import { isUniqueViolation, prisma } from '~/utils/db.server.ts'
import { presentPoster, type NeedPoster } from './display.ts'
import { consumeRateLimits, type RateLimitRule } from '~/utils/rate-limit.server.ts'
import { mailAcceptance, mailCreation, mailDecline } from './contact-request-mail.server.ts'
import {
  canViewOrganisation,
  memberOrganisationIds,
  requireOrganisationMember,
  type Viewer,
} from '~/models/directory/access.server.ts'

type Tx = Prisma.TransactionClient

/** Requests a person may send per hour (all organisations together): enough for real use. */
export const CONTACT_REQUESTS_PER_HOUR: RateLimitRule = {
  name: 'contact-request:user',
  limit: 30,
  windowSeconds: 60 * 60,
}

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

/** Needs (among `needIds`) whose poster accepted an answer from one of `viewerOrgIds`. */
export async function revealedNeedIds(needIds: string[], viewerOrgIds: string[]) {
  if (needIds.length === 0 || viewerOrgIds.length === 0) return new Set<string>()
  const rows = await prisma.contactRequest.findMany({
    where: { needId: { in: needIds }, fromOrgId: { in: viewerOrgIds }, status: 'accepted' },
    select: { needId: true },
  })
  return new Set(rows.map((row) => row.needId!))
}

const posterSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  subKind: true,
} satisfies Prisma.OrganisationSelect

export type RequestFailure = { ok: false; status: 400 | 409 | 429; error: string }

function fail(status: RequestFailure['status'], error: string): RequestFailure {
  return { ok: false, status, error }
}

const notFound = () => data('needs:errors.requestNotFound', { status: 404 })

/**
 * Sends an answer to a need (`needId`) or an introduction request (`toOrgId`) on behalf of
 * `fromOrgId`. Throws 404 when the target is not visible to the user, 403 when the user is not
 * a member of `fromOrgId`; returns a failure for the other refusals.
 */
export async function createContactRequest(
  input: {
    kind: ContactRequestKind
    fromOrgId: string
    message: string
    needId?: string
    toOrgId?: string
  },
  user: Viewer,
  now = new Date(),
): Promise<{ ok: true; requestId: string } | RequestFailure> {
  const viewerOrgIds = await memberOrganisationIds(user.id)
  let toOrgId: string
  let need: { id: string; title: string } | null = null
  if (input.kind === 'need_response') {
    const found = await prisma.need.findUnique({
      where: { id: input.needId ?? '' },
      include: { organisation: { select: { id: true, visibility: true, unpublishedAt: true } } },
    })
    if (!found || !canViewOrganisation(found.organisation, user, viewerOrgIds)) {
      throw data('needs:errors.notFound', { status: 404 })
    }
    toOrgId = found.organisationId
    need = { id: found.id, title: found.title }
    if (viewerOrgIds.includes(toOrgId)) return fail(400, 'needs:errors.ownOrganisation')
    if (found.status !== 'open' || found.expiresAt <= now)
      return fail(409, 'needs:errors.needClosed')
  } else {
    const target = await prisma.organisation.findUnique({
      where: { id: input.toOrgId ?? '' },
      select: { id: true, visibility: true, unpublishedAt: true },
    })
    if (!target || !canViewOrganisation(target, user, viewerOrgIds)) {
      throw data('needs:errors.organisationNotFound', { status: 404 })
    }
    toOrgId = target.id
    if (viewerOrgIds.includes(toOrgId)) return fail(400, 'needs:errors.ownOrganisation')
  }
  await requireOrganisationMember(input.fromOrgId, user)

  const duplicate = await prisma.contactRequest.findFirst({
    where: { fromOrgId: input.fromOrgId, toOrgId, needId: need?.id ?? null, status: 'pending' },
    select: { id: true },
  })
  if (duplicate) return fail(409, 'needs:errors.duplicateRequest')

  const limit = await consumeRateLimits([{ rule: CONTACT_REQUESTS_PER_HOUR, subject: user.id }])
  if (!limit.allowed) return fail(429, 'needs:errors.rateLimited')

  try {
    const request = await prisma.$transaction(async (tx) => {
      const created = await tx.contactRequest.create({
        data: {
          kind: input.kind,
          fromOrgId: input.fromOrgId,
          toOrgId,
          needId: need?.id ?? null,
          message: input.message,
          createdById: user.id,
          createdAt: now,
        },
        include: { fromOrg: { select: { name: true } } },
      })
      await mailCreation(tx, {
        id: created.id,
        toOrgId,
        fromOrgName: created.fromOrg.name,
        needTitle: need?.title ?? null,
        message: input.message,
      })
      return created
    })
    return { ok: true, requestId: request.id }
  } catch (error) {
    if (isUniqueViolation(error)) return fail(409, 'needs:errors.duplicateRequest')
    throw error
  }
}

const contactSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  subKind: true,
  contactEmail: true,
  contactPhone: true,
} satisfies Prisma.OrganisationSelect

async function loadRequest(requestId: string, db: Pick<Tx, 'contactRequest'> = prisma) {
  return db.contactRequest.findUnique({
    where: { id: requestId },
    include: {
      fromOrg: { select: contactSelect },
      toOrg: { select: contactSelect },
      need: { select: { id: true, title: true, anonymous: true, regionCode: true } },
    },
  })
}

async function userContact(userId: string | null, db: Pick<Tx, 'user'> = prisma) {
  if (!userId) return null
  return db.user.findUnique({ where: { id: userId }, select: { name: true, email: true } })
}

/**
 * The recipient's decision. 404 for people outside both organisations, 403 for the sender's
 * side; a request that is no longer pending is a 409 failure.
 */
export async function decideContactRequest(
  requestId: string,
  decision: 'accept' | 'decline',
  user: Viewer,
  { note, now = new Date() }: { note?: string; now?: Date } = {},
): Promise<{ ok: true } | RequestFailure> {
  const request = await loadRequest(requestId)
  if (!request) throw notFound()
  const viewerOrgIds = await memberOrganisationIds(user.id)
  if (!viewerOrgIds.includes(request.toOrgId)) {
    if (viewerOrgIds.includes(request.fromOrgId)) {
      throw data('needs:errors.onlyRecipientDecides', { status: 403 })
    }
    throw notFound()
  }
  const status: ContactRequestStatus = decision === 'accept' ? 'accepted' : 'declined'
  const responseNote = note?.trim() ? note.trim() : null
  const outcome = await prisma.$transaction(async (tx) => {
    const { count } = await tx.contactRequest.updateMany({
      where: { id: requestId, status: 'pending' },
      data: { status, respondedById: user.id, responseNote, respondedAt: now },
    })
    if (count === 0) return fail(409, 'needs:errors.alreadyAnswered')
    if (status === 'accepted') {
      const responder = (await userContact(user.id, tx))!
      const sender = await userContact(request.createdById, tx)
      await mailAcceptance(tx, request, { responder, sender, note: responseNote })
    } else {
      await mailDecline(tx, request, { note: responseNote })
    }
    return { ok: true as const }
  })
  return outcome
}

/** The sender's side withdraws a pending request. */
export async function withdrawContactRequest(
  requestId: string,
  user: Viewer,
  now = new Date(),
): Promise<{ ok: true } | RequestFailure> {
  const request = await prisma.contactRequest.findUnique({
    where: { id: requestId },
    select: { fromOrgId: true, toOrgId: true },
  })
  if (!request) throw notFound()
  const viewerOrgIds = await memberOrganisationIds(user.id)
  if (!viewerOrgIds.includes(request.fromOrgId)) {
    if (viewerOrgIds.includes(request.toOrgId)) {
      throw data('needs:errors.onlySenderWithdraws', { status: 403 })
    }
    throw notFound()
  }
  const { count } = await prisma.contactRequest.updateMany({
    where: { id: requestId, status: 'pending' },
    data: { status: 'withdrawn', respondedAt: now },
  })
  return count === 0 ? fail(409, 'needs:errors.alreadyAnswered') : { ok: true }
}

type Counterpart = NeedPoster & { regionCode?: string | null }
type Person = { name: string; email: string }

/** Requests whose recipient the viewer may not name yet (answers to an unrevealed anonymous need). */
async function hiddenRecipientNeedIds(
  requests: Array<{ needId: string | null; toOrgId: string; need: { anonymous: boolean } | null }>,
  viewerOrgIds: string[],
) {
  const candidates = [
    ...new Set(
      requests
        .filter((r) => r.need?.anonymous && !viewerOrgIds.includes(r.toOrgId))
        .map((r) => r.needId!),
    ),
  ]
  const revealed = await revealedNeedIds(candidates, viewerOrgIds)
  return new Set(candidates.filter((id) => !revealed.has(id)))
}

/**
 * One request as its viewer may see it, with the history between the two organisations. 404 for
 * anyone who is not a member of either organisation (admins included: it is their business).
 */
export async function getContactRequestPage(requestId: string, user: Viewer) {
  const request = await loadRequest(requestId)
  if (!request) throw notFound()
  const viewerOrgIds = await memberOrganisationIds(user.id)
  const side = viewerOrgIds.includes(request.toOrgId)
    ? ('recipient' as const)
    : viewerOrgIds.includes(request.fromOrgId)
      ? ('sender' as const)
      : null
  if (!side) throw notFound()

  const between = await prisma.contactRequest.findMany({
    where: {
      OR: [
        { fromOrgId: request.fromOrgId, toOrgId: request.toOrgId },
        { fromOrgId: request.toOrgId, toOrgId: request.fromOrgId },
      ],
    },
    include: { need: { select: { id: true, title: true, anonymous: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  })
  const hiddenNeeds = await hiddenRecipientNeedIds([request, ...between], viewerOrgIds)
  const masked = Boolean(request.needId && hiddenNeeds.has(request.needId))
  // While the recipient is masked, other requests between the two would give its name away;
  // answers to other anonymous needs the viewer may not name are left out likewise.
  const history = between
    .filter((row) =>
      masked ? row.needId === request.needId : !(row.needId && hiddenNeeds.has(row.needId)),
    )
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      direction: viewerOrgIds.includes(row.fromOrgId) ? ('sent' as const) : ('received' as const),
      needTitle: row.need?.title ?? null,
      createdAt: row.createdAt,
      respondedAt: row.respondedAt,
      current: row.id === request.id,
    }))

  const ownOrg = side === 'recipient' ? request.toOrg : request.fromOrg
  const otherOrg = side === 'recipient' ? request.fromOrg : request.toOrg
  const showContacts = !masked && (await haveAcceptedContact(otherOrg.id, [ownOrg.id]))
  let person: Person | null = null
  if (showContacts && request.status === 'accepted') {
    person = await userContact(side === 'recipient' ? request.createdById : request.respondedById)
  }
  const toOrg: Counterpart = masked
    ? {
        ...presentPoster(request.toOrg, true),
        regionCode: request.need?.regionCode ?? null,
      }
    : presentPoster(request.toOrg, false)
  return {
    request: {
      id: request.id,
      kind: request.kind,
      status: request.status,
      message: request.message,
      responseNote: request.responseNote,
      createdAt: request.createdAt,
      respondedAt: request.respondedAt,
      need: request.need ? { id: request.need.id, title: request.need.title } : null,
    },
    side,
    fromOrg: presentPoster(request.fromOrg, false),
    toOrg,
    history,
    contacts: showContacts
      ? {
          organisation: {
            name: otherOrg.name,
            slug: otherOrg.slug,
            contactEmail: otherOrg.contactEmail,
            contactPhone: otherOrg.contactPhone,
          },
          person,
        }
      : null,
    canDecide: side === 'recipient' && request.status === 'pending',
    canWithdraw: side === 'sender' && request.status === 'pending',
  }
}

export type ContactRequestPage = Awaited<ReturnType<typeof getContactRequestPage>>

const LIST_LIMIT = 200

/** "Mes demandes": requests received by my organisations (pending first) and sent by them. */
export async function listRequestsForUser(user: Viewer) {
  const viewerOrgIds = await memberOrganisationIds(user.id)
  if (viewerOrgIds.length === 0) return { received: [], sent: [], organisationCount: 0 }
  const include = {
    fromOrg: { select: posterSelect },
    toOrg: { select: posterSelect },
    need: { select: { id: true, title: true, anonymous: true, regionCode: true } },
  } satisfies Prisma.ContactRequestInclude
  const [receivedRows, sentRows] = await Promise.all([
    prisma.contactRequest.findMany({
      where: { toOrgId: { in: viewerOrgIds } },
      include,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: LIST_LIMIT,
    }),
    prisma.contactRequest.findMany({
      where: { fromOrgId: { in: viewerOrgIds }, toOrgId: { notIn: viewerOrgIds } },
      include,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: LIST_LIMIT,
    }),
  ])
  const hiddenNeeds = await hiddenRecipientNeedIds(sentRows, viewerOrgIds)
  const pendingFirst = (a: { status: string }, b: { status: string }) =>
    Number(b.status === 'pending') - Number(a.status === 'pending')
  const base = (row: (typeof sentRows)[number]) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    needTitle: row.need?.title ?? null,
    createdAt: row.createdAt,
    respondedAt: row.respondedAt,
  })
  return {
    organisationCount: viewerOrgIds.length,
    received: receivedRows.sort(pendingFirst).map((row) => ({
      ...base(row),
      ownOrg: row.toOrg.name,
      counterpart: presentPoster(row.fromOrg, false) as Counterpart,
    })),
    sent: sentRows.map((row) => {
      const hidden = Boolean(row.needId && hiddenNeeds.has(row.needId))
      return {
        ...base(row),
        ownOrg: row.fromOrg.name,
        counterpart: (hidden
          ? { ...presentPoster(row.toOrg, true), regionCode: row.need?.regionCode ?? null }
          : presentPoster(row.toOrg, false)) as Counterpart,
      }
    }),
  }
}

/**
 * The organisation an introduction is asked to, as `/organisations/:slug/mise-en-relation` shows
 * it: 404 when its profile is hidden from the user; `own` when the user belongs to it.
 */
export async function getIntroductionTarget(slug: string, user: Viewer) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, visibility: true, unpublishedAt: true },
  })
  const viewerOrgIds = await memberOrganisationIds(user.id)
  if (!organisation || !canViewOrganisation(organisation, user, viewerOrgIds)) {
    throw data('needs:errors.organisationNotFound', { status: 404 })
  }
  const own = viewerOrgIds.includes(organisation.id)
  const pending = own
    ? []
    : await prisma.contactRequest.findMany({
        where: {
          toOrgId: organisation.id,
          fromOrgId: { in: viewerOrgIds },
          needId: null,
          status: 'pending',
        },
        select: { id: true, fromOrgId: true },
      })
  const pendingBySender = new Map(pending.map((row) => [row.fromOrgId, row.id]))
  const senders = own
    ? []
    : (
        await prisma.organisation.findMany({
          where: { id: { in: viewerOrgIds } },
          select: { id: true, name: true },
          orderBy: { name: 'asc' },
        })
      ).map((org) => ({ ...org, pendingRequestId: pendingBySender.get(org.id) ?? null }))
  return {
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    own,
    senders,
    connected: !own && (await haveAcceptedContact(organisation.id, viewerOrgIds)),
  }
}
