// CSV export of an event's registrations.
import type { TFunction } from 'i18next'
import { listEventRegistrations } from './registration.server.ts'

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export async function registrationsCsv(eventId: string, t: TFunction) {
  const rows = await listEventRegistrations(eventId)
  const header = ['name', 'email', 'organisation', 'status', 'registeredAt', 'checkedInAt'].map(
    (key) => t(`events:csv.${key}`),
  )
  const lines = [
    header,
    ...rows.map((row) => [
      row.name,
      row.email,
      row.organisationName ?? '',
      t(`events:status.${row.status}`),
      row.createdAt.toISOString(),
      row.checkedInAt ? row.checkedInAt.toISOString() : '',
    ]),
  ]
  return '\uFEFF' + lines.map((line) => line.map(csvCell).join(';')).join('\r\n') + '\r\n'
}
