// How a need's poster is named, in pages and e-mails alike. An anonymous poster is described by
// its kind, sub-kind and the need's region only ("Institution anonyme — Musée, Occitanie").
import type { TFunction } from 'i18next'

export type OrgKindName = 'startup' | 'lab' | 'institution' | 'company'

/** The poster as the viewer may see it: either named, or only described. */
export type NeedPoster =
  | { anonymous: false; slug: string; name: string; kind: OrgKindName }
  | { anonymous: true; kind: OrgKindName; subKind: string | null }

/** The poster, or only its description when it must stay hidden from the viewer. */
export function presentPoster(
  org: { slug: string; name: string; kind: OrgKindName; subKind: string | null },
  hidden: boolean,
): NeedPoster {
  return hidden
    ? { anonymous: true, kind: org.kind, subKind: org.subKind }
    : { anonymous: false, slug: org.slug, name: org.name, kind: org.kind }
}

export function anonymousPosterLabel(
  t: TFunction,
  poster: { kind: OrgKindName },
  subKindLabel: string | null,
  regionLabel: string,
) {
  const who = t(`needs:anonymous.kind.${poster.kind}`)
  return subKindLabel
    ? t('needs:anonymous.withSubKind', { who, subKind: subKindLabel, region: regionLabel })
    : t('needs:anonymous.withoutSubKind', { who, region: regionLabel })
}
