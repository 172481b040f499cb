// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, a quote
// or a line break (quotes doubled). No BOM.

export type CsvValue = string | number | boolean | null | undefined

// A cell starting with one of these is run as a formula by spreadsheet software (CSV injection):
// such cells get a leading apostrophe, as OWASP recommends.
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: CsvValue) {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>) {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
