import fc from 'fast-check'
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildCancellation,
  buildEventIcs,
  buildInvite,
  buildPersonalFeed,
  buildPublicFeed,
  cleanText,
  eventUid,
  meetingUid,
  type CalendarAttendeeInput,
  type CalendarEventInput,
  type CalendarMeetingInput,
} from './ical.server.ts'

const DOMAIN = 'passerelle.example.fr'
const NOW = new Date('2026-02-01T12:00:00Z')

function event(overrides: Partial<CalendarEventInput> = {}): CalendarEventInput {
  return {
    id: '7d0f6a3e-3c1b-4a43-9a4e-2f1b9c0d5e61',
    title: 'Rencontre : IA & musées, Lyon ; salle 2',
    description: 'Atelier « données ouvertes »,\nsuivi d’un apéritif ; venez nombreux.',
    url: 'https://passerelle.example.fr/evenements/ia-musees',
    start: new Date('2026-03-29T08:00:00Z'),
    end: new Date('2026-03-29T10:00:00Z'),
    timeZone: 'Europe/Paris',
    venueAddress: 'Musée des Confluences, 86 quai Perrache, 69002 Lyon',
    onlineUrl: null,
    sequence: 0,
    status: 'confirmed',
    organizer: { name: 'Élodie Martin', email: 'elodie.martin@example.fr' },
    updatedAt: new Date('2026-01-15T09:30:00Z'),
    ...overrides,
  }
}

const alice: CalendarAttendeeInput = {
  key: '11111111-1111-4111-8111-111111111111',
  name: 'Alice Lévêque',
  email: 'alice@example.org',
  partstat: 'ACCEPTED',
}
const bob: CalendarAttendeeInput = {
  key: '22222222-2222-4222-8222-222222222222',
  name: 'Bob',
  email: 'bob@example.org',
  partstat: 'ACCEPTED',
}

function meeting(overrides: Partial<CalendarMeetingInput> = {}): CalendarMeetingInput {
  return {
    id: 'm-42',
    eventId: '7d0f6a3e-3c1b-4a43-9a4e-2f1b9c0d5e61',
    title: 'Tête-à-tête : Bob',
    start: new Date('2026-03-29T09:00:00Z'),
    end: new Date('2026-03-29T09:20:00Z'),
    timeZone: 'Europe/Paris',
    tableLabel: 'Table 12',
    counterpartName: 'Bob Martin',
    url: 'https://passerelle.example.fr/evenements/ia-musees/rendez-vous',
    sequence: 1,
    ...overrides,
  }
}

interface Parsed {
  calendar: ICAL.Component
  events: ICAL.Component[]
}

/** Parses with ical.js, registering only this document's VTIMEZONEs (so a missing one shows). */
function parse(ics: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  ICAL.TimezoneService.reset()
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz)
  return { calendar, events: calendar.getAllSubcomponents('vevent') }
}

function only(ics: string): ICAL.Component {
  const { events } = parse(ics)
  expect(events).toHaveLength(1)
  return events[0]
}

/** UTC instant of DTSTART/DTEND, refusing floating times and unresolved TZIDs. */
function instant(vevent: ICAL.Component, name: 'dtstart' | 'dtend'): Date {
  const prop = vevent.getFirstProperty(name)!
  const time = prop.getFirstValue() as ICAL.Time
  const tzid = prop.getParameter('tzid')
  if (tzid) expect(time.zone?.tzid).toBe(tzid)
  else expect(time.zone?.tzid).toBe('UTC')
  return time.toJSDate()
}

const unescapeText = (value: string) => ICAL.design.icalendar.value.text.fromICAL!(value) as string

const text = (vevent: ICAL.Component, name: string) => vevent.getFirstPropertyValue(name) as string

function expectWellFormed(ics: string) {
  expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  for (const line of ics.split('\r\n')) {
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
  }
}

describe('UIDs', () => {
  it('are stable across generations and differ per attendee', () => {
    const first = only(buildInvite(event(), alice, { domain: DOMAIN }).content)
    const second = only(
      buildInvite(event({ title: 'Autre titre', sequence: 3 }), alice, {
        domain: DOMAIN,
      }).content,
    )
    const other = only(buildInvite(event(), bob, { domain: DOMAIN }).content)
    expect(text(first, 'uid')).toBe(text(second, 'uid'))
    expect(text(first, 'uid')).not.toBe(text(other, 'uid'))
    expect(text(first, 'uid')).toBe(`event-${event().id}-${alice.key}@${DOMAIN}`)
  })

  it('derive the domain from the app URL and do not depend on the e-mail when a key is given', () => {
    const a = buildInvite(event(), alice, {
      domain: 'https://Passerelle.example.fr:8443/app',
    })
    const b = buildInvite(
      event(),
      { ...alice, email: 'new-address@example.org' },
      { domain: DOMAIN },
    )
    expect(a.uid).toBe(b.uid)
  })

  it('fall back to a hash of the normalized e-mail, never the address itself', () => {
    const noKey = { ...alice, key: undefined }
    const a = buildInvite(event(), noKey, { domain: DOMAIN }).uid
    const b = buildInvite(
      event(),
      { ...noKey, email: ' Alice@Example.org ' },
      { domain: DOMAIN },
    ).uid
    expect(a).toBe(b)
    expect(a).not.toContain('alice')
    expect(a.split('@')).toHaveLength(2)
  })

  it('use the public scheme for PUBLISH and the meeting scheme for 1:1 meetings', () => {
    expect(text(only(buildEventIcs(event(), { domain: DOMAIN })), 'uid')).toBe(
      eventUid(event().id, DOMAIN),
    )
    expect(eventUid('e 1@x', DOMAIN)).toBe(`event-e%201%40x@${DOMAIN}`)
    const feed = parse(buildPersonalFeed({ events: [], meetings: [meeting()] }, { domain: DOMAIN }))
    expect(text(feed.events[0], 'uid')).toBe(meetingUid('m-42', DOMAIN))
    expect(meetingUid('m-42', DOMAIN)).toBe(`meeting-m-42@${DOMAIN}`)
  })
})

describe('iTIP', () => {
  it('REQUEST carries organizer, attendee, sequence, status and what the mailer needs', () => {
    const invite = buildInvite(event({ sequence: 4 }), alice, {
      domain: DOMAIN,
      now: NOW,
      sentBy: 'ne-pas-repondre@passerelle.example.fr',
    })
    expect(invite).toMatchObject({
      method: 'REQUEST',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
      filename: 'invite.ics',
    })
    expectWellFormed(invite.content)
    const { calendar, events } = parse(invite.content)
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    const vevent = events[0]
    expect(vevent.getFirstPropertyValue('sequence')).toBe(4)
    expect(text(vevent, 'status')).toBe('CONFIRMED')
    expect((vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate()).toEqual(NOW)

    const organizer = vevent.getFirstProperty('organizer')!
    expect(organizer.getFirstValue()).toBe('mailto:elodie.martin@example.fr')
    expect(organizer.getParameter('cn')).toBe('Élodie Martin')
    expect(organizer.getParameter('sent-by')).toBe('mailto:ne-pas-repondre@passerelle.example.fr')

    const attendees = vevent.getAllProperties('attendee')
    expect(attendees).toHaveLength(1)
    const attendee = attendees[0]
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:alice@example.org')
    expect(attendee.getParameter('cn')).toBe('Alice Lévêque')
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED')
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT')
    expect(attendee.getParameter('rsvp')).toBe('FALSE')
  })

  it('an updated REQUEST keeps the UID and raises SEQUENCE', () => {
    const v1 = only(buildInvite(event({ sequence: 0 }), alice, { domain: DOMAIN }).content)
    const v2 = only(
      buildInvite(event({ sequence: 1, start: new Date('2026-03-29T09:00:00Z') }), alice, {
        domain: DOMAIN,
      }).content,
    )
    expect(text(v2, 'uid')).toBe(text(v1, 'uid'))
    expect(v2.getFirstPropertyValue('sequence')).toBeGreaterThan(
      Number(v1.getFirstPropertyValue('sequence')),
    )
  })

  it('CANCEL keeps the UID, says CANCELLED and carries the sequence given', () => {
    const request = buildInvite(event({ sequence: 2 }), alice, {
      domain: DOMAIN,
    })
    const cancel = buildCancellation(
      event({ sequence: 3 }),
      { ...alice, partstat: 'DECLINED' },
      { domain: DOMAIN },
    )
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      contentType: 'text/calendar; charset=utf-8; method=CANCEL',
      filename: 'invite.ics',
      uid: request.uid,
    })
    const { calendar, events } = parse(cancel.content)
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(text(events[0], 'uid')).toBe(request.uid)
    expect(text(events[0], 'status')).toBe('CANCELLED')
    expect(events[0].getFirstPropertyValue('sequence')).toBe(3)
    expect(events[0].getFirstProperty('attendee')!.getParameter('partstat')).toBe('DECLINED')
    expect(events[0].getFirstProperty('organizer')).not.toBeNull()
  })

  it('keeps quotes and line breaks out of CN parameters', () => {
    const weird = { ...alice, name: 'Jean "JJ"\nDupont, fils; aîné' }
    const attendee = only(buildInvite(event(), weird, { domain: DOMAIN }).content).getFirstProperty(
      'attendee',
    )!
    expect(attendee.getParameter('cn')).toBe("Jean 'JJ' Dupont, fils; aîné")
  })

  it('rejects an invalid sequence or date', () => {
    expect(() => buildInvite(event({ sequence: -1 }), alice, { domain: DOMAIN })).toThrow(
      /SEQUENCE/,
    )
    expect(() =>
      buildInvite(event({ start: new Date(Number.NaN) }), alice, {
        domain: DOMAIN,
      }),
    ).toThrow(/start/)
  })
})

describe('PUBLISH', () => {
  it('"add to my calendar" is a single PUBLISH event', () => {
    const ics = buildEventIcs(event(), { domain: DOMAIN })
    expectWellFormed(ics)
    const { calendar, events } = parse(ics)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(events).toHaveLength(1)
    expect(events[0].getFirstProperty('attendee')).toBeNull()
  })

  it('marks a cancelled event in the title and STATUS', () => {
    const vevent = only(buildEventIcs(event({ status: 'cancelled' }), { domain: DOMAIN }))
    expect(text(vevent, 'status')).toBe('CANCELLED')
    expect(text(vevent, 'summary')).toBe('Annulé : ' + event().title)
  })
})

describe('time zones', () => {
  // Local time in the zone, and the UTC instant it is.
  const cases = [
    ['Europe/Paris', 'before spring forward', '2026-03-28T10:00:00Z', '20260328T110000'],
    ['Europe/Paris', 'after spring forward', '2026-03-29T08:00:00Z', '20260329T100000'],
    ['Europe/Paris', 'just after the gap', '2026-03-29T01:00:00Z', '20260329T030000'],
    ['Europe/Paris', 'before fall back', '2026-10-24T08:00:00Z', '20261024T100000'],
    ['Europe/Paris', 'after fall back', '2026-10-25T09:00:00Z', '20261025T100000'],
    ['America/Martinique', 'Martinique (no DST)', '2026-03-29T22:30:00Z', '20260329T183000'],
    ['America/Cayenne', 'Guyane', '2026-10-25T13:00:00Z', '20261025T100000'],
    ['Indian/Reunion', 'La Réunion', '2026-10-25T06:00:00Z', '20261025T100000'],
    [
      'Pacific/Noumea',
      'Nouméa, across the date line from Paris',
      '2026-07-13T22:00:00Z',
      '20260714T090000',
    ],
    ['Pacific/Tahiti', 'Tahiti', '2026-03-29T20:00:00Z', '20260329T100000'],
    [
      'America/New_York',
      'a zone with other DST dates (US already on DST)',
      '2026-03-20T14:00:00Z',
      '20260320T100000',
    ],
  ] as const

  // The host's zone must not leak into the output (ical-generator formats Dates with getHours()).
  const hostZones = ['UTC', 'America/New_York', 'Pacific/Noumea']
  const originalTz = process.env.TZ
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
  })

  for (const hostZone of hostZones) {
    describe(`with the server in ${hostZone}`, () => {
      beforeAll(() => {
        process.env.TZ = hostZone
      })

      it.each(cases)(
        '%s, %s: TZID + VTIMEZONE give back the instant',
        (timeZone, _label, iso, local) => {
          const start = new Date(iso)
          const end = new Date(start.getTime() + 90 * 60_000)
          const ics = buildEventIcs(event({ start, end, timeZone }), {
            domain: DOMAIN,
          })
          const { calendar, events } = parse(ics)
          const vevent = events[0]
          const dtstart = vevent.getFirstProperty('dtstart')!
          expect(dtstart.getParameter('tzid')).toBe(timeZone)
          expect(ics).toContain(`DTSTART;TZID=${timeZone}:${local}\r\n`)
          expect(
            calendar.getAllSubcomponents('vtimezone').map((c) => c.getFirstPropertyValue('tzid')),
          ).toEqual([timeZone])
          expect(instant(vevent, 'dtstart')).toEqual(start)
          expect(instant(vevent, 'dtend')).toEqual(end)
        },
      )
    })
  }

  it('the host zone switch above really took effect', () => {
    process.env.TZ = 'Pacific/Noumea'
    expect(new Date('2026-01-01T00:00:00Z').getHours()).toBe(11)
    process.env.TZ = originalTz ?? 'UTC'
  })

  it('an event spanning the spring change keeps both instants', () => {
    const start = new Date('2026-03-28T23:00:00Z') // 00:00 CET
    const end = new Date('2026-03-29T03:00:00Z') // 05:00 CEST
    const vevent = only(buildEventIcs(event({ start, end }), { domain: DOMAIN }))
    expect(instant(vevent, 'dtstart')).toEqual(start)
    expect(instant(vevent, 'dtend')).toEqual(end)
  })

  // 02:30 happens twice on 2026-10-25 in Paris. RFC 5545 says a repeated local time means the
  // first pass; ical.js reads the second. Either way UTC is the only unambiguous spelling.
  it.each([
    ['first', '2026-10-25T00:30:00Z', 'DTSTART:20261025T003000Z'],
    ['second', '2026-10-25T01:30:00Z', 'DTSTART:20261025T013000Z'],
  ])('writes UTC for the %s pass through the repeated hour', (_pass, iso, line) => {
    const start = new Date(iso)
    const end = new Date('2026-10-25T03:00:00Z')
    const ics = buildEventIcs(event({ start, end }), { domain: DOMAIN })
    expect(ics).toContain(`${line}\r\n`)
    const vevent = only(ics)
    expect(instant(vevent, 'dtstart')).toEqual(start)
    expect(instant(vevent, 'dtend')).toEqual(end)
  })

  it('writes UTC when the bundled VTIMEZONE is out of date (Mexico dropped DST in 2022)', () => {
    const start = new Date('2026-07-01T16:00:00Z') // 10:00 in Mexico City (UTC-6 all year)
    const end = new Date('2026-07-01T17:00:00Z')
    const ics = buildEventIcs(event({ start, end, timeZone: 'America/Mexico_City' }), {
      domain: DOMAIN,
    })
    expect(ics).not.toContain('BEGIN:VTIMEZONE')
    const vevent = only(ics)
    expect(instant(vevent, 'dtstart')).toEqual(start)
  })

  it('writes UTC for an unknown zone and defaults to Europe/Paris when none is given', () => {
    const start = new Date('2026-05-01T08:00:00Z')
    const unknown = only(
      buildEventIcs(event({ start, end: start, timeZone: 'Mars/Olympus_Mons' }), {
        domain: DOMAIN,
      }),
    )
    expect(instant(unknown, 'dtstart')).toEqual(start)
    const fallback = buildEventIcs(event({ start, end: start, timeZone: null }), { domain: DOMAIN })
    expect(fallback).toContain('DTSTART;TZID=Europe/Paris:20260501T100000\r\n')
  })

  it('truncates to whole seconds', () => {
    const start = new Date('2026-05-01T08:00:00.789Z')
    const vevent = only(buildEventIcs(event({ start, end: start }), { domain: DOMAIN }))
    expect(instant(vevent, 'dtstart')).toEqual(new Date('2026-05-01T08:00:00Z'))
  })
})

describe('text and links', () => {
  it('round-trips French punctuation, accents and newlines', () => {
    const e = event({
      title: 'Rencontre : IA & musées, Lyon ; salle 2',
      description:
        'Ligne 1, avec virgule ;\nLigne 2 : « guillemets » \\ antislash\r\nLigne 3 — emoji 🎨',
      venueAddress: 'Salle 2 ; 3e étage, 10 rue de l’Épée',
    })
    const vevent = only(buildEventIcs(e, { domain: DOMAIN }))
    expect(text(vevent, 'summary')).toBe(e.title)
    expect(text(vevent, 'description')).toContain(
      'Ligne 1, avec virgule ;\nLigne 2 : « guillemets » \\ antislash\nLigne 3 — emoji 🎨',
    )
    expect(text(vevent, 'location')).toBe(e.venueAddress)
  })

  it('venue only: LOCATION is the venue, URL the event page, DESCRIPTION links back', () => {
    const vevent = only(buildEventIcs(event(), { domain: DOMAIN }))
    expect(text(vevent, 'location')).toBe(event().venueAddress)
    expect(text(vevent, 'url')).toBe(event().url)
    expect(text(vevent, 'description')).toContain(`Voir l'événement : ${event().url}`)
  })

  it('online only: the link is both LOCATION and URL', () => {
    const onlineUrl = 'https://visio.example.org/j/123?pwd=a,b;c'
    const vevent = only(
      buildEventIcs(event({ venueAddress: null, onlineUrl }), {
        domain: DOMAIN,
      }),
    )
    expect(text(vevent, 'location')).toBe(onlineUrl)
    expect(decodeURI(text(vevent, 'url')).replace('%2C', ',').replace('%3B', ';')).toBe(onlineUrl)
    expect(text(vevent, 'url')).toBe('https://visio.example.org/j/123?pwd=a%2Cb%3Bc')
    expect(text(vevent, 'description')).toContain(event().url)
  })

  it('venue and online: LOCATION is the venue, the link is in URL and DESCRIPTION', () => {
    const onlineUrl = 'https://visio.example.org/j/123'
    const vevent = only(buildEventIcs(event({ onlineUrl }), { domain: DOMAIN, locale: 'en' }))
    expect(text(vevent, 'location')).toBe(event().venueAddress)
    expect(text(vevent, 'url')).toBe(onlineUrl)
    expect(text(vevent, 'description')).toContain(`Join online: ${onlineUrl}`)
    expect(text(vevent, 'description')).toContain(`View the event: ${event().url}`)
  })
})

describe('feeds', () => {
  it('public feed: N events, a name and refresh hints', () => {
    const events = Array.from({ length: 25 }, (_, i) =>
      event({
        id: `event-${i}`,
        start: new Date(Date.UTC(2026, 0, 1 + i * 14, 9)),
        end: new Date(Date.UTC(2026, 0, 1 + i * 14, 11)),
        timeZone: i % 3 === 0 ? 'America/Martinique' : 'Europe/Paris',
      }),
    )
    const ics = buildPublicFeed(events, {
      domain: DOMAIN,
      name: 'Passerelle, Lyon ; 2026',
    })
    expectWellFormed(ics)
    const { calendar, events: vevents } = parse(ics)
    expect(vevents).toHaveLength(25)
    expect(new Set(vevents.map((v) => text(v, 'uid'))).size).toBe(25)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    // ical.js keeps NAME and X-WR-CALNAME raw (unknown to it); they are TEXT, hence escaped.
    expect(ics).toContain('\r\nNAME:Passerelle\\, Lyon \\; 2026\r\n')
    expect(unescapeText(calendar.getFirstPropertyValue('x-wr-calname') as string)).toBe(
      'Passerelle, Lyon ; 2026',
    )
    expect(unescapeText(calendar.getFirstPropertyValue('name') as string)).toBe(
      'Passerelle, Lyon ; 2026',
    )
    expect(ics).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n')
    expect(ics).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n')
    expect(
      calendar
        .getAllSubcomponents('vtimezone')
        .map((c) => c.getFirstPropertyValue('tzid'))
        .sort(),
    ).toEqual(['America/Martinique', 'Europe/Paris'])
    vevents.forEach((v, i) => expect(instant(v, 'dtstart')).toEqual(events[i].start))
  })

  it('personal feed: events and 1:1 meetings with their table', () => {
    const ics = buildPersonalFeed(
      {
        events: [event(), event({ id: 'other', timeZone: 'Pacific/Noumea' })],
        meetings: [
          meeting(),
          meeting({
            id: 'm-43',
            tableLabel: 'Table B',
            counterpartName: 'Chloé',
          }),
        ],
      },
      { domain: DOMAIN, now: NOW },
    )
    expectWellFormed(ics)
    const { calendar, events } = parse(ics)
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Passerelle – mes rencontres')
    expect(events).toHaveLength(4)
    const m = events.find((v) => text(v, 'uid') === meetingUid('m-42', DOMAIN))!
    expect(text(m, 'summary')).toBe('Tête-à-tête : Bob')
    expect(text(m, 'location')).toBe('Table 12')
    expect(text(m, 'description')).toContain('Rendez-vous avec Bob Martin')
    expect(text(m, 'description')).toContain('Table : Table 12')
    expect(text(m, 'description')).toContain(meeting().url)
    expect(instant(m, 'dtstart')).toEqual(meeting().start)
    expect(m.getFirstPropertyValue('sequence')).toBe(1)
  })

  it('an empty feed is still a valid calendar', () => {
    const { calendar, events } = parse(buildPublicFeed([], { domain: DOMAIN, locale: 'en' }))
    expect(events).toHaveLength(0)
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Passerelle – meetups')
  })
})

describe('property: ical.js reads back what was written', () => {
  const zones = [
    'Europe/Paris',
    'America/Martinique',
    'Pacific/Noumea',
    'Indian/Reunion',
    'America/New_York',
  ]
  const textArb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.string({
      unit: fc.constantFrom(',', ';', '\n', '\r\n', '\\', ':', '"', 'é', '«', ' ', 'a', '😀', '\t'),
      maxLength: 60,
    }),
  )

  it('summary, description and start instant survive', () => {
    fc.assert(
      fc.property(
        textArb,
        textArb,
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2060-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 48 * 3600 }),
        fc.constantFrom(...zones),
        (title, description, start, durationSeconds, timeZone) => {
          const end = new Date(start.getTime() + durationSeconds * 1000)
          const ics = buildEventIcs(event({ title, description, start, end, timeZone }), {
            domain: DOMAIN,
          })
          for (const line of ics.split('\r\n'))
            expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
          const vevent = only(ics)
          expect(text(vevent, 'summary')).toBe(cleanText(title))
          const expectedDescription = cleanText(description).trim()
          if (expectedDescription)
            expect(text(vevent, 'description').startsWith(expectedDescription + '\n\n')).toBe(true)
          const whole = (d: Date) => Math.floor(d.getTime() / 1000) * 1000
          expect(instant(vevent, 'dtstart').getTime()).toBe(whole(start))
          expect(instant(vevent, 'dtend').getTime()).toBe(whole(end))
        },
      ),
      { numRuns: 300 },
    )
  })
})
