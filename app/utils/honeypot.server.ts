import { data } from '@remix-run/node'

export const HONEYPOT_FIELD = 'siteWebPro'

/** A filled honeypot means a bot: refuse with a 400 before doing any work. */
export function checkHoneypot(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD)
  if (typeof value === 'string' && value.length > 0) {
    throw data('common:errors.botDetected', { status: 400 })
  }
}
