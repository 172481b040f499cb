// Meetups: their life (draft → published → cancelled), the
// public list, and what a change means for the people registered (invites, waitlist).
import { randomBytes, randomUUID } from 'node:crypto'
import { data } from '@remix-run/node'
import type { Event, Prisma, Registration } from '~/generated/prisma/client.ts'
import { prisma } from '~/utils/db.server.ts'
import type { EventInput, EventListQuery } from './validation.server.ts'
import { queueEventEmail } from './emails.server.ts'
import { releaseParticipantMeetings } from '~/models/meetings/meetings.server.ts'
import { getMembership, type Viewer } from '~/models/directory/access.server.ts'
import {
  isEventOrganizer,
  requireEventCreator,
  requireEventOrganizer,
  type EventViewer,
} from './access.server.ts'
import { fillSeatsFromWaitlist, lockEvent, REGISTRATION_TX } from './registration.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'

export const EVENTS_PER_PAGE = 12
const RESERVED_SLUGS = new Set(['nouveau'])

export function getEventBySlug(slug: string) {
  return prisma.event.findUnique({ where: { slug } })
}

export type RegistrationWindow = 'open' | 'draft' | 'cancelled' | 'started' | 'deadlinePassed'

export function registrationWindow(event: Event, now = new Date()): RegistrationWindow {
  if (event.status === 'draft') return 'draft'
  if (event.status === 'cancelled') return 'cancelled'
  if (event.startsAt <= now) return 'started'
  if (event.registrationDeadline && now > event.registrationDeadline) return 'deadlinePassed'
  return 'open'
}

/**
 * An event as one person sees it: null when it does not exist or is a draft they do not
 * organise. Includes their registration and whether they manage it.
 */
export async function getEventForViewer(slug: string, viewer: EventViewer) {
  const event = await getEventBySlug(slug)
  if (!event) return null
  const canManage = isEventOrganizer(event, viewer)
  if (event.status === 'draft' && !canManage) return null
  const [registration, organisation] = await Promise.all([
    viewer
      ? prisma.registration.findUnique({
          where: { eventId_userId: { eventId: event.id, userId: viewer.id } },
        })
      : null,
    event.organisationId
      ? prisma.organisation.findUnique({
          where: { id: event.organisationId },
          select: { id: true, slug: true, name: true, visibility: true, unpublishedAt: true },
        })
      : null,
  ])
  return {
    event,
    registration,
    organisation,
    canManage,
    seatsLeft: Math.max(0, event.capacity - event.confirmedCount),
  }
}

/** The event behind a management page: 404 when unknown, 403 unless the viewer organises it. */
export async function requireManagedEvent(slug: string, viewer: EventViewer) {
  const event = await getEventBySlug(slug)
  if (!event) throw data('events:errors.notFound', { status: 404 })
  requireEventOrganizer(event, viewer)
  return event
}

// ─── Writing ────────────────────────────────────────────────────────────────

export type FieldErrors = Record<string, string[]>

/** Checks what the form cannot: taxonomy codes, and that the organisation is one of the actor's. */
async function checkReferences(
  input: EventInput,
  actor: Viewer,
  currentOrganisationId: string | null = null,
): Promise<FieldErrors | null> {
  const errors: FieldErrors = {}
  const taxonomy = await getTaxonomy()
  const challengeCodes = new Set(taxonomy.ofKind('challenge').map((entry) => entry.code))
  if (input.challengeCodes.some((code) => !challengeCodes.has(code))) {
    errors.challengeCodes = ['events:errors.tagInvalid']
  }
  if (input.regionCode && taxonomy.byCode.get(input.regionCode)?.kind !== 'region') {
    errors.regionCode = ['events:errors.regionInvalid']
  }
  if (
    input.organisationId &&
    input.organisationId !== currentOrganisationId &&
    !(await getMembership(input.organisationId, actor.id))
  ) {
    errors.organisationId = ['events:errors.organisationInvalid']
  }
  return Object.keys(errors).length ? errors : null
}

function slugify(value: string) {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 70)
    .replace(/-$/, '')
}

async function freeSlug(title: string) {
  const base = slugify(title) || 'evenement'
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString('hex')}`
    if (RESERVED_SLUGS.has(slug)) continue
    if (!(await prisma.event.findUnique({ where: { slug }, select: { id: true } }))) return slug
  }
  return `${base}-${randomBytes(6).toString('hex')}`
}

export type EventWriteOutcome = { ok: true; event: Event } | { ok: false; errors: FieldErrors }

export async function createEvent(
  input: EventInput,
  actor: Viewer,
  { publish = false }: { publish?: boolean } = {},
): Promise<EventWriteOutcome> {
  requireEventCreator(actor)
  const errors = await checkReferences(input, actor)
  if (errors) return { ok: false, errors }
  const event = await prisma.event.create({
    data: {
      ...input,
      slug: await freeSlug(input.title),
      status: publish ? 'published' : 'draft',
      createdById: actor.id,
    },
  })
  return { ok: true, event }
}

const TIME_AND_PLACE = [
  'startsAt',
  'endsAt',
  'timeZone',
  'venueName',
  'venueAddress',
  'onlineUrl',
] as const
const CALENDAR_TEXT = ['title', 'titleEn', 'descriptionFr', 'descriptionEn'] as const

function differs(a: unknown, b: unknown) {
  if (a instanceof Date && b instanceof Date) return a.getTime() !== b.getTime()
  return (a ?? null) !== (b ?? null)
}

export type EventUpdateOutcome =
  | {
      ok: true
      event: Event
      timeOrPlaceChanged: boolean
      invitesSent: number
      promoted: Registration[]
    }
  | { ok: false; errors: FieldErrors }

/**
 * Saves the organizer's changes. A change of time or place sends every confirmed person an
 * updated invite (same UID, higher SEQUENCE); more seats go to the waitlist; fewer seats than
 * people already confirmed is refused.
 */
export async function updateEvent(
  eventId: string,
  input: EventInput,
  actor: Viewer,
  { now = new Date() }: { now?: Date } = {},
): Promise<EventUpdateOutcome> {
  const before = await prisma.event.findUnique({ where: { id: eventId } })
  if (!before) throw data('events:errors.notFound', { status: 404 })
  requireEventOrganizer(before, actor)
  const errors = await checkReferences(input, actor, before.organisationId)
  if (errors) return { ok: false, errors }

  return prisma.$transaction(async (tx): Promise<EventUpdateOutcome> => {
    const locked = (await lockEvent(tx, eventId))!
    if (input.capacity < locked.confirmedCount) {
      return { ok: false, errors: { capacity: ['events:errors.capacityBelowConfirmed'] } }
    }
    const timeOrPlaceChanged = TIME_AND_PLACE.some((field) => differs(locked[field], input[field]))
    const calendarChanged =
      timeOrPlaceChanged || CALENDAR_TEXT.some((field) => differs(locked[field], input[field]))
    const announced = locked.status !== 'draft'
    const event = await tx.event.update({
      where: { id: eventId },
      data: {
        ...input,
        sequence: announced && calendarChanged ? { increment: 1 } : undefined,
      },
    })
    let invitesSent = 0
    if (announced && timeOrPlaceChanged && event.status === 'published') {
      const confirmed = await tx.registration.findMany({
        where: { eventId, status: 'confirmed' },
        orderBy: { confirmedAt: 'asc' },
      })
      for (const registration of confirmed) {
        await queueEventEmail(tx, 'changed', event, registration)
        invitesSent++
      }
    }
    const promoted =
      input.capacity > locked.capacity ? await fillSeatsFromWaitlist(tx, eventId, now) : []
    const saved = await tx.event.findUniqueOrThrow({ where: { id: eventId } })
    return { ok: true, event: saved, timeOrPlaceChanged, invitesSent, promoted }
  }, REGISTRATION_TX)
}

export async function publishEvent(eventId: string, actor: Viewer) {
  const event = await prisma.event.findUnique({ where: { id: eventId } })
  if (!event) throw data('events:errors.notFound', { status: 404 })
  requireEventOrganizer(event, actor)
  const { count } = await prisma.event.updateMany({
    where: { id: eventId, status: 'draft' },
    data: { status: 'published' },
  })
  return count === 1
}

/** Only a draft is deleted; a published event is cancelled instead (people were told). */
export async function deleteDraftEvent(eventId: string, actor: Viewer) {
  const event = await prisma.event.findUnique({ where: { id: eventId } })
  if (!event) throw data('events:errors.notFound', { status: 404 })
  requireEventOrganizer(event, actor)
  const { count } = await prisma.event.deleteMany({ where: { id: eventId, status: 'draft' } })
  return count === 1
}

/** Cancels a published event: everyone registered is told, seat holders get an iTIP CANCEL. */
export async function cancelEvent(
  eventId: string,
  actor: Viewer,
  { now = new Date() }: { now?: Date } = {},
) {
  const before = await prisma.event.findUnique({ where: { id: eventId } })
  if (!before) throw data('events:errors.notFound', { status: 404 })
  requireEventOrganizer(before, actor)
  return prisma.$transaction(async (tx) => {
    const locked = (await lockEvent(tx, eventId))!
    if (locked.status !== 'published') return { ok: false as const, notified: 0 }
    const event = await tx.event.update({
      where: { id: eventId },
      data: { status: 'cancelled', cancelledAt: now, sequence: { increment: 1 } },
    })
    const registrations = await tx.registration.findMany({
      where: { eventId, status: { in: ['confirmed', 'waitlisted', 'pending_approval'] } },
    })
    for (const registration of registrations) {
      await queueEventEmail(tx, 'eventCancelled', event, registration, {
        previousStatus: registration.status,
      })
      if (registration.status === 'confirmed') {
        await releaseParticipantMeetings(tx, eventId, registration.userId)
      }
    }
    return { ok: true as const, notified: registrations.length }
  }, REGISTRATION_TX)
}

// ─── Lists ──────────────────────────────────────────────────────────────────

function listWhere(query: EventListQuery, now: Date): Prisma.EventWhereInput {
  return {
    status: 'published',
    endsAt: query.quand === 'passes' ? { lt: now } : { gte: now },
    ...(query.tag ? { challengeCodes: { has: query.tag } } : {}),
    ...(query.region ? { regionCode: query.region } : {}),
    ...(query.format ? { format: query.format } : {}),
  }
}

/** Published events: upcoming soonest first, or past ones latest first; filtered, paginated. */
export async function listPublicEvents(query: EventListQuery, now = new Date()) {
  const where = listWhere(query, now)
  const total = await prisma.event.count({ where })
  const pageCount = Math.max(1, Math.ceil(total / EVENTS_PER_PAGE))
  const page = Math.min(query.page, pageCount)
  const events = await prisma.event.findMany({
    where,
    orderBy: [{ startsAt: query.quand === 'passes' ? 'desc' : 'asc' }, { id: 'asc' }],
    skip: (page - 1) * EVENTS_PER_PAGE,
    take: EVENTS_PER_PAGE,
  })
  return { events, total, page, pageCount }
}

export const PUBLIC_FEED_LIMIT = 1000
const FEED_PAST_DAYS = 90

/**
 * The public feed honours the list's filters. Cancelled events stay in it (marked), so that
 * subscribers see the cancellation; upcoming events come with the last 90 days.
 */
export function listEventsForPublicFeed(query: EventListQuery, now = new Date()) {
  const where = listWhere(query, now)
  return prisma.event.findMany({
    where: {
      ...where,
      status: { in: ['published', 'cancelled'] },
      endsAt:
        query.quand === 'passes'
          ? { lt: now }
          : { gte: new Date(now.getTime() - FEED_PAST_DAYS * 24 * 3600 * 1000) },
    },
    orderBy: [{ startsAt: query.quand === 'passes' ? 'desc' : 'asc' }, { id: 'asc' }],
    take: PUBLIC_FEED_LIMIT,
  })
}

/** Organisations the person may register for, or organise an event as. */
export async function myOrganisations(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    include: { organisation: { select: { id: true, name: true } } },
    orderBy: { organisation: { name: 'asc' } },
  })
  return memberships.map((m) => m.organisation)
}

export async function regenerateCalendarToken(userId: string) {
  const user = await prisma.user.update({
    where: { id: userId },
    data: { calendarToken: randomUUID() },
    select: { calendarToken: true },
  })
  return user.calendarToken
}

/** Choices of the event form, labels in the page's language. */
export async function eventFormOptions(userId: string, language: 'fr' | 'en') {
  const taxonomy = await getTaxonomy()
  const labelled = (kind: 'region' | 'challenge') =>
    taxonomy.ofKind(kind).map((entry) => ({
      code: entry.code,
      label: taxonomy.label(entry.code, language),
    }))
  return {
    regions: labelled('region'),
    challenges: labelled('challenge'),
    organisations: await myOrganisations(userId),
  }
}
