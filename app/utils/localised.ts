import { languageOf } from '~/i18n.ts'

/**
 * A text in the reader's language, or in the other one when that is empty. `lang` is set when
 * the fallback is used, so that screen readers pronounce it right.
 */
export function localised(
  texts: { fr: string; en: string },
  language: string,
): { text: string; lang?: 'fr' | 'en' } {
  const wanted = languageOf(language)
  const other = wanted === 'en' ? 'fr' : 'en'
  if (texts[wanted].trim()) return { text: texts[wanted] }
  if (texts[other].trim()) return { text: texts[other], lang: other }
  return { text: '' }
}
