import { describe, expect, test } from 'vitest'
import { createTestUser } from '../../../prisma/factories.ts'
import { meetingUid } from '~/models/calendar/ical.server.ts'
import { personalFeedMeetings } from './feed.server.ts'
import { generatePlanning, lastPlanningReport, setMeetingLock } from './planning.server.ts'
import {
  cancelEventMeetings,
  createMeetingRequest,
  decideMeetingRequest,
  MeetingRuleError,
  releaseParticipantMeetings,
  setUnavailability,
} from './meetings.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import {
  addParticipants,
  configureSession,
  contextFor,
  createRendezVousEvent,
  DAY_MS,
  invitesTo,
} from '../../../tests/meeting-fixtures.ts'

type Person = Awaited<ReturnType<typeof addParticipants>>[number]

async function ruleError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MeetingRuleError)
  return error as MeetingRuleError
}

async function thrownStatus(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  return (thrown as { init?: { status?: number } } | null)?.init?.status
}

/** requester asks recipient, recipient accepts: the accepted request. */
async function acceptedRequest(
  slug: string,
  requester: Person,
  recipient: Person,
  priority: 'indispensable' | 'souhaite' = 'souhaite',
) {
  const request = await createMeetingRequest(await contextFor(slug, requester), {
    recipientId: recipient.id,
    priority,
  })
  await decideMeetingRequest(await contextFor(slug, recipient), request.id, 'accept')
  return request
}

async function scheduledMeetings(sessionId: string) {
  return prisma.meeting.findMany({
    where: { sessionId, status: 'scheduled' },
    include: { request: true },
    orderBy: [{ slotIndex: 'asc' }, { tableLabel: 'asc' }],
  })
}

function placeOf(meetings: Awaited<ReturnType<typeof scheduledMeetings>>) {
  return new Map(meetings.map((m) => [m.requestId, `${m.slotIndex}/${m.tableLabel}`]))
}

describe('session set-up', () => {
  test('windows in the event zone become slots; tables are numbered or named', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    const outcome = await configureSession(event.slug, organizer, day, {
      windows: ['09:00-10:40', '11:00-12:20'],
      slotMinutes: 20,
      tableCount: 4,
    })
    expect(outcome).toEqual({ status: 'saved', slots: 9, cancelledMeetings: 0 })
    const session = await prisma.meetingSession.findUniqueOrThrow({
      where: { eventId: event.id },
      include: { slots: { orderBy: { index: 'asc' } } },
    })
    expect(session.tableNames).toEqual(['1', '2', '3', '4'])
    expect(session.slots).toHaveLength(9)
    const local = (date: Date) =>
      new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' }).format(
        date,
      )
    expect(session.slots.map((s) => local(s.startsAt))).toEqual([
      '09:00',
      '09:20',
      '09:40',
      '10:00',
      '10:20',
      '11:00',
      '11:20',
      '11:40',
      '12:00',
    ])
    expect(session.slots.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])

    await configureSession(event.slug, organizer, day, { tableNames: ['Salon A', 'Salon B'] })
    const renamed = await prisma.meetingSession.findUniqueOrThrow({ where: { eventId: event.id } })
    expect(renamed.tableNames).toEqual(['Salon A', 'Salon B'])
  })

  test('refuses windows outside the event, overlapping, or shorter than a slot', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    const outside = await ruleError(
      configureSession(event.slug, organizer, day, { windows: ['07:00-09:00'] }),
    )
    expect(outside.key).toBe('meetings:errors.windowOutsideEvent')
    expect(outside.status).toBe(400)
    const overlap = await ruleError(
      configureSession(event.slug, organizer, day, { windows: ['09:00-10:00', '09:40-11:00'] }),
    )
    expect(overlap.key).toBe('meetings:errors.windowsOverlap')
    const short = await ruleError(
      configureSession(event.slug, organizer, day, { windows: ['09:00-09:10'], slotMinutes: 20 }),
    )
    expect(short.key).toBe('meetings:errors.windowTooShort')
    expect(await prisma.meetingSlot.count({ where: { session: { eventId: event.id } } })).toBe(0)
  })

  test('only the organizer (or an admin) configures; other formats are not found', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    const member = await createTestUser(prisma)
    expect(await thrownStatus(configureSession(event.slug, member, day))).toBe(403)
    const admin = await createTestUser(prisma, { role: 'admin' })
    expect((await configureSession(event.slug, admin, day)).status).toBe('saved')
    const meetup = await createRendezVousEvent({ format: 'rencontre' })
    expect(await thrownStatus(contextFor(meetup.event.slug, meetup.organizer))).toBe(404)
    expect(organizer.id).not.toBe(admin.id)
  })
})

describe('meeting requests', () => {
  test('a participant requests, the other accepts; e-mails go to each in their language', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day)
    const [alice] = await addParticipants(event.id, 1)
    const [bob] = await addParticipants(event.id, 1, { locale: 'en' })
    const request = await createMeetingRequest(await contextFor(event.slug, alice), {
      recipientId: bob.id,
      priority: 'indispensable',
      message: 'Parlons de numérisation 3D.',
    })
    expect(request.status).toBe('pending')
    const toBob = await prisma.outboxEmail.findMany({ where: { toAddress: bob.email } })
    expect(toBob).toHaveLength(1)
    expect(toBob[0].subject).toContain('proposes a business meeting')
    expect(toBob[0].textBody).toContain('Parlons de numérisation 3D.')

    // Only the recipient answers.
    const byRequester = await ruleError(
      decideMeetingRequest(await contextFor(event.slug, alice), request.id, 'accept'),
    )
    expect(byRequester.status).toBe(404)
    await decideMeetingRequest(await contextFor(event.slug, bob), request.id, 'accept')
    const toAlice = await prisma.outboxEmail.findMany({ where: { toAddress: alice.email } })
    expect(toAlice.map((m) => m.subject)).toEqual([
      expect.stringContaining('a accepté votre demande'),
    ])
    const again = await ruleError(
      decideMeetingRequest(await contextFor(event.slug, bob), request.id, 'decline'),
    )
    expect(again.key).toBe('meetings:errors.requestNotPending')
  })

  test('refusals: yourself, a non-participant, twice the same pair, outside the booking window', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day, {
      bookingOpensAt: new Date(Date.now() + DAY_MS),
      bookingClosesAt: new Date(Date.now() + 3 * DAY_MS),
    })
    const [alice, bob] = await addParticipants(event.id, 2)
    const outsider = await createTestUser(prisma)
    const aliceContext = await contextFor(event.slug, alice)

    const early = await ruleError(
      createMeetingRequest(aliceContext, { recipientId: bob.id, priority: 'souhaite' }),
    )
    expect([early.key, early.status]).toEqual(['meetings:errors.bookingNotOpen', 409])
    const late = await ruleError(
      createMeetingRequest(
        aliceContext,
        { recipientId: bob.id, priority: 'souhaite' },
        new Date(Date.now() + 4 * DAY_MS),
      ),
    )
    expect([late.key, late.status]).toEqual(['meetings:errors.bookingClosed', 409])

    const during = new Date(Date.now() + 2 * DAY_MS)
    const self = await ruleError(
      createMeetingRequest(aliceContext, { recipientId: alice.id, priority: 'souhaite' }, during),
    )
    expect([self.key, self.status]).toEqual(['meetings:errors.cannotRequestSelf', 400])
    const notThere = await ruleError(
      createMeetingRequest(
        aliceContext,
        { recipientId: outsider.id, priority: 'souhaite' },
        during,
      ),
    )
    expect(notThere.key).toBe('meetings:errors.recipientNotParticipant')
    expect(
      await thrownStatus(
        createMeetingRequest(
          await contextFor(event.slug, outsider),
          { recipientId: alice.id, priority: 'souhaite' },
          during,
        ),
      ),
    ).toBe(403)

    await createMeetingRequest(aliceContext, { recipientId: bob.id, priority: 'souhaite' }, during)
    const twice = await ruleError(
      createMeetingRequest(
        await contextFor(event.slug, bob),
        { recipientId: alice.id, priority: 'souhaite' },
        during,
      ),
    )
    expect([twice.key, twice.status]).toEqual(['meetings:errors.requestExists', 409])
    expect(await prisma.meetingRequest.count({ where: { session: { eventId: event.id } } })).toBe(1)
  })

  test('a declined requester cannot ask again; a cancelled request can be sent again', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day)
    const [alice, bob, carol] = await addParticipants(event.id, 3)
    const toBob = await createMeetingRequest(await contextFor(event.slug, alice), {
      recipientId: bob.id,
      priority: 'souhaite',
    })
    await decideMeetingRequest(await contextFor(event.slug, bob), toBob.id, 'decline')
    const refused = await ruleError(
      createMeetingRequest(await contextFor(event.slug, alice), {
        recipientId: bob.id,
        priority: 'indispensable',
      }),
    )
    expect(refused.key).toBe('meetings:errors.requestDeclinedBefore')

    const toCarol = await createMeetingRequest(await contextFor(event.slug, alice), {
      recipientId: carol.id,
      priority: 'souhaite',
    })
    await decideMeetingRequest(await contextFor(event.slug, alice), toCarol.id, 'cancel')
    const resent = await createMeetingRequest(await contextFor(event.slug, alice), {
      recipientId: carol.id,
      priority: 'indispensable',
    })
    expect(resent.id).toBe(toCarol.id)
    expect([resent.status, resent.priority]).toEqual(['pending', 'indispensable'])
  })
})

describe('planning', () => {
  async function sessionWithRequests() {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day, {
      windows: ['09:00-10:20'],
      slotMinutes: 20,
      tableCount: 2,
      maxMeetingsPerParticipant: 3,
    })
    const people = await addParticipants(event.id, 6)
    const [a, b, c, d, e, f] = people
    const pairs: Array<[Person, Person, 'indispensable' | 'souhaite']> = [
      [a, b, 'indispensable'],
      [a, c, 'souhaite'],
      [b, c, 'souhaite'],
      [d, e, 'indispensable'],
      [d, f, 'souhaite'],
      [e, f, 'souhaite'],
      [a, d, 'souhaite'],
      [c, f, 'indispensable'],
    ]
    const requests = []
    for (const [from, to, priority] of pairs)
      requests.push(await acceptedRequest(event.slug, from, to, priority))
    const session = await prisma.meetingSession.findUniqueOrThrow({ where: { eventId: event.id } })
    await prisma.outboxEmail.deleteMany({})
    return { organizer, event, day, people, requests, session }
  }

  test('persists a valid schedule and sends one REQUEST per person and meeting', async () => {
    const { organizer, event, people, session } = await sessionWithRequests()
    // a is away at the first slot.
    await setUnavailability(await contextFor(event.slug, people[0]), [0])
    const report = await generatePlanning(await contextFor(event.slug, organizer))
    const meetings = await scheduledMeetings(session.id)
    expect(report.created).toBe(meetings.length)
    expect(meetings.length).toBeGreaterThanOrEqual(7)

    const busy = new Set<string>()
    const count = new Map<string, number>()
    for (const meeting of meetings) {
      expect(['1', '2']).toContain(meeting.tableLabel)
      for (const person of [meeting.request.requesterId, meeting.request.recipientId]) {
        const key = `${person}@${meeting.slotIndex}`
        expect(busy.has(key)).toBe(false)
        busy.add(key)
        count.set(person, (count.get(person) ?? 0) + 1)
      }
      expect(meeting.sequence).toBe(0)
    }
    for (const n of count.values()) expect(n).toBeLessThanOrEqual(3)
    expect(busy.has(`${people[0].id}@0`)).toBe(false)

    const slots = await prisma.meetingSlot.findMany({ where: { sessionId: session.id } })
    for (const meeting of meetings) {
      for (const person of people.filter((p) =>
        [meeting.request.requesterId, meeting.request.recipientId].includes(p.id),
      )) {
        const invite = (await invitesTo(person.email)).find(
          (i) => i.invite.uid === meetingUid(meeting.id, appUrl()),
        )
        expect(invite?.invite).toMatchObject({
          method: 'REQUEST',
          sequence: 0,
          status: 'CONFIRMED',
        })
        const slot = slots.find((s) => s.index === meeting.slotIndex)!
        expect(invite!.invite.start).toEqual(slot.startsAt)
        expect(invite!.invite.location).toContain(`Table ${meeting.tableLabel}`)
      }
    }
    expect(await prisma.outboxEmail.count()).toBe(meetings.length * 2)
    expect((await lastPlanningReport(session.id))?.created).toBe(meetings.length)

    // The personal feed shows the same calendar objects.
    const feed = await personalFeedMeetings(people[0].id)
    const mine = meetings.filter((m) =>
      [m.request.requesterId, m.request.recipientId].includes(people[0].id),
    )
    expect(feed.map((m) => m.id).sort()).toEqual(mine.map((m) => m.id).sort())
  })

  test('re-running after one cancellation keeps the other meetings in place', async () => {
    const { organizer, event, people, session } = await sessionWithRequests()
    await generatePlanning(await contextFor(event.slug, organizer))
    const before = await scheduledMeetings(session.id)
    const gone = before[0]
    const requester = people.find((p) => p.id === gone.request.requesterId)!
    await decideMeetingRequest(await contextFor(event.slug, requester), gone.requestId, 'cancel')
    // The cancellation is sent at once, with the next SEQUENCE.
    const cancel = (await invitesTo(requester.email)).find(
      (i) => i.invite.uid === meetingUid(gone.id, appUrl()) && i.invite.method === 'CANCEL',
    )
    expect(cancel?.invite.sequence).toBe(1)

    const report = await generatePlanning(await contextFor(event.slug, organizer))
    const after = await scheduledMeetings(session.id)
    const beforePlaces = placeOf(before)
    const afterPlaces = placeOf(after)
    const changed = [...afterPlaces].filter(
      ([requestId, place]) => beforePlaces.has(requestId) && beforePlaces.get(requestId) !== place,
    )
    expect(changed.length).toBeLessThanOrEqual(1)
    expect(report.moved).toBe(changed.length)
    expect(report.cancelled).toBe(0)
    expect(afterPlaces.has(gone.requestId)).toBe(false)
  })

  test('a moved meeting gets a REQUEST with a higher SEQUENCE and the same UID; locked ones stay', async () => {
    const { organizer, event, people, session } = await sessionWithRequests()
    await generatePlanning(await contextFor(event.slug, organizer))
    const before = await scheduledMeetings(session.id)
    const locked = before[before.length - 1]
    await setMeetingLock(await contextFor(event.slug, organizer), locked.id, true)

    // Someone with a meeting at slot s (not the locked one) becomes unavailable then.
    const target = before.find(
      (m) =>
        m.id !== locked.id &&
        ![locked.request.requesterId, locked.request.recipientId].includes(m.request.requesterId),
    )!
    const person = people.find((p) => p.id === target.request.requesterId)!
    await setUnavailability(await contextFor(event.slug, person), [target.slotIndex])
    await prisma.outboxEmail.deleteMany({})

    await generatePlanning(await contextFor(event.slug, organizer))
    const after = await prisma.meeting.findUniqueOrThrow({ where: { id: target.id } })
    expect(after.slotIndex === target.slotIndex && after.status === 'scheduled').toBe(false)
    const uid = meetingUid(target.id, appUrl())
    const update = (await invitesTo(person.email)).find((i) => i.invite.uid === uid)
    expect(update).toBeDefined()
    if (after.status === 'scheduled') {
      expect(update!.invite).toMatchObject({ method: 'REQUEST', sequence: 1 })
      expect(update!.mail.subject).toContain('déplacé')
    } else {
      expect(update!.invite).toMatchObject({ method: 'CANCEL', sequence: 1 })
    }

    const lockedAfter = await prisma.meeting.findUniqueOrThrow({ where: { id: locked.id } })
    expect([lockedAfter.status, lockedAfter.slotIndex, lockedAfter.tableLabel]).toEqual([
      'scheduled',
      locked.slotIndex,
      locked.tableLabel,
    ])
    expect(lockedAfter.sequence).toBe(0)
  })

  test('a participant who leaves: CANCEL for their meetings, with a reason on the next run', async () => {
    const { organizer, event, people, session } = await sessionWithRequests()
    await generatePlanning(await contextFor(event.slug, organizer))
    const leaving = people[5]
    const theirs = (await scheduledMeetings(session.id)).filter((m) =>
      [m.request.requesterId, m.request.recipientId].includes(leaving.id),
    )
    expect(theirs.length).toBeGreaterThan(0)
    await prisma.registration.updateMany({
      where: { eventId: event.id, userId: leaving.id },
      data: { status: 'cancelled' },
    })
    await prisma.outboxEmail.deleteMany({})
    const report = await generatePlanning(await contextFor(event.slug, organizer))
    expect(report.cancelled).toBe(theirs.length)
    expect(report.unscheduled.filter((u) => u.reason === 'unknown_participant')).toHaveLength(
      theirs.length,
    )
    for (const meeting of theirs) {
      const cancel = (await invitesTo(leaving.email)).find(
        (i) => i.invite.uid === meetingUid(meeting.id, appUrl()),
      )
      expect(cancel?.invite).toMatchObject({ method: 'CANCEL', sequence: 1, status: 'CANCELLED' })
    }

    // The registrations flow can also release them at once.
    const other = people[3]
    await prisma.$transaction((tx) => releaseParticipantMeetings(tx, event.id, other.id))
    const left = await scheduledMeetings(session.id)
    expect(
      left.some((m) => [m.request.requesterId, m.request.recipientId].includes(other.id)),
    ).toBe(false)
  })

  test('an event cancelled: every meeting is cancelled with a CANCEL to both people', async () => {
    const { organizer, event, people, session } = await sessionWithRequests()
    await generatePlanning(await contextFor(event.slug, organizer))
    const meetings = await scheduledMeetings(session.id)
    await prisma.outboxEmail.deleteMany({})
    expect(await prisma.$transaction((tx) => cancelEventMeetings(tx, event.id))).toBe(
      meetings.length,
    )
    expect(await scheduledMeetings(session.id)).toHaveLength(0)
    const cancels = await prisma.outboxEmail.count({ where: { calendarMethod: 'CANCEL' } })
    expect(cancels).toBe(meetings.length * 2)
    expect(people.length).toBe(6)
  })

  test('only the organizer generates or locks', async () => {
    const { event, people, session } = await sessionWithRequests()
    expect(await thrownStatus(generatePlanning(await contextFor(event.slug, people[0])))).toBe(403)
    expect(await prisma.meeting.count({ where: { sessionId: session.id } })).toBe(0)
  })
})

describe('changing the set-up after scheduling', () => {
  test('meetings follow their slot when indexes shift; removing a used slot needs confirmation', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day, { windows: ['10:00-11:00'], tableCount: 1 })
    const [a, b, c] = await addParticipants(event.id, 3)
    await acceptedRequest(event.slug, a, b)
    await acceptedRequest(event.slug, a, c)
    await generatePlanning(await contextFor(event.slug, organizer))
    const session = await prisma.meetingSession.findUniqueOrThrow({
      where: { eventId: event.id },
      include: { slots: true },
    })
    const timesOf = async () => {
      const slots = await prisma.meetingSlot.findMany({ where: { sessionId: session.id } })
      return new Map(
        (await scheduledMeetings(session.id)).map((m) => [
          m.id,
          slots.find((s) => s.index === m.slotIndex)!.startsAt.getTime(),
        ]),
      )
    }
    const before = await timesOf()
    expect(before.size).toBe(2)
    await prisma.outboxEmail.deleteMany({})

    // An earlier window shifts every index by 3; meetings keep their times, nobody is notified.
    const saved = await configureSession(event.slug, organizer, day, {
      windows: ['09:00-10:00', '10:00-11:00'],
      tableCount: 1,
    })
    expect(saved.status).toBe('saved')
    expect(await timesOf()).toEqual(before)
    expect(await prisma.outboxEmail.count()).toBe(0)

    // Dropping the second window would leave the meetings without a slot.
    const refused = await configureSession(event.slug, organizer, day, {
      windows: ['09:00-10:00'],
      tableCount: 1,
    })
    expect(refused).toEqual({ status: 'needs_confirmation', affectedMeetings: 2 })
    expect(await timesOf()).toEqual(before)

    const confirmed = await configureSession(event.slug, organizer, day, {
      windows: ['09:00-10:00'],
      tableCount: 1,
      cancelAffected: true,
    })
    expect(confirmed).toEqual({ status: 'saved', slots: 3, cancelledMeetings: 2 })
    expect(await scheduledMeetings(session.id)).toHaveLength(0)
    const cancels = (await invitesTo(a.email)).map((i) => i.invite)
    expect(cancels.map((i) => [i.method, i.sequence])).toEqual([
      ['CANCEL', 1],
      ['CANCEL', 1],
    ])
    expect(new Set(cancels.map((i) => i.start.getTime()))).toEqual(new Set(before.values()))

    // The next run schedules them again in the remaining window, same UID, higher SEQUENCE.
    await prisma.outboxEmail.deleteMany({})
    const report = await generatePlanning(await contextFor(event.slug, organizer))
    expect(report.created).toBe(2)
    expect((await invitesTo(a.email)).map((i) => [i.invite.method, i.invite.sequence])).toEqual([
      ['REQUEST', 2],
      ['REQUEST', 2],
    ])
  })
})
