/**
 * A card's tags as one line of text. Lists show twenty cards: one element per card instead of
 * two per tag keeps their pages light (engagement #07, EcoIndex counts DOM elements).
 */
export function TagLine({
  labels,
  more,
  className = '',
}: {
  labels: string[]
  more?: string | null
  /** e.g. `fr-card__end` to sit at the bottom of a DSFR card. */
  className?: string
}) {
  if (labels.length === 0) return null
  return (
    <p className={`fr-text--xs fr-text-mention--grey fr-mb-0 ${className}`.trim()}>
      {[...labels, ...(more ? [more] : [])].join(' · ')}
    </p>
  )
}
