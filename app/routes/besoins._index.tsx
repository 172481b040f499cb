import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FilterSelect } from '~/components/filter-select.tsx'
import { PosterName } from '~/components/needs/need-parts.tsx'
import { Pagination } from '~/components/pagination.tsx'
import { TagLine } from '~/components/tag-line.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { listOpenNeeds } from '~/models/needs/need.server.ts'
import { needTaxonomyOptions, taxonomyLabels } from '~/models/needs/options.server.ts'
import { formatDate } from '~/utils/dates.ts'
import { BUDGET_BANDS } from '~/models/needs/constants.ts'
import { parseNeedListFilters } from '~/models/needs/validation.ts'
import { pageTitle } from '~/utils/meta.ts'
import { getUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['needs', 'directory'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const [user, language] = await Promise.all([getUser(request), getLanguage(request)])
  const filters = parseNeedListFilters(url.searchParams)
  const result = await listOpenNeeds(user, filters)
  const options = await needTaxonomyOptions(language)
  const labels = await taxonomyLabels(
    result.needs.flatMap((need) => [
      ...need.challengeCodes,
      ...need.sectorCodes,
      ...need.technologyCodes,
      need.regionCode,
      need.poster.anonymous ? need.poster.subKind : null,
    ]),
    language,
  )
  return { ...result, filters, options, labels, signedIn: user !== null }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'needs:list.title')

const FILTERS = ['tag', 'sector', 'technology', 'region', 'budget'] as const

export default function NeedsPage() {
  const { t, i18n } = useTranslation('needs')
  const { needs, total, page, pageCount, filters, options, labels, signedIn } =
    useLoaderData<typeof loader>()
  const choices = {
    tag: options.challenges,
    sector: options.sectors,
    technology: options.technologies,
    region: options.regions,
    budget: BUDGET_BANDS.map((band) => ({ code: band, label: t(`budget.${band}`) })),
  }
  const hrefFor = (target: number) => {
    const params = new URLSearchParams()
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]!)
    params.set('page', String(target))
    return `/besoins?${params}`
  }
  const filtered = FILTERS.some((name) => filters[name])
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--middle fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t('list.title')}</h1>
          <p className="fr-text--lead">{t('list.intro')}</p>
        </div>
        <div className="fr-col-12 fr-col-md-4 passerelle-align-end">
          <Link
            className="fr-btn fr-icon-add-line fr-btn--icon-left"
            to={signedIn ? '/besoins/nouveau' : '/connexion?redirectTo=%2Fbesoins%2Fnouveau'}
          >
            {t('list.post')}
          </Link>
        </div>
      </div>

      <Form method="get" className="fr-mb-4w" aria-labelledby="filtres-titre">
        <h2 className="fr-h6" id="filtres-titre">
          {t('list.filters')}
        </h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          {FILTERS.map((name) => (
            <div className="fr-col-12 fr-col-md-4 fr-col-lg" key={name}>
              <FilterSelect
                name={name}
                label={t(`filters.${name}`)}
                value={filters[name]}
                allLabel={t('filters.all')}
                options={choices[name]}
              />
            </div>
          ))}
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          <li>
            <button className="fr-btn fr-btn--secondary" type="submit">
              {t('filters.apply')}
            </button>
          </li>
          {filtered ? (
            <li>
              <Link className="fr-btn fr-btn--tertiary" to="/besoins">
                {t('filters.reset')}
              </Link>
            </li>
          ) : null}
        </ul>
      </Form>

      <p role="status" aria-live="polite">
        {t('list.count', { count: total })}
      </p>

      {needs.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="fr-grid-row fr-grid-row--gutters passerelle-plain-list">
          {needs.map((need) => (
            <li className="fr-col-12 fr-col-md-6" key={need.id}>
              <div className="fr-card fr-card--sm fr-enlarge-link">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h2 className="fr-card__title">
                      <Link to={`/besoins/${need.id}`}>{need.title}</Link>
                    </h2>
                    <p className="fr-card__desc">
                      {need.description.length > 220
                        ? `${need.description.slice(0, 220)}…`
                        : need.description}
                    </p>
                    <div className="fr-card__start">
                      <p className="fr-card__detail fr-icon-building-line">
                        <PosterName
                          poster={need.poster}
                          regionCode={need.regionCode}
                          labels={labels}
                          link={false}
                        />
                      </p>
                      <p className="fr-card__detail">
                        {labels[need.regionCode]} · {t(`budget.${need.budgetBand}`)}
                        {need.deadline
                          ? ` · ${t('need.deadlineShort', { date: formatDate(need.deadline, i18n.language) })}`
                          : ''}
                      </p>
                    </div>
                    <TagLine
                      className="fr-card__end"
                      labels={need.challengeCodes.map((code) => labels[code] ?? code)}
                    />
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
