import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { OrganisationForm } from '~/components/directory/organisation-form.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { directoryOptions } from '~/models/directory/options.server.ts'
import { createOrganisation } from '~/models/directory/organisation.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { checkHoneypot } from '~/utils/honeypot.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { organisationSchema } from '~/models/directory/validation.server.ts'
import { parseWithZod } from '~/utils/validation.server.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    options: await directoryOptions(await getLanguage(request)),
    defaults: { contactEmail: user.email, languages: ['fr'], visibility: 'draft' },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  checkHoneypot(formData)
  const taxonomy = await getTaxonomy()
  const submission = parseWithZod(formData, { schema: organisationSchema(taxonomy.byCode) })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const organisation = await createOrganisation(submission.value, user)
  return redirect(`/organisations/${organisation.slug}`, {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: 'directory:flash.created' }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'directory:create.title')

export default function CreateOrganisationPage() {
  const { t } = useTranslation('directory')
  const { options, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-lg-9">
          <h1>{t('create.title')}</h1>
          <p className="fr-text--lead">{t('create.intro')}</p>
          <OrganisationForm
            id="nouvelle-organisation"
            lastResult={lastResult}
            defaultValue={defaults}
            options={options}
            submitLabel={t('create.submit')}
          />
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
