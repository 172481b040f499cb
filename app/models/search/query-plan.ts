// What a query means before any engine sees it: words in AND, each word or phrase possibly
// widened to its synonyms (OR), the last word as a prefix while the person is typing.
import { STOP_WORDS } from './stop-words.ts'
import type { Synonyms } from './synonyms.ts'
import { foldText, tokenize } from './text.ts'

export interface PlanWord {
  /** Folded word, or an index lexeme when `lexeme` is set (typo correction). */
  text: string
  prefix: boolean
  lexeme?: boolean
}

/** Words that must all match. */
export type PlanAlternative = PlanWord[]

export interface PlanGroup {
  /** The query words this group stands for. */
  source: string[]
  /** Any alternative may match (the words themselves, or a synonym). */
  alternatives: PlanAlternative[]
  synonym: boolean
}

export interface QueryPlan {
  groups: PlanGroup[]
}

/** Shorter prefixes expand to too many index words to be useful. */
export const MIN_PREFIX_LENGTH = 3
export const MAX_QUERY_GROUPS = 8

export function planQuery(
  query: string,
  synonyms: Synonyms,
  { prefixLast = true }: { prefixLast?: boolean } = {},
): QueryPlan {
  const words = tokenize(query).slice(0, 32)
  // "musée " (typed space) means the last word is complete.
  const typingLastWord = prefixLast && /[a-z0-9]$/.test(foldText(query))
  const lastIndex = words.length - 1
  const isSynonymStart = (word: string) => synonyms.byFirstWord.has(word)
  const kept = words
    .map((word, index) => ({ word, index }))
    .filter(
      ({ word, index }) =>
        !STOP_WORDS.has(word) ||
        isSynonymStart(word) ||
        (index === lastIndex && typingLastWord && word.length >= MIN_PREFIX_LENGTH),
    )

  const groups: PlanGroup[] = []
  for (let i = 0; i < kept.length && groups.length < MAX_QUERY_GROUPS;) {
    const match = (synonyms.byFirstWord.get(kept[i].word) ?? []).find((entry) =>
      entry.words.every((word, offset) => kept[i + offset]?.word === word),
    )
    if (match) {
      const alternatives = synonyms.entries
        .filter((entry) => entry.group === match.group)
        .map((entry) => entry.words.map((text) => ({ text, prefix: false })))
      groups.push({
        source: match.words,
        alternatives,
        synonym: true,
      })
      i += match.words.length
      continue
    }
    const { word, index } = kept[i]
    const prefix = index === lastIndex && typingLastWord && word.length >= MIN_PREFIX_LENGTH
    groups.push({ source: [word], alternatives: [[{ text: word, prefix }]], synonym: false })
    i += 1
  }
  return { groups }
}

export function isEmptyPlan(plan: QueryPlan) {
  return plan.groups.length === 0
}

/** Words of the plan that come from the person (not from synonyms), for typo correction. */
export function correctableWords(plan: QueryPlan): string[] {
  return plan.groups
    .filter((group) => !group.synonym)
    .flatMap((group) => group.alternatives[0])
    .filter((word) => !word.lexeme && word.text.length >= 4 && !/^\d+$/.test(word.text))
    .map((word) => word.text)
}

/** The plan with some words replaced by index lexemes (matched exactly, not as prefixes). */
export function withCorrections(plan: QueryPlan, corrections: Map<string, string>): QueryPlan {
  return {
    groups: plan.groups.map((group) =>
      group.synonym
        ? group
        : {
            ...group,
            alternatives: group.alternatives.map((alternative) =>
              alternative.map((word) => {
                const lexeme = corrections.get(word.text)
                return lexeme && !word.lexeme ? { text: lexeme, prefix: false, lexeme: true } : word
              }),
            ),
          },
    ),
  }
}
