import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorList, FormErrors, useValidatedForm } from '~/components/forms.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { TaxonomyImportResult } from '~/components/taxonomy/import-result.tsx'
import { getLanguage } from '~/i18n.server.ts'
import {
  getTaxonomy,
  importTaxonomy,
  invalidateTaxonomyCache,
  listTaxonomyImports,
  taxonomyUsageCounts,
} from '~/models/taxonomy/store.server.ts'
import { TAXONOMY_KINDS } from '~/models/taxonomy/taxonomy.server.ts'
import { formatDateTime } from '~/utils/dates.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'
import { TAXONOMY_UPLOAD_MAX_BYTES, taxonomyFileFormat } from '~/models/taxonomy/upload.ts'
import { TaxonomyUploadSchema } from '~/models/taxonomy/validation.server.ts'

export const handle = { i18n: ['admin'] }

async function requireAdmin(request: Request) {
  const user = await requireUser(request)
  if (user.role !== 'admin') throw data('admin:errors.adminOnly', { status: 403 })
  return user
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  invalidateTaxonomyCache()
  const [taxonomy, uses, imports, language] = await Promise.all([
    getTaxonomy(),
    taxonomyUsageCounts(),
    listTaxonomyImports(),
    getLanguage(request),
  ])
  const kinds = TAXONOMY_KINDS.map((kind) => ({
    kind,
    entries: taxonomy.ofKind(kind).map((entry) => ({
      code: entry.code,
      label: taxonomy.label(entry.code, language),
      parent: entry.parent ?? null,
      source: entry.source,
      uses: uses.get(entry.code) ?? 0,
    })),
  }))
  return { kinds, imports }
}

// Multipart overhead (boundaries, the two small fields) on top of the file itself.
const MAX_REQUEST_BYTES = TAXONOMY_UPLOAD_MAX_BYTES + 16 * 1024

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request)
  const declaredLength = Number(request.headers.get('Content-Length') ?? 0)
  if (declaredLength > MAX_REQUEST_BYTES) {
    return data({ upload: null, outcome: { kind: 'tooLarge' as const } }, { status: 413 })
  }
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: TAXONOMY_UPLOAD_MAX_BYTES,
        filter: ({ name }) => ['file', 'mode', 'intent'].includes(name),
      }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return data({ upload: null, outcome: { kind: 'tooLarge' as const } }, { status: 413 })
    }
    throw data('admin:taxonomy.errors.notMultipart', { status: 400 })
  }
  const submission = parseWithZod(formData, { schema: TaxonomyUploadSchema })
  if (submission.status !== 'success') {
    return data(
      { upload: submission.reply({ hideFields: ['file'] }), outcome: null },
      { status: 400 },
    )
  }
  const { file, mode, intent } = submission.value
  const outcome = await importTaxonomy({
    content: await file.text(),
    format: taxonomyFileFormat(file.name)!,
    fileName: file.name,
    mode,
    actorId: user.id,
    dryRun: intent === 'preview',
  })
  const reply = submission.reply({ hideFields: ['file'] })
  if (outcome.ok) return { upload: reply, outcome: { kind: 'applied' as const, ...outcome } }
  return data(
    { upload: reply, outcome: { kind: 'refused' as const, ...outcome } },
    { status: outcome.reason === 'orphans' ? 409 : 422 },
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:taxonomy.title')

export default function TaxonomyAdminPage() {
  const { t, i18n } = useTranslation('admin')
  const { kinds, imports } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm<{ mode: string; intent: string; file: File }>({
    id: 'import-taxonomie',
    lastResult: actionData?.upload ?? undefined,
    defaultValue: { mode: 'replace-kinds' },
  })
  const fileMessages = `${fields.file.id}-messages`
  return (
    <div className="fr-container fr-py-6w">
      <h1>{t('taxonomy.title')}</h1>
      <p className="fr-text--lead">{t('taxonomy.intro')}</p>

      <section className="fr-mb-6w" aria-labelledby="import-titre">
        <h2 id="import-titre">{t('taxonomy.import.title')}</h2>
        <p>{t('taxonomy.import.intro')}</p>
        {actionData?.outcome ? <TaxonomyImportResult outcome={actionData.outcome} /> : null}
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <div
            className={`fr-upload-group${fields.file.errors?.length ? ' fr-input-group--error' : ''}`}
          >
            <label className="fr-label" htmlFor={fields.file.id}>
              {t('taxonomy.import.file')}
              <span className="fr-hint-text">{t('taxonomy.import.fileHint')}</span>
            </label>
            <input
              className="fr-upload"
              type="file"
              id={fields.file.id}
              name={fields.file.name}
              accept=".json,.csv,application/json,text/csv"
              aria-describedby={fileMessages}
              required
            />
            <ErrorList id={fileMessages} errors={fields.file.errors} />
          </div>
          <fieldset className="fr-fieldset fr-mt-3w" aria-labelledby="mode-legende">
            <legend className="fr-fieldset__legend" id="mode-legende">
              {t('taxonomy.import.mode')}
            </legend>
            {(['replace-kinds', 'additive'] as const).map((mode) => (
              <div className="fr-fieldset__element" key={mode}>
                <div className="fr-radio-group">
                  <input
                    type="radio"
                    id={`mode-${mode}`}
                    name={fields.mode.name}
                    value={mode}
                    defaultChecked={(fields.mode.initialValue ?? 'replace-kinds') === mode}
                  />
                  <label className="fr-label" htmlFor={`mode-${mode}`}>
                    {t(`taxonomy.modes.${mode}.label`)}
                    <span className="fr-hint-text">{t(`taxonomy.modes.${mode}.hint`)}</span>
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <button
                className="fr-btn fr-btn--secondary"
                type="submit"
                name="intent"
                value="preview"
                disabled={navigation.state === 'submitting'}
              >
                {t('taxonomy.import.preview')}
              </button>
            </li>
            <li>
              <button
                className="fr-btn"
                type="submit"
                name="intent"
                value="import"
                disabled={navigation.state === 'submitting'}
              >
                {t('taxonomy.import.submit')}
              </button>
            </li>
          </ul>
        </Form>
      </section>

      <section className="fr-mb-6w" aria-labelledby="historique-titre">
        <h2 id="historique-titre">{t('taxonomy.history.title')}</h2>
        {imports.length === 0 ? (
          <p>{t('taxonomy.history.empty')}</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>{t('taxonomy.history.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('taxonomy.history.date')}</th>
                  <th scope="col">{t('taxonomy.history.version')}</th>
                  <th scope="col">{t('taxonomy.history.file')}</th>
                  <th scope="col">{t('taxonomy.history.added')}</th>
                  <th scope="col">{t('taxonomy.history.updated')}</th>
                  <th scope="col">{t('taxonomy.history.removed')}</th>
                  <th scope="col">{t('taxonomy.history.by')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((row) => (
                  <tr key={row.id}>
                    <td>{formatDateTime(row.createdAt, i18n.language)}</td>
                    <td>{row.version}</td>
                    <td>{row.fileName}</td>
                    <td>{row.added}</td>
                    <td>{row.updated}</td>
                    <td>{row.removed}</td>
                    <td>{row.importedByName ?? t('taxonomy.history.cli')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="entrees-titre">
        <h2 id="entrees-titre">{t('taxonomy.entries.title')}</h2>
        <ul>
          {kinds.map(({ kind, entries }) => (
            <li key={kind}>
              <a href={`#type-${kind}`}>{t(`taxonomy.kinds.${kind}`)}</a>{' '}
              {t('taxonomy.entries.count', { count: entries.length })}
            </li>
          ))}
        </ul>
        {kinds.map(({ kind, entries }) => (
          <div className="fr-table fr-mt-4w" key={kind} id={`type-${kind}`}>
            <table>
              <caption>
                {t(`taxonomy.kinds.${kind}`)} —{' '}
                {t('taxonomy.entries.count', { count: entries.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('taxonomy.entries.code')}</th>
                  <th scope="col">{t('taxonomy.entries.label')}</th>
                  <th scope="col">{t('taxonomy.entries.parent')}</th>
                  <th scope="col">{t('taxonomy.entries.source')}</th>
                  <th scope="col">{t('taxonomy.entries.uses')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.code}>
                    <td>
                      <code>{entry.code}</code>
                    </td>
                    <td>{entry.label}</td>
                    <td>{entry.parent ?? '—'}</td>
                    <td>{entry.source}</td>
                    <td>{entry.uses}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
