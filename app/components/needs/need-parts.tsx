// Small pieces shared by the needs and requests pages: the poster's name (or its anonymous
// description), tag lists and status badges.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { anonymousPosterLabel, type NeedPoster } from '~/models/needs/display.ts'

export type Labels = Record<string, string>

/** The poster, linked to its profile; or "Institution anonyme — Musée, Occitanie". */
export function PosterName({
  poster,
  regionCode,
  labels,
  link = true,
}: {
  poster: NeedPoster
  regionCode?: string | null
  labels: Labels
  link?: boolean
}) {
  const { t } = useTranslation('needs')
  if (poster.anonymous) {
    return (
      <>
        {anonymousPosterLabel(
          t,
          poster,
          poster.subKind ? (labels[poster.subKind] ?? null) : null,
          regionCode ? (labels[regionCode] ?? regionCode) : '',
        )}
      </>
    )
  }
  return link ? <Link to={`/organisations/${poster.slug}`}>{poster.name}</Link> : <>{poster.name}</>
}

export function TagList({ codes, labels }: { codes: string[]; labels: Labels }) {
  if (codes.length === 0) return null
  return (
    <ul className="fr-tags-group">
      {codes.map((code) => (
        <li key={code}>
          <p className="fr-tag fr-tag--sm">{labels[code] ?? code}</p>
        </li>
      ))}
    </ul>
  )
}

const NEED_STATUS_BADGE = {
  open: 'fr-badge--success',
  expired: 'fr-badge--warning',
  closed: 'fr-badge--info',
  fulfilled: 'fr-badge--new',
} as const

export function NeedStatusBadge({ status }: { status: keyof typeof NEED_STATUS_BADGE }) {
  const { t } = useTranslation('needs')
  return (
    <span className={`fr-badge fr-badge--sm ${NEED_STATUS_BADGE[status]}`}>
      {t(`status.${status}`)}
    </span>
  )
}

const REQUEST_STATUS_BADGE = {
  pending: 'fr-badge--new',
  accepted: 'fr-badge--success',
  declined: 'fr-badge--error',
  withdrawn: 'fr-badge--info',
} as const

export function RequestStatusBadge({ status }: { status: keyof typeof REQUEST_STATUS_BADGE }) {
  const { t } = useTranslation('needs')
  return (
    <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${REQUEST_STATUS_BADGE[status]}`}>
      {t(`requestStatus.${status}`)}
    </span>
  )
}
