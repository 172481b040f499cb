// Pieces of the recommendation pages, and a compact list for dashboards. Reasons arrive
// structured from the loader and are worded here, in the page's language.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { languageOf } from '~/i18n.ts'
import { formatReasons } from '~/models/matching/render.ts'
import type { Locale } from '~/models/matching/types.ts'
import type { Recommendation } from '~/models/matching/recommendations.server.ts'

export function useMatchingLocale(): Locale {
  const { i18n } = useTranslation('matching')
  return languageOf(i18n.language)
}

// Scores of good partners usually lie between 35 and 70: the bands follow that, not 0–100.
const GOOD_SCORE = 50
const FAIR_SCORE = 25

function scoreBadgeClass(score: number) {
  if (score >= GOOD_SCORE) return 'fr-badge--success'
  if (score >= FAIR_SCORE) return 'fr-badge--info'
  return 'fr-badge--new'
}

/** The score as a meter (labelled for assistive technologies) and a badge showing it. */
export function ScoreMeter({ score }: { score: number }) {
  const { t } = useTranslation('matching')
  return (
    <div className="passerelle-score">
      <meter
        className="passerelle-score__meter"
        min={0}
        max={100}
        low={FAIR_SCORE}
        high={GOOD_SCORE}
        optimum={100}
        value={score}
        aria-label={t('score.label', { score })}
      >
        {t('score.short', { score })}
      </meter>
      <span
        className={`fr-badge fr-badge--sm fr-badge--no-icon ${scoreBadgeClass(score)}`}
        aria-hidden="true"
      >
        {t('score.short', { score })}
      </span>
    </div>
  )
}

export function ReasonList({
  reasons,
  limit,
}: {
  reasons: Recommendation['reasons']
  limit?: number
}) {
  const { t } = useTranslation('matching')
  const locale = useMatchingLocale()
  const sentences = formatReasons(reasons.slice(0, limit), t, locale)
  return (
    <ul className="fr-text--sm fr-mb-0">
      {sentences.map((sentence, index) => (
        <li key={index}>{sentence}</li>
      ))}
    </ul>
  )
}

export function KindAndRegion({ organisation }: { organisation: Recommendation['organisation'] }) {
  const { t } = useTranslation('matching')
  const locale = useMatchingLocale()
  return (
    <p className="fr-text--sm fr-mb-1w">
      {t('card.kindAndRegion', {
        kind: t(`kind.${organisation.kind}`),
        region: organisation.regionLabel[locale],
      })}
    </p>
  )
}

/** One recommendation as a DSFR card; `actions` go in its footer. */
export function RecommendationCard({
  item,
  headingLevel: Heading = 'h3',
  actions,
}: {
  item: Recommendation
  headingLevel?: 'h2' | 'h3' | 'h4'
  actions?: ReactNode
}) {
  const { t } = useTranslation('matching')
  const { organisation } = item
  return (
    <div className="fr-card fr-card--no-arrow">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <Heading className="fr-card__title">
            <Link to={`/organisations/${organisation.slug}`}>{organisation.name}</Link>
          </Heading>
          <div className="fr-card__desc">
            <KindAndRegion organisation={organisation} />
            {item.lowered ? <p className="fr-text--xs fr-mb-1w">{t('card.lowered')}</p> : null}
            <p className="fr-text--sm fr-text--bold fr-mb-1v">{t('card.why')}</p>
            <ReasonList reasons={item.reasons} />
          </div>
          <div className="fr-card__start">
            <ScoreMeter score={item.score} />
          </div>
        </div>
        {actions ? <div className="fr-card__footer">{actions}</div> : null}
      </div>
    </div>
  )
}

/**
 * The reasons that say more than the kind and region already shown above them (« startup ·
 * Occitanie »): shared challenges, offers, technologies. The kind reason stays when it is all.
 */
function specificReasons(reasons: Recommendation['reasons']) {
  const specific = reasons.filter(
    (reason) => reason.code !== 'complementary_kinds' && reason.code !== 'same_kind',
  )
  return specific.length ? specific : reasons
}

/** Compact list for a dashboard: name, score and the two main specific reasons of each. */
export function RecommendationList({
  items,
  title,
  seeAllHref,
  headingLevel: Heading = 'h2',
  headingId = 'suggestions-titre',
}: {
  items: Recommendation[]
  title?: string
  seeAllHref?: string
  headingLevel?: 'h2' | 'h3'
  /** Unique on the page (a dashboard shows one list per organisation). */
  headingId?: string
}) {
  const { t } = useTranslation('matching')
  return (
    <section className="passerelle-recommendation-list" aria-labelledby={headingId}>
      <Heading id={headingId} className="fr-h5">
        {title ?? t('dashboard.title')}
      </Heading>
      {items.length === 0 ? (
        <p className="fr-text--sm">{t('dashboard.empty')}</p>
      ) : (
        <ul className="passerelle-plain-list">
          {items.map((item) => (
            <li key={item.organisation.id} className="fr-mb-2w">
              <p className="fr-mb-0">
                <Link to={`/organisations/${item.organisation.slug}`}>
                  {item.organisation.name}
                </Link>
              </p>
              <KindAndRegion organisation={item.organisation} />
              <ScoreMeter score={item.score} />
              <ReasonList reasons={specificReasons(item.reasons)} limit={2} />
            </li>
          ))}
        </ul>
      )}
      {seeAllHref ? (
        <p>
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={seeAllHref}>
            {t('dashboard.seeAll')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}
