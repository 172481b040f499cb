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
import { NeedForm } from '~/components/needs/need-form.tsx'
import { NeedStatusBadge } from '~/components/needs/need-parts.tsx'
import { getLanguage } from '~/i18n.server.ts'
import {
  changeNeedStatus,
  getNeedForMember,
  isNeedOpen,
  updateNeed,
} from '~/models/needs/need.server.ts'
import { needTaxonomyOptions } from '~/models/needs/options.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { NEED_DEFAULT_VALIDITY_DAYS, NEED_MAX_VALIDITY_DAYS } from '~/models/needs/constants.ts'
import { NeedStatusChangeSchema, NeedUpdateSchema } from '~/models/needs/validation.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'directory'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const need = await getNeedForMember(params.id ?? '', user)
  const options = await needTaxonomyOptions(await getLanguage(request))
  return {
    need: {
      id: need.id,
      title: need.title,
      status: need.status,
      open: isNeedOpen(need),
      expiresAt: need.expiresAt,
      organisation: need.organisation.name,
    },
    defaults: {
      title: need.title,
      description: need.description,
      challengeCodes: need.challengeCodes,
      sectorCodes: need.sectorCodes,
      technologyCodes: need.technologyCodes,
      budgetBand: need.budgetBand,
      deadline: need.deadline ? need.deadline.toISOString().slice(0, 10) : undefined,
      regionCode: need.regionCode,
      anonymous: need.anonymous ? 'on' : undefined,
    },
    options,
  }
}

const STATUS_FLASH = {
  close: 'needs:flash.closed',
  fulfil: 'needs:flash.fulfilled',
  renew: 'needs:flash.renewed',
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const needId = params.id ?? ''
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'update') {
    const submission = parseWithZod(formData, { schema: NeedUpdateSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await updateNeed(needId, submission.value, user)
    if (!result.ok) {
      return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
    }
    return redirect(`/besoins/${needId}`, {
      headers: { 'Set-Cookie': await flashHeader({ type: 'success', key: 'needs:flash.updated' }) },
    })
  }
  const submission = parseWithZod(formData, { schema: NeedStatusChangeSchema })
  if (submission.status !== 'success') {
    throw data('common:errors.unknownAction', { status: 400 })
  }
  await changeNeedStatus(needId, submission.value, user)
  return redirect(`/besoins/${needId}`, {
    headers: {
      'Set-Cookie': await flashHeader({
        type: 'success',
        key: STATUS_FLASH[submission.value.intent],
      }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'needs:edit.title')

export default function EditNeedPage() {
  const { t, i18n } = useTranslation('needs')
  const { need, defaults, options } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const expired = need.status === 'open' && !need.open
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-lg-9">
          <p>
            <Link
              className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
              to={`/besoins/${need.id}`}
            >
              {t('edit.back')}
            </Link>
          </p>
          <h1>{t('edit.title')}</h1>
          <p>
            {t('edit.intro', { organisation: need.organisation })}{' '}
            <NeedStatusBadge status={expired ? 'expired' : need.status} />
          </p>

          <section className="fr-mb-6w" aria-labelledby="statut-titre">
            <h2 id="statut-titre">{t('edit.statusTitle')}</h2>
            <p>{t('edit.expiresOn', { date: formatDate(need.expiresAt, i18n.language) })}</p>
            <Form method="post" className="fr-mb-2w">
              <input type="hidden" name="intent" value="renew" />
              <div className="fr-input-group">
                <label className="fr-label" htmlFor="renew-days">
                  {t('edit.renewDays')}
                  <span className="fr-hint-text">
                    {t('edit.renewHint', { max: NEED_MAX_VALIDITY_DAYS })}
                  </span>
                </label>
                <input
                  className="fr-input"
                  id="renew-days"
                  name="validityDays"
                  type="number"
                  min={1}
                  max={NEED_MAX_VALIDITY_DAYS}
                  defaultValue={NEED_DEFAULT_VALIDITY_DAYS}
                />
              </div>
              <button className="fr-btn fr-icon-refresh-line fr-btn--icon-left" type="submit">
                {need.status === 'open' ? t('edit.renew') : t('edit.reopen')}
              </button>
            </Form>
            {need.status === 'open' ? (
              <ul className="fr-btns-group fr-btns-group--inline-sm">
                <li>
                  <Form method="post">
                    <input type="hidden" name="intent" value="fulfil" />
                    <button className="fr-btn fr-btn--secondary" type="submit">
                      {t('edit.fulfil')}
                    </button>
                  </Form>
                </li>
                <li>
                  <Form method="post">
                    <input type="hidden" name="intent" value="close" />
                    <button className="fr-btn fr-btn--tertiary" type="submit">
                      {t('edit.close')}
                    </button>
                  </Form>
                </li>
              </ul>
            ) : null}
          </section>

          <section aria-labelledby="contenu-titre">
            <h2 id="contenu-titre">{t('edit.contentTitle')}</h2>
            <NeedForm
              id="modifier-besoin"
              mode="edit"
              lastResult={lastResult}
              defaultValue={defaults}
              options={options}
            />
          </section>
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
