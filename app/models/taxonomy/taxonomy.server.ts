/**
 * The strategy's vocabulary as versioned data: schemas, file parsing (JSON / CSV), validation
 * with per-line error codes, and the plan of an import. Pure: no database, no file system.
 *
 * Import semantics (decided here, relied on by the DB layer and the admin import page):
 * - Codes never change meaning. A code keeps its kind forever; an import that gives an existing
 *   code another kind is refused. Labels, parent, position and meta may change (relabel).
 * - Default mode `replace-kinds`: a file replaces the kinds it contains. Entries of those kinds
 *   that are absent from the file are removed; entries of other kinds stay untouched.
 * - Mode `additive`: nothing is removed; entries are added or updated. Use it to load the
 *   official défis (kind `challenge`) while keeping the working-group tags of the same kind.
 * - An import that would remove a code in use (or the parent of an entry that stays) is refused
 *   with the list; nothing is applied partially.
 */
import { z } from 'zod'
import bundledV1 from '~/data/taxonomy/taxonomy.v1.json'
import bundledNeighbours from '~/data/taxonomy/region-neighbours.json'

export const TAXONOMY_KINDS = [
  'theme',
  'engagement',
  'challenge',
  'sector',
  'technology',
  'region',
  'org_kind',
  'org_subkind',
] as const
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number]

export const TAXONOMY_SOURCES = [
  'strategie-2024',
  'groupes-de-travail-2023',
  'consultation-publique',
  'passerelle',
  // Only the example import files use it; parseTaxonomyFile refuses it unless allowExample.
  'exemple',
] as const
export type TaxonomySource = (typeof TAXONOMY_SOURCES)[number]

const ANY_CODE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/
const MAX_CODE_LENGTH = 48
const MAX_LABEL_LENGTH = 300

export const TAXONOMY_CODE_PATTERNS: Record<TaxonomyKind, RegExp> = {
  theme: /^T[1-9]$/,
  engagement: /^E\d{2}$/,
  // D01…D24 for the official défis; PREFIX-WORDS tags (GT-…, CP-…) until they are loaded.
  // Prefixes of other kinds are excluded so that a code tells its kind at a glance.
  challenge: /^(?:D\d{2}|(?!TECH-|ORG-)[A-Z]{2,4}-[A-Z0-9]+(?:-[A-Z0-9]+)*)$/,
  sector: /^S-[A-Z0-9]+(?:-[A-Z0-9]+)*$/,
  technology: /^TECH-[A-Z0-9]+(?:-[A-Z0-9]+)*$/,
  region: /^R-[A-Z0-9]+(?:-[A-Z0-9]+)*$/,
  org_kind: /^ORG-[A-Z0-9]+$/,
  org_subkind: /^ORG-[A-Z0-9]+(?:-[A-Z0-9]+)+$/,
}

/** Which kinds an entry's parent may have; facets may nest within their own kind. */
export const TAXONOMY_PARENT_RULES: Record<
  TaxonomyKind,
  { kinds: readonly TaxonomyKind[]; required: boolean }
> = {
  theme: { kinds: [], required: false },
  engagement: { kinds: [], required: false },
  challenge: { kinds: ['theme'], required: true },
  sector: { kinds: ['sector'], required: false },
  technology: { kinds: ['technology'], required: false },
  region: { kinds: ['region'], required: false },
  org_kind: { kinds: [], required: false },
  org_subkind: { kinds: ['org_kind'], required: true },
}

export const TaxonomyKindSchema = z.enum(TAXONOMY_KINDS)
export const TaxonomySourceSchema = z.enum(TAXONOMY_SOURCES)
const CodeSchema = z.string().trim().max(MAX_CODE_LENGTH).regex(ANY_CODE)
const LabelSchema = z
  .string()
  .transform((value) => value.replace(/[\r\n\t]+/g, ' ').trim())
  .pipe(z.string().min(1).max(MAX_LABEL_LENGTH))
const ParentSchema = CodeSchema.nullable()
  .optional()
  .transform((value) => value ?? null)
const PositionSchema = z.number().int().min(0).max(99_999)
const MetaSchema = z.record(z.string(), z.unknown())

const entryFields = {
  code: CodeSchema,
  kind: TaxonomyKindSchema,
  labelFr: LabelSchema,
  labelEn: LabelSchema,
  parent: ParentSchema,
  source: TaxonomySourceSchema,
  position: PositionSchema.optional(),
  meta: MetaSchema.optional(),
}
type EntryField = keyof typeof entryFields
const ENTRY_FIELDS = Object.keys(entryFields) as EntryField[]

/** Rules on one entry alone (code format and parent presence for its kind). */
function entryRuleIssues(
  entry: Pick<TaxonomyEntry, 'code' | 'kind' | 'parent'>,
): Array<{ code: TaxonomyIssueCode; field: EntryField; params: IssueParams }> {
  const issues: Array<{
    code: TaxonomyIssueCode
    field: EntryField
    params: IssueParams
  }> = []
  if (!TAXONOMY_CODE_PATTERNS[entry.kind].test(entry.code)) {
    issues.push({
      code: 'bad_code_format',
      field: 'code',
      params: { kind: entry.kind },
    })
  }
  const rule = TAXONOMY_PARENT_RULES[entry.kind]
  if (entry.parent === null && rule.required) {
    issues.push({
      code: 'missing_parent',
      field: 'parent',
      params: { kind: entry.kind, expected: rule.kinds.join('|') },
    })
  } else if (entry.parent !== null && rule.kinds.length === 0) {
    issues.push({
      code: 'parent_not_allowed',
      field: 'parent',
      params: { kind: entry.kind },
    })
  }
  return issues
}

export const TaxonomyEntrySchema = z.strictObject(entryFields).superRefine((entry, ctx) => {
  for (const issue of entryRuleIssues(entry)) {
    ctx.addIssue({
      code: 'custom',
      path: [issue.field],
      message: issue.code,
      params: issue.params,
    })
  }
})
export type TaxonomyEntry = z.output<typeof TaxonomyEntrySchema>

export const TaxonomyFileSchema = z.strictObject({
  version: z.string().trim().min(1),
  source: z.record(z.string(), z.unknown()).optional(),
  entries: z.array(TaxonomyEntrySchema),
})
export type TaxonomyFile = z.output<typeof TaxonomyFileSchema>

/** Error codes, stable: the UI translates them (e.g. `taxonomy.import.errors.<code>`). */
export const TAXONOMY_ISSUE_CODES = [
  'empty_file',
  'invalid_json',
  'invalid_file',
  'invalid_csv',
  'missing_column',
  'unknown_column',
  'duplicate_column',
  'wrong_column_count',
  'invalid_entry',
  'unknown_field',
  'bad_code_format',
  'unknown_kind',
  'empty_label',
  'label_too_long',
  'unknown_source',
  'example_source',
  'bad_position',
  'invalid_meta',
  'missing_parent',
  'parent_not_allowed',
  'unknown_parent',
  'wrong_parent_kind',
  'cycle',
  'duplicate_code',
  'kind_changed',
] as const
export type TaxonomyIssueCode = (typeof TAXONOMY_ISSUE_CODES)[number]
type IssueParams = Record<string, string | number>

export interface TaxonomyIssue {
  /** 1-based line of the file: the CSV record's first line, or where the JSON entry starts. */
  line: number
  code: TaxonomyIssueCode
  /** The entry's code, when it could be read. */
  entryCode?: string
  field?: string
  params: IssueParams
}

export interface ParsedTaxonomy {
  /** `null` for CSV files and bare JSON arrays, which carry no version. */
  version: string | null
  source: Record<string, unknown> | null
  entries: TaxonomyEntry[]
}

export type ParseTaxonomyResult =
  ({ ok: true } & ParsedTaxonomy) | { ok: false; errors: TaxonomyIssue[] }

export interface ParseTaxonomyOptions {
  /**
   * Entries already known (usually the current taxonomy): parents may refer to them, and a
   * code found there with another kind is reported. Parents are looked up in the file first.
   */
  context?: readonly TaxonomyEntry[]
  /** Accept entries whose source is `exemple` (the example files). Default false. */
  allowExample?: boolean
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                         */

export interface CsvRecord {
  /** Line where the record starts (a quoted field may span lines). */
  line: number
  fields: string[]
}

export type CsvParseResult =
  | { ok: true; records: CsvRecord[] }
  | {
      ok: false
      line: number
      reason: 'unterminated_quote' | 'text_after_quote'
    }

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** RFC 4180 CSV: quoted fields with `""` escapes and line breaks, LF / CRLF / CR, BOM. */
export function parseCsv(input: string, delimiter = ','): CsvParseResult {
  const text = stripBom(input)
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let atFieldStart = true
  let line = 1
  let recordLine = 1
  let i = 0

  const endRecord = () => {
    fields.push(field)
    // A line holding nothing at all is skipped rather than read as one empty field.
    if (!(fields.length === 1 && fields[0] === '' && !quoted)) {
      records.push({ line: recordLine, fields })
    }
    fields = []
    field = ''
    quoted = false
    atFieldStart = true
  }

  while (i < text.length) {
    const ch = text[i]
    if (atFieldStart && ch === '"') {
      const openLine = line
      quoted = true
      atFieldStart = false
      i++
      for (;;) {
        if (i >= text.length) return { ok: false, line: openLine, reason: 'unterminated_quote' }
        const c = text[i]
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++
        field += c
        i++
      }
      const next = text[i]
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        return { ok: false, line, reason: 'text_after_quote' }
      }
      continue
    }
    if (ch === delimiter) {
      fields.push(field)
      field = ''
      quoted = false
      atFieldStart = true
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      endRecord()
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      line++
      recordLine = line
      continue
    }
    field += ch
    atFieldStart = false
    i++
  }
  if (!atFieldStart || fields.length > 0) endRecord()
  return { ok: true, records }
}

const CSV_COLUMNS = {
  code: 'code',
  kind: 'kind',
  label_fr: 'labelFr',
  label_en: 'labelEn',
  parent: 'parent',
  source: 'source',
  position: 'position',
} as const
const REQUIRED_CSV_COLUMNS = ['code', 'kind', 'label_fr', 'label_en', 'parent', 'source'] as const

interface RawItem {
  line: number
  raw: unknown
}

function csvToRawItems(
  text: string,
): { items: RawItem[]; rowErrors: TaxonomyIssue[] } | { errors: TaxonomyIssue[] } {
  const body = stripBom(text)
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0] ?? ''
  // French spreadsheet software exports CSV with semicolons.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  const parsed = parseCsv(body, delimiter)
  if (!parsed.ok) {
    return {
      errors: [
        {
          line: parsed.line,
          code: 'invalid_csv',
          params: { reason: parsed.reason },
        },
      ],
    }
  }
  const [header, ...rows] = parsed.records
  if (!header) return { errors: [{ line: 1, code: 'empty_file', params: {} }] }

  const errors: TaxonomyIssue[] = []
  const columns = header.fields.map((name) => name.trim().toLowerCase())
  const seen = new Set<string>()
  columns.forEach((name) => {
    if (!(name in CSV_COLUMNS)) {
      errors.push({
        line: header.line,
        code: 'unknown_column',
        params: { column: name },
      })
    } else if (seen.has(name)) {
      errors.push({
        line: header.line,
        code: 'duplicate_column',
        params: { column: name },
      })
    }
    seen.add(name)
  })
  for (const name of REQUIRED_CSV_COLUMNS) {
    if (!seen.has(name)) {
      errors.push({
        line: header.line,
        code: 'missing_column',
        params: { column: name },
      })
    }
  }
  if (errors.length > 0) return { errors }
  if (rows.length === 0) return { errors: [{ line: header.line, code: 'empty_file', params: {} }] }

  const items: RawItem[] = []
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      errors.push({
        line: row.line,
        code: 'wrong_column_count',
        params: { expected: columns.length, actual: row.fields.length },
      })
      continue
    }
    const raw: Record<string, unknown> = {}
    columns.forEach((name, index) => {
      const key = CSV_COLUMNS[name as keyof typeof CSV_COLUMNS]
      const value = (row.fields[index] ?? '').trim()
      if (key === 'parent') raw.parent = value === '' ? null : value
      else if (key === 'position') {
        if (value !== '') raw.position = /^\d+$/.test(value) ? Number(value) : value
      } else raw[key] = value
    })
    items.push({ line: row.line, raw })
  }
  return { items, rowErrors: errors }
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                        */

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}

/**
 * Offset of the first syntax error: JSON.parse messages do not always give a position
 * (V8 omits it for an unexpected token), and the admin needs a line.
 */
function jsonErrorOffset(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (): never => {
    throw i
  }
  const string = () => {
    i++
    for (;;) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail()
      const ch = text[i]
      if (ch === '"') return void i++
      if (ch === '\\') {
        const escape = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6))
        if (!escape) fail()
        i += 1 + escape![0].length
      } else i++
    }
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']'
      i++
      ws()
      if (text[i] === close) return void i++
      for (;;) {
        if (close === '}') {
          ws()
          if (text[i] !== '"') fail()
          string()
          ws()
          if (text[i] !== ':') fail()
          i++
        }
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === close) return void i++
        else fail()
      }
    }
    if (ch === '"') return string()
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 400),
    )
    if (!literal) fail()
    i += literal![0].length
  }
  try {
    value()
    ws()
    return i
  } catch (offset) {
    return typeof offset === 'number' ? offset : 0
  }
}

/** Offsets where each element of the entries array starts (root array or root `entries`). */
function locateJsonEntries(text: string): number[] {
  const offsets: number[] = []
  let depth = 0
  let rootIsArray = false
  let entriesDepth = -1
  let awaiting = false
  let expectKey = false
  let lastKey: string | null = null
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue
    if (awaiting && depth === entriesDepth && ch !== ']') {
      offsets.push(i)
      awaiting = false
    }
    if (ch === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      if (depth === 1 && !rootIsArray && expectKey) lastKey = JSON.parse(text.slice(i, j + 1))
      i = j
    } else if (ch === '{' || ch === '[') {
      if (depth === 0) {
        rootIsArray = ch === '['
        if (rootIsArray) {
          entriesDepth = 1
          awaiting = true
        } else expectKey = true
      } else if (depth === 1 && !rootIsArray && ch === '[' && lastKey === 'entries') {
        entriesDepth = 2
        awaiting = true
      }
      depth++
    } else if (ch === '}' || ch === ']') {
      if (depth === entriesDepth) {
        entriesDepth = -1
        awaiting = false
      }
      depth--
    } else if (ch === ':') {
      if (depth === 1) expectKey = false
    } else if (ch === ',') {
      if (depth === entriesDepth) awaiting = true
      if (depth === 1 && !rootIsArray) expectKey = true
    }
  }
  return offsets
}

const RawFileSchema = z.strictObject({
  version: z.string().trim().min(1).optional(),
  source: z.record(z.string(), z.unknown()).optional(),
  entries: z.array(z.unknown()),
})

function jsonDataToRawItems(
  data: unknown,
  lines: readonly number[],
):
  | {
      items: RawItem[]
      version: string | null
      source: Record<string, unknown> | null
    }
  | { errors: TaxonomyIssue[] } {
  if (Array.isArray(data)) {
    return {
      items: data.map((raw, i) => ({ raw, line: lines[i] ?? 1 })),
      version: null,
      source: null,
    }
  }
  const file = RawFileSchema.safeParse(data)
  if (!file.success) {
    return {
      errors: [
        {
          line: 1,
          code: 'invalid_file',
          params: {
            fields: file.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', '),
          },
        },
      ],
    }
  }
  if (file.data.entries.length === 0)
    return { errors: [{ line: 1, code: 'empty_file', params: {} }] }
  return {
    items: file.data.entries.map((raw, i) => ({ raw, line: lines[i] ?? 1 })),
    version: file.data.version ?? null,
    source: file.data.source ?? null,
  }
}

function jsonTextToRawItems(text: string): ReturnType<typeof jsonDataToRawItems> {
  const body = stripBom(text)
  if (body.trim() === '') return { errors: [{ line: 1, code: 'empty_file', params: {} }] }
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return {
      errors: [
        {
          line: lineAt(body, jsonErrorOffset(body)),
          code: 'invalid_json',
          params: {},
        },
      ],
    }
  }
  const lines = locateJsonEntries(body).map((offset) => lineAt(body, offset))
  return jsonDataToRawItems(data, lines)
}

/* ------------------------------------------------------------------------------------------ */
/* Validation                                                                                  */

function fieldIssueCode(field: EntryField, issue: { code: string }): TaxonomyIssueCode {
  switch (field) {
    case 'code':
      return 'bad_code_format'
    case 'kind':
      return 'unknown_kind'
    case 'labelFr':
    case 'labelEn':
      return issue.code === 'too_big' ? 'label_too_long' : 'empty_label'
    case 'parent':
      return 'bad_code_format'
    case 'source':
      return 'unknown_source'
    case 'position':
      return 'bad_position'
    case 'meta':
      return 'invalid_meta'
  }
}

function validateItem(
  item: RawItem,
  allowExample: boolean,
): { entry: TaxonomyEntry | null; issues: TaxonomyIssue[] } {
  const { raw, line } = item
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      entry: null,
      issues: [{ line, code: 'invalid_entry', params: {} }],
    }
  }
  const record = raw as Record<string, unknown>
  const entryCode = typeof record.code === 'string' ? record.code.trim() : undefined
  const issues: TaxonomyIssue[] = []
  const push = (code: TaxonomyIssueCode, field?: string, params: IssueParams = {}) =>
    issues.push({
      line,
      code,
      ...(entryCode ? { entryCode } : {}),
      ...(field ? { field } : {}),
      params,
    })

  const unknown = Object.keys(record).filter((key) => !(ENTRY_FIELDS as string[]).includes(key))
  if (unknown.length > 0) push('unknown_field', undefined, { fields: unknown.join(', ') })

  const values: Record<string, unknown> = {}
  for (const field of ENTRY_FIELDS) {
    // A missing label reads as an empty one; other missing required fields fail their schema.
    const input =
      (field === 'labelFr' || field === 'labelEn') && record[field] === undefined
        ? ''
        : record[field]
    const result = entryFields[field].safeParse(input)
    if (result.success) values[field] = result.data
    else push(fieldIssueCode(field, result.error.issues[0]!), field)
  }
  if (issues.length > 0) return { entry: null, issues }

  const entry = values as unknown as TaxonomyEntry
  if (entry.position === undefined) delete entry.position
  if (entry.meta === undefined) delete entry.meta
  if (entry.source === 'exemple' && !allowExample) push('example_source', 'source')
  for (const issue of entryRuleIssues(entry)) push(issue.code, issue.field, issue.params)
  return { entry: issues.length > 0 ? null : entry, issues }
}

function crossCheck(
  items: Array<{ line: number; entry: TaxonomyEntry }>,
  context: readonly TaxonomyEntry[],
): TaxonomyIssue[] {
  const issues: TaxonomyIssue[] = []
  const firstLine = new Map<string, number>()
  const unique: Array<{ line: number; entry: TaxonomyEntry }> = []
  for (const item of items) {
    const seenAt = firstLine.get(item.entry.code)
    if (seenAt !== undefined) {
      issues.push({
        line: item.line,
        code: 'duplicate_code',
        entryCode: item.entry.code,
        field: 'code',
        params: { firstLine: seenAt },
      })
    } else {
      firstLine.set(item.entry.code, item.line)
      unique.push(item)
    }
  }

  const contextByCode = new Map(context.map((entry) => [entry.code, entry]))
  const byCode = new Map<string, Pick<TaxonomyEntry, 'kind' | 'parent'>>(contextByCode)
  for (const { entry } of unique) byCode.set(entry.code, entry)

  for (const { line, entry } of unique) {
    const known = contextByCode.get(entry.code)
    if (known && known.kind !== entry.kind) {
      issues.push({
        line,
        code: 'kind_changed',
        entryCode: entry.code,
        field: 'kind',
        params: { from: known.kind, to: entry.kind },
      })
    }
    if (entry.parent === null) continue
    const parent = byCode.get(entry.parent)
    const push = (code: TaxonomyIssueCode, params: IssueParams) =>
      issues.push({
        line,
        code,
        entryCode: entry.code,
        field: 'parent',
        params,
      })
    if (!parent) {
      push('unknown_parent', { parent: entry.parent })
      continue
    }
    const allowed = TAXONOMY_PARENT_RULES[entry.kind].kinds
    if (!allowed.includes(parent.kind)) {
      push('wrong_parent_kind', {
        parent: entry.parent,
        parentKind: parent.kind,
        expected: allowed.join('|'),
      })
      continue
    }
    const path = [entry.code]
    let cursor: string | null = entry.parent
    while (cursor !== null && path.length <= byCode.size) {
      path.push(cursor)
      if (cursor === entry.code) {
        push('cycle', { cycle: path.join(' → ') })
        break
      }
      cursor = byCode.get(cursor)?.parent ?? null
    }
  }
  return issues
}

function validateRawItems(
  rawItems: readonly RawItem[],
  options: ParseTaxonomyOptions,
  earlierErrors: readonly TaxonomyIssue[] = [],
): { ok: true; entries: TaxonomyEntry[] } | { ok: false; errors: TaxonomyIssue[] } {
  const errors: TaxonomyIssue[] = [...earlierErrors]
  const valid: Array<{ line: number; entry: TaxonomyEntry }> = []
  for (const item of rawItems) {
    const { entry, issues } = validateItem(item, options.allowExample ?? false)
    errors.push(...issues)
    if (entry) valid.push({ line: item.line, entry })
  }
  errors.push(...crossCheck(valid, options.context ?? []))
  if (errors.length > 0) {
    // Stable sort: issues of one line keep the order they were found in.
    return { ok: false, errors: errors.sort((a, b) => a.line - b.line) }
  }
  return { ok: true, entries: valid.map(({ entry }) => entry) }
}

/**
 * Parses and validates a taxonomy file. JSON: `{ version, source?, entries: [...] }` or a bare
 * array of entries. CSV: header `code,kind,label_fr,label_en,parent,source[,position]` (any
 * order, `;` accepted as delimiter), empty parent = none. Errors carry the file's line number.
 */
export function parseTaxonomyFile(
  content: string,
  format: 'json' | 'csv',
  options: ParseTaxonomyOptions = {},
): ParseTaxonomyResult {
  let read: ReturnType<typeof jsonTextToRawItems>
  let rowErrors: TaxonomyIssue[] = []
  if (format === 'csv') {
    const csv = csvToRawItems(content)
    if ('errors' in csv) return { ok: false, errors: csv.errors }
    read = { items: csv.items, version: null, source: null }
    rowErrors = csv.rowErrors
  } else {
    read = jsonTextToRawItems(content)
  }
  if ('errors' in read) return { ok: false, errors: read.errors }
  const result = validateRawItems(read.items, options, rowErrors)
  if (!result.ok) return result
  return {
    ok: true,
    version: read.version,
    source: read.source,
    entries: result.entries,
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                      */

export type TaxonomyImportMode = 'replace-kinds' | 'additive'

/** The taxonomy after an import (see the module comment for the semantics of each mode). */
export function mergeTaxonomy(
  current: readonly TaxonomyEntry[],
  incoming: readonly TaxonomyEntry[],
  mode: TaxonomyImportMode = 'replace-kinds',
): TaxonomyEntry[] {
  const incomingByCode = new Map(incoming.map((entry) => [entry.code, entry]))
  if (mode === 'additive') {
    const currentCodes = new Set(current.map((entry) => entry.code))
    return [
      ...current.map((entry) => incomingByCode.get(entry.code) ?? entry),
      ...incoming.filter((entry) => !currentCodes.has(entry.code)),
    ]
  }
  const replacedKinds = new Set(incoming.map((entry) => entry.kind))
  return [
    ...current.filter((entry) => !replacedKinds.has(entry.kind) && !incomingByCode.has(entry.code)),
    ...incoming,
  ]
}

export type TaxonomyEntryField = 'labelFr' | 'labelEn' | 'parent' | 'source' | 'position' | 'meta'

export interface TaxonomyEntryUpdate {
  code: string
  before: TaxonomyEntry
  after: TaxonomyEntry
  changes: TaxonomyEntryField[]
}

export type TaxonomyImportPlan =
  | {
      ok: true
      mode: TaxonomyImportMode
      /** Kinds the file replaces (all of them are only updated in additive mode). */
      kinds: TaxonomyKind[]
      added: TaxonomyEntry[]
      updated: TaxonomyEntryUpdate[]
      removed: TaxonomyEntry[]
      unchanged: number
      /** The whole taxonomy once applied. */
      next: TaxonomyEntry[]
    }
  | {
      ok: false
      /** Codes in use (usedCodes) that the import would remove, sorted. */
      orphaned: string[]
      /** Codes the import gives another kind: codes never change meaning. */
      kindChanges: Array<{ code: string; from: TaxonomyKind; to: TaxonomyKind }>
      /** Entries that would remain while their parent is removed. */
      danglingParents: Array<{ code: string; parent: string }>
    }

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

function changedFields(before: TaxonomyEntry, after: TaxonomyEntry): TaxonomyEntryField[] {
  const fields: TaxonomyEntryField[] = [
    'labelFr',
    'labelEn',
    'parent',
    'source',
    'position',
    'meta',
  ]
  return fields.filter((field) => stableJson(before[field]) !== stableJson(after[field]))
}

function isEntryList(
  value: readonly TaxonomyEntry[] | Pick<ParsedTaxonomy, 'entries'>,
): value is readonly TaxonomyEntry[] {
  return Array.isArray(value)
}

/**
 * What importing `incoming` (validated by parseTaxonomyFile) over `currentEntries` would do.
 * Refused, with the lists, when it would remove a code in `usedCodes`, leave an entry without
 * its parent, or change a code's kind.
 */
export function planTaxonomyImport(
  currentEntries: readonly TaxonomyEntry[],
  incoming: readonly TaxonomyEntry[] | Pick<ParsedTaxonomy, 'entries'>,
  usedCodes: ReadonlySet<string>,
  options: { mode?: TaxonomyImportMode } = {},
): TaxonomyImportPlan {
  const mode = options.mode ?? 'replace-kinds'
  const entries = isEntryList(incoming) ? incoming : incoming.entries
  const incomingCodes = new Set<string>()
  for (const entry of entries) {
    if (incomingCodes.has(entry.code)) {
      throw new Error(
        `planTaxonomyImport: duplicate code ${entry.code}, validate with parseTaxonomyFile first`,
      )
    }
    incomingCodes.add(entry.code)
  }

  const currentByCode = new Map(currentEntries.map((entry) => [entry.code, entry]))
  const kindChanges = entries.flatMap((entry) => {
    const before = currentByCode.get(entry.code)
    return before && before.kind !== entry.kind
      ? [{ code: entry.code, from: before.kind, to: entry.kind }]
      : []
  })
  const next = mergeTaxonomy(currentEntries, entries, mode)
  const nextCodes = new Set(next.map((entry) => entry.code))
  const removed = currentEntries.filter((entry) => !nextCodes.has(entry.code))
  const orphaned = removed
    .filter((entry) => usedCodes.has(entry.code))
    .map((entry) => entry.code)
    .sort()
  const danglingParents = next.flatMap((entry) =>
    entry.parent !== null && !nextCodes.has(entry.parent)
      ? [{ code: entry.code, parent: entry.parent }]
      : [],
  )
  if (orphaned.length > 0 || kindChanges.length > 0 || danglingParents.length > 0) {
    return { ok: false, orphaned, kindChanges, danglingParents }
  }

  const added: TaxonomyEntry[] = []
  const updated: TaxonomyEntryUpdate[] = []
  let unchanged = 0
  for (const entry of entries) {
    const before = currentByCode.get(entry.code)
    if (!before) {
      added.push(entry)
      continue
    }
    const changes = changedFields(before, entry)
    if (changes.length > 0) updated.push({ code: entry.code, before, after: entry, changes })
    else unchanged++
  }
  const kinds = TAXONOMY_KINDS.filter((kind) => entries.some((entry) => entry.kind === kind))
  return { ok: true, mode, kinds, added, updated, removed, unchanged, next }
}

/* ------------------------------------------------------------------------------------------ */
/* Bundled data and helpers                                                                    */

export const BUNDLED_TAXONOMY_VERSION: string = bundledV1.version

let bundledCache: readonly TaxonomyEntry[] | null = null

/** The entries of taxonomy.v1.json, validated (throws if the shipped file is broken). */
export function loadBundledTaxonomy(): readonly TaxonomyEntry[] {
  if (bundledCache) return bundledCache
  const read = jsonDataToRawItems(bundledV1, [])
  const result =
    'errors' in read
      ? { ok: false as const, errors: read.errors }
      : validateRawItems(read.items, {})
  if (!result.ok) {
    const summary = result.errors
      .map((issue) => `${issue.entryCode ?? '?'}: ${issue.code}`)
      .join('; ')
    throw new Error(`taxonomy.v1.json is invalid: ${summary}`)
  }
  bundledCache = Object.freeze(result.entries)
  return bundledCache
}

/** Entries of one kind, by position (entries without one keep their order, after the others). */
export function entriesByKind<T extends Pick<TaxonomyEntry, 'kind' | 'position'>>(
  entries: readonly T[],
  kind: TaxonomyKind,
): T[] {
  return entries
    .filter((entry) => entry.kind === kind)
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity))
}

/** The label in the UI's language; French is the reference and the fallback. */
export function labelFor(
  entry: Pick<TaxonomyEntry, 'labelFr' | 'labelEn'>,
  locale: string,
): string {
  return locale.toLowerCase().startsWith('en') ? entry.labelEn : entry.labelFr
}

export const RegionNeighboursSchema = z.strictObject({
  version: z.string(),
  notes: z.array(z.string()).optional(),
  /** Region code → neighbouring region codes (symmetric). */
  neighbours: z.record(z.string(), z.array(z.string())),
  /** Pairs in `neighbours` that are linked by sea, not land. */
  seaLinks: z.array(z.tuple([z.string(), z.string()])),
  /** Plain lists, or a group code (R-EUROPE, R-INTL) considered within reach of its members. */
  groups: z.record(
    z.string(),
    z.union([
      z.array(z.string()),
      z.strictObject({ code: z.string(), members: z.array(z.string()) }),
    ]),
  ),
})
export type RegionNeighbours = z.output<typeof RegionNeighboursSchema>

let neighboursCache: RegionNeighbours | null = null

export function loadRegionNeighbours(): RegionNeighbours {
  neighboursCache ??= RegionNeighboursSchema.parse(bundledNeighbours)
  return neighboursCache
}
