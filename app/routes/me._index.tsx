import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, TextField, useValidatedForm } from '~/components/forms.tsx'
import { RecommendationList } from '~/components/matching/recommendations.tsx'
import { myOrganisations } from '~/models/directory/members.server.ts'
import { dashboardRecommendations } from '~/models/matching/recommendations.server.ts'
import { deleteUser, listSessions } from '~/models/users/user.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import {
  clearSessionCookieHeader,
  invalidateOtherSessions,
  requireSession,
} from '~/utils/session.server.ts'
import { DeleteAccountSchema } from '~/models/users/validation.server.ts'
import { formatDateTime } from '~/utils/dates.ts'

export const handle = { i18n: ['auth', 'me', 'matching'] }

/** Organisations whose suggested partners the dashboard shows (the others: « Mes organisations »). */
const DASHBOARD_ORGANISATIONS = 3
const SUGGESTIONS_PER_ORGANISATION = 3

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireSession(request)
  const [sessions, memberships] = await Promise.all([
    listSessions(user.id),
    myOrganisations(user.id),
  ])
  const suggestions = await Promise.all(
    memberships
      .filter(({ organisation }) => organisation.visibility !== 'draft')
      .slice(0, DASHBOARD_ORGANISATIONS)
      .map(async ({ organisation }) => ({
        slug: organisation.slug,
        name: organisation.name,
        items: await dashboardRecommendations(organisation.id, user, {
          limit: SUGGESTIONS_PER_ORGANISATION,
        }),
      })),
  )
  return {
    suggestions,
    user: { name: user.name, email: user.email, role: user.role },
    sessions: sessions.map((row) => ({
      ...row,
      current: row.id === session.id,
      id: row.id.slice(0, 8),
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireSession(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'sign-out-others') {
    await invalidateOtherSessions(user.id, session.id)
    return redirect('/me', {
      headers: {
        'Set-Cookie': await flashHeader({ type: 'success', key: 'me:flash.otherSessionsClosed' }),
      },
    })
  }
  if (intent === 'delete-account') {
    const submission = parseWithZod(formData, {
      schema: DeleteAccountSchema.refine((value) => value.confirmEmail === user.email, {
        path: ['confirmEmail'],
        message: 'me:errors.confirmEmailMismatch',
      }),
    })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    await deleteUser(user.id)
    const headers = new Headers()
    headers.append('Set-Cookie', await clearSessionCookieHeader())
    headers.append(
      'Set-Cookie',
      await flashHeader({ type: 'success', key: 'me:flash.accountDeleted' }),
    )
    return redirect('/', { headers })
  }
  throw data('common:errors.unknownAction', { status: 400 })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'me:title')

export default function MePage() {
  const { t, i18n } = useTranslation('me')
  const { user, sessions, suggestions } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useValidatedForm({
    id: 'supprimer-compte',
    lastResult,
  })
  return (
    <div>
      <h1>{t('title')}</h1>
      <p>
        {t('identity', { name: user.name, email: user.email })}{' '}
        <span className="fr-badge fr-badge--sm fr-badge--info">{t(`roles.${user.role}`)}</span>
      </p>

      {suggestions.length ? (
        <section className="fr-mt-6w" aria-labelledby="partenaires-titre">
          <h2 id="partenaires-titre">{t('suggestions.title')}</h2>
          <div className="fr-grid-row fr-grid-row--gutters">
            {suggestions.map((organisation) => (
              <div className="fr-col-12 fr-col-md-6 fr-col-lg-4" key={organisation.slug}>
                <RecommendationList
                  items={organisation.items}
                  title={t('suggestions.for', { name: organisation.name })}
                  headingLevel="h3"
                  headingId={`suggestions-${organisation.slug}`}
                  seeAllHref={`/organisations/${organisation.slug}/partenaires`}
                />
              </div>
            ))}
          </div>
        </section>
      ) : null}

      <section className="fr-mt-6w" aria-labelledby="sessions-titre">
        <h2 id="sessions-titre">{t('sessions.title')}</h2>
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>{t('sessions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sessions.device')}</th>
                <th scope="col">{t('sessions.started')}</th>
                <th scope="col">{t('sessions.lastSeen')}</th>
                <th scope="col">{t('sessions.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id}>
                  <td>
                    {session.userAgent ?? t('sessions.unknownDevice')}
                    {session.current ? (
                      <span className="fr-badge fr-badge--sm fr-badge--success fr-ml-1w">
                        {t('sessions.current')}
                      </span>
                    ) : null}
                  </td>
                  <td>{formatDateTime(session.createdAt, i18n.language)}</td>
                  <td>{formatDateTime(session.lastSeenAt, i18n.language)}</td>
                  <td>{formatDateTime(session.expiresAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Form method="post">
          <button
            className="fr-btn fr-btn--secondary"
            type="submit"
            name="intent"
            value="sign-out-others"
          >
            {t('sessions.signOutOthers')}
          </button>
        </Form>
      </section>

      <section className="fr-mt-6w" aria-labelledby="donnees-titre">
        <h2 id="donnees-titre">{t('data.title')}</h2>
        <p>{t('data.intro')}</p>
        <a
          className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
          href="/me/export"
          download
        >
          {t('data.export')}
        </a>
      </section>

      <section className="fr-mt-6w" aria-labelledby="suppression-titre">
        <h2 id="suppression-titre">{t('delete.title')}</h2>
        <p>{t('delete.intro')}</p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <TextField
            field={fields.confirmEmail}
            label={t('delete.confirmLabel', { email: user.email })}
            type="email"
            autoComplete="off"
          />
          <button
            className="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
            type="submit"
            name="intent"
            value="delete-account"
          >
            {t('delete.submit')}
          </button>
        </Form>
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
