import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, HoneypotField, TextField, useValidatedForm } from '~/components/forms.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { createUser, EmailTakenError } from '~/models/users/user.server.ts'
import { checkHoneypot } from '~/utils/honeypot.server.ts'
import { consumeRateLimits, RATE_LIMITS } from '~/utils/rate-limit.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { clientIp, sessionMeta } from '~/utils/request.server.ts'
import { requireAnonymous, safeRedirect, startSessionAndRedirect } from '~/utils/session.server.ts'
import { SignUpSchema } from '~/models/users/validation.server.ts'

export const handle = { i18n: ['auth'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const formData = await request.formData()
  checkHoneypot(formData)
  const submission = parseWithZod(formData, { schema: SignUpSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password', 'confirmPassword'] }), { status: 400 })
  }
  const limit = await consumeRateLimits([
    { rule: RATE_LIMITS.signUpPerIp, subject: clientIp(context) },
  ])
  if (!limit.allowed) {
    return data(
      submission.reply({
        formErrors: ['auth:errors.rateLimited'],
        hideFields: ['password', 'confirmPassword'],
      }),
      {
        status: 429,
        headers: { 'Retry-After': String(limit.retryAfterSeconds) },
      },
    )
  }
  const { name, email, password, redirectTo } = submission.value
  try {
    const user = await createUser({ name, email, password, locale: await getLanguage(request) })
    return startSessionAndRedirect(
      user.id,
      sessionMeta(request, context),
      safeRedirect(redirectTo, '/me'),
    )
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error
    return data(
      submission.reply({
        fieldErrors: { email: ['auth:errors.emailTaken'] },
        hideFields: ['password', 'confirmPassword'],
      }),
      { status: 409 },
    )
  }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signUp.title')

export default function SignUpPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({
    id: 'inscription',
    lastResult,
  })
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('signUp.title')}</h1>
          <p>{t('signUp.intro')}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <HoneypotField />
            <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend">{t('signUp.legend')}</legend>
              <div className="fr-fieldset__element">
                <TextField
                  field={fields.name}
                  label={t('fields.name')}
                  autoComplete="name"
                  required
                  maxLength={100}
                />
              </div>
              <div className="fr-fieldset__element">
                <TextField
                  field={fields.email}
                  label={t('fields.email')}
                  hint={t('fields.emailHint')}
                  type="email"
                  autoComplete="email"
                  required
                />
              </div>
              <div className="fr-fieldset__element">
                <TextField
                  field={fields.password}
                  label={t('fields.password')}
                  hint={t('fields.passwordHint')}
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={12}
                />
              </div>
              <div className="fr-fieldset__element">
                <TextField
                  field={fields.confirmPassword}
                  label={t('fields.confirmPassword')}
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={12}
                />
              </div>
            </fieldset>
            <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
              {t('signUp.submit')}
            </button>
          </Form>
          <hr className="fr-mt-4w" />
          <p>
            {t('signUp.haveAccount')} <Link to="/connexion">{t('signIn.title')}</Link>
          </p>
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
