import type { ReactNode } from 'react'

type NoticeType = 'success' | 'info' | 'warning' | 'error'

/** DSFR alert; errors are announced to screen readers as soon as they appear. */
export function Notice({
  type,
  title,
  children,
}: {
  type: NoticeType
  title?: string
  children?: ReactNode
}) {
  return (
    <div
      className={`fr-alert fr-alert--${type} fr-alert--sm`}
      role={type === 'error' ? 'alert' : 'status'}
    >
      {title ? <h2 className="fr-alert__title">{title}</h2> : null}
      {children ? <p>{children}</p> : null}
    </div>
  )
}
