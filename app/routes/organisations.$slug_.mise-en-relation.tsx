import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, TextAreaField, useValidatedForm } from '~/components/forms.tsx'
import { SelectField } from '~/components/forms.tsx'
import { Notice } from '~/components/notice.tsx'
import {
  createContactRequest,
  getIntroductionTarget,
} from '~/models/needs/contact-request.server.ts'
import { ContactRequestSchema } from '~/models/needs/contact-request-validation.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { MESSAGE_MAX_LENGTH, MESSAGE_MIN_LENGTH } from '~/models/needs/constants.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'directory'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return getIntroductionTarget(params.slug ?? '', user)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const target = await getIntroductionTarget(params.slug ?? '', user)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: ContactRequestSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createContactRequest(
    { kind: 'introduction', toOrgId: target.organisation.id, ...submission.value },
    user,
  )
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.error] }), { status: result.status })
  }
  return redirect(`/demandes/${result.requestId}`, {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: 'needs:flash.introductionSent' }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'needs:introduction.title')

export default function IntroductionPage() {
  const { t } = useTranslation('needs')
  const { organisation, own, senders, connected } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const available = senders.filter((sender) => !sender.pendingRequestId)
  const [form, fields] = useValidatedForm<{ fromOrgId: string; message: string }>({
    id: 'mise-en-relation',
    lastResult,
    defaultValue: { fromOrgId: available[0]?.id },
  })
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-lg-8">
          <p>
            <Link
              className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
              to={`/organisations/${organisation.slug}`}
            >
              {t('introduction.back', { name: organisation.name })}
            </Link>
          </p>
          <h1>{t('introduction.heading', { name: organisation.name })}</h1>
          {own ? (
            <Notice type="info">{t('introduction.own')}</Notice>
          ) : (
            <>
              <p>{t('introduction.intro', { name: organisation.name })}</p>
              {connected ? <Notice type="success">{t('introduction.connected')}</Notice> : null}
              {senders
                .filter((sender) => sender.pendingRequestId)
                .map((sender) => (
                  <p key={sender.id}>
                    {t('introduction.pending', { from: sender.name })}{' '}
                    <Link to={`/demandes/${sender.pendingRequestId}`}>{t('respond.see')}</Link>
                  </p>
                ))}
              {senders.length === 0 ? (
                <Notice type="info">
                  {t('respond.noOrganisation')}{' '}
                  <Link to="/me/organisations">{t('respond.noOrganisationLink')}</Link>
                </Notice>
              ) : available.length === 0 ? null : (
                <Form method="post" {...getFormProps(form)}>
                  <FormErrors errors={form.errors} />
                  <SelectField field={fields.fromOrgId} label={t('respond.from')} required>
                    {available.map((sender) => (
                      <option key={sender.id} value={sender.id}>
                        {sender.name}
                      </option>
                    ))}
                  </SelectField>
                  <TextAreaField
                    field={fields.message}
                    label={t('introduction.message')}
                    hint={t('respond.messageHint', {
                      min: MESSAGE_MIN_LENGTH,
                      max: MESSAGE_MAX_LENGTH,
                    })}
                    required
                    minLength={MESSAGE_MIN_LENGTH}
                    maxLength={MESSAGE_MAX_LENGTH}
                  />
                  <p className="fr-text--sm">{t('respond.privacy')}</p>
                  <button className="fr-btn" type="submit">
                    {t('introduction.submit')}
                  </button>
                </Form>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
