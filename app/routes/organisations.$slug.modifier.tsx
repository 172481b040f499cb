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
import { Notice } from '~/components/notice.tsx'
import { OrganisationForm } from '~/components/directory/organisation-form.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { directoryOptions } from '~/models/directory/options.server.ts'
import {
  getOrganisationForMember,
  updateOrganisation,
} from '~/models/directory/organisation.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { checkHoneypot } from '~/utils/honeypot.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { organisationSchema } from '~/models/directory/validation.server.ts'
import { parseWithZod } from '~/utils/validation.server.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory'] }

async function requireEditable(request: Request, slug: string | undefined) {
  const user = await requireUser(request)
  const found = await getOrganisationForMember(slug ?? '', user)
  if (!found) throw data('directory:errors.notFound', { status: 404 })
  return { user, organisation: found.organisation }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireEditable(request, params.slug)
  const optional = (value: string | number | null) => (value === null ? undefined : String(value))
  return {
    slug: organisation.slug,
    name: organisation.name,
    unpublished: organisation.unpublishedAt !== null,
    options: await directoryOptions(await getLanguage(request)),
    defaults: {
      name: organisation.name,
      kind: organisation.kind,
      subKind: optional(organisation.subKind),
      pitchFr: organisation.pitchFr,
      pitchEn: organisation.pitchEn,
      descriptionFr: organisation.descriptionFr,
      descriptionEn: organisation.descriptionEn,
      regionCode: organisation.regionCode,
      city: organisation.city,
      website: optional(organisation.website),
      foundedYear: optional(organisation.foundedYear),
      sizeBand: optional(organisation.sizeBand),
      sectorCodes: organisation.sectorCodes,
      technologyCodes: organisation.technologyCodes,
      challengeCodes: organisation.challengeCodes,
      offers: organisation.offers,
      seeks: organisation.seeks,
      contactEmail: organisation.contactEmail,
      contactPhone: optional(organisation.contactPhone),
      languages: organisation.languages,
      visibility: organisation.visibility,
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireEditable(request, params.slug)
  const formData = await request.formData()
  checkHoneypot(formData)
  const taxonomy = await getTaxonomy()
  const submission = parseWithZod(formData, { schema: organisationSchema(taxonomy.byCode) })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  await updateOrganisation(organisation.id, submission.value, user)
  return redirect(`/organisations/${organisation.slug}`, {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: 'directory:flash.updated' }),
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) =>
  pageTitle(matches, 'directory:edit.title', { name: loaderData?.name ?? '' })

export default function EditOrganisationPage() {
  const { t } = useTranslation('directory')
  const { slug, name, unpublished, options, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-lg-9">
          <p>
            <Link className="fr-link" to={`/organisations/${slug}`}>
              {t('edit.back')}
            </Link>
          </p>
          <h1>{t('edit.title', { name })}</h1>
          {unpublished ? <Notice type="warning">{t('edit.unpublishedNotice')}</Notice> : null}
          <OrganisationForm
            id="modifier-organisation"
            lastResult={lastResult}
            defaultValue={defaults}
            options={options}
            submitLabel={t('edit.submit')}
          />
        </div>
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
