import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, HoneypotField, TextField, useValidatedForm } from '~/components/forms.tsx'
import { getFixedT } from '~/i18n.server.ts'
import { languageOf } from '~/i18n.ts'
import { queueEmail } from '~/models/mail/email.server.ts'
import { createPasswordResetToken } from '~/models/users/user.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { appUrl } from '~/utils/env.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { checkHoneypot } from '~/utils/honeypot.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { consumeRateLimits, RATE_LIMITS } from '~/utils/rate-limit.server.ts'
import { clientIp } from '~/utils/request.server.ts'
import { ForgotPasswordSchema } from '~/models/users/validation.server.ts'

export const handle = { i18n: ['auth'] }

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  checkHoneypot(formData)
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const { email } = submission.value
  const limit = await consumeRateLimits([
    { rule: RATE_LIMITS.resetPerIp, subject: clientIp(context) },
    { rule: RATE_LIMITS.resetPerEmail, subject: email },
  ])
  if (!limit.allowed) {
    return data(submission.reply({ formErrors: ['auth:errors.rateLimited'] }), {
      status: 429,
      headers: { 'Retry-After': String(limit.retryAfterSeconds) },
    })
  }
  await prisma.$transaction(async (tx) => {
    const reset = await createPasswordResetToken(email, tx)
    if (!reset) return
    const t = await getFixedT(languageOf(reset.user.locale), 'auth')
    const link = `${appUrl()}/reinitialiser-mot-de-passe?token=${reset.token}`
    await queueEmail(
      {
        to: reset.user.email,
        subject: t('resetEmail.subject'),
        text: t('resetEmail.body', { name: reset.user.name, link, minutes: 60 }),
      },
      tx,
    )
  })
  // The same answer whether or not the address has an account.
  return redirect('/connexion', {
    headers: { 'Set-Cookie': await flashHeader({ type: 'info', key: 'auth:flash.resetSent' }) },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:forgot.title')

export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({
    id: 'mot-de-passe-oublie',
    lastResult,
  })
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>{t('forgot.title')}</h1>
          <p>{t('forgot.intro')}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <HoneypotField />
            <TextField
              field={fields.email}
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              required
            />
            <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
              {t('forgot.submit')}
            </button>
          </Form>
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
