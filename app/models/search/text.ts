// Text helpers shared by both engines: the same folding as PostgreSQL's unaccent + lower, word
// splitting, and the safe-HTML form of highlighted text.

// Letters unaccent maps to two letters (NFKD alone leaves them as they are).
const LIGATURES: Record<string, string> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
}

/** Lower-cased, accents removed: "Musée d'Orsay" → "musee d'orsay". */
export function foldText(text: string): string {
  return text
    .replace(/[œŒæÆßøØłŁđĐ]/g, (letter) => LIGATURES[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

/** Folded words (letters and digits only). */
export function tokenize(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** Markers around matched words in engine output, turned into <mark> after escaping. */
export const HIGHLIGHT_START = '\u0001'
export const HIGHLIGHT_END = '\u0002'
const MARKERS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g')
const MARKER_SPLIT = new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_END}])`)

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Removes highlight markers a stored text could contain, before an engine adds its own. */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '')
}

/**
 * Escapes everything, then turns the markers into <mark>…</mark>; unbalanced markers are
 * dropped or closed, so the result is always well-formed HTML with no other tag.
 */
export function markedToSafeHtml(marked: string): string {
  let html = ''
  let open = false
  for (const part of marked.split(MARKER_SPLIT)) {
    if (part === HIGHLIGHT_START) {
      if (!open) html += '<mark>'
      open = true
    } else if (part === HIGHLIGHT_END) {
      if (open) html += '</mark>'
      open = false
    } else {
      html += escapeHtml(part)
    }
  }
  return open ? `${html}</mark>` : html
}

/** Collapses whitespace and trims (snippets come from multi-line descriptions). */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
