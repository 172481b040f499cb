import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  Form,
  Link,
  useLoaderData,
  useNavigation,
  useSubmit,
  type SubmitOptions,
} from '@remix-run/react'
import { useEffect, useRef } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Pagination } from '~/components/pagination.tsx'
import { TagLine } from '~/components/tag-line.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { search } from '~/models/search/search.server.ts'
import { FACETS_BY_TYPE, type FacetName, type SearchHit } from '~/models/search/types.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import { formatDate, numberFormat } from '~/utils/dates.ts'
import { pageTitle } from '~/utils/meta.ts'
import {
  SEARCH_MAX_PAGE,
  SEARCH_PAGE_SIZE,
  FACET_VALUES_SHOWN,
  filtersOf,
  searchHref,
  type SearchQuery,
} from '~/models/search/query.ts'
import { parseSearchQuery } from '~/models/search/validation.server.ts'
import { getUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['search'] }

const TYPING_DEBOUNCE_MS = 250

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchQuery(new URL(request.url).searchParams)
  if (!parsed.success) {
    throw data(parsed.error.issues[0]?.message ?? 'search:errors.invalidParams', { status: 400 })
  }
  const query = parsed.data
  const [user, language, taxonomy] = await Promise.all([
    getUser(request),
    getLanguage(request),
    getTaxonomy(),
  ])
  const result = await search({
    query: query.q,
    type: query.type,
    filters: filtersOf(query, FACETS_BY_TYPE[query.type]),
    page: query.page,
    pageSize: SEARCH_PAGE_SIZE,
    language,
    signedIn: user !== null,
  })
  // Labels of the codes on this page only (not the whole taxonomy).
  const codes = new Set<string>([
    ...Object.values(result.facets).flatMap((values) => values.map((value) => value.value)),
    ...result.hits.flatMap((hit) => [hit.regionCode, ...hit.tags]),
  ])
  const labels = Object.fromEntries(
    [...codes].map((code) => [code, taxonomy.label(code, language)]),
  )
  return { query, result, labels, language }
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, data?.query.q ? 'search:titleWithQuery' : 'search:title', {
    query: data?.query.q,
  })

export default function SearchPage() {
  const { t } = useTranslation('search')
  const { query, result, labels, language } = useLoaderData<typeof loader>()
  const submit = useSubmit()
  const navigation = useNavigation()
  const formRef = useRef<HTMLFormElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const typingTimer = useRef<ReturnType<typeof setTimeout>>()
  const searching = navigation.state !== 'idle' && navigation.location?.pathname === '/recherche'

  // The fields are uncontrolled (typing is never interrupted); when the page's parameters
  // change from elsewhere (back/forward, « Effacer les filtres »), the fields follow them. Not
  // on hydration: what was ticked before the script arrived stays ticked.
  const hydratedQuery = useRef(query)
  useEffect(() => {
    const form = formRef.current
    if (!form || hydratedQuery.current === query) return
    hydratedQuery.current = query
    const input = inputRef.current
    if (input && document.activeElement !== input && input.value !== query.q) input.value = query.q
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement)) continue
      if (element.type === 'radio' && element.name === 'type') {
        element.checked = element.value === query.type
      } else if (element.type === 'checkbox' && element.name in noFilters) {
        element.checked = query[element.name as FacetName].includes(element.value)
      }
    }
  }, [query])
  useEffect(() => () => clearTimeout(typingTimer.current), [])

  // Each change navigates with `replace` (the URL stays shareable without filling the history).
  // Remix aborts the previous navigation when a new one starts and only ever shows the data of
  // the latest one, so results from an older query are never displayed.
  const options: SubmitOptions = { replace: true, preventScrollReset: true }
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget
    clearTimeout(typingTimer.current)
    if ((event.target as HTMLElement).getAttribute('name') === 'q') {
      typingTimer.current = setTimeout(() => submit(form, options), TYPING_DEBOUNCE_MS)
    } else {
      submit(form, options)
    }
  }

  const facets = FACETS_BY_TYPE[query.type]
  const labelOf = (facet: FacetName, value: string) =>
    facet === 'kind' ? t(`kinds.${value}`, { defaultValue: value }) : (labels[value] ?? value)
  const number = (value: number) => numberFormat(language).format(value)
  const hasFilters = facets.some((facet) => query[facet].length)
  const pageCount = Math.min(result.pageCount, SEARCH_MAX_PAGE)

  return (
    <div className="fr-container fr-py-6w">
      <h1>{t('title')}</h1>
      <p className="fr-text--lead">{t('intro')}</p>
      <Form
        method="get"
        action="/recherche"
        role="search"
        aria-label={t('form.label')}
        ref={formRef}
        onChange={onChange}
        onSubmit={() => clearTimeout(typingTimer.current)}
      >
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-8">
            <div className="fr-input-group fr-mb-0">
              <label className="fr-label" htmlFor="recherche-q">
                {t('form.queryLabel')}
                <span className="fr-hint-text">{t('form.queryHint')}</span>
              </label>
              <input
                ref={inputRef}
                className="fr-input"
                type="search"
                id="recherche-q"
                name="q"
                defaultValue={query.q}
                maxLength={200}
                autoComplete="off"
              />
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <button className="fr-btn fr-icon-search-line fr-btn--icon-left" type="submit">
              {t('form.submit')}
            </button>
          </div>
        </div>

        <fieldset className="fr-fieldset fr-mt-3w" aria-labelledby="recherche-type-legend">
          <legend className="fr-fieldset__legend fr-text--regular" id="recherche-type-legend">
            {t('form.typeLegend')}
          </legend>
          {(['organisations', 'needs'] as const).map((type) => (
            <div className="fr-fieldset__element fr-fieldset__element--inline" key={type}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`recherche-type-${type}`}
                  name="type"
                  value={type}
                  defaultChecked={query.type === type}
                />
                <label className="fr-label" htmlFor={`recherche-type-${type}`}>
                  {t(`form.types.${type}`)}
                </label>
              </div>
            </div>
          ))}
        </fieldset>

        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <h2 className="fr-h5">{t('form.filters')}</h2>
            {result.facetsAreEstimates ? (
              <p className="fr-text--sm">{t('facetsEstimated', { cap: number(1000) })}</p>
            ) : null}
            {facets.map((facet) => (
              <FacetFieldset
                key={facet}
                facet={facet}
                legend={t(`facets.${facet}`)}
                values={result.facets[facet]}
                selected={query[facet]}
                labelOf={(value) => labelOf(facet, value)}
                optionLabel={(label, count) => t('facetOption', { label, total: number(count) })}
                expanded={query.more.includes(facet)}
                toggleHref={searchHref(query, {
                  more: query.more.includes(facet)
                    ? query.more.filter((name) => name !== facet)
                    : [...query.more, facet],
                })}
              />
            ))}
            <button className="fr-btn fr-btn--secondary fr-mt-2w" type="submit">
              {t('form.applyFilters')}
            </button>
            {hasFilters ? (
              <p className="fr-mt-2w">
                <Link className="fr-link" to={searchHref({ ...query, page: 1 }, noFilters)}>
                  {t('form.clearFilters')}
                </Link>
              </p>
            ) : null}
          </div>

          <section
            className="fr-col-12 fr-col-md-8"
            aria-labelledby="recherche-resultats"
            aria-busy={searching}
          >
            <h2 className="fr-h5" id="recherche-resultats">
              {t('resultsHeading')}
            </h2>
            <p role="status" aria-live="polite" className="fr-text--bold">
              {statusText(t, query, result, number)}
            </p>
            {result.typoCorrected ? (
              <p className="fr-text--sm fr-icon-info-line">{t('typoCorrected')}</p>
            ) : null}
            {result.hits.length === 0 ? <p>{t('noResultsHelp')}</p> : null}
            <ul className="passerelle-plain-list">
              {result.hits.map((hit) => (
                <li key={hit.id} className="fr-mb-3w">
                  <HitCard hit={hit} labels={labels} language={language} />
                </li>
              ))}
            </ul>
            <Pagination
              page={Math.min(query.page, pageCount)}
              pageCount={pageCount}
              hrefFor={(page) => searchHref(query, { page })}
              label={t('pagination.label')}
            />
          </section>
        </div>
      </Form>
    </div>
  )
}

const noFilters: Partial<SearchQuery> = {
  kind: [],
  region: [],
  sector: [],
  technology: [],
  theme: [],
  challenge: [],
  more: [],
}

type SearchData = ReturnType<typeof useLoaderData<typeof loader>>

function statusText(
  t: TFunction,
  query: SearchData['query'],
  result: SearchData['result'],
  number: (value: number) => string,
) {
  const formatted = number(result.total)
  if (!query.q) {
    return result.totalIsLowerBound
      ? t('status.browseMoreThan', { formatted })
      : t('status.browse', { count: result.total, formatted })
  }
  if (result.total === 0) return t('status.none', { query: query.q })
  return result.totalIsLowerBound
    ? t('status.moreThan', { formatted: number(1000), query: query.q })
    : t('status.results', { count: result.total, formatted, query: query.q })
}

function FacetFieldset({
  facet,
  legend,
  values,
  selected,
  labelOf,
  optionLabel,
  expanded,
  toggleHref,
}: {
  facet: FacetName
  legend: string
  values: Array<{ value: string; count: number }>
  selected: string[]
  labelOf: (value: string) => string
  optionLabel: (label: string, count: number) => string
  expanded: boolean
  toggleHref: string
}) {
  const { t } = useTranslation('search')
  const limit = expanded ? values.length : FACET_VALUES_SHOWN
  const selectedBeyondLimit = values.slice(limit).filter((value) => selected.includes(value.value))
  const hidden = Math.max(0, values.length - limit) - selectedBeyondLimit.length
  const shown = [
    ...values.slice(0, limit),
    ...selectedBeyondLimit,
    ...selected
      .filter((value) => !values.some((candidate) => candidate.value === value))
      .map((value) => ({ value, count: 0 })),
  ]
  if (!shown.length) return null
  return (
    <fieldset className="fr-fieldset" aria-labelledby={`facette-${facet}`}>
      <legend className="fr-fieldset__legend fr-text--bold" id={`facette-${facet}`}>
        {legend}
      </legend>
      {shown.map(({ value, count }) => {
        const id = `facette-${facet}-${value}`
        return (
          <div
            className="fr-fieldset__element fr-checkbox-group fr-checkbox-group--sm fr-mb-1v"
            key={value}
          >
            <input
              type="checkbox"
              id={id}
              name={facet}
              value={value}
              defaultChecked={selected.includes(value)}
            />
            <label className="fr-label" htmlFor={id}>
              {optionLabel(labelOf(value), count)}
            </label>
          </div>
        )
      })}
      {expanded ? <input type="hidden" name="plus" value={facet} /> : null}
      {(expanded ? values.length > FACET_VALUES_SHOWN : hidden > 0) ? (
        <p className="fr-fieldset__element fr-text--sm fr-mb-0">
          <Link className="fr-link fr-link--sm" to={toggleHref} preventScrollReset replace>
            {expanded
              ? t('facetLess', { facet: legend })
              : t('facetMore', { count: hidden, facet: legend })}
          </Link>
        </p>
      ) : null}
    </fieldset>
  )
}

/** Matches arrive as escaped text with <mark> only (built by the search module). */
function Highlighted({ html }: { html: string }) {
  return <span dangerouslySetInnerHTML={{ __html: html }} />
}

function HitCard({
  hit,
  labels,
  language,
}: {
  hit: SearchHit
  labels: Record<string, string>
  language: string
}) {
  const { t } = useTranslation('search')
  const href = hit.type === 'organisation' ? `/organisations/${hit.slug}` : `/besoins/${hit.id}`
  return (
    <article className="fr-p-2w passerelle-search-hit">
      <h3 className="fr-h6 fr-mb-1w">
        <Link to={href}>
          <Highlighted html={hit.titleHtml} />
        </Link>
      </h3>
      <p className="fr-text--sm fr-mb-1w">
        {hit.type === 'organisation' ? (
          <>
            {hit.kind ? t(`kinds.${hit.kind}`, { defaultValue: hit.kind }) : null}
            {' · '}
            {[hit.city, labels[hit.regionCode] ?? hit.regionCode].filter(Boolean).join(', ')}
            {hit.verified ? (
              <span className="fr-badge fr-badge--sm fr-badge--success fr-ml-1w">
                {t('hit.verified')}
              </span>
            ) : null}
          </>
        ) : (
          <>
            {hit.organisationName
              ? t('hit.needOf', { name: hit.organisationName })
              : t('hit.anonymous')}
            {' · '}
            {labels[hit.regionCode] ?? hit.regionCode}
            {hit.expiresAt ? (
              <>
                {' · '}
                {t('hit.expires', { date: formatDate(hit.expiresAt, language) })}
              </>
            ) : null}
          </>
        )}
      </p>
      {hit.snippetHtml ? (
        // Escaped text with <mark> only, built by the search module.
        <p className="fr-mb-1w" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
      ) : null}
      <TagLine labels={hit.tags.slice(0, 5).map((code) => labels[code] ?? code)} />
    </article>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
