import { parseWithZod } from '~/utils/validation.server.ts'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { NeedForm } from '~/components/needs/need-form.tsx'
import { Notice } from '~/components/notice.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { createNeed } from '~/models/needs/need.server.ts'
import { needTaxonomyOptions } from '~/models/needs/options.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { NEED_DEFAULT_VALIDITY_DAYS } from '~/models/needs/constants.ts'
import { NeedCreateSchema } from '~/models/needs/validation.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'directory'] }

function myOrganisations(userId: string) {
  return prisma.organisation.findMany({
    where: { memberships: { some: { userId } } },
    select: { id: true, name: true, regionCode: true },
    orderBy: { name: 'asc' },
  })
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const [organisations, language] = await Promise.all([
    myOrganisations(user.id),
    getLanguage(request),
  ])
  return { organisations, options: await needTaxonomyOptions(language) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: NeedCreateSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createNeed(submission.value, user)
  if (!result.ok)
    return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 })
  return redirect(`/besoins/${result.needId}`, {
    headers: { 'Set-Cookie': await flashHeader({ type: 'success', key: 'needs:flash.created' }) },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'needs:create.title')

export default function NewNeedPage() {
  const { t } = useTranslation('needs')
  const { organisations, options } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-lg-9">
          <h1>{t('create.title')}</h1>
          {organisations.length === 0 ? (
            <Notice type="info" title={t('create.noOrganisationTitle')}>
              {t('create.noOrganisation')}{' '}
              <Link to="/me/organisations">{t('create.noOrganisationLink')}</Link>
            </Notice>
          ) : (
            <>
              <p>{t('create.intro')}</p>
              <NeedForm
                id="nouveau-besoin"
                mode="create"
                lastResult={lastResult}
                options={{ ...options, organisations }}
                defaultValue={{
                  organisationId: organisations[0]!.id,
                  regionCode: organisations[0]!.regionCode,
                  budgetBand: 'unknown',
                  validityDays: String(NEED_DEFAULT_VALIDITY_DAYS),
                }}
              />
            </>
          )}
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
