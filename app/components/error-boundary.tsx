import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { namespacesOf } from '~/i18n.ts'

/** The one error boundary every route re-exports: a translated message per status. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const known = [400, 401, 403, 404, 405, 409, 413, 429].includes(status)
  const detail =
    isRouteErrorResponse(error) && typeof error.data === 'string' && status < 500
      ? error.data
      : null
  const { t } = useTranslation(namespacesOf([detail]))
  if (!isRouteErrorResponse(error)) console.error(error)
  return (
    <div className="fr-container fr-py-6w">
      <h1>{t(`errors.${known ? status : 500}.title`)}</h1>
      <p className="fr-text--lead">
        {detail && detail.includes(':') ? t(detail) : t(`errors.${known ? status : 500}.body`)}
      </p>
      <p className="fr-text--sm">{t('errors.code', { status })}</p>
      <a className="fr-btn" href="/">
        {t('errors.backHome')}
      </a>
    </div>
  )
}
