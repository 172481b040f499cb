import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import {
  buildMeetingInvite,
  buildPersonalFeed,
  meetingUid,
  type CalendarAttendeeInput,
  type CalendarMeetingInput,
} from '~/models/calendar/ical.server.ts'

const DOMAIN = 'https://passerelle.culture.gouv.fr'

const meeting = (overrides: Partial<CalendarMeetingInput> = {}): CalendarMeetingInput => ({
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  eventId: 'e1',
  title: 'Rendez-vous avec Jeanne Martin (Muséoscope) — Salon culture & numérique',
  start: new Date('2026-06-12T07:20:00Z'),
  end: new Date('2026-06-12T07:40:00Z'),
  timeZone: 'Europe/Paris',
  tableLabel: 'Table 4',
  counterpartName: 'Jeanne Martin (Muséoscope)',
  url: 'https://passerelle.culture.gouv.fr/evenements/salon/rendez-vous/mon-agenda',
  sequence: 0,
  organizer: { name: 'Passerelle', email: 'ne-pas-repondre@passerelle.culture.gouv.fr' },
  ...overrides,
})

const alice: CalendarAttendeeInput = {
  key: 'u-alice',
  name: 'Alice Durand',
  email: 'alice@exemple.fr',
  partstat: 'ACCEPTED',
}
const bob: CalendarAttendeeInput = { ...alice, key: 'u-bob', name: 'Bob', email: 'bob@exemple.fr' }

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  ICAL.TimezoneService.reset()
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz)
  const vevents = calendar.getAllSubcomponents('vevent')
  expect(vevents).toHaveLength(1)
  return { calendar, vevent: vevents[0] }
}

describe('buildMeetingInvite', () => {
  test('REQUEST with the meeting UID (the same for both people and the feed), in the event zone', () => {
    const forAlice = buildMeetingInvite('REQUEST', meeting(), alice, { domain: DOMAIN })
    const forBob = buildMeetingInvite('REQUEST', meeting(), bob, { domain: DOMAIN })
    expect(forAlice.uid).toBe(meetingUid(meeting().id, DOMAIN))
    expect(forBob.uid).toBe(forAlice.uid)
    expect(forAlice.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST')
    const { calendar, vevent } = parse(forAlice.content)
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(vevent.getFirstPropertyValue('uid')).toBe(forAlice.uid)
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0)
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris')
    expect((vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(
      meeting().start,
    )
    expect(vevent.getFirstPropertyValue('location')).toBe('Table 4')
    const attendees = vevent.getAllProperties('attendee')
    expect(attendees.map((a) => a.getFirstValue())).toEqual(['MAILTO:alice@exemple.fr'])
    expect(vevent.getFirstPropertyValue('organizer')).toBe(
      'mailto:ne-pas-repondre@passerelle.culture.gouv.fr',
    )
    const feed = buildPersonalFeed({ events: [], meetings: [meeting()] }, { domain: DOMAIN })
    expect(parse(feed).vevent.getFirstPropertyValue('uid')).toBe(forAlice.uid)
  })

  test('an update keeps the UID with a higher SEQUENCE; a CANCEL is marked cancelled', () => {
    const moved = buildMeetingInvite(
      'REQUEST',
      meeting({
        sequence: 1,
        start: new Date('2026-06-12T08:00:00Z'),
        end: new Date('2026-06-12T08:20:00Z'),
      }),
      alice,
      { domain: DOMAIN },
    )
    const cancel = buildMeetingInvite('CANCEL', meeting({ sequence: 2 }), alice, {
      domain: DOMAIN,
      sentBy: 'ne-pas-repondre@passerelle.culture.gouv.fr',
    })
    expect(parse(moved.content).vevent.getFirstPropertyValue('sequence')).toBe(1)
    const { calendar, vevent } = parse(cancel.content)
    expect(cancel.uid).toBe(moved.uid)
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2)
    expect(vevent.getFirstProperty('organizer')!.getParameter('sent-by')).toContain(
      'ne-pas-repondre@',
    )
  })

  test('an invite needs an organizer', () => {
    expect(() =>
      buildMeetingInvite('REQUEST', meeting({ organizer: null }), alice, { domain: DOMAIN }),
    ).toThrow(/organizer/)
  })
})
