import type { MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { pageTitle } from '~/utils/meta.ts'

export const handle = { i18n: ['legal'] }

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'legal:notice.title')

const SECTIONS = ['publisher', 'hosting', 'personalData', 'cookies', 'licence'] as const

export default function LegalNoticePage() {
  const { t } = useTranslation('legal')
  return (
    <div className="fr-container fr-py-6w">
      <h1>{t('notice.title')}</h1>
      {SECTIONS.map((section) => (
        <section key={section} className="fr-mb-4w">
          <h2>{t(`notice.${section}.title`)}</h2>
          <p>{t(`notice.${section}.body`)}</p>
        </section>
      ))}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
