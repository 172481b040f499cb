// Imports a taxonomy file into the configured database (PGlite under PGLITE_DIR, or
// DATABASE_URL), as the admin page /admin/taxonomie does:
//   npm run taxonomy:import -- file.json|file.csv [--additive] [--dry-run]
// Prints the plan, or the refusal with the codes in use it would orphan (exit code 1).
// With PGlite, stop the server first: one process at a time may open its directory.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TFunction } from 'i18next'
import { getFixedT } from '~/i18n.server.ts'
import { importTaxonomy, type TaxonomyImportOutcome } from '~/models/taxonomy/store.server.ts'
import { openDatabaseFromEnv, setDatabase } from '~/utils/db.server.ts'
import { taxonomyFileFormat } from '~/models/taxonomy/upload.ts'

type Log = (line: string) => void

function printOutcome(t: TFunction, outcome: TaxonomyImportOutcome, log: Log) {
  if (outcome.ok) {
    log(
      outcome.dryRun
        ? t('cli.dryRun', { version: outcome.version })
        : t('cli.applied', { version: outcome.version }),
    )
    log(
      t('taxonomy.result.counts', {
        added: outcome.added.length,
        updated: outcome.updated.length,
        removed: outcome.removed.length,
        unchanged: outcome.unchanged,
      }),
    )
    for (const [key, codes] of [
      ['taxonomy.result.added', outcome.added],
      ['taxonomy.result.updated', outcome.updated],
      ['taxonomy.result.removed', outcome.removed],
    ] as const) {
      if (codes.length) log(`  ${t(key)} ${codes.join(', ')}`)
    }
    return
  }
  if (outcome.reason === 'orphans') {
    log(t('taxonomy.result.refusedTitle'))
    if (outcome.orphaned.length) {
      log(`  ${t('taxonomy.result.orphaned')}`)
      for (const code of outcome.orphaned) log(`    - ${code}`)
    }
    if (outcome.danglingParents.length) {
      log(`  ${t('taxonomy.result.dangling')}`)
      for (const item of outcome.danglingParents) {
        log(`    - ${t('taxonomy.result.danglingItem', item)}`)
      }
    }
    return
  }
  log(t('taxonomy.result.invalidTitle', { count: outcome.errors.length }))
  for (const issue of outcome.errors) {
    const message = t(`taxonomy.issues.${issue.code}`, {
      ...issue.params,
      field: issue.field ?? '',
    })
    log(
      `  ${t('cli.issueLine', { line: issue.line, entry: issue.entryCode ?? '—', message, code: issue.code })}`,
    )
  }
}

/** Runs the import with command-line arguments; returns the process exit code. */
export async function runTaxonomyImport(
  argv: string[],
  options: { log?: Log; language?: 'fr' | 'en' } = {},
): Promise<number> {
  const log = options.log ?? console.log
  const language = options.language ?? (process.env.LANG?.startsWith('en') ? 'en' : 'fr')
  const t = await getFixedT(language, 'admin')
  const flags = argv.filter((arg) => arg.startsWith('--'))
  const files = argv.filter((arg) => !arg.startsWith('--'))
  const unknown = flags.filter((flag) => !['--additive', '--dry-run', '--help'].includes(flag))
  if (flags.includes('--help') || unknown.length > 0 || files.length !== 1) {
    if (unknown.length) log(t('cli.unknownOption', { options: unknown.join(' ') }))
    log(t('cli.usage'))
    return flags.includes('--help') && unknown.length === 0 ? 0 : 2
  }
  const file = files[0]!
  const format = taxonomyFileFormat(file)
  if (!format) {
    log(t('cli.badExtension', { file }))
    return 2
  }
  let content: string
  try {
    content = await readFile(file, 'utf8')
  } catch (error) {
    log(t('cli.unreadable', { file, reason: (error as Error).message }))
    return 2
  }
  const outcome = await importTaxonomy({
    content,
    format,
    fileName: path.basename(file),
    mode: flags.includes('--additive') ? 'additive' : 'replace-kinds',
    actorId: null,
    dryRun: flags.includes('--dry-run'),
  })
  printOutcome(t, outcome, log)
  return outcome.ok ? 0 : 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = openDatabaseFromEnv()
  setDatabase(database)
  try {
    process.exitCode = await runTaxonomyImport(process.argv.slice(2))
  } finally {
    await database.close()
  }
}
