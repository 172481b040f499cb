// Every namespace of the catalogue, French first. A namespace is one JSON file per language;
// tests/i18n-catalogue.test.ts checks that both languages have the same keys.
import enAdmin from './en/admin.json'
import enAuth from './en/auth.json'
import enCalendar from './en/calendar.json'
import enCommon from './en/common.json'
import enDevmail from './en/devmail.json'
import enDirectory from './en/directory.json'
import enEvents from './en/events.json'
import enHome from './en/home.json'
import enLegal from './en/legal.json'
import enMatching from './en/matching.json'
import enMe from './en/me.json'
import enMeetings from './en/meetings.json'
import enNeeds from './en/needs.json'
import enSearch from './en/search.json'
import frAdmin from './fr/admin.json'
import frAuth from './fr/auth.json'
import frCalendar from './fr/calendar.json'
import frCommon from './fr/common.json'
import frDevmail from './fr/devmail.json'
import frDirectory from './fr/directory.json'
import frEvents from './fr/events.json'
import frHome from './fr/home.json'
import frLegal from './fr/legal.json'
import frMatching from './fr/matching.json'
import frMe from './fr/me.json'
import frMeetings from './fr/meetings.json'
import frNeeds from './fr/needs.json'
import frSearch from './fr/search.json'

export const resources = {
  fr: {
    common: frCommon,
    auth: frAuth,
    calendar: frCalendar,
    me: frMe,
    home: frHome,
    legal: frLegal,
    devmail: frDevmail,
    directory: frDirectory,
    needs: frNeeds,
    search: frSearch,
    events: frEvents,
    meetings: frMeetings,
    admin: frAdmin,
    matching: frMatching,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    calendar: enCalendar,
    me: enMe,
    home: enHome,
    legal: enLegal,
    devmail: enDevmail,
    directory: enDirectory,
    needs: enNeeds,
    search: enSearch,
    events: enEvents,
    meetings: enMeetings,
    admin: enAdmin,
    matching: enMatching,
  },
} as const

export const namespaces = Object.keys(resources.fr) as Array<keyof (typeof resources)['fr']>
