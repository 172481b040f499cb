// The recipient's answer to a request: one optional note, then accept or decline.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NOTE_MAX_LENGTH } from '~/models/needs/constants.ts'

export function RequestDecisionForms({
  requestId,
  context,
  error,
}: {
  requestId: string
  /** Who the request comes from, read after each button by screen readers. */
  context?: string
  error?: string | null
}) {
  const { t } = useTranslation('needs')
  const noteId = `note-${requestId}`
  return (
    <Form method="post" className="fr-mt-2w">
      <input type="hidden" name="requestId" value={requestId} />
      {error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{t(error)}</p>
        </div>
      ) : null}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={noteId}>
          {t('decision.note')}
          <span className="fr-hint-text">{t('decision.noteHint')}</span>
        </label>
        <textarea
          className="fr-input"
          id={noteId}
          name="note"
          rows={2}
          maxLength={NOTE_MAX_LENGTH}
        />
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <button
            className="fr-btn fr-icon-check-line fr-btn--icon-left"
            type="submit"
            name="intent"
            value="accept"
          >
            {t('decision.accept')}
            {context ? <span className="fr-sr-only"> — {context}</span> : null}
          </button>
        </li>
        <li>
          <button
            className="fr-btn fr-btn--secondary fr-icon-close-line fr-btn--icon-left"
            type="submit"
            name="intent"
            value="decline"
          >
            {t('decision.decline')}
            {context ? <span className="fr-sr-only"> — {context}</span> : null}
          </button>
        </li>
      </ul>
    </Form>
  )
}
