// Turns structured reasons into sentences through the `matching` i18next namespace. Not a
// .server module: components may render reasons in the browser with their own `t`.
import type { Locale, OrgKind, Reason, ReasonTag, TranslateFn } from './types.ts'

export const MATCHING_NAMESPACE = 'matching'

const MAX_LISTED_LABELS = 5

// The tech side first, so that pairs read "Startup ↔ institution" whoever the source is.
const KIND_DISPLAY_ORDER: readonly OrgKind[] = ['startup', 'company', 'lab', 'institution']

function upperFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1)
}

function joinList(items: readonly string[]): string {
  const listed = items.slice(0, MAX_LISTED_LABELS).join(', ')
  return items.length > MAX_LISTED_LABELS ? `${listed}…` : listed
}

function tagList(tags: readonly ReasonTag[], locale: Locale): { count: number; list: string } {
  return {
    count: tags.length,
    list: joinList(tags.map(({ label }) => label[locale])),
  }
}

/**
 * One sentence for a reason, e.g. "3 défis en commun : Données et IA, Publics et numérique,
 * Archivage numérique". `t` is i18next's (or any compatible) translate function; keys are looked
 * up in the 'matching' namespace. Values are not HTML-escaped: render the result as text.
 */
export function renderReason(reason: Reason, t: TranslateFn, locale: Locale): string {
  const base = { ns: MATCHING_NAMESPACE, interpolation: { escapeValue: false } }
  const key = `reason.${reason.code}`
  const kindLabel = (kind: OrgKind): string => t(`kind.${kind}`, { ...base, defaultValue: kind })
  switch (reason.code) {
    case 'shared_challenges':
    case 'shared_themes':
    case 'shared_engagements':
    case 'shared_sectors':
    case 'tech_offer_matches_seek':
    case 'tech_seek_matches_offer':
      return upperFirst(t(key, { ...base, ...tagList(reason.params.tags, locale) }))
    case 'need_tech_match':
      return upperFirst(
        t(key, {
          ...base,
          ...tagList(reason.params.tags, locale),
          needTitle: reason.params.needTitle,
        }),
      )
    case 'text_match':
    case 'text_match_reverse':
      return upperFirst(
        t(key, {
          ...base,
          count: reason.params.terms.length,
          terms: joinList(reason.params.terms),
        }),
      )
    case 'need_text_match':
      return upperFirst(
        t(key, {
          ...base,
          count: reason.params.terms.length,
          terms: joinList(reason.params.terms),
          needTitle: reason.params.needTitle,
        }),
      )
    case 'complementary_kinds': {
      const kinds = [reason.params.sourceKind, reason.params.candidateKind].sort(
        (a, b) => KIND_DISPLAY_ORDER.indexOf(a) - KIND_DISPLAY_ORDER.indexOf(b),
      )
      return upperFirst(t(key, { ...base, kinds: kinds.map(kindLabel).join(' ↔ ') }))
    }
    case 'same_kind':
      return upperFirst(t(key, { ...base, kind: kindLabel(reason.params.candidateKind) }))
    case 'same_region':
    case 'neighbour_region':
      return upperFirst(t(key, { ...base, region: reason.params.region.label[locale] }))
    case 'same_region_group':
      return upperFirst(t(key, { ...base, group: reason.params.group.label[locale] }))
    case 'shared_languages': {
      const names = reason.params.languages.map((code) =>
        t(`language.${code}`, { ...base, defaultValue: code }),
      )
      return upperFirst(t(key, { ...base, count: names.length, list: joinList(names) }))
    }
  }
}

export function formatReasons(
  reasons: readonly Reason[],
  t: TranslateFn,
  locale: Locale,
): string[] {
  return reasons.map((reason) => renderReason(reason, t, locale))
}
