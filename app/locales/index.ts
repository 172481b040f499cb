// Every namespace of the catalogue, French first. A namespace is one JSON file per language;
// tests/i18n-catalogue.test.ts checks that both languages have the same keys.
import enAuth from './en/auth.json'
import enCommon from './en/common.json'
import enDevmail from './en/devmail.json'
import enHome from './en/home.json'
import enLegal from './en/legal.json'
import enMe from './en/me.json'
import frAuth from './fr/auth.json'
import frCommon from './fr/common.json'
import frDevmail from './fr/devmail.json'
import frHome from './fr/home.json'
import frLegal from './fr/legal.json'
import frMe from './fr/me.json'

export const resources = {
  fr: {
    common: frCommon,
    auth: frAuth,
    me: frMe,
    home: frHome,
    legal: frLegal,
    devmail: frDevmail,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    me: enMe,
    home: enHome,
    legal: enLegal,
    devmail: enDevmail,
  },
} as const

export const namespaces = Object.keys(resources.fr) as Array<keyof (typeof resources)['fr']>
