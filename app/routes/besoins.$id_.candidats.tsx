import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { RecommendationCard } from '~/components/matching/recommendations.tsx'
import { recommendForNeed } from '~/models/matching/recommendations.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['matching'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { need, items } = await recommendForNeed(params.id ?? '', user, { limit: 20 })
  return { need: { id: need.id, title: need.title }, items }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'matching:need.title')

export default function NeedCandidatesPage() {
  const { t } = useTranslation('matching')
  const { need, items } = useLoaderData<typeof loader>()
  return (
    <div className="fr-container fr-py-6w">
      <p>
        <Link
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          to={`/besoins/${need.id}`}
        >
          {t('need.backToNeed')}
        </Link>
      </p>
      <h1>{t('need.heading', { title: need.title })}</h1>
      <p className="fr-text--lead">{t('need.intro')}</p>
      <h2 className="fr-h4">{t('partners.listTitle', { count: items.length })}</h2>
      {items.length === 0 ? (
        <p>{t('need.empty')}</p>
      ) : (
        <ol className="passerelle-plain-list">
          {items.map((item) => (
            <li key={item.organisation.id} className="fr-mb-3w">
              <RecommendationCard
                item={item}
                actions={
                  <Link
                    className="fr-btn fr-btn--sm fr-btn--secondary"
                    to={`/organisations/${item.organisation.slug}`}
                  >
                    {t('need.viewProfile')}
                    <span className="fr-sr-only">
                      {t('need.viewProfileOf', { name: item.organisation.name })}
                    </span>
                  </Link>
                }
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
