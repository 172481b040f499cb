// Limits and enumerations of needs and contact requests, without zod: pages import them for
// HTML constraints while the schemas (need-validation.ts) stay on the server
// (docs/decisions/005-light-pages.md).
export const NEED_DEFAULT_VALIDITY_DAYS = 60
export const NEED_MAX_VALIDITY_DAYS = 180
export const NEEDS_PER_PAGE = 20
export const API_MAX_PER_PAGE = 100

export const BUDGET_BANDS = [
  'unknown',
  'under10k',
  'from10kTo50k',
  'from50kTo150k',
  'over150k',
] as const
export type BudgetBandName = (typeof BUDGET_BANDS)[number]

export const ORG_KINDS = ['startup', 'lab', 'institution', 'company'] as const

export const NEED_TITLE_MIN = 5
export const NEED_TITLE_MAX = 150
export const NEED_DESCRIPTION_MIN = 30
export const NEED_DESCRIPTION_MAX = 5000

export const MESSAGE_MIN_LENGTH = 10
export const MESSAGE_MAX_LENGTH = 2000
export const NOTE_MAX_LENGTH = 1000
