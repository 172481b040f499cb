import { beforeAll, describe, expect, test } from 'vitest'
import { createTestOrganisation, createTestUser } from '../../../prisma/factories.ts'
import {
  createPeople,
  createTestEvent,
  DAY_MS,
  invitesTo,
  mailsTo,
} from '../../../tests/event-fixtures.ts'
import { prisma } from '~/utils/db.server.ts'
import { eventInputFromForm } from './validation.server.ts'
import { utcToZonedLocal } from '~/utils/zoned-time.ts'
import { cancelEvent, updateEvent } from './event.server.ts'
import { queueEventReminders, reminderDedupeKey } from './reminders.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import {
  approveRegistration,
  cancelRegistration,
  declineRegistration,
  registerForEvent,
  registrationStats,
} from './registration.server.ts'

function formFor(
  event: Awaited<ReturnType<typeof createTestEvent>>,
  changes: Record<string, unknown> = {},
) {
  return eventInputFromForm({
    title: event.title,
    titleEn: event.titleEn,
    descriptionFr: event.descriptionFr,
    descriptionEn: event.descriptionEn,
    format: event.format,
    startsAt: utcToZonedLocal(event.startsAt, event.timeZone),
    endsAt: utcToZonedLocal(event.endsAt, event.timeZone),
    timeZone: 'Europe/Paris',
    venueName: event.venueName ?? undefined,
    venueAddress: event.venueAddress ?? undefined,
    onlineUrl: event.onlineUrl ?? undefined,
    regionCode: event.regionCode ?? undefined,
    capacity: event.capacity,
    approvalRequired: event.approvalRequired,
    challengeCodes: event.challengeCodes,
    ...changes,
  })
}

beforeAll(async () => {
  await ensureBundledTaxonomy()
})

describe('capacity under concurrency', () => {
  test('200 simultaneous registrations for 10 seats: exactly 10 confirmed, 190 waitlisted', async () => {
    const event = await createTestEvent({ capacity: 10 })
    const people = await createPeople(200)
    const outcomes = await Promise.all(
      people.map((person) => registerForEvent(event.id, person.id)),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    const statuses = outcomes.map((o) => (o.ok ? o.status : 'refused'))
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190)
    const saved = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(saved.confirmedCount).toBe(10)
    expect(
      await prisma.registration.count({ where: { eventId: event.id, status: 'confirmed' } }),
    ).toBe(10)
    expect(
      await prisma.registration.count({ where: { eventId: event.id, status: 'waitlisted' } }),
    ).toBe(190)
    // Only the ten seat holders received an invite.
    expect(await prisma.outboxEmail.count({ where: { calendarMethod: 'REQUEST' } })).toBe(10)
  })

  test('the database refuses an overbooking write even if the code tried one', async () => {
    const event = await createTestEvent({ capacity: 1, confirmedCount: 1 })
    await expect(
      prisma.$executeRaw`UPDATE "Event" SET "confirmedCount" = 2 WHERE "id" = ${event.id}`,
    ).rejects.toThrow()
  })

  test('registering twice (even at once) keeps one registration and one seat', async () => {
    const event = await createTestEvent({ capacity: 5 })
    const [person] = await createPeople(1)
    const outcomes = await Promise.all([
      registerForEvent(event.id, person.id),
      registerForEvent(event.id, person.id),
      registerForEvent(event.id, person.id),
    ])
    expect(outcomes.every((o) => o.ok && o.status === 'confirmed')).toBe(true)
    expect(await prisma.registration.count({ where: { eventId: event.id } })).toBe(1)
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(
      1,
    )
  })
})

describe('waitlist', () => {
  test('a cancellation promotes the oldest waitlisted person, who then gets a REQUEST', async () => {
    const event = await createTestEvent({ capacity: 2 })
    const [a, b, c, d] = await createPeople(4)
    const t0 = Date.now()
    await registerForEvent(event.id, a.id, { now: new Date(t0) })
    await registerForEvent(event.id, b.id, { now: new Date(t0 + 1000) })
    // d joins the waitlist before c.
    await registerForEvent(event.id, d.id, { now: new Date(t0 + 2000) })
    await registerForEvent(event.id, c.id, { now: new Date(t0 + 3000) })
    expect(await invitesTo(d.email)).toHaveLength(0)
    const waitMail = (await mailsTo(d.email))[0]
    expect(waitMail.subject).toContain("Liste d'attente")
    expect(waitMail.calendarContent).toBeNull()

    const outcome = await cancelRegistration(event.id, a.id)
    expect(outcome.ok).toBe(true)
    const statusOf = async (userId: string) =>
      (
        await prisma.registration.findUniqueOrThrow({
          where: { eventId_userId: { eventId: event.id, userId } },
        })
      ).status
    expect(await statusOf(a.id)).toBe('cancelled')
    expect(await statusOf(d.id)).toBe('confirmed')
    expect(await statusOf(c.id)).toBe('waitlisted')
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(
      2,
    )

    const [promotion] = await invitesTo(d.email)
    expect(promotion.mail.subject).toContain("Une place s'est libérée")
    expect(promotion.ics.method).toBe('REQUEST')
    // a's own invite is taken back with a CANCEL of the same UID and a higher SEQUENCE.
    const aInvites = await invitesTo(a.email)
    expect(aInvites.map((i) => i.ics.method)).toEqual(['REQUEST', 'CANCEL'])
    expect(aInvites[1].ics.uid).toBe(aInvites[0].ics.uid)
    expect(aInvites[1].ics.sequence).toBeGreaterThan(aInvites[0].ics.sequence)
    expect(aInvites[1].ics.status).toBe('CANCELLED')
  })

  test('more seats promote the waitlist in order; fewer seats than confirmed is refused', async () => {
    const organizer = await createTestUser(prisma, { role: 'organizer' })
    const event = await createTestEvent({ capacity: 1, createdById: organizer.id })
    const people = await createPeople(4)
    for (const [i, person] of people.entries()) {
      await registerForEvent(event.id, person.id, { now: new Date(Date.now() + i * 1000) })
    }
    const refused = await updateEvent(event.id, formFor(event, { capacity: 3 }), organizer)
    expect(refused).toMatchObject({ ok: true })
    if (!refused.ok) return
    expect(refused.promoted.map((r) => r.userId)).toEqual([people[1].id, people[2].id])

    const current = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(current.confirmedCount).toBe(3)
    const lower = await updateEvent(event.id, formFor(current, { capacity: 2 }), organizer)
    expect(lower).toEqual({
      ok: false,
      errors: { capacity: ['events:errors.capacityBelowConfirmed'] },
    })
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).capacity).toBe(3)
  })
})

describe('approval', () => {
  test('pending → confirmed while seats remain, then waitlisted; declined people cannot re-register', async () => {
    const event = await createTestEvent({ capacity: 1, approvalRequired: true })
    const [a, b, c] = await createPeople(3)
    const ra = await registerForEvent(event.id, a.id)
    const rb = await registerForEvent(event.id, b.id)
    const rc = await registerForEvent(event.id, c.id)
    expect([ra, rb, rc].map((r) => r.ok && r.status)).toEqual([
      'pending_approval',
      'pending_approval',
      'pending_approval',
    ])
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).confirmedCount).toBe(
      0,
    )
    if (!ra.ok || !rb.ok || !rc.ok) return
    const approvedA = await approveRegistration(event.id, ra.registration.id)
    const approvedB = await approveRegistration(event.id, rb.registration.id)
    expect(approvedA.ok && approvedA.status).toBe('confirmed')
    expect(approvedB.ok && approvedB.status).toBe('waitlisted')
    expect((await invitesTo(a.email)).map((i) => i.ics.method)).toEqual(['REQUEST'])
    expect(await invitesTo(b.email)).toHaveLength(0)

    const again = await approveRegistration(event.id, ra.registration.id)
    expect(again).toEqual({ ok: false, error: 'notPending' })

    expect((await declineRegistration(event.id, rc.registration.id)).ok).toBe(true)
    expect(await registerForEvent(event.id, c.id)).toEqual({ ok: false, error: 'declined' })
    // a leaves: b (approved, waiting) takes the seat.
    await cancelRegistration(event.id, a.id)
    expect(
      (await prisma.registration.findUniqueOrThrow({ where: { id: rb.registration.id } })).status,
    ).toBe('confirmed')
  })
})

describe('refusals', () => {
  test('registration after the deadline is refused; before it works', async () => {
    const now = new Date()
    const event = await createTestEvent({ registrationDeadline: new Date(now.getTime() - 60_000) })
    const [person] = await createPeople(1)
    expect(await registerForEvent(event.id, person.id, { now })).toEqual({
      ok: false,
      error: 'deadlinePassed',
    })
    expect(await prisma.registration.count({ where: { eventId: event.id } })).toBe(0)
    const open = await createTestEvent({ registrationDeadline: new Date(now.getTime() + DAY_MS) })
    expect((await registerForEvent(open.id, person.id, { now })).ok).toBe(true)
  })

  test('drafts, cancelled and started events refuse registrations', async () => {
    const [person] = await createPeople(1)
    const draft = await createTestEvent({ status: 'draft' })
    const cancelled = await createTestEvent({ status: 'cancelled' })
    const started = await createTestEvent({ startsAt: new Date(Date.now() - 60_000) })
    expect(await registerForEvent(draft.id, person.id)).toEqual({ ok: false, error: 'notOpen' })
    expect(await registerForEvent(cancelled.id, person.id)).toEqual({ ok: false, error: 'notOpen' })
    expect(await registerForEvent(started.id, person.id)).toEqual({ ok: false, error: 'started' })
  })

  test('one can only register for an organisation one belongs to', async () => {
    const event = await createTestEvent()
    const [person, other] = await createPeople(2)
    const theirs = await createTestOrganisation(prisma, { owner: other })
    expect(await registerForEvent(event.id, person.id, { organisationId: theirs.id })).toEqual({
      ok: false,
      error: 'notMember',
    })
  })
})

describe('invites and changes', () => {
  test('moving the event sends every confirmed person a REQUEST with the same UID and a higher SEQUENCE', async () => {
    const organizer = await createTestUser(prisma, { role: 'organizer' })
    // 10:00 Paris on the Saturday before the spring change (UTC+1)…
    const event = await createTestEvent({
      startsAt: new Date('2030-03-30T09:00:00Z'),
      endsAt: new Date('2030-03-30T11:00:00Z'),
      createdById: organizer.id,
    })
    const [alice, bob] = await createPeople(2)
    const [waiting] = await createPeople(1)
    await prisma.event.update({ where: { id: event.id }, data: { capacity: 2 } })
    await registerForEvent(event.id, alice.id)
    await registerForEvent(event.id, bob.id)
    await registerForEvent(event.id, waiting.id)
    const [first] = await invitesTo(alice.email)
    expect(first.ics.method).toBe('REQUEST')
    expect(first.ics.tzid).toBe('Europe/Paris')
    expect(first.ics.start.toISOString()).toBe('2030-03-30T09:00:00.000Z')
    const attendee = first.ics.vevents[0].getFirstProperty('attendee')!
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED')
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe(`mailto:${alice.email}`)
    expect(first.ics.vevents[0].getFirstProperty('organizer')).not.toBeNull()

    // …moved to 10:00 Paris the next day, after the change (UTC+2).
    const current = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    const moved = await updateEvent(
      event.id,
      formFor(current, { startsAt: '2030-03-31T10:00', endsAt: '2030-03-31T12:00' }),
      organizer,
    )
    expect(moved.ok && moved.invitesSent).toBe(2)
    const saved = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(saved.startsAt.toISOString()).toBe('2030-03-31T08:00:00.000Z')
    expect(saved.sequence).toBe(1)

    const [, second] = await invitesTo(alice.email)
    expect(second.mail.subject).toContain('Changement')
    expect(second.ics.method).toBe('REQUEST')
    expect(second.ics.uid).toBe(first.ics.uid)
    expect(second.ics.sequence).toBeGreaterThan(first.ics.sequence)
    expect(second.ics.start.toISOString()).toBe('2030-03-31T08:00:00.000Z')
    expect(second.mail.calendarContent).toContain('DTSTART;TZID=Europe/Paris:20300331T100000')
    // Bob's invite has its own UID; the waitlisted person gets nothing.
    const [bobFirst, bobSecond] = await invitesTo(bob.email)
    expect(bobFirst.ics.uid).not.toBe(first.ics.uid)
    expect(bobSecond.ics.uid).toBe(bobFirst.ics.uid)
    expect(await invitesTo(waiting.email)).toHaveLength(0)

    // A title-only change bumps the event's SEQUENCE for feeds but sends no mail.
    const renamed = await updateEvent(
      event.id,
      formFor(saved, { title: 'Rencontre IA & musées (2e édition)' }),
      organizer,
    )
    expect(renamed.ok && renamed.invitesSent).toBe(0)
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).sequence).toBe(2)
    expect(await invitesTo(alice.email)).toHaveLength(2)
  })

  test('cancelling the event sends CANCEL to seat holders and a plain mail to the others', async () => {
    const organizer = await createTestUser(prisma, { role: 'organizer' })
    const event = await createTestEvent({ capacity: 1, createdById: organizer.id })
    const [holder, waiting] = await createPeople(2)
    await registerForEvent(event.id, holder.id)
    await registerForEvent(event.id, waiting.id)
    const outcome = await cancelEvent(event.id, organizer)
    expect(outcome).toEqual({ ok: true, notified: 2 })
    const [request, cancel] = await invitesTo(holder.email)
    expect(cancel.ics.method).toBe('CANCEL')
    expect(cancel.ics.uid).toBe(request.ics.uid)
    expect(cancel.ics.sequence).toBeGreaterThan(request.ics.sequence)
    const waitingMails = await mailsTo(waiting.email)
    expect(waitingMails.at(-1)!.subject).toContain('Événement annulé')
    expect(waitingMails.at(-1)!.calendarContent).toBeNull()
    // Nothing can be registered any more.
    const [late] = await createPeople(1)
    expect(await registerForEvent(event.id, late.id)).toEqual({ ok: false, error: 'notOpen' })
  })

  test('e-mails are written in the recipient’s language', async () => {
    const event = await createTestEvent()
    const [english] = await createPeople(1, { locale: 'en' })
    await registerForEvent(event.id, english.id)
    const [mail] = await mailsTo(english.email)
    expect(mail.subject).toBe('Registration confirmed: AI & museums meetup')
    expect(mail.textBody).toContain('Paris time')
    expect(mail.calendarContent).toContain('SUMMARY:AI & museums meetup')
  })
})

describe('reminders', () => {
  test('queued once per person even when the task runs twice; a moved event gets a new one', async () => {
    const organizer = await createTestUser(prisma, { role: 'organizer' })
    const now = new Date()
    const soon = await createTestEvent({
      startsAt: new Date(now.getTime() + 20 * 3600 * 1000),
      createdById: organizer.id,
    })
    const later = await createTestEvent({ startsAt: new Date(now.getTime() + 3 * DAY_MS) })
    const [a, b] = await createPeople(2)
    await registerForEvent(soon.id, a.id, { now })
    await registerForEvent(soon.id, b.id, { now })
    await registerForEvent(later.id, a.id, { now })
    await cancelRegistration(soon.id, b.id, { now })

    expect(await queueEventReminders(now)).toEqual({ queued: 1 })
    expect(await queueEventReminders(now)).toEqual({ queued: 0 })
    await Promise.all([queueEventReminders(now), queueEventReminders(now)])
    const reminders = () =>
      prisma.outboxEmail.findMany({ where: { dedupeKey: { startsWith: 'reminder:' } } })
    expect(await reminders()).toHaveLength(1)
    const registration = await prisma.registration.findUniqueOrThrow({
      where: { eventId_userId: { eventId: soon.id, userId: a.id } },
    })
    expect((await reminders())[0].dedupeKey).toBe(reminderDedupeKey(registration.id, soon.startsAt))
    expect((await reminders())[0].toAddress).toBe(a.email)

    // Moved by an hour: one new reminder for the new time.
    const current = await prisma.event.findUniqueOrThrow({ where: { id: soon.id } })
    await updateEvent(
      soon.id,
      formFor(current, {
        startsAt: utcToZonedLocal(new Date(current.startsAt.getTime() + 3600_000), 'Europe/Paris'),
        endsAt: utcToZonedLocal(new Date(current.endsAt.getTime() + 3600_000), 'Europe/Paris'),
      }),
      organizer,
    )
    expect(await queueEventReminders(now)).toEqual({ queued: 1 })
    expect(await queueEventReminders(now)).toEqual({ queued: 0 })
    expect(await reminders()).toHaveLength(2)
  })
})

describe('statistics', () => {
  test('confirmed people counted by the kind and challenges of the organisation they come for', async () => {
    const event = await createTestEvent({ capacity: 5 })
    const [a, b, c] = await createPeople(3)
    const startup = await createTestOrganisation(prisma, {
      owner: a,
      kind: 'startup',
      challengeCodes: ['GT-DATA-IA', 'CP-IMMERSIF'],
    })
    const museum = await createTestOrganisation(prisma, {
      owner: b,
      kind: 'institution',
      challengeCodes: ['GT-DATA-IA'],
    })
    await registerForEvent(event.id, a.id, { organisationId: startup.id })
    await registerForEvent(event.id, b.id, { organisationId: museum.id })
    await registerForEvent(event.id, c.id)
    const stats = await registrationStats(event.id)
    expect(stats.confirmed).toBe(3)
    expect(stats.byKind).toEqual(
      expect.arrayContaining([
        { kind: 'startup', count: 1 },
        { kind: 'institution', count: 1 },
        { kind: 'none', count: 1 },
      ]),
    )
    expect(stats.byChallenge[0]).toEqual({ code: 'GT-DATA-IA', count: 2 })
    expect(stats.byChallenge).toContainEqual({ code: 'CP-IMMERSIF', count: 1 })
  })
})
