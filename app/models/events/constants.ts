// Values the events pages share with the browser (no zod here: docs/decisions/005-light-pages.md).
export const EVENT_FORMATS = ['rencontre', 'atelier', 'hackathon', 'rendez_vous'] as const
export type EventFormatValue = (typeof EVENT_FORMATS)[number]

export const MAX_EVENT_CAPACITY = 100_000
