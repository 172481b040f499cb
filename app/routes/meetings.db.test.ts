import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createTestUser } from '../../prisma/factories.ts'
import { prisma } from '~/utils/db.server.ts'
import {
  addParticipants,
  configureSession,
  createRendezVousEvent,
  DAY_MS,
} from '../../tests/meeting-fixtures.ts'
import {
  formRequest,
  getRequest,
  run,
  sessionCookieFor,
  TEST_CONTEXT,
} from '../../tests/route-utils.ts'
import * as participantsPage from './evenements.$slug.rendez-vous._index.tsx'
import * as agendaPage from './evenements.$slug.rendez-vous.mon-agenda.tsx'
import * as configPage from './evenements.$slug.rendez-vous.configuration.tsx'
import * as gridPage from './evenements.$slug.rendez-vous.grille.tsx'
import * as planningPage from './evenements.$slug.rendez-vous.planning.tsx'

const base = (slug: string) => `/evenements/${slug}/rendez-vous`

function post(
  module: { action: (args: never) => Promise<unknown> },
  path: string,
  slug: string,
  fields: Record<string, string>,
  cookie: string,
) {
  return run<Record<string, unknown>>(() =>
    (module.action as (args: unknown) => Promise<unknown>)({
      request: formRequest(path, fields, { Cookie: cookie }),
      params: { slug },
      context: TEST_CONTEXT,
    }),
  )
}

function get(
  module: { loader: (args: never) => Promise<unknown> },
  path: string,
  slug: string,
  cookie?: string,
) {
  return run<Record<string, unknown>>(() =>
    (module.loader as (args: unknown) => Promise<unknown>)({
      request: getRequest(path, cookie ? { Cookie: cookie } : {}),
      params: { slug },
      context: TEST_CONTEXT,
    }),
  )
}

const configFields = (day: string, overrides: Record<string, string> = {}) => ({
  windows: `${day} 09:00-10:40\n11:00-12:20`,
  slotMinutes: '20',
  tableCount: '3',
  tableNames: '',
  maxMeetingsPerParticipant: '6',
  bookingOpensAt: new Date(Date.now() - DAY_MS).toISOString().slice(0, 16),
  bookingClosesAt: `${day}T08:30`,
  ...overrides,
})

describe('configuration page', () => {
  test('the organizer configures; others get a 403, anonymous people sign in first', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    const path = `${base(event.slug)}/configuration`
    const member = await createTestUser(prisma)
    const [participant] = await addParticipants(event.id, 1)

    const anonymous = await get(configPage, path, event.slug)
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
    expect(
      (await get(configPage, path, event.slug, await sessionCookieFor(member.id))).status,
    ).toBe(403)
    const participantCookie = await sessionCookieFor(participant.id)
    expect((await get(configPage, path, event.slug, participantCookie)).status).toBe(403)
    const refused = await post(configPage, path, event.slug, configFields(day), participantCookie)
    expect(refused.status).toBe(403)
    expect(await prisma.meetingSession.count({ where: { eventId: event.id } })).toBe(0)

    const cookie = await sessionCookieFor(organizer.id)
    const page = await get(configPage, path, event.slug, cookie)
    expect(page.status).toBe(200)
    expect((page.data.values as { windows: string }).windows).toContain(`${day} 09:00-10:40`)
    const saved = await post(configPage, path, event.slug, configFields(day), cookie)
    expect([saved.status, saved.location]).toEqual([302, path])
    expect(await prisma.meetingSlot.count({ where: { session: { eventId: event.id } } })).toBe(9)
  })

  test('bad input is a 400 with translated field errors, never a 500', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    const path = `${base(event.slug)}/configuration`
    const cookie = await sessionCookieFor(organizer.id)
    const bad = await post(
      configPage,
      path,
      event.slug,
      configFields(day, { windows: 'demain matin', slotMinutes: '3', tableCount: '' }),
      cookie,
    )
    expect(bad.status).toBe(400)
    const errors = (bad.data.result as { error: Record<string, string[]> }).error
    expect(errors.windows).toEqual(['meetings:errors.windowFormat'])
    expect(errors.slotMinutes).toEqual(['meetings:errors.slotMinutesInvalid'])
    expect(errors.tableCount).toEqual(['meetings:errors.tablesRequired'])

    const outside = await post(
      configPage,
      path,
      event.slug,
      configFields(day, { windows: `${day} 18:00-19:00` }),
      cookie,
    )
    expect(outside.status).toBe(400)
    expect((outside.data.result as { error: Record<string, string[]> }).error.windows).toEqual([
      'meetings:errors.windowOutsideEvent',
    ])
  })

  test('an event of another format is not found', async () => {
    const { organizer, event } = await createRendezVousEvent({ format: 'rencontre' })
    const cookie = await sessionCookieFor(organizer.id)
    for (const [module, page] of [
      [configPage, 'configuration'],
      [planningPage, 'planning'],
      [gridPage, 'grille'],
      [participantsPage, ''],
    ] as const) {
      const outcome = await get(module, `${base(event.slug)}/${page}`, event.slug, cookie)
      expect(outcome.status).toBe(404)
    }
    expect((await get(configPage, '/x', 'inconnu', cookie)).status).toBe(404)
  })
})

describe('participants page', () => {
  test('confirmed participants see the others with their organisation; others get a 403', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day)
    const [alice, bob] = await addParticipants(event.id, 2)
    const outsider = await createTestUser(prisma)
    const path = base(event.slug)

    const refused = await get(
      participantsPage,
      path,
      event.slug,
      await sessionCookieFor(outsider.id),
    )
    expect(refused.status).toBe(403)
    expect(refused.data.isParticipant).toBe(false)
    const organizerView = await get(
      participantsPage,
      path,
      event.slug,
      await sessionCookieFor(organizer.id),
    )
    expect(organizerView.status).toBe(200)
    expect(
      (await get(agendaPage, `${path}/mon-agenda`, event.slug, await sessionCookieFor(outsider.id)))
        .status,
    ).toBe(403)

    const page = await get(participantsPage, path, event.slug, await sessionCookieFor(alice.id))
    expect(page.status).toBe(200)
    const listed = page.data.participants as Array<{
      userId: string
      organisation: { slug: string } | null
      match: { score: number; reasons: string[] } | null
    }>
    expect(listed.map((p) => p.userId)).toEqual([bob.id])
    expect(listed[0].organisation?.slug).toBe(bob.organisation.slug)
    expect(listed[0].match?.score).toEqual(expect.any(Number))
    expect(page.data.slots).toHaveLength(3)
  })

  test('request, accept, refusals and unavailability through the action', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day)
    const [alice, bob] = await addParticipants(event.id, 2)
    const outsider = await createTestUser(prisma)
    const path = base(event.slug)
    const aliceCookie = await sessionCookieFor(alice.id)

    const notParticipant = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'request', recipientId: alice.id, priority: 'souhaite' },
      await sessionCookieFor(outsider.id),
    )
    expect(notParticipant.status).toBe(403)
    const self = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'request', recipientId: alice.id, priority: 'souhaite' },
      aliceCookie,
    )
    expect([self.status, self.data.error]).toEqual([400, 'meetings:errors.cannotRequestSelf'])
    const noPriority = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'request', recipientId: bob.id, priority: 'urgent' },
      aliceCookie,
    )
    expect([noPriority.status, noPriority.data.error]).toEqual([
      400,
      'meetings:errors.priorityRequired',
    ])

    const sent = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'request', recipientId: bob.id, priority: 'indispensable', message: 'Bonjour !' },
      aliceCookie,
    )
    expect([sent.status, sent.location]).toEqual([302, path])
    const request = await prisma.meetingRequest.findFirstOrThrow({
      where: { requesterId: alice.id },
    })
    expect([request.priority, request.message]).toEqual(['indispensable', 'Bonjour !'])

    const accepted = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'accept', requestId: request.id },
      await sessionCookieFor(bob.id),
    )
    expect(accepted.status).toBe(302)
    expect(
      (await prisma.meetingRequest.findUniqueOrThrow({ where: { id: request.id } })).status,
    ).toBe('accepted')

    const unavailable = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'unavailability', slot: '1' },
      aliceCookie,
    )
    expect(unavailable.status).toBe(302)
    const unknownSlot = await post(
      participantsPage,
      path,
      event.slug,
      { intent: 'unavailability', slot: '99' },
      aliceCookie,
    )
    expect(unknownSlot.status).toBe(400)
    expect(
      await prisma.meetingUnavailability.findMany({
        where: { userId: alice.id },
        select: { slotIndex: true },
      }),
    ).toEqual([{ slotIndex: 1 }])
  })

  test('a request is refused once booking has closed', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day, {
      bookingOpensAt: new Date(Date.now() - 3 * DAY_MS),
      bookingClosesAt: new Date(Date.now() - DAY_MS),
    })
    const [alice, bob] = await addParticipants(event.id, 2)
    const outcome = await post(
      participantsPage,
      base(event.slug),
      event.slug,
      { intent: 'request', recipientId: bob.id, priority: 'souhaite' },
      await sessionCookieFor(alice.id),
    )
    expect([outcome.status, outcome.data.error]).toEqual([409, 'meetings:errors.bookingClosed'])
    expect(await prisma.meetingRequest.count({ where: { requesterId: alice.id } })).toBe(0)
  })
})

describe('planning, agenda and grid pages', () => {
  test('the organizer generates; the participant sees time and table; others cannot generate', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day, { tableNames: ['Salon Rameau'] })
    const [alice, bob] = await addParticipants(event.id, 2)
    const request = await prisma.meetingRequest.create({
      data: {
        session: { connect: { eventId: event.id } },
        requesterId: alice.id,
        recipientId: bob.id,
        status: 'accepted',
      },
    })
    const planningPath = `${base(event.slug)}/planning`
    const refused = await post(
      planningPage,
      planningPath,
      event.slug,
      { intent: 'generate' },
      await sessionCookieFor(alice.id),
    )
    expect(refused.status).toBe(403)
    expect(await prisma.meeting.count({ where: { requestId: request.id } })).toBe(0)

    const cookie = await sessionCookieFor(organizer.id)
    const generated = await post(
      planningPage,
      planningPath,
      event.slug,
      { intent: 'generate' },
      cookie,
    )
    expect([generated.status, generated.location]).toEqual([302, planningPath])
    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { requestId: request.id } })
    expect(meeting.tableLabel).toBe('Salon Rameau')

    const lock = await post(
      planningPage,
      planningPath,
      event.slug,
      { intent: 'lock', meetingId: meeting.id },
      cookie,
    )
    expect(lock.status).toBe(302)
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).locked).toBe(
      true,
    )
    const unknown = await post(
      planningPage,
      planningPath,
      event.slug,
      { intent: 'lock', meetingId: '00000000-0000-0000-0000-000000000000' },
      cookie,
    )
    expect(unknown.status).toBe(404)

    const planning = await get(planningPage, planningPath, event.slug, cookie)
    expect(planning.data.meetings).toHaveLength(1)
    expect(planning.data.report).toMatchObject({ created: 1, scheduled: 1 })

    const agenda = await get(
      agendaPage,
      `${base(event.slug)}/mon-agenda`,
      event.slug,
      await sessionCookieFor(bob.id),
    )
    const entries = agenda.data.agenda as Array<{
      tableLabel: string
      counterpart: { userId: string }
    }>
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      tableLabel: 'Salon Rameau',
      counterpart: { userId: alice.id },
    })

    const grid = await get(gridPage, `${base(event.slug)}/grille`, event.slug, cookie)
    const rows = grid.data.rows as Array<{ cells: Array<{ people: string[] } | null> }>
    expect(rows.flatMap((r) => r.cells).filter(Boolean)).toHaveLength(1)
    expect(
      (
        await get(
          gridPage,
          `${base(event.slug)}/grille`,
          event.slug,
          await sessionCookieFor(bob.id),
        )
      ).status,
    ).toBe(403)
  })
})

describe('hostile input on a real session', () => {
  test('participants, set-up and planning actions answer 4xx, never 500', async () => {
    const { organizer, event, day } = await createRendezVousEvent()
    await configureSession(event.slug, organizer, day)
    const [alice, bob] = await addParticipants(event.id, 2)
    const cookies = [await sessionCookieFor(alice.id), await sessionCookieFor(organizer.id)]
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(bob.id, alice.id, '-1', '1e309', '99', '', '<script>', 'é'.repeat(3000)),
    )
    const fields = fc.dictionary(
      fc.constantFrom(
        'intent',
        'recipientId',
        'priority',
        'message',
        'requestId',
        'slot',
        'meetingId',
        'windows',
        'slotMinutes',
        'tableCount',
        'tableNames',
        'maxMeetingsPerParticipant',
        'bookingOpensAt',
        'bookingClosesAt',
        'cancelAffected',
      ),
      value,
    )
    const intents = fc.constantFrom(
      'request',
      'accept',
      'decline',
      'cancel',
      'unavailability',
      'generate',
      'lock',
      'x',
    )
    const pages = [
      [participantsPage, ''],
      [configPage, '/configuration'],
      [planningPage, '/planning'],
    ] as const
    await fc.assert(
      fc.asyncProperty(
        fields,
        intents,
        fc.nat({ max: 1 }),
        fc.nat({ max: 2 }),
        async (form, intent, who, page) => {
          const [module, suffix] = pages[page]
          const outcome = await post(
            module,
            `${base(event.slug)}${suffix}`,
            event.slug,
            { intent, ...form },
            cookies[who],
          )
          expect(outcome.status).toBeLessThan(500)
        },
      ),
      { numRuns: 40 },
    )
  })
})
