import { describe, expect, test } from 'vitest'
import { correctableWords, planQuery, withCorrections } from './query-plan.ts'
import { buildSynonyms, getSynonyms, meilisearchSynonyms } from './synonyms.ts'
import { foldText, markedToSafeHtml, tokenize } from './text.ts'

const synonyms = getSynonyms()
const words = (plan: ReturnType<typeof planQuery>) =>
  plan.groups.map((group) =>
    group.alternatives.map((alternative) =>
      alternative.map((word) => `${word.text}${word.prefix ? '*' : ''}`).join(' '),
    ),
  )

describe('text folding', () => {
  test('folds case, accents and ligatures like unaccent + lower', () => {
    expect(foldText("Musée d'Orsay — Œuvres")).toBe("musee d'orsay — oeuvres")
    expect(tokenize('Réalité  augmentée, 3D & IA')).toEqual(['realite', 'augmentee', '3d', 'ia'])
  })

  test('highlight markers become <mark> after everything else is escaped', () => {
    expect(markedToSafeHtml('\u0001Musée\u0002 <script>alert("x")</script> & co')).toBe(
      '<mark>Musée</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co',
    )
    // Unbalanced markers never leave an open tag.
    expect(markedToSafeHtml('a \u0001b')).toBe('a <mark>b</mark>')
    expect(markedToSafeHtml('a\u0002 b')).toBe('a b')
  })
})

describe('query plan', () => {
  test('words are ANDed, stop words dropped, the word being typed is a prefix', () => {
    expect(words(planQuery('le musée de la photo', synonyms))).toEqual([
      ['musee', 'museum'],
      ['photo*'],
    ])
    expect(words(planQuery('photo ', synonyms))).toEqual([['photo']])
    expect(words(planQuery('numéri', synonyms))).toEqual([['numeri*']])
    // Too short to be a useful prefix.
    expect(words(planQuery('mu', synonyms))).toEqual([['mu']])
  })

  test('a stop word being typed stays as a prefix ("le" may become "lecture")', () => {
    expect(words(planQuery('atelier lec', synonyms))).toEqual([['atelier'], ['lec*']])
    expect(words(planQuery('atelier des', synonyms))).toEqual([['atelier'], ['des*']])
    expect(words(planQuery('atelier des ', synonyms))).toEqual([['atelier']])
  })

  test('synonyms widen single words and phrases, in both languages', () => {
    expect(words(planQuery('IA', synonyms))).toEqual([
      ['ia', 'intelligence artificielle', 'ai', 'artificial intelligence'],
    ])
    // "AI" is a French stop word (avoir) but a synonym entry: it is kept.
    expect(words(planQuery('AI', synonyms))[0]).toContain('intelligence artificielle')
    expect(words(planQuery('spectacle vivant Lyon', synonyms))).toEqual([
      ['spectacle vivant', 'arts scene', 'arts vivants', 'performing arts', 'live performance'],
      ['lyon*'],
    ])
    expect(words(planQuery('réalité virtuelle', synonyms))[0]).toEqual(
      expect.arrayContaining(['xr', 'realite augmentee', 'immersif', 'virtual reality']),
    )
  })

  test('typo corrections replace the person’s words, never synonyms', () => {
    const plan = planQuery('musee numerque', synonyms)
    expect(correctableWords(plan)).toEqual(['numerque'])
    const corrected = withCorrections(plan, new Map([['numerque', 'numer']]))
    expect(corrected.groups[1].alternatives).toEqual([
      [{ text: 'numer', prefix: false, lexeme: true }],
    ])
    expect(corrected.groups[0]).toBe(plan.groups[0])
  })

  test('the synonyms file is data: any group of two or more expressions', () => {
    const custom = buildSynonyms({ groups: [['ciné-club', 'film club']] })
    expect(words(planQuery('cine club', custom))).toEqual([['cine club', 'film club']])
    expect(() => buildSynonyms({ groups: [['seul']] })).toThrow()
  })

  test('Meilisearch receives every expression mapped to the others of its group', () => {
    const map = meilisearchSynonyms()
    expect(map.ia).toEqual(expect.arrayContaining(['intelligence artificielle', 'ai']))
    expect(map['musée']).toEqual(['museum'])
    expect(map.musee).toEqual(['museum'])
    expect(map.museum).toEqual(['musée'])
  })
})
