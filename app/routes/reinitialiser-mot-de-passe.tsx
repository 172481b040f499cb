import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, TextField, useValidatedForm } from '~/components/forms.tsx'
import { Notice } from '~/components/notice.tsx'
import { findValidResetToken, resetPassword } from '~/models/users/user.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { clearSessionCookieHeader } from '~/utils/session.server.ts'
import { ResetPasswordSchema } from '~/models/users/validation.server.ts'

export const handle = { i18n: ['auth'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const valid = /^[a-z2-7]{32}$/.test(token) && Boolean(await findValidResetToken(token))
  return data(
    { token: valid ? token : null },
    { status: valid ? 200 : 400, headers: { 'Referrer-Policy': 'no-referrer' } },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password', 'confirmPassword'] }), { status: 400 })
  }
  const user = await resetPassword(submission.value.token, submission.value.password)
  if (!user) {
    return data(
      submission.reply({
        formErrors: ['auth:errors.resetInvalid'],
        hideFields: ['password', 'confirmPassword'],
      }),
      {
        status: 400,
      },
    )
  }
  const headers = new Headers()
  headers.append('Set-Cookie', await clearSessionCookieHeader())
  headers.append(
    'Set-Cookie',
    await flashHeader({ type: 'success', key: 'auth:flash.passwordReset' }),
  )
  return redirect('/connexion', { headers })
}

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, 'auth:reset.title'),
  { name: 'referrer', content: 'no-referrer' },
]

export default function ResetPasswordPage() {
  const { t } = useTranslation('auth')
  const { token } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({
    id: 'reinitialiser',
    lastResult,
  })
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('reset.title')}</h1>
          {token ? (
            <Form method="post" {...getFormProps(form)}>
              <FormErrors errors={form.errors} />
              <input type="hidden" name="token" value={token} />
              <TextField
                field={fields.password}
                label={t('fields.newPassword')}
                hint={t('fields.passwordHint')}
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
              />
              <TextField
                field={fields.confirmPassword}
                label={t('fields.confirmPassword')}
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
              />
              <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
                {t('reset.submit')}
              </button>
            </Form>
          ) : (
            <>
              <Notice type="error">{t('errors.resetInvalid')}</Notice>
              <p className="fr-mt-3w">
                <Link className="fr-link" to="/mot-de-passe-oublie">
                  {t('reset.askAgain')}
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
