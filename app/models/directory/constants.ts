// Choices and limits of organisation profiles, shared by the server's schemas and the pages
// (no zod here: this module reaches the browser).
export const ORG_KINDS = ['startup', 'lab', 'institution', 'company'] as const
export type OrgKindValue = (typeof ORG_KINDS)[number]

/** Taxonomy code (kind `org_kind`) of each organisation kind; sub-kinds hang under it. */
export const ORG_KIND_CODES: Record<OrgKindValue, string> = {
  startup: 'ORG-STARTUP',
  lab: 'ORG-LABO',
  institution: 'ORG-INSTITUTION',
  company: 'ORG-ENTREPRISE',
}

export const SIZE_BANDS = ['solo', 'from2to10', 'from11to50', 'from51to250', 'over250'] as const
export const VISIBILITIES = ['draft', 'members', 'public'] as const
export const MEMBER_ROLES = ['editor', 'owner'] as const

/** Working languages offered on the form (ISO 639-1), French and regional languages included. */
export const WORKING_LANGUAGES = [
  'fr',
  'en',
  'de',
  'es',
  'it',
  'pt',
  'nl',
  'ar',
  'zh',
  'oc',
  'br',
  'eu',
  'ca',
  'co',
] as const

export const LIMITS = {
  nameMin: 2,
  name: 150,
  pitch: 280,
  description: 5000,
  city: 100,
  website: 300,
  offersSeeks: 2000,
  phone: 30,
  tagsPerKind: 20,
  yearMin: 1500,
} as const

export const DIRECTORY_PAGE_SIZE = 20
