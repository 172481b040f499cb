// Taxonomy labels for directory pages: form choices (challenges grouped under their theme,
// sub-kinds under their kind) and the labels of one profile's tags.
import type { Language } from '~/i18n.ts'
import { ORG_KIND_CODES, ORG_KINDS, type OrgKindValue } from './constants.ts'
import { getTaxonomy, type TaxonomyView } from '~/models/taxonomy/store.server.ts'

export interface Option {
  code: string
  label: string
}

export interface ThemeGroup {
  code: string
  label: string
  items: Option[]
}

export interface DirectoryOptions {
  regions: Option[]
  subKinds: Record<OrgKindValue, Option[]>
  sectors: Option[]
  technologies: Option[]
  challengeThemes: ThemeGroup[]
}

export async function directoryOptions(language: Language): Promise<DirectoryOptions> {
  const taxonomy = await getTaxonomy()
  const options = (kind: Parameters<TaxonomyView['ofKind']>[0]) =>
    taxonomy.ofKind(kind).map((entry) => ({
      code: entry.code,
      label: taxonomy.label(entry.code, language),
    }))
  const subKinds = Object.fromEntries(
    ORG_KINDS.map((kind) => [
      kind,
      taxonomy
        .ofKind('org_subkind')
        .filter((entry) => entry.parent === ORG_KIND_CODES[kind])
        .map((entry) => ({ code: entry.code, label: taxonomy.label(entry.code, language) })),
    ]),
  ) as Record<OrgKindValue, Option[]>
  return {
    regions: options('region'),
    subKinds,
    sectors: options('sector'),
    technologies: options('technology'),
    challengeThemes: groupChallenges(
      taxonomy,
      taxonomy.ofKind('challenge').map((entry) => entry.code),
      language,
    ),
  }
}

/** Challenge codes grouped under their theme, in the taxonomy's order; unknown themes last. */
export function groupChallenges(
  taxonomy: TaxonomyView,
  codes: readonly string[],
  language: Language,
): ThemeGroup[] {
  const themes = taxonomy.ofKind('theme')
  const order = new Map(taxonomy.ofKind('challenge').map((entry, index) => [entry.code, index]))
  const sorted = [...codes].sort((a, b) => (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6))
  const groups = new Map<string, ThemeGroup>()
  for (const theme of themes) {
    groups.set(theme.code, {
      code: theme.code,
      label: taxonomy.label(theme.code, language),
      items: [],
    })
  }
  for (const code of sorted) {
    const parent = taxonomy.byCode.get(code)?.parent ?? ''
    let group = groups.get(parent)
    if (!group) {
      group = { code: parent, label: parent ? taxonomy.label(parent, language) : '', items: [] }
      groups.set(parent, group)
    }
    group.items.push({ code, label: taxonomy.label(code, language) })
  }
  return [...groups.values()].filter((group) => group.items.length > 0)
}

/** Labels of one profile's taxonomy codes. */
export function profileLabels(
  taxonomy: TaxonomyView,
  organisation: {
    regionCode: string
    subKind: string | null
    sectorCodes: string[]
    technologyCodes: string[]
    challengeCodes: string[]
  },
  language: Language,
) {
  const labels = (codes: string[]) =>
    codes.map((code) => ({ code, label: taxonomy.label(code, language) }))
  return {
    region: taxonomy.label(organisation.regionCode, language),
    subKind: organisation.subKind ? taxonomy.label(organisation.subKind, language) : null,
    sectors: labels(organisation.sectorCodes),
    technologies: labels(organisation.technologyCodes),
    challengeGroups: groupChallenges(taxonomy, organisation.challengeCodes, language),
  }
}
