import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FilterSelect } from '~/components/filter-select.tsx'
import { Pagination } from '~/components/pagination.tsx'
import { TagLine } from '~/components/tag-line.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { directoryOptions } from '~/models/directory/options.server.ts'
import { listOrganisations } from '~/models/directory/organisation.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { localised } from '~/utils/localised.ts'
import { pageTitle } from '~/utils/meta.ts'
import { ORG_KINDS } from '~/models/directory/constants.ts'
import { parseDirectoryFilters } from '~/models/directory/validation.server.ts'
import { getUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['directory'] }

const TAGS_PER_CARD = 6

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const language = await getLanguage(request)
  const filters = parseDirectoryFilters(new URL(request.url).searchParams)
  const [result, taxonomy, options] = await Promise.all([
    listOrganisations(filters, user),
    getTaxonomy(),
    directoryOptions(language),
  ])
  const label = (code: string) => taxonomy.label(code, language)
  return {
    filters,
    options,
    signedIn: user !== null,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    items: result.items.map((item) => {
      const tags = [...item.challengeCodes, ...item.sectorCodes, ...item.technologyCodes]
      return {
        id: item.id,
        slug: item.slug,
        name: item.name,
        kind: item.kind,
        subKind: item.subKind ? label(item.subKind) : null,
        city: item.city,
        region: label(item.regionCode),
        pitch: localised({ fr: item.pitchFr, en: item.pitchEn }, language),
        tags: tags.slice(0, TAGS_PER_CARD).map(label),
        moreTags: Math.max(0, tags.length - TAGS_PER_CARD),
        verified: item.verifiedAt !== null,
        // Shown to the members and admins who can see a profile others cannot.
        status: item.unpublishedAt
          ? ('unpublished' as const)
          : item.visibility === 'public'
            ? null
            : item.visibility,
      }
    }),
  }
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'directory:list.title')

export default function DirectoryPage() {
  const { t } = useTranslation('directory')
  const { filters, options, items, total, page, pageCount, signedIn } =
    useLoaderData<typeof loader>()
  const activeFilters = Object.entries(filters).filter(
    ([key, value]) => key !== 'page' && value !== undefined,
  ) as Array<[string, string]>
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(activeFilters)
    if (target > 1) params.set('page', String(target))
    const query = params.toString()
    return query ? `/organisations?${query}` : '/organisations'
  }
  const openDataParams = new URLSearchParams()
  if (filters.kind) openDataParams.set('kind', filters.kind)
  if (filters.region) openDataParams.set('region', filters.region)
  for (const tag of [filters.challenge, filters.sector, filters.technology]) {
    if (tag) openDataParams.append('tag', tag)
  }
  const openDataQuery = openDataParams.toString() ? `?${openDataParams.toString()}` : ''
  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle">
        <div className="fr-col-12 fr-col-md-8">
          <h1>{t('list.title')}</h1>
          <p className="fr-text--lead">{t('list.intro')}</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Link
            className="fr-btn fr-icon-add-line fr-btn--icon-left"
            to={
              signedIn ? '/organisations/nouvelle' : '/connexion?redirectTo=/organisations/nouvelle'
            }
          >
            {t('list.create')}
          </Link>
        </div>
      </div>

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4 fr-col-lg-3">
          <Form method="get" action="/organisations" aria-labelledby="filtres-titre">
            <h2 className="fr-h5" id="filtres-titre">
              {t('list.filters')}
            </h2>
            <FilterSelect
              name="kind"
              label={t('fields.kind')}
              value={filters.kind}
              allLabel={t('list.allKinds')}
              options={ORG_KINDS.map((kind) => ({ code: kind, label: t(`kinds.${kind}`) }))}
            />
            <FilterSelect
              name="region"
              label={t('fields.region')}
              value={filters.region}
              allLabel={t('list.allRegions')}
              options={options.regions}
            />
            <FilterSelect
              name="challenge"
              label={t('fields.challenge')}
              value={filters.challenge}
              allLabel={t('list.allChallenges')}
              groups={options.challengeThemes}
            />
            <FilterSelect
              name="sector"
              label={t('fields.sector')}
              value={filters.sector}
              allLabel={t('list.allSectors')}
              options={options.sectors}
            />
            <FilterSelect
              name="technology"
              label={t('fields.technology')}
              value={filters.technology}
              allLabel={t('list.allTechnologies')}
              options={options.technologies}
            />
            <ul className="fr-btns-group fr-btns-group--sm">
              <li>
                <button className="fr-btn" type="submit">
                  {t('list.apply')}
                </button>
              </li>
              {activeFilters.length ? (
                <li>
                  <Link className="fr-btn fr-btn--secondary" to="/organisations">
                    {t('list.reset')}
                  </Link>
                </li>
              ) : null}
            </ul>
          </Form>
          <h2 className="fr-h6 fr-mt-4w">{t('list.openData')}</h2>
          <p className="fr-text--sm">{t('list.openDataIntro')}</p>
          <ul className="fr-links-group">
            <li>
              <a className="fr-link fr-text--sm" href={`/api/v1/organisations${openDataQuery}`}>
                {t('list.openDataJson')}
              </a>
            </li>
            <li>
              <a className="fr-link fr-text--sm" href={`/api/v1/organisations.csv${openDataQuery}`}>
                {t('list.openDataCsv')}
              </a>
            </li>
          </ul>
        </div>

        <div className="fr-col-12 fr-col-md-8 fr-col-lg-9">
          <h2 className="fr-h5" id="resultats-titre">
            {t('list.count', { count: total })}
            {pageCount > 1 ? ` — ${t('list.pageOf', { page, pageCount })}` : ''}
          </h2>
          {items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <ul className="fr-grid-row fr-grid-row--gutters passerelle-plain-list">
              {items.map((item) => (
                <li className="fr-col-12 fr-col-lg-6" key={item.id}>
                  <div className="fr-card fr-card--sm fr-enlarge-link">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">
                          <Link to={`/organisations/${item.slug}`}>{item.name}</Link>
                        </h3>
                        {item.pitch.text ? (
                          <p className="fr-card__desc" lang={item.pitch.lang}>
                            {item.pitch.text}
                          </p>
                        ) : null}
                        <div className="fr-card__start">
                          <p className="fr-badge fr-badge--sm fr-badge--blue-france fr-mr-1v">
                            {item.subKind
                              ? `${t(`kinds.${item.kind}`)} · ${item.subKind}`
                              : t(`kinds.${item.kind}`)}
                          </p>
                          {item.verified ? (
                            <p className="fr-badge fr-badge--sm fr-badge--success fr-mr-1v">
                              {t('badges.verified')}
                            </p>
                          ) : null}
                          {item.status ? (
                            <p className="fr-badge fr-badge--sm fr-badge--warning">
                              {t(`badges.${item.status}`)}
                            </p>
                          ) : null}
                          <p className="fr-card__detail fr-icon-map-pin-2-line">
                            {item.city ? `${item.city}, ${item.region}` : item.region}
                          </p>
                        </div>
                        <TagLine
                          className="fr-card__end"
                          labels={item.tags}
                          more={item.moreTags ? t('list.moreTags', { count: item.moreTags }) : null}
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
      </div>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
