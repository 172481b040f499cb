import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Pages shown around the current one; the first and last are always linked. */
export function pageWindow(page: number, pageCount: number, around = 2): Array<number | null> {
  const pages: Array<number | null> = []
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= around) pages.push(n)
    else if (pages[pages.length - 1] !== null) pages.push(null)
  }
  return pages
}

/**
 * DSFR pagination over links (they work without JavaScript too). `hrefFor` builds the URL of a
 * page, keeping the current filters.
 */
export function Pagination({
  page,
  pageCount,
  hrefFor,
  label,
}: {
  page: number
  pageCount: number
  hrefFor: (page: number) => string
  /** The navigation's name when « Pagination » is not precise enough. */
  label?: string
}) {
  const { t } = useTranslation('common')
  if (pageCount <= 1) return null
  const edge = (target: number, disabled: boolean, className: string, text: string) => (
    <li>
      {disabled ? (
        <span className={`fr-pagination__link ${className}`} aria-disabled="true">
          {text}
        </span>
      ) : (
        <Link className={`fr-pagination__link ${className}`} to={hrefFor(target)}>
          {text}
        </Link>
      )}
    </li>
  )
  return (
    <nav
      role="navigation"
      className="fr-pagination fr-mt-4w"
      aria-label={label ?? t('pagination.label')}
    >
      <ul className="fr-pagination__list">
        {edge(1, page === 1, 'fr-pagination__link--first', t('pagination.first'))}
        {edge(
          page - 1,
          page === 1,
          'fr-pagination__link--prev fr-pagination__link--lg-label',
          t('pagination.previous'),
        )}
        {pageWindow(page, pageCount).map((n, index) =>
          n === null ? (
            <li key={`gap-${index}`}>
              <span className="fr-pagination__link fr-displayed-lg">…</span>
            </li>
          ) : (
            <li key={n}>
              <Link
                className="fr-pagination__link"
                to={hrefFor(n)}
                title={t('pagination.page', { page: n })}
                aria-current={n === page ? 'page' : undefined}
              >
                {n}
              </Link>
            </li>
          ),
        )}
        {edge(
          page + 1,
          page === pageCount,
          'fr-pagination__link--next fr-pagination__link--lg-label',
          t('pagination.next'),
        )}
        {edge(pageCount, page === pageCount, 'fr-pagination__link--last', t('pagination.last'))}
      </ul>
    </nav>
  )
}
