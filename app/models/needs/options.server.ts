// Taxonomy choices and labels the needs pages show, in the request's language.
import type { Language } from '~/i18n.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import type { TaxonomyKind } from '~/models/taxonomy/taxonomy.server.ts'

export async function needTaxonomyOptions(language: Language) {
  const taxonomy = await getTaxonomy()
  const of = (kind: TaxonomyKind) =>
    taxonomy.ofKind(kind).map((entry) => ({
      code: entry.code,
      label: taxonomy.label(entry.code, language),
    }))
  return {
    challenges: of('challenge'),
    sectors: of('sector'),
    technologies: of('technology'),
    regions: of('region'),
  }
}

/** Labels of the given codes (unknown codes keep their code). */
export async function taxonomyLabels(
  codes: Iterable<string | null | undefined>,
  language: Language,
): Promise<Record<string, string>> {
  const taxonomy = await getTaxonomy()
  const labels: Record<string, string> = {}
  for (const code of codes) if (code) labels[code] = taxonomy.label(code, language)
  return labels
}
