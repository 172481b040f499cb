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
import {
  acceptInvitation,
  declineInvitation,
  myOrganisations,
  pendingInvitationsFor,
} from '~/models/directory/members.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory', 'me'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [memberships, invitations] = await Promise.all([
    myOrganisations(user.id),
    pendingInvitationsFor(user.email),
  ])
  return {
    memberships: memberships.map(({ role, organisation }) => ({
      role,
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      visibility: organisation.visibility,
      verified: organisation.verifiedAt !== null,
      unpublished: organisation.unpublishedAt !== null,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      organisation: invitation.organisation,
    })),
  }
}

/** Invitations to the signed-in address can be answered here too (the address is the proof). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const invitationId = String(formData.get('invitationId') ?? '')
  if (!/^[0-9a-f]{64}$/.test(invitationId))
    throw data('common:errors.unknownAction', { status: 400 })
  if (intent === 'accept-invitation') {
    const outcome = await acceptInvitation(invitationId, user)
    if (!outcome.ok) {
      const status = { notFound: 404, expired: 410, used: 410, wrongEmail: 403 }[outcome.reason]
      throw data(`directory:invitation.${outcome.reason}`, { status })
    }
    return redirect(`/organisations/${outcome.organisation.slug}`, {
      headers: {
        'Set-Cookie': await flashHeader({ type: 'success', key: 'directory:flash.joined' }),
      },
    })
  }
  if (intent === 'decline-invitation') {
    await declineInvitation(invitationId, user)
    return redirect('/me/organisations', {
      headers: {
        'Set-Cookie': await flashHeader({ type: 'info', key: 'directory:flash.declined' }),
      },
    })
  }
  throw data('common:errors.unknownAction', { status: 400 })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'directory:mine.title')

export default function MyOrganisationsPage() {
  const { t, i18n } = useTranslation('directory')
  const { memberships, invitations } = useLoaderData<typeof loader>()
  return (
    <div>
      <h1>{t('mine.title')}</h1>

      {invitations.length ? (
        <section className="fr-mb-6w" aria-labelledby="invitations-recues-titre">
          <h2 id="invitations-recues-titre">{t('mine.invitationsTitle')}</h2>
          <ul className="passerelle-plain-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="fr-mb-3w">
                <p className="fr-mb-1w">
                  {t('mine.invitation', {
                    organisation: invitation.organisation.name,
                    role: t(`roles.${invitation.role}`),
                    date: formatDate(invitation.expiresAt, i18n.language),
                  })}
                </p>
                <Form
                  method="post"
                  className="fr-btns-group fr-btns-group--inline fr-btns-group--sm"
                >
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button className="fr-btn" type="submit" name="intent" value="accept-invitation">
                    {t('invitation.accept')}
                    <span className="fr-sr-only"> ({invitation.organisation.name})</span>
                  </button>
                  <button
                    className="fr-btn fr-btn--secondary"
                    type="submit"
                    name="intent"
                    value="decline-invitation"
                  >
                    {t('invitation.decline')}
                    <span className="fr-sr-only"> ({invitation.organisation.name})</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {memberships.length === 0 ? (
        <p>{t('mine.none')}</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>{t('mine.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mine.organisation')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('fields.visibility')}</th>
                <th scope="col">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((membership) => (
                <tr key={membership.slug}>
                  <td>
                    <Link to={`/organisations/${membership.slug}`}>{membership.name}</Link>
                    {membership.verified ? (
                      <span className="fr-badge fr-badge--sm fr-badge--success fr-ml-1w">
                        {t('badges.verified')}
                      </span>
                    ) : null}
                  </td>
                  <td>{t(`roles.${membership.role}`)}</td>
                  <td>
                    {membership.unpublished
                      ? t('badges.unpublished')
                      : t(`visibility.${membership.visibility}`)}
                  </td>
                  <td>
                    <Link to={`/organisations/${membership.slug}/modifier`}>
                      {t('mine.edit')}
                      <span className="fr-sr-only"> ({membership.name})</span>
                    </Link>
                    {' · '}
                    <Link to={`/organisations/${membership.slug}/membres`}>
                      {t('profile.manageMembers')}
                      <span className="fr-sr-only"> ({membership.name})</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="fr-mt-4w">
        <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/organisations/nouvelle">
          {t('list.create')}
        </Link>
      </p>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
