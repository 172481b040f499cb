import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import type { StoredMail } from '~/models/mail/email.server.ts'
import { getEnv, mailPreviewEnabled } from '~/utils/env.server.ts'
import { formatDateTime } from '~/utils/dates.ts'
import { pageTitle } from '~/utils/meta.ts'

export const handle = { i18n: ['devmail'] }

/** Mail written by the file transport (no SMTP_URL): development and demo only. */
export async function loader(_: LoaderFunctionArgs) {
  if (!mailPreviewEnabled()) throw data('common:errors.notFound', { status: 404 })
  const dir = path.resolve(getEnv().MAIL_DIR)
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) =>
    file.endsWith('.json'),
  )
  const latest = files.sort().reverse().slice(0, 50)
  const mails = await Promise.all(
    latest.map(
      async (file) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as StoredMail,
    ),
  )
  return { mails, total: files.length }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'devmail:title')

const URL_PATTERN = /(https?:\/\/[^\s]+)/g

export default function DevMailPage() {
  const { t, i18n } = useTranslation('devmail')
  const { mails, total } = useLoaderData<typeof loader>()
  return (
    <div className="fr-container fr-py-6w">
      <h1>{t('title')}</h1>
      <p>{t('intro', { count: total })}</p>
      {mails.map((mail) => (
        <article key={mail.id} className="fr-card fr-mb-3w fr-p-3w">
          <h2 className="fr-h5">{mail.subject}</h2>
          <p className="fr-text--sm">
            {t('to')} {mail.to} · {formatDateTime(mail.date, i18n.language)}
            {mail.calendar ? ` · ${t('invite', { method: mail.calendar.method })}` : ''}
          </p>
          <pre className="passerelle-mail-body">
            {mail.text.split(URL_PATTERN).map((part, index) =>
              index % 2 === 1 ? (
                <a key={index} href={part}>
                  {part}
                </a>
              ) : (
                part
              ),
            )}
          </pre>
        </article>
      ))}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
