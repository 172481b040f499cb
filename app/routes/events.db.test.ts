import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { createTestUser } from '../../prisma/factories.ts'
import {
  createPeople,
  createTestEvent,
  DAY_MS,
  invitesTo,
  parseIcs,
} from '../../tests/event-fixtures.ts'
import {
  formRequest,
  getRequest,
  run,
  sessionCookieFor,
  TEST_CONTEXT,
} from '../../tests/route-utils.ts'
import { registerForEvent } from '~/models/events/registration.server.ts'
import { ensureBundledTaxonomy } from '~/models/taxonomy/store.server.ts'
import { prisma } from '~/utils/db.server.ts'
import * as feed from './agenda.$token.tsx'
import * as checkIn from './evenements.$slug.emargement.tsx'
import * as eventPage from './evenements.$slug._index.tsx'
import * as eventIcs from './evenements.$slug.agenda[.ics].tsx'
import * as manage from './evenements.$slug.gestion.tsx'
import * as csv from './evenements.$slug.inscriptions[.csv].tsx'
import * as edit from './evenements.$slug.modifier.tsx'
import * as list from './evenements._index.tsx'
import * as create from './evenements.nouveau.tsx'
import * as publicFeed from './evenements[.ics].tsx'
import * as myAgenda from './me.agenda.tsx'

beforeAll(async () => {
  await ensureBundledTaxonomy()
})

async function userWithCookie(role: 'member' | 'organizer' | 'admin' = 'member') {
  const user = await createTestUser(prisma, { role })
  return { user, cookie: await sessionCookieFor(user.id) }
}

const validForm = {
  title: 'Atelier données ouvertes',
  format: 'atelier',
  descriptionFr: 'Un atelier pratique.',
  timeZone: 'Europe/Paris',
  startsAt: '2030-03-30T10:00',
  endsAt: '2030-03-30T12:00',
  venueName: 'Médiathèque',
  venueAddress: '1 place de la République, 69001 Lyon',
  regionCode: 'R-84',
  capacity: '30',
  challengeCodes: 'GT-DATA-IA',
  intent: 'publish',
}

function callAction<T = unknown>(
  module: { action: (args: never) => Promise<unknown> },
  path: string,
  fields: Record<string, string>,
  cookie: string,
  params: Record<string, string> = {},
) {
  return run<T>(() =>
    (module.action as (args: unknown) => Promise<unknown>)({
      request: formRequest(path, fields, { Cookie: cookie }),
      params,
      context: TEST_CONTEXT,
    }),
  )
}

function callLoader<T = unknown>(
  module: { loader: (args: never) => Promise<unknown> },
  path: string,
  cookie: string | null,
  params: Record<string, string> = {},
) {
  return run<T>(() =>
    (module.loader as (args: unknown) => Promise<unknown>)({
      request: getRequest(path, cookie ? { Cookie: cookie } : {}),
      params,
      context: TEST_CONTEXT,
    }),
  )
}

describe('creating events', () => {
  test('a member without the organizer role gets 403; an anonymous visitor is sent to sign in', async () => {
    const { cookie } = await userWithCookie('member')
    expect((await callLoader(create, '/evenements/nouveau', cookie)).status).toBe(403)
    const outcome = await callAction(create, '/evenements/nouveau', validForm, cookie)
    expect(outcome.status).toBe(403)
    expect(outcome.data).toBe('events:errors.organizerOnly')
    expect(await prisma.event.count({ where: { title: validForm.title } })).toBe(0)
    const anonymous = await callLoader(create, '/evenements/nouveau', null)
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
  })

  test('an organizer creates and publishes; local times are stored in UTC across zones', async () => {
    const { user, cookie } = await userWithCookie('organizer')
    const outcome = await callAction(create, '/evenements/nouveau', validForm, cookie)
    expect(outcome.status).toBe(302)
    const event = await prisma.event.findFirstOrThrow({ where: { createdById: user.id } })
    expect(outcome.location).toBe(`/evenements/${event.slug}`)
    expect(event.slug).toBe('atelier-donnees-ouvertes')
    expect(event.status).toBe('published')
    expect(event.startsAt.toISOString()).toBe('2030-03-30T09:00:00.000Z')
    expect(event.challengeCodes).toEqual(['GT-DATA-IA'])

    const noumea = await callAction(
      create,
      '/evenements/nouveau',
      {
        ...validForm,
        title: 'Rencontre à Nouméa',
        timeZone: 'Pacific/Noumea',
        startsAt: '2030-07-14T09:00',
        endsAt: '2030-07-14T11:00',
        intent: 'draft',
      },
      cookie,
    )
    expect(noumea.status).toBe(302)
    const draft = await prisma.event.findFirstOrThrow({ where: { title: 'Rencontre à Nouméa' } })
    expect(draft.status).toBe('draft')
    expect(draft.startsAt.toISOString()).toBe('2030-07-13T22:00:00.000Z')
    // A second event with the same title gets its own slug.
    await callAction(create, '/evenements/nouveau', validForm, cookie)
    const slugs = (await prisma.event.findMany({ where: { title: validForm.title } })).map(
      (e) => e.slug,
    )
    expect(new Set(slugs).size).toBe(2)
  })

  test('bad input is a 400 with translated field errors', async () => {
    const { cookie } = await userWithCookie('organizer')
    const outcome = await callAction<{ error: Record<string, string[]> }>(
      create,
      '/evenements/nouveau',
      {
        ...validForm,
        endsAt: '2030-03-30T09:00',
        venueAddress: '',
        venueName: '',
        capacity: '0',
        timeZone: 'Europe/Berlin',
        challengeCodes: 'PAS-UN-DEFI',
      },
      cookie,
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.error.timeZone).toEqual(['events:errors.timeZoneInvalid'])
    expect(outcome.data.error.capacity).toEqual(['events:errors.capacityInvalid'])

    const second = await callAction<{ error: Record<string, string[]> }>(
      create,
      '/evenements/nouveau',
      { ...validForm, endsAt: '2030-03-30T09:00', venueAddress: '', challengeCodes: 'PAS-UN-DEFI' },
      cookie,
    )
    expect(second.status).toBe(400)
    expect(second.data.error.endsAt).toEqual(['events:errors.endBeforeStart'])
    expect(second.data.error.venueAddress).toEqual(['events:errors.placeRequired'])

    const unknownTag = await callAction<{ error: Record<string, string[]> }>(
      create,
      '/evenements/nouveau',
      { ...validForm, challengeCodes: 'PAS-UN-DEFI' },
      cookie,
    )
    expect(unknownTag.status).toBe(400)
    expect(unknownTag.data.error.challengeCodes).toEqual(['events:errors.tagInvalid'])
  })
})

describe('editing events', () => {
  test('another organizer gets 403; the creator and an admin may edit', async () => {
    const { user: creator, cookie: creatorCookie } = await userWithCookie('organizer')
    const { cookie: otherCookie } = await userWithCookie('organizer')
    const { cookie: adminCookie } = await userWithCookie('admin')
    const event = await createTestEvent({ createdById: creator.id })
    const path = `/evenements/${event.slug}/modifier`
    const params = { slug: event.slug }
    expect((await callLoader(edit, path, otherCookie, params)).status).toBe(403)
    const refused = await callAction(
      edit,
      path,
      { ...validForm, intent: 'save' },
      otherCookie,
      params,
    )
    expect(refused.status).toBe(403)
    expect(refused.data).toBe('events:errors.notOrganizer')
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe(
      event.title,
    )
    expect((await callLoader(edit, path, creatorCookie, params)).status).toBe(200)
    expect((await callLoader(edit, path, adminCookie, params)).status).toBe(200)
    const saved = await callAction(
      edit,
      path,
      { ...validForm, intent: 'save' },
      creatorCookie,
      params,
    )
    expect(saved.status).toBe(302)
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).title).toBe(
      validForm.title,
    )
    // Managing pages are the organizer's too.
    for (const [module, suffix] of [
      [manage, 'gestion'],
      [checkIn, 'emargement'],
      [csv, 'inscriptions.csv'],
    ] as const) {
      const other = await callLoader(
        module,
        `/evenements/${event.slug}/${suffix}`,
        otherCookie,
        params,
      )
      expect(other.status).toBe(403)
    }
    const cancelByOther = await callAction(
      eventPage,
      `/evenements/${event.slug}`,
      { intent: 'cancel-event', confirm: 'on' },
      otherCookie,
      params,
    )
    expect(cancelByOther.status).toBe(403)
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe(
      'published',
    )
  })

  test('lowering the capacity below the confirmed registrations is refused with a message', async () => {
    const { user, cookie } = await userWithCookie('organizer')
    const event = await createTestEvent({ createdById: user.id, capacity: 3 })
    for (const person of await createPeople(3)) await registerForEvent(event.id, person.id)
    const outcome = await callAction<{ error: Record<string, string[]> }>(
      edit,
      `/evenements/${event.slug}/modifier`,
      { ...validForm, capacity: '2', intent: 'save' },
      cookie,
      { slug: event.slug },
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.error.capacity).toEqual(['events:errors.capacityBelowConfirmed'])
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).capacity).toBe(3)
  })
})

describe('event page and registration', () => {
  test('register, see my status, cancel; after the deadline a message refuses', async () => {
    const { user, cookie } = await userWithCookie('member')
    const event = await createTestEvent()
    const path = `/evenements/${event.slug}`
    const params = { slug: event.slug }
    const registered = await callAction(eventPage, path, { intent: 'register' }, cookie, params)
    expect(registered.status).toBe(302)
    expect(registered.headers.get('Set-Cookie')).toContain('flash=')
    const page = await callLoader<{ registration: { status: string }; seatsLeft: number }>(
      eventPage,
      path,
      cookie,
      params,
    )
    expect(page.data.registration.status).toBe('confirmed')
    expect(page.data.seatsLeft).toBe(9)
    const [invite] = await invitesTo(user.email)
    expect(invite.ics.method).toBe('REQUEST')

    const cancelled = await callAction(
      eventPage,
      path,
      { intent: 'cancel-registration' },
      cookie,
      params,
    )
    expect(cancelled.status).toBe(302)
    expect((await invitesTo(user.email)).map((i) => i.ics.method)).toEqual(['REQUEST', 'CANCEL'])

    const closed = await createTestEvent({ registrationDeadline: new Date(Date.now() - 60_000) })
    const late = await callAction<{ error: string }>(
      eventPage,
      `/evenements/${closed.slug}`,
      { intent: 'register' },
      cookie,
      { slug: closed.slug },
    )
    expect(late.status).toBe(409)
    expect(late.data.error).toBe('events:refusals.deadlinePassed')
    const closedPage = await callLoader<{ window: string }>(
      eventPage,
      `/evenements/${closed.slug}`,
      cookie,
      { slug: closed.slug },
    )
    expect(closedPage.data.window).toBe('deadlinePassed')
  })

  test('drafts are hidden from everyone but their organizer', async () => {
    const { user, cookie } = await userWithCookie('organizer')
    const { cookie: otherCookie } = await userWithCookie('member')
    const draft = await createTestEvent({ status: 'draft', createdById: user.id })
    const params = { slug: draft.slug }
    expect((await callLoader(eventPage, `/evenements/${draft.slug}`, null, params)).status).toBe(
      404,
    )
    expect(
      (await callLoader(eventPage, `/evenements/${draft.slug}`, otherCookie, params)).status,
    ).toBe(404)
    expect((await callLoader(eventPage, `/evenements/${draft.slug}`, cookie, params)).status).toBe(
      200,
    )
    expect(
      (await callLoader(eventIcs, `/evenements/${draft.slug}/agenda.ics`, null, params)).status,
    ).toBe(404)
    const published = await callAction(
      eventPage,
      `/evenements/${draft.slug}`,
      { intent: 'publish' },
      cookie,
      params,
    )
    expect(published.status).toBe(302)
    expect((await callLoader(eventPage, `/evenements/${draft.slug}`, null, params)).status).toBe(
      200,
    )
  })
})

describe('calendar files', () => {
  test('"Ajouter à mon agenda" is a PUBLISH .ics with the event’s zone and a stable UID', async () => {
    const event = await createTestEvent({
      startsAt: new Date('2030-10-27T09:00:00Z'), // 10:00 in Paris, the day of the autumn change
      endsAt: new Date('2030-10-27T11:00:00Z'),
      onlineUrl: 'https://visio.example.org/salle/42',
    })
    const outcome = await run(() =>
      eventIcs.loader({
        request: getRequest(`/evenements/${event.slug}/agenda.ics`),
        params: { slug: event.slug },
        context: TEST_CONTEXT,
      }),
    )
    expect(outcome.status).toBe(200)
    expect(outcome.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const ics = parseIcs(outcome.data as string)
    expect(ics.method).toBe('PUBLISH')
    expect(ics.uid).toBe(`event-${event.id}@localhost`)
    expect(ics.tzid).toBe('Europe/Paris')
    expect(ics.start.toISOString()).toBe('2030-10-27T09:00:00.000Z')
    expect(ics.end.toISOString()).toBe('2030-10-27T11:00:00.000Z')
    const vevent = ics.vevents[0]
    expect(vevent.getFirstPropertyValue('url')).toBe('https://visio.example.org/salle/42')
    expect(String(vevent.getFirstPropertyValue('description'))).toContain(
      `/evenements/${event.slug}`,
    )
    // Downloading again gives the same UID.
    const again = await run(() =>
      eventIcs.loader({
        request: getRequest(`/evenements/${event.slug}/agenda.ics`),
        params: { slug: event.slug },
        context: TEST_CONTEXT,
      }),
    )
    expect(parseIcs(again.data as string).uid).toBe(ics.uid)
  })

  test('the personal feed lists my confirmed events; a bad or old token is a 404', async () => {
    const { user, cookie } = await userWithCookie('member')
    const mine = await createTestEvent({ title: 'Mon événement' })
    const waiting = await createTestEvent({ title: 'Complet', capacity: 1 })
    const other = await createTestEvent({ title: 'Pas le mien' })
    const [someone] = await createPeople(1)
    await registerForEvent(mine.id, user.id)
    await registerForEvent(waiting.id, someone.id)
    await registerForEvent(waiting.id, user.id)
    const { calendarToken } = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })

    const outcome = await callLoader(feed, `/agenda/${calendarToken}.ics`, null, {
      token: `${calendarToken}.ics`,
    })
    expect(outcome.status).toBe(200)
    expect(outcome.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const ics = parseIcs(outcome.data as string)
    expect(ics.method).toBe('PUBLISH')
    const summaries = ics.vevents.map((v) => v.getFirstPropertyValue('summary'))
    expect(summaries).toEqual(['Mon événement'])
    expect(summaries).not.toContain(other.title)

    for (const token of [
      'pas-un-jeton.ics',
      '00000000-0000-4000-8000-000000000000.ics',
      calendarToken,
    ]) {
      expect((await callLoader(feed, `/agenda/${token}`, null, { token })).status).toBe(404)
    }

    // /me/agenda shows both addresses and regenerates the token.
    const page = await callLoader<{ feedUrl: string; webcalUrl: string; upcoming: unknown[] }>(
      myAgenda,
      '/me/agenda',
      cookie,
    )
    expect(page.data.feedUrl).toBe(`http://localhost:3000/agenda/${calendarToken}.ics`)
    expect(page.data.webcalUrl).toBe(`webcal://localhost:3000/agenda/${calendarToken}.ics`)
    expect(page.data.upcoming).toHaveLength(2)
    expect(
      (await callAction(myAgenda, '/me/agenda', { intent: 'regenerate' }, cookie)).status,
    ).toBe(302)
    const regenerated = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(regenerated.calendarToken).not.toBe(calendarToken)
    expect(
      (
        await callLoader(feed, `/agenda/${calendarToken}.ics`, null, {
          token: `${calendarToken}.ics`,
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await callLoader(feed, `/agenda/${regenerated.calendarToken}.ics`, null, {
          token: `${regenerated.calendarToken}.ics`,
        })
      ).status,
    ).toBe(200)
  })

  test('the public feed honours the list’s filters', async () => {
    const tagged = await createTestEvent({
      title: 'Hackathon immersif',
      format: 'hackathon',
      challengeCodes: ['CP-IMMERSIF'],
      regionCode: 'R-02',
      timeZone: 'America/Martinique',
    })
    await createTestEvent({ title: 'Autre rencontre', challengeCodes: ['GT-LANGUE'] })
    await createTestEvent({ title: 'Brouillon', status: 'draft', challengeCodes: ['CP-IMMERSIF'] })
    const summaries = async (query: string) => {
      const outcome = await callLoader(publicFeed, `/evenements.ics${query}`, null)
      expect(outcome.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
      return parseIcs(outcome.data as string).vevents.map((v) =>
        String(v.getFirstPropertyValue('summary')),
      )
    }
    expect(await summaries('?tag=CP-IMMERSIF')).toEqual(['Hackathon immersif'])
    expect(await summaries('?region=R-02&format=hackathon')).toEqual(['Hackathon immersif'])
    expect(await summaries('?format=rendez_vous')).toEqual([])
    const all = await summaries('')
    expect(all).toContain('Hackathon immersif')
    expect(all).toContain('Autre rencontre')
    expect(all).not.toContain('Brouillon')
    const ics = parseIcs(
      (await callLoader(publicFeed, '/evenements.ics?tag=CP-IMMERSIF', null)).data as string,
    )
    expect(ics.tzid).toBe('America/Martinique')
    expect(ics.start.toISOString()).toBe(tagged.startsAt.toISOString())
  })
})

describe('public list', () => {
  test('upcoming first, past on their own tab, filters and pages', async () => {
    const now = Date.now()
    const region = 'R-06'
    for (let i = 0; i < 14; i++) {
      await createTestEvent({
        title: `Mayotte ${String(i).padStart(2, '0')}`,
        regionCode: region,
        startsAt: new Date(now + (i + 1) * DAY_MS),
        endsAt: new Date(now + (i + 1) * DAY_MS + 3600_000),
      })
    }
    await createTestEvent({
      title: 'Mayotte passé',
      regionCode: region,
      startsAt: new Date(now - 3 * DAY_MS),
      endsAt: new Date(now - 3 * DAY_MS + 3600_000),
    })
    type ListData = {
      events: Array<{ title: string }>
      total: number
      pageCount: number
      page: number
    }
    const first = await callLoader<ListData>(list, `/evenements?region=${region}`, null)
    expect(first.data.total).toBe(14)
    expect(first.data.pageCount).toBe(2)
    expect(first.data.events.map((e) => e.title).slice(0, 2)).toEqual(['Mayotte 00', 'Mayotte 01'])
    const second = await callLoader<ListData>(list, `/evenements?region=${region}&page=2`, null)
    expect(second.data.events.map((e) => e.title)).toEqual(['Mayotte 12', 'Mayotte 13'])
    const past = await callLoader<ListData>(list, `/evenements?region=${region}&quand=passes`, null)
    expect(past.data.events.map((e) => e.title)).toEqual(['Mayotte passé'])
    const nonsense = await callLoader<ListData>(
      list,
      '/evenements?page=abc&format=rave&tag=%3Cscript',
      null,
    )
    expect(nonsense.status).toBe(200)
  })
})

describe('organizer dashboard', () => {
  test('approvals, check-in by name, CSV export', async () => {
    const { user, cookie } = await userWithCookie('organizer')
    const event = await createTestEvent({
      createdById: user.id,
      approvalRequired: true,
      capacity: 5,
    })
    const params = { slug: event.slug }
    const amelie = await createTestUser(prisma, { name: 'Amélie Poulain' })
    const bruno = await createTestUser(prisma, { name: '=HYPERLINK("x") Bruno' })
    const a = await registerForEvent(event.id, amelie.id)
    const b = await registerForEvent(event.id, bruno.id)
    if (!a.ok || !b.ok) throw new Error('registration failed')

    type ManageData = { pending: Array<{ id: string }>; confirmed: Array<{ id: string }> }
    const before = await callLoader<ManageData>(
      manage,
      `/evenements/${event.slug}/gestion`,
      cookie,
      params,
    )
    expect(before.data.pending.map((r) => r.id).sort()).toEqual(
      [a.registration.id, b.registration.id].sort(),
    )
    const approve = (id: string, intent = 'approve') =>
      callAction(
        manage,
        `/evenements/${event.slug}/gestion`,
        { intent, registrationId: id },
        cookie,
        params,
      )
    expect((await approve(a.registration.id)).status).toBe(302)
    expect((await approve(b.registration.id)).status).toBe(302)
    expect((await approve(b.registration.id, 'decline')).status).toBe(409)
    const after = await callLoader<ManageData>(
      manage,
      `/evenements/${event.slug}/gestion`,
      cookie,
      params,
    )
    expect(after.data.confirmed).toHaveLength(2)

    type CheckInData = { people: Array<{ id: string; name: string; checkedInAt: Date | null }> }
    const search = await callLoader<CheckInData>(
      checkIn,
      `/evenements/${event.slug}/emargement?q=amelie`,
      cookie,
      params,
    )
    expect(search.data.people.map((p) => p.name)).toEqual(['Amélie Poulain'])
    const checked = await callAction(
      checkIn,
      `/evenements/${event.slug}/emargement`,
      { intent: 'check-in', registrationId: a.registration.id, q: 'amelie' },
      cookie,
      params,
    )
    expect(checked.status).toBe(302)
    expect(checked.location).toBe(`/evenements/${event.slug}/emargement?q=amelie`)
    expect(
      (await prisma.registration.findUniqueOrThrow({ where: { id: a.registration.id } }))
        .checkedInAt,
    ).not.toBeNull()

    const exported = await callLoader(
      csv,
      `/evenements/${event.slug}/inscriptions.csv`,
      cookie,
      params,
    )
    expect(exported.status).toBe(200)
    expect(exported.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const lines = (exported.data as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'Nom;Adresse électronique;Organisation;Statut;Inscription (UTC);Présence (UTC)',
    )
    expect(lines).toHaveLength(3)
    const amelieLine = lines.find((line) => line.startsWith('Amélie Poulain'))!
    expect(amelieLine.split(';')[3]).toBe('Inscription confirmée')
    expect(amelieLine.split(';')[5]).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    // A name that looks like a formula is neutralised.
    expect(lines.some((line) => line.startsWith(`"'=HYPERLINK(""x"") Bruno"`))).toBe(true)
  })
})

describe('hostile input on the events forms', () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '\u0000\u0007',
      '1e309',
      '-1',
      'NaN',
      '2026-02-30T25:61',
      '2030-03-31T02:30',
      '0000-01-01T00:00',
      'javascript:alert(1)',
      '00000000-0000-0000-0000-000000000000',
      '\ud800',
      'é'.repeat(20_000),
    ),
  )
  const fieldNames = [
    ...Object.keys(validForm),
    'titleEn',
    'descriptionEn',
    'onlineUrl',
    'registrationDeadline',
    'approvalRequired',
    'organisationId',
    'registrationId',
    'confirm',
    'q',
  ]
  const intents = [
    'publish',
    'draft',
    'save',
    'register',
    'cancel-registration',
    'cancel-event',
    'delete-draft',
    'approve',
    'decline',
    'check-in',
    'undo',
    'regenerate',
  ]

  test('never a 500, whoever posts what', async () => {
    const { user, cookie } = await userWithCookie('organizer')
    const { cookie: memberCookie } = await userWithCookie('member')
    const event = await createTestEvent({ createdById: user.id, title: 'Témoin du fuzzing' })
    const targets = [
      [create, '/evenements/nouveau', {}],
      [edit, `/evenements/${event.slug}/modifier`, { slug: event.slug }],
      [eventPage, `/evenements/${event.slug}`, { slug: event.slug }],
      [manage, `/evenements/${event.slug}/gestion`, { slug: event.slug }],
      [checkIn, `/evenements/${event.slug}/emargement`, { slug: event.slug }],
      [myAgenda, '/me/agenda', {}],
    ] as const
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.boolean(),
        fc.constantFrom(...intents),
        fc.array(fc.tuple(fc.constantFrom(...fieldNames), hostile), { maxLength: 10 }),
        async ([module, path, params], asOrganizer, intent, fields) => {
          const body = Object.fromEntries([...Object.entries(validForm), ...fields])
          const outcome = await callAction(
            module,
            path,
            { ...body, intent },
            asOrganizer ? cookie : memberCookie,
            params,
          )
          expect(outcome.status, JSON.stringify(outcome.data).slice(0, 200)).toBeLessThan(500)
        },
      ),
      { numRuns: 150 },
    )
    const after = await prisma.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(after.confirmedCount).toBeLessThanOrEqual(after.capacity)
  })
})
