// What an admin's taxonomy import did (or would do), or why it was refused: the codes in use
// it would orphan, or the file's errors line by line (error codes translated).
import { useTranslation } from 'react-i18next'

type Issue = {
  line: number
  code: string
  entryCode?: string
  field?: string
  params: Record<string, string | number>
}

export type TaxonomyImportOutcomeView =
  | { kind: 'tooLarge' }
  | {
      kind: 'applied'
      dryRun: boolean
      version: string
      added: string[]
      updated: string[]
      removed: string[]
      unchanged: number
    }
  | {
      kind: 'refused'
      reason: 'orphans'
      orphaned: string[]
      danglingParents: Array<{ code: string; parent: string }>
    }
  | { kind: 'refused'; reason: 'invalid'; errors: Issue[] }

function CodeList({ title, codes }: { title: string; codes: string[] }) {
  if (codes.length === 0) return null
  return (
    <>
      <p className="fr-mb-1v">{title}</p>
      <ul className="fr-tags-group">
        {codes.map((code) => (
          <li key={code}>
            <p className="fr-tag fr-tag--sm">{code}</p>
          </li>
        ))}
      </ul>
    </>
  )
}

export function TaxonomyImportResult({ outcome }: { outcome: TaxonomyImportOutcomeView }) {
  const { t } = useTranslation('admin')
  if (outcome.kind === 'tooLarge') {
    return (
      <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
        <p>{t('taxonomy.errors.fileTooLarge')}</p>
      </div>
    )
  }
  if (outcome.kind === 'applied') {
    const counts = {
      added: outcome.added.length,
      updated: outcome.updated.length,
      removed: outcome.removed.length,
      unchanged: outcome.unchanged,
    }
    return (
      <div
        className={`fr-alert ${outcome.dryRun ? 'fr-alert--info' : 'fr-alert--success'} fr-mb-3w`}
        role="status"
      >
        <h3 className="fr-alert__title">
          {outcome.dryRun
            ? t('taxonomy.result.previewTitle')
            : t('taxonomy.result.appliedTitle', { version: outcome.version })}
        </h3>
        <p>{t('taxonomy.result.counts', counts)}</p>
        <CodeList title={t('taxonomy.result.added')} codes={outcome.added} />
        <CodeList title={t('taxonomy.result.updated')} codes={outcome.updated} />
        <CodeList title={t('taxonomy.result.removed')} codes={outcome.removed} />
      </div>
    )
  }
  if (outcome.reason === 'orphans') {
    return (
      <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
        <h3 className="fr-alert__title">{t('taxonomy.result.refusedTitle')}</h3>
        {outcome.orphaned.length > 0 ? (
          <CodeList title={t('taxonomy.result.orphaned')} codes={outcome.orphaned} />
        ) : null}
        {outcome.danglingParents.length > 0 ? (
          <>
            <p className="fr-mb-1v">{t('taxonomy.result.dangling')}</p>
            <ul>
              {outcome.danglingParents.map((item) => (
                <li key={item.code}>
                  {t('taxonomy.result.danglingItem', { code: item.code, parent: item.parent })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>{t('taxonomy.result.orphansHelp')}</p>
      </div>
    )
  }
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h3 className="fr-alert__title">
        {t('taxonomy.result.invalidTitle', { count: outcome.errors.length })}
      </h3>
      <div className="fr-table fr-table--no-caption fr-mb-0">
        <table>
          <caption>{t('taxonomy.result.invalidCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('taxonomy.result.line')}</th>
              <th scope="col">{t('taxonomy.result.entry')}</th>
              <th scope="col">{t('taxonomy.result.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.errors.slice(0, 200).map((issue, index) => (
              <tr key={`${issue.line}-${issue.code}-${index}`}>
                <td>{issue.line}</td>
                <td>{issue.entryCode ?? '—'}</td>
                <td>
                  {t(`taxonomy.issues.${issue.code}`, {
                    ...issue.params,
                    field: issue.field ?? '',
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
