// Pieces shared by the business-meeting pages: breadcrumb, heading and the pages' navigation,
// a person with their organisation and priority badges.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export type MeetingsPage = 'participants' | 'agenda' | 'configuration' | 'planning' | 'grid'

const PAGE_PATHS: Record<MeetingsPage, string> = {
  participants: '',
  agenda: '/mon-agenda',
  configuration: '/configuration',
  planning: '/planning',
  grid: '/grille',
}

export function MeetingsHeader({
  event,
  page,
  isOrganizer,
  isParticipant,
}: {
  event: { slug: string; title: string }
  page: MeetingsPage
  isOrganizer: boolean
  isParticipant: boolean
}) {
  const { t } = useTranslation('meetings')
  const base = `/evenements/${event.slug}/rendez-vous`
  const pages: MeetingsPage[] = [
    ...(isParticipant ? (['participants', 'agenda'] as const) : []),
    ...(isOrganizer ? (['configuration', 'planning', 'grid'] as const) : []),
  ]
  return (
    <div className="passerelle-no-print">
      <nav className="fr-breadcrumb" aria-label={t('breadcrumb.label')}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/evenements">
              {t('breadcrumb.events')}
            </Link>
          </li>
          <li>
            <Link className="fr-breadcrumb__link" to={`/evenements/${event.slug}`}>
              {event.title}
            </Link>
          </li>
          <li>
            <a
              className="fr-breadcrumb__link"
              aria-current="page"
              href={`${base}${PAGE_PATHS[page]}`}
            >
              {t(`pages.${page}`)}
            </a>
          </li>
        </ol>
      </nav>
      <p className="fr-text--sm fr-mb-1w">{t('heading.kicker', { title: event.title })}</p>
      <h1>{t(`pages.${page}`)}</h1>
      {pages.length > 1 ? (
        <nav aria-label={t('nav.label')} className="fr-mb-4w">
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            {pages.map((item) => (
              <li key={item}>
                <Link
                  className={`fr-btn ${item === page ? 'fr-btn--secondary' : 'fr-btn--tertiary'}`}
                  to={`${base}${PAGE_PATHS[item]}`}
                  aria-current={item === page ? 'page' : undefined}
                >
                  {t(`pages.${item}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  )
}

export interface PersonView {
  userId: string
  name: string
  organisation: { id: string; name: string; slug: string } | null
}

/** "Jeanne Martin, Muséoscope" with a link to the organisation's profile. */
export function PersonName({ person }: { person: PersonView }) {
  const { t } = useTranslation('meetings')
  return (
    <>
      {person.name || t('person.unknown')}
      {person.organisation ? (
        <>
          {', '}
          <Link to={`/organisations/${person.organisation.slug}`}>{person.organisation.name}</Link>
        </>
      ) : null}
    </>
  )
}

export function PriorityBadge({ priority }: { priority: 'indispensable' | 'souhaite' }) {
  const { t } = useTranslation('meetings')
  return (
    <span
      className={`fr-badge fr-badge--sm fr-badge--no-icon ${
        priority === 'indispensable' ? 'fr-badge--warning' : 'fr-badge--info'
      }`}
    >
      {t(`priority.${priority}`)}
    </span>
  )
}

const STATUS_BADGE = {
  pending: 'fr-badge--new',
  accepted: 'fr-badge--success',
  declined: 'fr-badge--error',
  cancelled: '',
} as const

export function RequestStatusBadge({ status }: { status: keyof typeof STATUS_BADGE }) {
  const { t } = useTranslation('meetings')
  return (
    <span className={`fr-badge fr-badge--sm ${STATUS_BADGE[status]}`}>
      {t(`requestStatus.${status}`)}
    </span>
  )
}
