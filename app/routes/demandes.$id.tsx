import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { PosterName, RequestStatusBadge } from '~/components/needs/need-parts.tsx'
import { RequestDecisionForms } from '~/components/needs/request-decision.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { getContactRequestPage } from '~/models/needs/contact-request.server.ts'
import { taxonomyLabels } from '~/models/needs/options.server.ts'
import { formatDateTime } from '~/utils/dates.ts'
import { pageTitle } from '~/utils/meta.ts'
import { handleDecision } from '~/models/needs/request-decision.server.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'directory'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = await getContactRequestPage(params.id ?? '', user)
  const labels = page.toOrg.anonymous
    ? await taxonomyLabels([page.toOrg.subKind, page.toOrg.regionCode], await getLanguage(request))
    : {}
  return { ...page, labels }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  // The id in the URL wins: a form cannot act on another request from this page.
  formData.set('requestId', params.id ?? '')
  return handleDecision(formData, user, `/demandes/${params.id}`)
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'needs:request.title')

export default function RequestPage() {
  const { t, i18n } = useTranslation('needs')
  const { request, side, fromOrg, toOrg, history, contacts, canDecide, canWithdraw, labels } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const error = actionData && 'error' in actionData ? actionData.error : null
  return (
    <div className="fr-container fr-py-6w">
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/me/demandes">
          {t('request.back')}
        </Link>
      </p>
      <h1>
        {request.kind === 'need_response'
          ? t('request.headingResponse', { title: request.need?.title ?? '' })
          : t('request.headingIntroduction')}
      </h1>
      <p>
        <RequestStatusBadge status={request.status} />
      </p>
      <dl className="fr-mb-4w">
        <dt className="fr-text--bold">{t('request.from')}</dt>
        <dd>
          <PosterName poster={fromOrg} labels={labels} />
        </dd>
        <dt className="fr-text--bold">{t('request.to')}</dt>
        <dd>
          <PosterName poster={toOrg} regionCode={toOrg.regionCode} labels={labels} />
        </dd>
        {request.need ? (
          <>
            <dt className="fr-text--bold">{t('request.need')}</dt>
            <dd>
              <Link to={`/besoins/${request.need.id}`}>{request.need.title}</Link>
            </dd>
          </>
        ) : null}
        <dt className="fr-text--bold">{t('request.sentAt')}</dt>
        <dd>{formatDateTime(request.createdAt, i18n.language)}</dd>
        {request.respondedAt ? (
          <>
            <dt className="fr-text--bold">{t(`request.closedAt.${request.status}`)}</dt>
            <dd>{formatDateTime(request.respondedAt, i18n.language)}</dd>
          </>
        ) : null}
      </dl>
      <h2 className="fr-h5">{t('request.message')}</h2>
      <p className="passerelle-preserve-lines">{request.message}</p>
      {request.responseNote ? (
        <>
          <h2 className="fr-h5">{t('request.note')}</h2>
          <p className="passerelle-preserve-lines">{request.responseNote}</p>
        </>
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="contacts-titre">
        <h2 id="contacts-titre">{t('contacts.title')}</h2>
        {contacts ? (
          <div className="fr-callout">
            <p className="fr-callout__title">{contacts.organisation.name}</p>
            <ul className="fr-callout__text passerelle-plain-list">
              <li>
                {t('contacts.email')}{' '}
                <a href={`mailto:${contacts.organisation.contactEmail}`}>
                  {contacts.organisation.contactEmail}
                </a>
              </li>
              <li>
                {t('contacts.phone')} {contacts.organisation.contactPhone || t('contacts.noPhone')}
              </li>
              {contacts.person ? (
                <li>
                  {t(side === 'recipient' ? 'contacts.sentBy' : 'contacts.acceptedBy')}{' '}
                  {contacts.person.name} (
                  <a href={`mailto:${contacts.person.email}`}>{contacts.person.email}</a>)
                </li>
              ) : null}
            </ul>
          </div>
        ) : (
          <p>{t('contacts.hidden')}</p>
        )}
      </section>

      {canDecide ? (
        <section className="fr-mt-4w" aria-labelledby="decision-titre">
          <h2 id="decision-titre">{t('decision.title')}</h2>
          <RequestDecisionForms requestId={request.id} error={error} />
        </section>
      ) : null}
      {canWithdraw ? (
        <section className="fr-mt-4w" aria-labelledby="retrait-titre">
          <h2 id="retrait-titre">{t('withdraw.title')}</h2>
          {error ? (
            <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
              <p>{t(error)}</p>
            </div>
          ) : null}
          <p>{t('withdraw.intro')}</p>
          <Form method="post">
            <input type="hidden" name="requestId" value={request.id} />
            <button
              className="fr-btn fr-btn--secondary"
              type="submit"
              name="intent"
              value="withdraw"
            >
              {t('withdraw.submit')}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="fr-mt-6w" aria-labelledby="historique-titre">
        <h2 id="historique-titre">{t('history.title')}</h2>
        <div className="fr-table">
          <table>
            <caption>{t('history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.date')}</th>
                <th scope="col">{t('history.direction')}</th>
                <th scope="col">{t('history.subject')}</th>
                <th scope="col">{t('history.status')}</th>
                <th scope="col">{t('history.answeredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.createdAt, i18n.language)}</td>
                  <td>{t(`history.${row.direction}`)}</td>
                  <td>
                    {row.current ? (
                      <span aria-current="page">{row.needTitle ?? t('history.introduction')}</span>
                    ) : (
                      <Link to={`/demandes/${row.id}`}>
                        {row.needTitle ?? t('history.introduction')}
                      </Link>
                    )}
                  </td>
                  <td>
                    <RequestStatusBadge status={row.status} />
                  </td>
                  <td>{row.respondedAt ? formatDateTime(row.respondedAt, i18n.language) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
