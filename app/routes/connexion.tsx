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
import { verifyCredentials } from '~/models/users/user.server.ts'
import { checkHoneypot } from '~/utils/honeypot.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { consumeRateLimits, RATE_LIMITS } from '~/utils/rate-limit.server.ts'
import { clientIp, sessionMeta } from '~/utils/request.server.ts'
import { requireAnonymous, safeRedirect, startSessionAndRedirect } from '~/utils/session.server.ts'
import { SignInSchema } from '~/models/users/validation.server.ts'

export const handle = { i18n: ['auth'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const formData = await request.formData()
  checkHoneypot(formData)
  const submission = parseWithZod(formData, { schema: SignInSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  // Counted before checking the password, so a guesser is slowed whether or not they guess right.
  const limit = await consumeRateLimits([
    { rule: RATE_LIMITS.signInPerIp, subject: clientIp(context) },
    { rule: RATE_LIMITS.signInPerEmail, subject: email },
  ])
  if (!limit.allowed) {
    return data(
      submission.reply({ formErrors: ['auth:errors.rateLimited'], hideFields: ['password'] }),
      {
        status: 429,
        headers: { 'Retry-After': String(limit.retryAfterSeconds) },
      },
    )
  }
  const user = await verifyCredentials(email, password)
  if (!user) {
    return data(
      submission.reply({ formErrors: ['auth:errors.wrongCredentials'], hideFields: ['password'] }),
      {
        status: 401,
      },
    )
  }
  return startSessionAndRedirect(
    user.id,
    sessionMeta(request, context),
    safeRedirect(redirectTo, '/me'),
  )
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signIn.title')

export default function SignInPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({
    id: 'connexion',
    lastResult,
  })
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('signIn.title')}</h1>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <HoneypotField />
            <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend">{t('signIn.legend')}</legend>
              <div className="fr-fieldset__element">
                <TextField
                  field={fields.email}
                  label={t('fields.email')}
                  type="email"
                  autoComplete="email"
                  required
                />
              </div>
              <div className="fr-fieldset__element">
                <TextField
                  field={fields.password}
                  label={t('fields.password')}
                  type="password"
                  autoComplete="current-password"
                  required
                />
                <p>
                  <Link className="fr-link" to="/mot-de-passe-oublie">
                    {t('signIn.forgot')}
                  </Link>
                </p>
              </div>
            </fieldset>
            <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
              {t('signIn.submit')}
            </button>
          </Form>
          <hr className="fr-mt-4w" />
          <p>
            {t('signIn.noAccount')} <Link to="/inscription">{t('signUp.title')}</Link>
          </p>
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
