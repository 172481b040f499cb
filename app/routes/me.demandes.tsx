import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import {
  NeedStatusBadge,
  PosterName,
  RequestStatusBadge,
  type Labels,
} from '~/components/needs/need-parts.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { listRequestsForUser } from '~/models/needs/contact-request.server.ts'
import { listNeedsOfMyOrganisations } from '~/models/needs/need.server.ts'
import { taxonomyLabels } from '~/models/needs/options.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'me', 'directory'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [lists, needs] = await Promise.all([
    listRequestsForUser(user),
    listNeedsOfMyOrganisations(user),
  ])
  const labels = await taxonomyLabels(
    lists.sent.flatMap((row) =>
      row.counterpart.anonymous ? [row.counterpart.subKind, row.counterpart.regionCode] : [],
    ),
    await getLanguage(request),
  )
  return { ...lists, needs, labels }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'needs:mine.title')

type Row = ReturnType<typeof useLoaderData<typeof loader>>['received'][number]

function RequestTable({
  id,
  caption,
  rows,
  counterpartHeading,
  labels,
}: {
  id: string
  caption: string
  rows: Row[]
  counterpartHeading: string
  labels: Labels
}) {
  const { t, i18n } = useTranslation('needs')
  if (rows.length === 0) return <p id={id}>{t('mine.empty')}</p>
  return (
    <div className="fr-table" id={id}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.date')}</th>
            <th scope="col">{counterpartHeading}</th>
            <th scope="col">{t('mine.myOrganisation')}</th>
            <th scope="col">{t('history.subject')}</th>
            <th scope="col">{t('history.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDate(row.createdAt, i18n.language)}</td>
              <td>
                <PosterName
                  poster={row.counterpart}
                  regionCode={row.counterpart.regionCode}
                  labels={labels}
                  link={false}
                />
              </td>
              <td>{row.ownOrg}</td>
              <td>
                <Link to={`/demandes/${row.id}`}>{row.needTitle ?? t('history.introduction')}</Link>
              </td>
              <td>
                <RequestStatusBadge status={row.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function MyRequestsPage() {
  const { t, i18n } = useTranslation('needs')
  const { received, sent, needs, organisationCount, labels } = useLoaderData<typeof loader>()
  const pending = received.filter((row) => row.status === 'pending').length
  return (
    <div>
      <h1>{t('mine.title')}</h1>
      {organisationCount === 0 ? (
        <p>
          {t('mine.noOrganisation')}{' '}
          <Link to="/me/organisations">{t('respond.noOrganisationLink')}</Link>
        </p>
      ) : null}
      <section className="fr-mt-4w" aria-labelledby="recues-titre">
        <h2 id="recues-titre">{t('mine.received')}</h2>
        <p>{t('mine.pendingCount', { count: pending })}</p>
        <RequestTable
          id="demandes-recues"
          caption={t('mine.receivedCaption')}
          rows={received}
          counterpartHeading={t('mine.from')}
          labels={labels}
        />
      </section>
      <section className="fr-mt-6w" aria-labelledby="besoins-titre">
        <h2 id="besoins-titre">{t('mine.needs')}</h2>
        {needs.length === 0 ? (
          <p>
            {t('mine.needsEmpty')} <Link to="/besoins/nouveau">{t('list.post')}</Link>
          </p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>{t('mine.needsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mine.needTitle')}</th>
                  <th scope="col">{t('mine.myOrganisation')}</th>
                  <th scope="col">{t('history.status')}</th>
                  <th scope="col">{t('need.expires')}</th>
                  <th scope="col">{t('mine.pendingAnswers')}</th>
                </tr>
              </thead>
              <tbody>
                {needs.map((need) => (
                  <tr key={need.id}>
                    <td>
                      <Link to={`/besoins/${need.id}`}>{need.title}</Link>
                    </td>
                    <td>{need.organisation}</td>
                    <td>
                      <NeedStatusBadge status={need.status} />
                    </td>
                    <td>{formatDate(need.expiresAt, i18n.language)}</td>
                    <td>{need.pendingAnswers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="fr-mt-6w" aria-labelledby="envoyees-titre">
        <h2 id="envoyees-titre">{t('mine.sent')}</h2>
        <RequestTable
          id="demandes-envoyees"
          caption={t('mine.sentCaption')}
          rows={sent}
          counterpartHeading={t('mine.to')}
          labels={labels}
        />
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
