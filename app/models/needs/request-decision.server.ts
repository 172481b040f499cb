// The accept / decline / withdraw buttons post here from the need page and the request page.
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { decideContactRequest, withdrawContactRequest } from './contact-request.server.ts'
import type { Viewer } from '~/models/directory/access.server.ts'
import { ContactRequestDecisionSchema } from './contact-request-validation.ts'
import { flashHeader } from '~/utils/flash.server.ts'

const FLASH = {
  accept: 'needs:flash.accepted',
  decline: 'needs:flash.declined',
  withdraw: 'needs:flash.withdrawn',
} as const

export async function handleDecision(formData: FormData, user: Viewer, redirectTo: string) {
  const submission = parseWithZod(formData, { schema: ContactRequestDecisionSchema })
  if (submission.status !== 'success') {
    const requestId = String(formData.get('requestId') ?? '')
    const error =
      submission.error?.note?.[0] ?? submission.error?.intent?.[0] ?? 'common:errors.unknownAction'
    return data({ form: 'decision' as const, requestId, error }, { status: 400 })
  }
  const { intent, requestId, note } = submission.value
  const result =
    intent === 'withdraw'
      ? await withdrawContactRequest(requestId, user)
      : await decideContactRequest(requestId, intent, user, { note })
  if (!result.ok) {
    return data(
      { form: 'decision' as const, requestId, error: result.error },
      { status: result.status },
    )
  }
  return redirect(redirectTo, {
    headers: { 'Set-Cookie': await flashHeader({ type: 'success', key: FLASH[intent] }) },
  })
}
