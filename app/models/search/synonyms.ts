// Synonym groups from app/data/search-synonyms.json, in the forms the two engines need: word
// sequences for expanding PostgreSQL queries, and Meilisearch's synonym map.
import { z } from 'zod'
import synonymsFile from '~/data/search-synonyms.json'
import { STOP_WORDS } from './stop-words.ts'
import { foldText, tokenize } from './text.ts'

const SynonymsFileSchema = z.object({
  groups: z.array(z.array(z.string().trim().min(1)).min(2)),
})

export interface SynonymEntry {
  /** Folded words, stop words removed (unless the entry is only stop words, like "AI"). */
  words: string[]
  group: number
}

export interface Synonyms {
  /** Each group's entries as written in the file. */
  groups: string[][]
  entries: SynonymEntry[]
  /** Entries by their first word, longest first. */
  byFirstWord: Map<string, SynonymEntry[]>
}

export function entryWords(phrase: string): string[] {
  const words = tokenize(phrase)
  const meaningful = words.filter((word) => !STOP_WORDS.has(word))
  return meaningful.length ? meaningful : words
}

export function buildSynonyms(input: unknown): Synonyms {
  const { groups } = SynonymsFileSchema.parse(input)
  const entries: SynonymEntry[] = []
  const byFirstWord = new Map<string, SynonymEntry[]>()
  groups.forEach((phrases, group) => {
    for (const phrase of phrases) {
      const words = entryWords(phrase)
      if (!words.length) continue
      const entry = { words, group }
      if (entries.some((e) => e.group === group && e.words.join(' ') === words.join(' '))) continue
      entries.push(entry)
      const list = byFirstWord.get(words[0]) ?? []
      list.push(entry)
      list.sort((a, b) => b.words.length - a.words.length)
      byFirstWord.set(words[0], list)
    }
  })
  return { groups, entries, byFirstWord }
}

let bundled: Synonyms | undefined
export function getSynonyms(): Synonyms {
  bundled ??= buildSynonyms(synonymsFile)
  return bundled
}

/** Meilisearch's format: every expression maps to the others of its group (lower-cased). */
export function meilisearchSynonyms(synonyms: Synonyms = getSynonyms()): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  for (const group of synonyms.groups) {
    const phrases = [...new Set(group.map((phrase) => phrase.toLowerCase()))]
    for (const phrase of phrases) {
      const others = phrases.filter((other) => other !== phrase)
      // Meilisearch folds accents itself; listing the folded form too costs nothing.
      for (const key of new Set([phrase, foldText(phrase)])) {
        map[key] = [...new Set([...(map[key] ?? []), ...others])]
      }
    }
  }
  return map
}
