import { getFormProps, type SubmissionResult } from '@conform-to/react'
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
import { ErrorList, FormErrors, TextField, useValidatedForm } from '~/components/forms.tsx'
import { Notice } from '~/components/notice.tsx'
import { getLanguage } from '~/i18n.server.ts'
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  removeMember,
  revokeInvitation,
} from '~/models/directory/members.server.ts'
import { getOrganisationForMember } from '~/models/directory/organisation.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { MEMBER_ROLES } from '~/models/directory/constants.ts'
import {
  ChangeRoleSchema,
  InviteMemberSchema,
  MemberTargetSchema,
} from '~/models/directory/validation.server.ts'
import { parseWithZod } from '~/utils/validation.server.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory'] }

async function requireMember(request: Request, slug: string | undefined) {
  const user = await requireUser(request)
  const found = await getOrganisationForMember(slug ?? '', user)
  if (!found) throw data('directory:errors.notFound', { status: 404 })
  return { user, organisation: found.organisation, role: found.memberRole }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation, role } = await requireMember(request, params.slug)
  const { members, invitations } = await listMembers(organisation.id)
  return {
    slug: organisation.slug,
    name: organisation.name,
    viewerId: user.id,
    isOwner: role === 'owner',
    members: members.map((member) => ({ ...member.user, role: member.role })),
    invitations: invitations.map((invitation) => ({
      ...invitation,
      expiresAt: invitation.expiresAt.toISOString(),
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation, role } = await requireMember(request, params.slug)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const back = `/organisations/${organisation.slug}/membres`
  const done = async (key: string, to = back) =>
    redirect(to, { headers: { 'Set-Cookie': await flashHeader({ type: 'success', key }) } })
  const leaving = intent === 'remove-member' && formData.get('userId') === user.id
  if (role !== 'owner' && !leaving) {
    throw data('directory:errors.ownersOnly', { status: 403 })
  }

  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: InviteMemberSchema })
    if (submission.status !== 'success') {
      return data({ invite: submission.reply(), error: null }, { status: 400 })
    }
    const outcome = await inviteMember({
      organisationId: organisation.id,
      email: submission.value.email,
      role: submission.value.role,
      actor: user,
      language: await getLanguage(request),
    })
    if (!outcome.ok) {
      return data(
        {
          invite: submission.reply({ formErrors: [`directory:errors.${outcome.reason}`] }),
          error: null,
        },
        {
          status: outcome.reason === 'rateLimited' ? 429 : 409,
          headers: outcome.retryAfterSeconds
            ? { 'Retry-After': String(outcome.retryAfterSeconds) }
            : undefined,
        },
      )
    }
    return done('directory:flash.invited')
  }

  if (intent === 'change-role') {
    const parsed = ChangeRoleSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) throw data('common:errors.400.body', { status: 400 })
    const outcome = await changeMemberRole(
      organisation.id,
      parsed.data.userId,
      parsed.data.role,
      user,
    )
    if (!outcome.ok) {
      return data(
        { invite: null, error: `directory:errors.${outcome.reason}` },
        { status: outcome.reason === 'memberNotFound' ? 404 : 409 },
      )
    }
    return done('directory:flash.roleChanged')
  }

  const parsed = MemberTargetSchema.safeParse(Object.fromEntries(formData))
  if (!parsed.success) throw data('common:errors.unknownAction', { status: 400 })
  if (parsed.data.intent === 'remove-member' && parsed.data.userId) {
    const outcome = await removeMember(organisation.id, parsed.data.userId, user)
    if (!outcome.ok) {
      return data(
        { invite: null, error: `directory:errors.${outcome.reason}` },
        { status: outcome.reason === 'memberNotFound' ? 404 : 409 },
      )
    }
    return leaving
      ? done('directory:flash.left', '/me/organisations')
      : done('directory:flash.removed')
  }
  if (parsed.data.intent === 'revoke-invitation' && parsed.data.invitationId) {
    await revokeInvitation(organisation.id, parsed.data.invitationId, user)
    return done('directory:flash.invitationRevoked')
  }
  throw data('common:errors.unknownAction', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  pageTitle(matches, 'directory:members.title', { name: loaderData?.name ?? '' })

function InviteForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const { t } = useTranslation('directory')
  const [form, fields] = useValidatedForm<{ email: string; role: string }>({
    id: 'inviter-membre',
    lastResult,
    defaultValue: { role: 'editor' },
  })
  const roleMessages = `${fields.role.id}-messages`
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="invite" />
      <TextField
        field={fields.email}
        label={t('members.inviteEmail')}
        hint={t('members.inviteHint')}
        type="email"
        autoComplete="off"
        required
      />
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={fields.role.id}>
          {t('members.role')}
        </label>
        <select
          className="fr-select"
          id={fields.role.id}
          name={fields.role.name}
          defaultValue={(fields.role.initialValue as string | undefined) ?? 'editor'}
          aria-describedby={roleMessages}
        >
          {MEMBER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        <ErrorList id={roleMessages} errors={fields.role.errors} />
      </div>
      <button className="fr-btn fr-icon-user-add-line fr-btn--icon-left" type="submit">
        {t('members.inviteSubmit')}
      </button>
    </Form>
  )
}

export default function MembersPage() {
  const { t, i18n } = useTranslation('directory')
  const { slug, name, viewerId, isOwner, members, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="fr-container fr-py-6w">
      <p>
        <Link className="fr-link" to={`/organisations/${slug}`}>
          {t('edit.back')}
        </Link>
      </p>
      <h1>{t('members.title', { name })}</h1>
      <p>{t('members.rolesIntro')}</p>
      {actionData?.error ? <Notice type="error">{t(actionData.error)}</Notice> : null}

      <div className="fr-table fr-mt-4w">
        <table>
          <caption>{t('members.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td>
                  {member.name}
                  {member.id === viewerId ? ` ${t('members.you')}` : ''}
                </td>
                <td>{member.email}</td>
                <td>{t(`roles.${member.role}`)}</td>
                <td>
                  {isOwner ? (
                    <Form method="post" className="fr-mb-1w">
                      <input type="hidden" name="intent" value="change-role" />
                      <input type="hidden" name="userId" value={member.id} />
                      <label className="fr-sr-only" htmlFor={`role-${member.id}`}>
                        {t('members.newRoleFor', { name: member.name })}
                      </label>
                      <select
                        className="fr-select fr-mb-1w"
                        id={`role-${member.id}`}
                        name="role"
                        defaultValue={member.role}
                      >
                        {MEMBER_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                        {t('members.changeRole')}
                        <span className="fr-sr-only"> ({member.name})</span>
                      </button>
                    </Form>
                  ) : null}
                  {isOwner || member.id === viewerId ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={member.id} />
                      <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                        {member.id === viewerId ? t('members.leave') : t('members.remove')}
                        <span className="fr-sr-only"> ({member.name})</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="fr-mt-6w" aria-labelledby="invitations-titre">
        <h2 id="invitations-titre">{t('members.pendingTitle')}</h2>
        {invitations.length === 0 ? (
          <p>{t('members.noPending')}</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>{t('members.pendingTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.email')}</th>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('members.expires')}</th>
                  {isOwner ? <th scope="col">{t('members.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{t(`roles.${invitation.role}`)}</td>
                    <td>{formatDate(invitation.expiresAt, i18n.language)}</td>
                    {isOwner ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke-invitation" />
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                            {t('members.revoke')}
                            <span className="fr-sr-only"> ({invitation.email})</span>
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {isOwner ? (
        <section className="fr-mt-6w" aria-labelledby="inviter-titre">
          <h2 id="inviter-titre">{t('members.inviteTitle')}</h2>
          <InviteForm lastResult={actionData?.invite} />
        </section>
      ) : (
        <p className="fr-mt-4w">{t('members.ownersOnlyNote')}</p>
      )}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
