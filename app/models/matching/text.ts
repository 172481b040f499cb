// Small bag-of-words text matcher for French and English profile texts: accent-insensitive,
// stop-words dropped, light stemming, cosine similarity on term frequencies.
import type { TermVector } from './types.ts'

const FRENCH_STOP_WORDS = `
a afin ai ainsi alors au aucun aussi autre autres aux avec avoir avons c ca car ce ceci cela celle
celles celui ces cet cette chaque chez comme d dans de des deja depuis donc dont du elle elles en
encore entre est et etc ete etre eux fait faire il ils j je l la le les leur leurs lui m ma mais me
meme memes mes moi mon n ne ni nos notre nous on ont ou par parce pas peu peut plus pour pourquoi
qu quand que quel quelle quelles quels qui s sa sans se ses si son sont sous sur t ta te tes toi ton
tous tout toute toutes tres tu un une vers via vos votre vous y
`

const ENGLISH_STOP_WORDS = `
a about all also an and any are as at be been being but by can could do does for from had has have
how if in into is it its more most no not of on or other our ours out over per so such than that the
their them then there these they this those through to too under up us very was we were what when
where which while who whom why will with would you your
`

// Every profile on the platform talks about digital culture and about what it seeks or offers:
// these words would make unrelated texts look similar, so they carry no signal here.
const DOMAIN_STOP_WORDS = `
numerique numeriques digital culture culturel culturelle culturels culturelles cultural
projet projets project projects besoin besoins need needs offre offres offer offers offering
solution solutions cherchons recherchons proposons offrons souhaitons voulons pouvons
accompagnons seek seeking looking provide providing help
`

const STOP_WORDS: ReadonlySet<string> = new Set(
  `${FRENCH_STOP_WORDS} ${ENGLISH_STOP_WORDS} ${DOMAIN_STOP_WORDS}`.split(/\s+/).filter(Boolean),
)

// Applied once, after the plural is stripped, longest match first; the remaining stem must keep
// at least 4 letters so short words are left alone. Conflates numérisation / numériser,
// scanner / scanning, accompagnement / accompagner, documentation / document.
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['isation', 'is'],
  ['ization', 'iz'],
  ['izing', 'iz'],
  ['ation', ''],
  ['ement', ''],
  ['iser', 'is'],
  ['ize', 'iz'],
  ['ing', ''],
  ['er', ''],
]
const MIN_STEM_LENGTH = 4

export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
}

export function stem(token: string): string {
  let word = token
  if (word.length > 4 && word.endsWith('eaux')) word = word.slice(0, -1)
  else if (word.length > 4 && word.endsWith('aux')) word = `${word.slice(0, -3)}al`
  else if (word.length > 3 && (word.endsWith('s') || word.endsWith('x')) && !word.endsWith('ss'))
    word = word.slice(0, -1)
  // English -y ↔ French -ie: technology / technologie, strategy / stratégie.
  if (word.length > 4 && word.endsWith('y') && !/[aeiou]y$/.test(word))
    return `${word.slice(0, -1)}ie`
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM_LENGTH) {
      return word.slice(0, -suffix.length) + replacement
    }
  }
  return word
}

export interface Token {
  readonly stem: string
  readonly surface: string
}

// Term and hash of each surface form met (null: not a term). Folding accents and hashing
// dominated the cost of preparing thousands of profiles; word frequencies are Zipf-like, so a
// small memo catches most words.
interface CachedTerm {
  readonly term: string
  readonly hash: number
}
const TERM_CACHE_LIMIT = 50_000
const termCache = new Map<string, CachedTerm | null>()

function termOf(surface: string): CachedTerm | null {
  const cached = termCache.get(surface)
  if (cached !== undefined) return cached
  const folded = foldAccents(surface)
  let found: CachedTerm | null = null
  if (!STOP_WORDS.has(folded) && !/^\d+$/.test(folded)) {
    const stemmed = stem(folded)
    if (stemmed.length >= 2 && !STOP_WORDS.has(stemmed)) {
      found = { term: stemmed, hash: hashTerm(stemmed) }
    }
  }
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear()
  termCache.set(surface, found)
  return found
}

const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u

function forEachTerm(text: string, onTerm: (found: CachedTerm, surface: string) => void): void {
  for (const surface of text.toLowerCase().split(WORD_SEPARATOR)) {
    if (surface.length < 2) continue
    const found = termOf(surface)
    if (found !== null) onTerm(found, surface)
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  forEachTerm(text, ({ term }, surface) => tokens.push({ stem: term, surface }))
  return tokens
}

// cyrb53 (public domain, bryc): a fast 53-bit string hash. Vectors are sorted by it, so that
// comparing two texts is a merge on numbers; string comparisons there made cosine 10× slower.
// Two different terms would be confused only on a hash collision: about 1 chance in 10^5 for a
// vocabulary of a million stems, and the only effect would be a slightly higher similarity.
function hashTerm(term: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let index = 0; index < term.length; index++) {
    const code = term.charCodeAt(index)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function termVector(text: string): TermVector {
  const slotOf = new Map<string, number>()
  const found: CachedTerm[] = []
  const firstSurfaces: string[] = []
  const rawCounts: number[] = []
  forEachTerm(text, (term, surface) => {
    const slot = slotOf.get(term.term)
    if (slot === undefined) {
      slotOf.set(term.term, found.length)
      found.push(term)
      firstSurfaces.push(surface)
      rawCounts.push(1)
    } else {
      rawCounts[slot]!++
    }
  })
  const order = found.map((_, index) => index)
  order.sort(
    (x, y) => found[x]!.hash - found[y]!.hash || compareStrings(found[x]!.term, found[y]!.term),
  )
  const size = order.length
  const terms = new Array<string>(size)
  const surfaces = new Array<string>(size)
  const hashes = new Float64Array(size)
  const counts = new Float64Array(size)
  let sumOfSquares = 0
  for (let index = 0; index < size; index++) {
    const slot = order[index]!
    const count = rawCounts[slot]!
    terms[index] = found[slot]!.term
    surfaces[index] = firstSurfaces[slot]!
    hashes[index] = found[slot]!.hash
    counts[index] = count
    sumOfSquares += count * count
  }
  return { terms, hashes, counts, norm: Math.sqrt(sumOfSquares), surfaces }
}

/** Calls `onShared(i, j)` for each term at index i of `a` and j of `b`. */
function forEachSharedTerm(
  a: TermVector,
  b: TermVector,
  onShared: (i: number, j: number) => void,
): void {
  let i = 0
  let j = 0
  while (i < a.hashes.length && j < b.hashes.length) {
    const left = a.hashes[i]!
    const right = b.hashes[j]!
    if (left < right) i++
    else if (left > right) j++
    else onShared(i++, j++)
  }
}

// Merge join on the sorted hashes: no hashing, string comparison or allocation, which matters
// when one source meets thousands of candidates. Counts are integers, so the dot product does
// not depend on summation order.
export function cosineSimilarity(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0
  const aHashes = a.hashes
  const bHashes = b.hashes
  let dot = 0
  let i = 0
  let j = 0
  while (i < aHashes.length && j < bHashes.length) {
    const left = aHashes[i]!
    const right = bHashes[j]!
    if (left < right) i++
    else if (left > right) j++
    else dot += a.counts[i++]! * b.counts[j++]!
  }
  // Clamped: identical texts can give 1.0000000000000002.
  return Math.min(1, dot / (a.norm * b.norm))
}

/** Shared terms, strongest first (ties alphabetical), in the surface form of `wordsFrom`. */
export function sharedTerms(wordsFrom: TermVector, other: TermVector, limit: number): string[] {
  const shared: { index: number; strength: number }[] = []
  forEachSharedTerm(wordsFrom, other, (i, j) => {
    shared.push({ index: i, strength: wordsFrom.counts[i]! * other.counts[j]! })
  })
  shared.sort(
    (x, y) =>
      y.strength - x.strength ||
      compareStrings(wordsFrom.terms[x.index]!, wordsFrom.terms[y.index]!),
  )
  return shared.slice(0, limit).map(({ index }) => wordsFrom.surfaces[index]!)
}
