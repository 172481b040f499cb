import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, TextAreaField, useValidatedForm } from '~/components/forms.tsx'
import { SelectField } from '~/components/forms.tsx'
import {
  NeedStatusBadge,
  PosterName,
  RequestStatusBadge,
  TagList,
} from '~/components/needs/need-parts.tsx'
import { Notice } from '~/components/notice.tsx'
import { RequestDecisionForms } from '~/components/needs/request-decision.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { createContactRequest } from '~/models/needs/contact-request.server.ts'
import { getNeedPage } from '~/models/needs/need.server.ts'
import { taxonomyLabels } from '~/models/needs/options.server.ts'
import { ContactRequestSchema } from '~/models/needs/contact-request-validation.ts'
import { formatDate, formatDateTime } from '~/utils/dates.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { MESSAGE_MAX_LENGTH, MESSAGE_MIN_LENGTH } from '~/models/needs/constants.ts'
import { handleDecision } from '~/models/needs/request-decision.server.ts'
import { getUser, requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'directory'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, language] = await Promise.all([getUser(request), getLanguage(request)])
  const page = await getNeedPage(params.id ?? '', user)
  const { need } = page
  const labels = await taxonomyLabels(
    [
      ...need.challengeCodes,
      ...need.sectorCodes,
      ...need.technologyCodes,
      need.regionCode,
      need.poster.anonymous ? need.poster.subKind : null,
    ],
    language,
  )
  return { ...page, labels, signedIn: user !== null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const needId = params.id ?? ''
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'respond') {
    const submission = parseWithZod(formData, { schema: ContactRequestSchema })
    if (submission.status !== 'success') {
      return data({ form: 'respond' as const, reply: submission.reply() }, { status: 400 })
    }
    const result = await createContactRequest(
      { kind: 'need_response', needId, ...submission.value },
      user,
    )
    if (!result.ok) {
      return data(
        { form: 'respond' as const, reply: submission.reply({ formErrors: [result.error] }) },
        { status: result.status },
      )
    }
    return redirect(`/demandes/${result.requestId}`, {
      headers: {
        'Set-Cookie': await flashHeader({ type: 'success', key: 'needs:flash.responseSent' }),
      },
    })
  }
  return handleDecision(formData, user, `/besoins/${needId}`)
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaderData }) =>
  loaderData
    ? [{ title: `${loaderData.need.title} — Passerelle` }]
    : pageTitle(matches, 'needs:need.title')

export default function NeedPage() {
  const { t, i18n } = useTranslation('needs')
  const { need, isMember, isOpen, responses, myRequests, senderOptions, labels, signedIn } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const location = useLocation()
  const expired = need.status === 'open' && !isOpen
  return (
    <div className="fr-container fr-py-6w">
      <nav className="fr-breadcrumb" aria-label={t('breadcrumb.label')}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/besoins">
              {t('list.title')}
            </Link>
          </li>
          <li>
            <span className="fr-breadcrumb__link" aria-current="page">
              {need.title}
            </span>
          </li>
        </ol>
      </nav>
      <h1>{need.title}</h1>
      <p className="fr-text--lg">
        <PosterName poster={need.poster} regionCode={need.regionCode} labels={labels} />{' '}
        <NeedStatusBadge status={expired ? 'expired' : need.status} />
        {need.anonymous && !need.poster.anonymous ? (
          <span className="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">
            {isMember ? t('need.anonymousForOthers') : t('need.revealedToYou')}
          </span>
        ) : null}
      </p>
      <p className="passerelle-preserve-lines">{need.description}</p>

      <dl className="fr-mb-4w">
        <dt className="fr-text--bold">{t('need.region')}</dt>
        <dd>{labels[need.regionCode]}</dd>
        <dt className="fr-text--bold">{t('need.budget')}</dt>
        <dd>{t(`budget.${need.budgetBand}`)}</dd>
        {need.deadline ? (
          <>
            <dt className="fr-text--bold">{t('need.deadline')}</dt>
            <dd>{formatDate(need.deadline, i18n.language)}</dd>
          </>
        ) : null}
        <dt className="fr-text--bold">{t('need.expires')}</dt>
        <dd>{formatDate(need.expiresAt, i18n.language)}</dd>
      </dl>
      <h2 className="fr-h6">{t('need.tags')}</h2>
      <TagList
        codes={[...need.challengeCodes, ...need.sectorCodes, ...need.technologyCodes]}
        labels={labels}
      />

      {isMember ? (
        <section className="fr-mt-6w" aria-labelledby="reponses-titre">
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Link
                className="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left"
                to={`/besoins/${need.id}/modifier`}
              >
                {t('need.edit')}
              </Link>
            </li>
            <li>
              <Link
                className="fr-btn fr-btn--tertiary fr-icon-team-line fr-btn--icon-left"
                to={`/besoins/${need.id}/candidats`}
              >
                {t('need.candidates')}
              </Link>
            </li>
          </ul>
          <h2 id="reponses-titre">{t('responses.title', { count: responses.length })}</h2>
          {responses.length === 0 ? <p>{t('responses.empty')}</p> : null}
          <ul className="passerelle-plain-list">
            {responses.map((response) => (
              <li key={response.id} className="fr-card fr-mb-3w">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h3 className="fr-card__title">
                      <Link to={`/demandes/${response.id}`}>{response.fromOrg.name}</Link>
                    </h3>
                    <p className="fr-card__detail">
                      {formatDateTime(response.createdAt, i18n.language)}{' '}
                      <RequestStatusBadge status={response.status} />
                    </p>
                    <p className="fr-card__desc passerelle-preserve-lines">{response.message}</p>
                    {response.status === 'pending' ? (
                      <RequestDecisionForms
                        requestId={response.id}
                        context={response.fromOrg.name}
                        error={
                          actionData &&
                          'requestId' in actionData &&
                          actionData.requestId === response.id
                            ? actionData.error
                            : null
                        }
                      />
                    ) : null}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section className="fr-mt-6w" aria-labelledby="repondre-titre">
          <h2 id="repondre-titre">{t('respond.title')}</h2>
          {myRequests.length > 0 ? (
            <ul>
              {myRequests.map((mine) => (
                <li key={mine.id}>
                  {t('respond.mine', {
                    org: mine.fromOrg,
                    date: formatDate(mine.createdAt, i18n.language),
                  })}{' '}
                  <RequestStatusBadge status={mine.status} />{' '}
                  <Link to={`/demandes/${mine.id}`}>{t('respond.see')}</Link>
                </li>
              ))}
            </ul>
          ) : null}
          {!isOpen ? (
            <Notice type="info">{t('respond.closed')}</Notice>
          ) : !signedIn ? (
            <p>
              <Link
                className="fr-btn"
                to={`/connexion?redirectTo=${encodeURIComponent(location.pathname)}`}
              >
                {t('respond.signIn')}
              </Link>
            </p>
          ) : senderOptions.length === 0 ? (
            <Notice type="info">
              {t('respond.noOrganisation')}{' '}
              <Link to="/me/organisations">{t('respond.noOrganisationLink')}</Link>
            </Notice>
          ) : (
            <RespondForm
              senderOptions={senderOptions}
              lastResult={actionData && 'reply' in actionData ? actionData.reply : undefined}
            />
          )}
        </section>
      )}
    </div>
  )
}

function RespondForm({
  senderOptions,
  lastResult,
}: {
  senderOptions: Array<{ id: string; name: string; pending: boolean }>
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('needs')
  const available = senderOptions.filter((option) => !option.pending)
  const [form, fields] = useValidatedForm<{ fromOrgId: string; message: string }>({
    id: 'repondre',
    lastResult,
    defaultValue: { fromOrgId: available[0]?.id },
  })
  if (available.length === 0) return <Notice type="info">{t('respond.allPending')}</Notice>
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="respond" />
      <FormErrors errors={form.errors} />
      <SelectField field={fields.fromOrgId} label={t('respond.from')} required>
        {available.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        field={fields.message}
        label={t('respond.message')}
        hint={t('respond.messageHint', { min: MESSAGE_MIN_LENGTH, max: MESSAGE_MAX_LENGTH })}
        required
        minLength={MESSAGE_MIN_LENGTH}
        maxLength={MESSAGE_MAX_LENGTH}
      />
      <p className="fr-text--sm">{t('respond.privacy')}</p>
      <button className="fr-btn" type="submit">
        {t('respond.submit')}
      </button>
    </Form>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
