// iCalendar (RFC 5545) and iTIP (RFC 5546) output for meetups and 1:1 meetings.
// Pure: plain objects in, strings out; no Remix, Prisma or network.
//
// Time zones: DTSTART/DTEND carry TZID=<event zone> plus the matching VTIMEZONE, so clients
// show the meetup in its own zone (Paris, Martinique, Nouméa…). An event falls back to UTC
// ("…Z") only when its local time would not name the instant unambiguously: inside the repeated
// autumn hour (clients disagree on which pass it means), in a zone the VTIMEZONE bundle lacks,
// or in a zone whose bundled rules (tzdata 2018g) disagree with the runtime's tz database on
// that date (e.g. Mexico, which dropped DST in 2022). Either way the instant is exact.
//
// Serialisation: each VEVENT comes from ical-generator (escaping, ATTENDEE/ORGANIZER syntax);
// the VCALENDAR envelope and line folding are done here because ical-generator's foldLines
// allocates a TextEncoder per character (≈0.8 µs/char, about 0.5 s for a 1 000-event feed).
import { createHash } from 'node:crypto'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, {
  escape,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalEventStatus,
  type ICalCalendar,
  type ICalEventData,
  type ICalTemporalPlainDateStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator'
import type { Language } from '~/i18n.ts'
import { resources } from '~/locales/index.ts'

/** The fixed words of invites and feeds come from the catalogue's `calendar` namespace. */
export type CalendarLocale = Language
export type CalendarPartstat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE'

export const DEFAULT_TIME_ZONE = 'Europe/Paris'
/** Content-Type for .ics downloads and feeds (PUBLISH). */
export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8'
const FEED_REFRESH_SECONDS = 3600

export interface CalendarEventInput {
  id: string | number
  title: string
  description?: string | null
  /** Event page on the site; always linked from DESCRIPTION. */
  url: string
  /** UTC instants. */
  start: Date
  end: Date
  /** IANA zone the meetup takes place in. */
  timeZone?: string | null
  venueAddress?: string | null
  onlineUrl?: string | null
  sequence: number
  status: 'confirmed' | 'cancelled'
  organizer: { name: string; email: string }
  updatedAt: Date
}

export interface CalendarAttendeeInput {
  /** Stable id of the person (user or registration id). Without it the e-mail address is
   * hashed, which changes the UID if the address changes: pass it. */
  key?: string | number | null
  name: string
  email: string
  partstat: CalendarPartstat
}

export interface CalendarMeetingInput {
  id: string | number
  eventId: string | number
  title: string
  start: Date
  end: Date
  timeZone?: string | null
  tableLabel: string
  counterpartName: string
  url: string
  sequence: number
  status?: 'confirmed' | 'cancelled'
  updatedAt?: Date | null
  venueAddress?: string | null
  onlineUrl?: string | null
  organizer?: { name: string; email: string } | null
}

export interface CalendarOptions {
  /** Right-hand side of every UID: the app's host name, or its URL (the host is kept).
   * Must not change between releases, or clients will duplicate events. */
  domain: string
  locale?: CalendarLocale
  /** DTSTAMP (creation time of this iCalendar object); defaults to now. */
  now?: Date
}

export interface InviteOptions extends CalendarOptions {
  /** Address that actually sends the e-mail when it is not the organizer's
   * (emitted as ORGANIZER;SENT-BY, so Outlook shows "X on behalf of Y"). */
  sentBy?: string | null
}

export interface FeedOptions extends CalendarOptions {
  /** X-WR-CALNAME / NAME; defaults to the localized feed name. */
  name?: string
  description?: string
  /** Seconds; emitted as REFRESH-INTERVAL and X-PUBLISHED-TTL. Default 1 h. */
  refreshInterval?: number
}

export type ItipMethod = 'REQUEST' | 'CANCEL'

/** What an e-mail sender needs; nodemailer: `icalEvent: { method, content, filename }`. */
export interface CalendarInvite {
  method: ItipMethod
  content: string
  contentType: `text/calendar; charset=utf-8; method=${ItipMethod}`
  filename: 'invite.ics'
  uid: string
}

// ---------------------------------------------------------------------------------------------
// UIDs. A calendar client matches an incoming object to the one it already stores by UID only
// (then SEQUENCE/DTSTAMP decide which is newer), so a UID must be a pure function of what it
// identifies: never random, never derived from mutable data (title, date, e-mail). Otherwise an
// update or a cancellation lands as a second, independent event.
//   event-<eventId>@<domain>                 public PUBLISH (.ics download, feeds)
//   event-<eventId>-<attendeeKey>@<domain>   the personal iTIP invite of one attendee: each
//       person gets their own scheduling object listing only themselves (no address leaks to
//       other attendees, and cancelling one registration cannot cancel the event for others)
//   meeting-<meetingId>@<domain>             a 1:1 meeting (same UID in both people's feeds)
// Ids are percent-encoded, so a UID always holds exactly one "@". With fixed-length ids (UUIDs)
// the "-" separator is unambiguous.
// ---------------------------------------------------------------------------------------------

export function calendarDomain(domainOrUrl: string): string {
  const value = domainOrUrl.trim()
  const host = value.includes('://') ? new URL(value).hostname : value.replace(/[:/].*$/, '')
  if (!host) throw new Error(`Invalid calendar UID domain: ${JSON.stringify(domainOrUrl)}`)
  return host.toLowerCase()
}

function uidPart(id: string | number): string {
  const text = String(id)
  if (!text) throw new Error('Calendar UIDs need a non-empty id')
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

export function attendeeKey(attendee: Pick<CalendarAttendeeInput, 'key' | 'email'>): string {
  if (attendee.key != null && attendee.key !== '') return String(attendee.key)
  const email = attendee.email.trim().toLowerCase()
  return `m${createHash('sha256').update(email).digest('hex').slice(0, 24)}`
}

export function eventUid(eventId: string | number, domain: string): string {
  return `event-${uidPart(eventId)}@${calendarDomain(domain)}`
}

export function attendeeEventUid(
  eventId: string | number,
  attendee: Pick<CalendarAttendeeInput, 'key' | 'email'>,
  domain: string,
): string {
  return `event-${uidPart(eventId)}-${uidPart(attendeeKey(attendee))}@${calendarDomain(domain)}`
}

export function meetingUid(meetingId: string | number, domain: string): string {
  return `meeting-${uidPart(meetingId)}@${calendarDomain(domain)}`
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** iTIP REQUEST: the personal invitation (send again with a higher `sequence` to update it). */
export function buildInvite(
  event: CalendarEventInput,
  attendee: CalendarAttendeeInput,
  options: InviteOptions,
): CalendarInvite {
  return itipMessage('REQUEST', event, attendee, options)
}

/** iTIP CANCEL for the event or for this attendee's registration. Same UID as the invite; the
 * caller bumps `sequence` above the last REQUEST sent. */
export function buildCancellation(
  event: CalendarEventInput,
  attendee: CalendarAttendeeInput,
  options: InviteOptions,
): CalendarInvite {
  return itipMessage('CANCEL', event, attendee, options)
}

/** iTIP REQUEST or CANCEL for one side of a 1:1 meeting. The UID is the meeting's own
 * (meetingUid, as in the personal feed), so the first invite, its updates (higher SEQUENCE) and
 * the cancellation land on one calendar entry. iTIP needs an ORGANIZER: `meeting.organizer`. */
export function buildMeetingInvite(
  method: ItipMethod,
  meeting: CalendarMeetingInput,
  attendee: CalendarAttendeeInput,
  options: InviteOptions,
): CalendarInvite {
  if (!meeting.organizer) throw new Error('A meeting invite needs an organizer')
  const ctx = context(options)
  const cal = newCalendar(ctx)
  addMeeting(
    cal,
    { ...meeting, status: method === 'CANCEL' ? 'cancelled' : (meeting.status ?? 'confirmed') },
    ctx,
  )
  const [event] = cal.events()
  const organizer = event.organizer()
  const sentBy = options.sentBy?.trim()
  if (organizer && sentBy) event.organizer({ ...organizer, sentBy })
  event.createAttendee({
    name: paramText(attendee.name) || null,
    email: attendee.email.trim(),
    role: ICalAttendeeRole.REQ,
    status: PARTSTAT[attendee.partstat],
    rsvp: false,
  })
  return {
    method,
    content: serialize(cal, { method }),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    filename: 'invite.ics',
    uid: meetingUid(meeting.id, ctx.domain),
  }
}

/** "Add to my calendar": one event, METHOD:PUBLISH. */
export function buildEventIcs(event: CalendarEventInput, options: CalendarOptions): string {
  const ctx = context(options)
  const cal = newCalendar(ctx)
  addPublishedEvent(cal, event, ctx)
  return serialize(cal, { method: 'PUBLISH' })
}

/** Subscription feed of one person: their events (pass the confirmed ones) and 1:1 meetings. */
export function buildPersonalFeed(
  input: {
    events: readonly CalendarEventInput[]
    meetings?: readonly CalendarMeetingInput[]
  },
  options: FeedOptions,
): string {
  const ctx = context(options)
  const cal = newCalendar(ctx)
  for (const event of input.events) addPublishedEvent(cal, event, ctx)
  for (const meeting of input.meetings ?? []) addMeeting(cal, meeting, ctx)
  return serialize(cal, feedHeader(options, strings(ctx).personalFeedName))
}

/** Public feed of many events. */
export function buildPublicFeed(
  events: readonly CalendarEventInput[],
  options: FeedOptions,
): string {
  const ctx = context(options)
  const cal = newCalendar(ctx)
  for (const event of events) addPublishedEvent(cal, event, ctx)
  return serialize(cal, feedHeader(options, strings(ctx).publicFeedName))
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

interface Context {
  domain: string
  locale: CalendarLocale
  now: Date
}

function context(options: CalendarOptions): Context {
  return {
    domain: calendarDomain(options.domain),
    locale: options.locale ?? 'fr',
    now: options.now ?? new Date(),
  }
}

function strings(ctx: Context) {
  return resources[ctx.locale].calendar
}

function newCalendar(ctx: Context): ICalCalendar {
  // No calendar-level time zone: ical-generator would then write DTSTAMP, CREATED and
  // LAST-MODIFIED as local times, which RFC 5545 forbids (they must be UTC).
  return ical({
    prodId: {
      company: 'Passerelle',
      product: 'Passerelle',
      language: ctx.locale.toUpperCase(),
    },
  })
}

const PARTSTAT: Record<CalendarPartstat, ICalAttendeeStatus> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
}

function itipMessage(
  method: ItipMethod,
  event: CalendarEventInput,
  attendee: CalendarAttendeeInput,
  options: InviteOptions,
): CalendarInvite {
  const ctx = context(options)
  const cal = newCalendar(ctx)
  const data = eventData(event, ctx)
  data.id = attendeeEventUid(event.id, attendee, ctx.domain)
  data.status = method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
  const sentBy = options.sentBy?.trim()
  if (sentBy && data.organizer && typeof data.organizer === 'object') {
    data.organizer = { ...data.organizer, sentBy }
  }
  data.attendees = [
    {
      name: paramText(attendee.name) || null,
      email: attendee.email.trim(),
      role: ICalAttendeeRole.REQ,
      status: PARTSTAT[attendee.partstat],
      // The registration on the site is the RSVP; RSVP=FALSE means clients file the event
      // without asking the person to e-mail a reply to the organizer's mailbox.
      rsvp: false,
    },
  ]
  cal.createEvent(data)
  return {
    method,
    content: serialize(cal, { method }),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    filename: 'invite.ics',
    uid: data.id,
  }
}

function addPublishedEvent(cal: ICalCalendar, event: CalendarEventInput, ctx: Context) {
  const data = eventData(event, ctx)
  if (event.status === 'cancelled') {
    // Google Calendar ignores STATUS in subscribed feeds; say it in the title too.
    data.summary = strings(ctx).cancelledPrefix + data.summary
  }
  cal.createEvent(data)
}

function eventData(event: CalendarEventInput, ctx: Context): ICalEventData & { id: string } {
  const t = strings(ctx)
  const venue = cleanText(event.venueAddress ?? '').trim()
  const online = cleanText(event.onlineUrl ?? '').trim()
  const pageUrl = cleanText(event.url).trim()

  const description = [
    cleanText(event.description ?? '').trim(),
    online ? t.joinOnline + online : '',
    t.viewEvent + pageUrl,
  ]
    .filter(Boolean)
    .join('\n\n')

  return {
    id: eventUid(event.id, ctx.domain),
    sequence: checkSequence(event.sequence),
    stamp: ctx.now,
    lastModified: checkDate(event.updatedAt, 'updatedAt'),
    ...times(event.start, event.end, event.timeZone),
    summary: cleanText(event.title),
    description,
    location: venue || online || null,
    url: uri(online) ?? uri(pageUrl),
    organizer: {
      name: paramText(event.organizer.name) || event.organizer.email.trim(),
      email: event.organizer.email.trim(),
    },
    status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  }
}

function addMeeting(cal: ICalCalendar, meeting: CalendarMeetingInput, ctx: Context) {
  const t = strings(ctx)
  const table = cleanText(meeting.tableLabel).trim()
  const venue = cleanText(meeting.venueAddress ?? '').trim()
  const online = cleanText(meeting.onlineUrl ?? '').trim()
  const pageUrl = cleanText(meeting.url).trim()
  const cancelled = meeting.status === 'cancelled'

  const description = [
    [t.meetingWith + cleanText(meeting.counterpartName).trim(), table ? t.table + table : '']
      .filter(Boolean)
      .join('\n'),
    online ? t.joinOnline + online : '',
    t.viewEvent + pageUrl,
  ]
    .filter(Boolean)
    .join('\n\n')

  cal.createEvent({
    id: meetingUid(meeting.id, ctx.domain),
    sequence: checkSequence(meeting.sequence),
    stamp: ctx.now,
    lastModified: meeting.updatedAt ? checkDate(meeting.updatedAt, 'updatedAt') : null,
    ...times(meeting.start, meeting.end, meeting.timeZone),
    summary: (cancelled ? t.cancelledPrefix : '') + cleanText(meeting.title),
    description,
    location: [table, venue].filter(Boolean).join(' – ') || online || null,
    url: uri(online) ?? uri(pageUrl),
    organizer: meeting.organizer
      ? {
          name: paramText(meeting.organizer.name) || meeting.organizer.email.trim(),
          email: meeting.organizer.email.trim(),
        }
      : null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  })
}

function checkSequence(sequence: number): number {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new Error(`SEQUENCE must be a non-negative integer, got ${sequence}`)
  }
  return sequence
}

function checkDate(date: Date, name: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Error(`${name} must be a valid Date`)
  }
  return date
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

// RFC 5545 TEXT allows no control characters but HTAB (and escaped newlines), and UTF-8 cannot
// encode lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The normalisation applied to every text value (exported so tests state the contract):
 * CRLF/CR become LF, control characters are dropped, lone surrogates become U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').replace(LONE_SURROGATE, '\uFFFD')
}

// Parameter values (CN) cannot hold DQUOTE or line breaks, and backslash is not an escape there
// (ical-generator would double it).
function paramText(text: string): string {
  return cleanText(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .trim()
}

// URL is a URI value, not TEXT: it is not backslash-escaped by readers, but ical-generator
// escapes "," and ";" in it. Percent-encoding those keeps the link intact.
function uri(value: string): string | null {
  if (!value) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  return url.href.replace(/[,;\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

interface Observance {
  offsetFrom: number // minutes
  offsetTo: number
  // local onset: fixed date (no RRULE) or yearly rule (month 1-12, nth ±1..5, weekday 0=SU)
  year: number
  month: number
  day: number
  nth: number | null
  weekday: number
  seconds: number // local time of day
}

interface ZoneInfo {
  vtimezone: string
  observances: Observance[]
  wallClock: Intl.DateTimeFormat
  offsets: number[]
  transitionsByYear: Map<number, Transition[]>
}

interface Transition {
  at: number // UTC ms
  offset: number // minutes, from then on
}

const zoneCache = new Map<string, ZoneInfo | null>()

/** VTIMEZONE text for a zone, or null when it is unknown or not in the bundle. Cached. */
export function vtimezoneFor(timeZone: string): string | null {
  return zoneInfo(timeZone)?.vtimezone ?? null
}

function zoneInfo(timeZone: string): ZoneInfo | null {
  let info = zoneCache.get(timeZone)
  if (info === undefined) {
    info = loadZone(timeZone)
    zoneCache.set(timeZone, info)
  }
  return info
}

function loadZone(timeZone: string): ZoneInfo | null {
  let wallClock: Intl.DateTimeFormat
  try {
    wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
  } catch {
    return null // not a zone this runtime knows
  }
  const text = getVtimezoneComponent(timeZone)
  if (!text) return null
  const vtimezone = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .trim()
  // The bundle keys aliases too ("UTC" → Etc/UTC); TZID must be the name events use.
  if (!new RegExp(`^TZID:${escapeRegExp(timeZone)}$`, 'm').test(vtimezone)) return null
  const observances = parseObservances(vtimezone)
  if (!observances) return null
  const offsets = [...new Set(observances.map((o) => o.offsetTo))]
  return {
    vtimezone,
    observances,
    offsets,
    wallClock,
    transitionsByYear: new Map(),
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

// Understands the shapes found in @touch4it/ical-timezones (one fixed observance, or yearly
// BYMONTH/BYDAY rules); anything else returns null and the zone's events are written in UTC.
function parseObservances(vtimezone: string): Observance[] | null {
  const blocks = vtimezone.match(/BEGIN:(STANDARD|DAYLIGHT)\n[\s\S]*?END:\1/g)
  if (!blocks?.length) return null
  const result: Observance[] = []
  for (const block of blocks) {
    const prop = (name: string) => block.match(new RegExp(`^${name}(?:;[^:\\n]*)?:(.*)$`, 'm'))?.[1]
    if (prop('RDATE') !== undefined) return null
    const from = parseOffset(prop('TZOFFSETFROM'))
    const to = parseOffset(prop('TZOFFSETTO'))
    const start = prop('DTSTART')?.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/)
    if (from === null || to === null || !start) return null
    const [, y, mo, d, h, mi, s] = start.map(Number)
    const observance: Observance = {
      offsetFrom: from,
      offsetTo: to,
      year: y,
      month: mo,
      day: d,
      nth: null,
      weekday: 0,
      seconds: h * 3600 + mi * 60 + s,
    }
    const rrule = prop('RRULE')
    if (rrule !== undefined) {
      const rule = rrule.match(
        /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=([+-]?[1-5])(SU|MO|TU|WE|TH|FR|SA)$/,
      )
      if (!rule) return null
      observance.month = Number(rule[1])
      observance.nth = Number(rule[2])
      observance.weekday = WEEKDAYS.indexOf(rule[3])
    }
    result.push(observance)
  }
  return result
}

function parseOffset(value: string | undefined): number | null {
  const match = value?.match(/^([+-])(\d{2})(\d{2})(\d{2})?$/)
  if (!match) return null
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** Onsets of the VTIMEZONE's observances from the year before to the year after. */
function transitions(info: ZoneInfo, year: number): Transition[] {
  const cached = info.transitionsByYear.get(year)
  if (cached) return cached
  const list: Transition[] = []
  for (const o of info.observances) {
    if (o.nth === null) {
      const local = Date.UTC(o.year, o.month - 1, o.day) + o.seconds * 1000
      list.push({ at: local - o.offsetFrom * 60_000, offset: o.offsetTo })
      continue
    }
    for (let y = Math.max(year - 1, o.year); y <= year + 1; y++) {
      const local =
        Date.UTC(y, o.month - 1, nthWeekday(y, o.month, o.nth, o.weekday)) + o.seconds * 1000
      list.push({ at: local - o.offsetFrom * 60_000, offset: o.offsetTo })
    }
  }
  list.sort((a, b) => a.at - b.at)
  info.transitionsByYear.set(year, list)
  return list
}

function nthWeekday(year: number, month: number, nth: number, weekday: number): number {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay()
    return 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const last = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay()
  return lastDay - ((last - weekday + 7) % 7) + (nth + 1) * 7
}

/** Offset (minutes) the VTIMEZONE gives at a UTC instant, or null before its first onset. */
function vtimezoneOffset(info: ZoneInfo, utcMs: number): number | null {
  let offset: number | null = null
  for (const t of transitions(info, new Date(utcMs).getUTCFullYear())) {
    if (t.at > utcMs) break
    offset = t.offset
  }
  return offset
}

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/

function wallClockOf(info: ZoneInfo, instant: Date): WallClock {
  // format() + regex is ~3× cheaper than formatToParts(); the latter is the fallback.
  const match = WALL_CLOCK.exec(info.wallClock.format(instant))
  if (match) {
    return {
      year: Number(match[3]),
      month: Number(match[1]),
      day: Number(match[2]),
      hour: Number(match[4]),
      minute: Number(match[5]),
      second: Number(match[6]),
    }
  }
  const parts: Record<string, number> = {}
  for (const part of info.wallClock.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  }
}

/** The instant a client applying this VTIMEZONE reads from the local time, or null when there
 * is none (a gap) or more than one: RFC 5545 says a repeated local time means the first
 * occurrence, but ical.js (hence Thunderbird) picks the second, so neither is safe. */
function instantFromVtimezone(info: ZoneInfo, wall: WallClock): number | null {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  const found: number[] = []
  for (const offset of info.offsets) {
    const candidate = local - offset * 60_000
    if (vtimezoneOffset(info, candidate) === offset) found.push(candidate)
  }
  return found.length === 1 ? found[0] : null
}

function times(
  start: Date,
  end: Date,
  timeZone: string | null | undefined,
): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  checkDate(start, 'start')
  checkDate(end, 'end')
  if (end.getTime() < start.getTime()) throw new Error('end must not be before start')
  // iCalendar has whole seconds.
  const s = new Date(Math.floor(start.getTime() / 1000) * 1000)
  const e = new Date(Math.floor(end.getTime() / 1000) * 1000)
  const info = zoneInfo(timeZone || DEFAULT_TIME_ZONE)
  if (info) {
    const ws = wallClockOf(info, s)
    const we = wallClockOf(info, e)
    if (
      instantFromVtimezone(info, ws) === s.getTime() &&
      instantFromVtimezone(info, we) === e.getTime()
    ) {
      const zone = timeZone || DEFAULT_TIME_ZONE
      return {
        start: new ZonedWallClock(zone, s, ws),
        end: new ZonedWallClock(zone, e, we),
        timezone: zone,
      }
    }
  }
  return { start: s, end: e, timezone: null }
}

// ical-generator formats a JS Date with a TZID using the *process* time zone (getHours()), so
// the local time is handed over as a Temporal.ZonedDateTime look-alike whose fields are already
// the wall clock in the event's zone. Classes, not closures: this runs twice per event.
class WallDate implements ICalTemporalPlainDateStub {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}
  toString() {
    return `${String(this.year).padStart(4, '0')}-${pad(this.month)}-${pad(this.day)}`
  }
  toJSON() {
    return this.toString()
  }
}

class WallDateTime implements ICalTemporalPlainDateTimeStub {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  constructor(
    wall: WallClock,
    private readonly zoned: ZonedWallClock,
  ) {
    this.year = wall.year
    this.month = wall.month
    this.day = wall.day
    this.hour = wall.hour
    this.minute = wall.minute
    this.second = wall.second
  }
  toPlainDate() {
    return new WallDate(this.year, this.month, this.day)
  }
  toZonedDateTime() {
    return this.zoned
  }
  toString() {
    return `${this.toPlainDate()}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`
  }
  toJSON() {
    return this.toString()
  }
}

class ZonedWallClock implements ICalTemporalZonedDateTimeStub {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
  constructor(
    readonly timeZoneId: string,
    private readonly instant: Date,
    wall: WallClock,
  ) {
    this.year = wall.year
    this.month = wall.month
    this.day = wall.day
    this.hour = wall.hour
    this.minute = wall.minute
    this.second = wall.second
  }
  toPlainDateTime() {
    return new WallDateTime(this, this)
  }
  toInstant() {
    const iso = this.instant.toISOString()
    return {
      epochMilliseconds: this.instant.getTime(),
      toJSON: () => iso,
      toString: () => iso,
      toZonedDateTimeISO: (zone: string) => this.withTimeZone(zone),
    }
  }
  withTimeZone(zone: string) {
    if (zone !== this.timeZoneId) throw new Error(`Unexpected time zone conversion to ${zone}`)
    return this
  }
  toString() {
    return `${this.toPlainDateTime()}[${this.timeZoneId}]`
  }
  toJSON() {
    return this.toString()
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

// ---------------------------------------------------------------------------------------------
// Serialisation
// ---------------------------------------------------------------------------------------------

interface CalendarHeader {
  method: 'PUBLISH' | ItipMethod
  name?: string
  description?: string
  refreshInterval?: number
}

function feedHeader(options: FeedOptions, defaultName: string): CalendarHeader {
  return {
    method: 'PUBLISH',
    name: options.name ?? defaultName,
    description: options.description,
    refreshInterval: options.refreshInterval ?? FEED_REFRESH_SECONDS,
  }
}

function serialize(cal: ICalCalendar, header: CalendarHeader): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-${cal.prodId()}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${header.method}`,
  ]
  if (header.name) {
    // TEXT values (NAME per RFC 7986, X-WR-CALNAME by convention): escaped like SUMMARY.
    const name = escape(cleanText(header.name), false)
    lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`)
  }
  if (header.description) {
    const description = escape(cleanText(header.description), false)
    lines.push(`DESCRIPTION:${description}`, `X-WR-CALDESC:${description}`)
  }
  if (header.refreshInterval) {
    const duration = isoDuration(header.refreshInterval)
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration}`, `X-PUBLISHED-TTL:${duration}`)
  }
  const events = cal.events()
  const zones = new Set<string>()
  for (const event of events) {
    const zone = event.timezone()
    if (zone) zones.add(zone)
  }
  for (const zone of zones) {
    const vtimezone = vtimezoneFor(zone)
    if (!vtimezone) throw new Error(`No VTIMEZONE for ${zone}`) // times() prevents this
    lines.push(vtimezone.replace(/\n/g, '\r\n'))
  }
  let body = lines.join('\r\n') + '\r\n'
  for (const event of events) body += event.toString()
  return fold(body + 'END:VCALENDAR\r\n')
}

function isoDuration(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0)
    throw new Error('refreshInterval must be a positive integer')
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`
}

/** RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + space, never splitting a
 * UTF-8 sequence (nor a surrogate pair). */
export function fold(text: string): string {
  const lines = text.split('\r\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.length <= 25) continue // ≤ 3 octets per UTF-16 unit
    let octets = 0
    let folded = ''
    let from = 0
    for (let j = 0; j < line.length; j++) {
      const code = line.charCodeAt(j)
      let size: number
      let units = 1
      if (code < 0x80) size = 1
      else if (code < 0x800) size = 2
      else if (code >= 0xd800 && code <= 0xdbff && j + 1 < line.length) {
        const next = line.charCodeAt(j + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          size = 4
          units = 2
        } else size = 3
      } else size = 3
      if (octets + size > 75) {
        folded += line.slice(from, j) + '\r\n '
        from = j
        octets = 1 // the leading space
      }
      octets += size
      j += units - 1
    }
    if (from > 0) lines[i] = folded + line.slice(from)
  }
  return lines.join('\r\n')
}
