import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/notice.tsx'
import {
  acceptInvitationToken,
  declineInvitation,
  findInvitationByToken,
} from '~/models/directory/members.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { getUser, hashToken, requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory'] }

const TOKEN = /^[a-z2-7]{32}$/

/** "j•••@exemple.fr": enough for the invitee to recognise the address, not to harvest it. */
function maskEmail(email: string) {
  const [local, domain] = email.split('@')
  return `${local.slice(0, 1)}•••@${domain}`
}

async function findOrThrow(token: string | undefined) {
  const found = token && TOKEN.test(token) ? await findInvitationByToken(token) : null
  if (!found) throw data('directory:invitation.notFound', { status: 404 })
  return found
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { invitation, state } = await findOrThrow(params.token)
  const user = await getUser(request)
  const here = `/invitations/${params.token}`
  return data(
    {
      organisation: invitation.organisation,
      role: invitation.role,
      state,
      expiresAt: invitation.expiresAt.toISOString(),
      signedIn: user !== null,
      emailMatches: user?.email === invitation.email,
      maskedEmail: maskEmail(invitation.email),
      signInHref: `/connexion?redirectTo=${encodeURIComponent(here)}`,
      signUpHref: `/inscription?redirectTo=${encodeURIComponent(here)}`,
    },
    { status: state === 'valid' ? 200 : 410, headers: { 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const token = params.token ?? ''
  const { invitation } = await findOrThrow(token)
  const intent = (await request.formData()).get('intent')
  if (intent === 'decline') {
    if (!(await declineInvitation(hashToken(token), user))) {
      throw data('directory:invitation.wrongEmail', { status: 403 })
    }
    return redirect('/me/organisations', {
      headers: {
        'Set-Cookie': await flashHeader({ type: 'info', key: 'directory:flash.declined' }),
      },
    })
  }
  if (intent !== 'accept') throw data('common:errors.unknownAction', { status: 400 })
  const outcome = await acceptInvitationToken(token, user)
  if (!outcome.ok) {
    const status = { notFound: 404, expired: 410, used: 410, wrongEmail: 403 }[outcome.reason]
    throw data(`directory:invitation.${outcome.reason}`, { status })
  }
  return redirect(`/organisations/${invitation.organisation.slug}`, {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: 'directory:flash.joined' }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'directory:invitation.title')

export default function InvitationPage() {
  const { t, i18n } = useTranslation('directory')
  const {
    organisation,
    role,
    state,
    expiresAt,
    signedIn,
    emailMatches,
    maskedEmail,
    signInHref,
    signUpHref,
  } = useLoaderData<typeof loader>()
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t('invitation.title')}</h1>
          {state !== 'valid' ? (
            <Notice type="error">{t(`invitation.${state}`)}</Notice>
          ) : (
            <>
              <p className="fr-text--lead">
                {t('invitation.intro', {
                  organisation: organisation.name,
                  role: t(`roles.${role}`),
                })}
              </p>
              <p>{t('invitation.expires', { date: formatDate(expiresAt, i18n.language) })}</p>
              {!signedIn ? (
                <>
                  <p>{t('invitation.signInFirst', { email: maskedEmail })}</p>
                  <ul className="fr-btns-group fr-btns-group--inline-md">
                    <li>
                      <Link className="fr-btn" to={signInHref}>
                        {t('invitation.signIn')}
                      </Link>
                    </li>
                    <li>
                      <Link className="fr-btn fr-btn--secondary" to={signUpHref}>
                        {t('invitation.signUp')}
                      </Link>
                    </li>
                  </ul>
                </>
              ) : !emailMatches ? (
                <Notice type="warning">
                  {t('invitation.otherAccount', { email: maskedEmail })}
                </Notice>
              ) : (
                <Form method="post" className="fr-btns-group fr-btns-group--inline-md">
                  <button className="fr-btn" type="submit" name="intent" value="accept">
                    {t('invitation.accept')}
                  </button>
                  <button
                    className="fr-btn fr-btn--secondary"
                    type="submit"
                    name="intent"
                    value="decline"
                  >
                    {t('invitation.decline')}
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
