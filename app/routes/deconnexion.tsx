import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { flashHeader } from '~/utils/flash.server.ts'
import { clearSessionCookieHeader, getSession, invalidateSession } from '~/utils/session.server.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const found = await getSession(request)
  if (found) await invalidateSession(found.session.id)
  const headers = new Headers()
  headers.append('Set-Cookie', await clearSessionCookieHeader())
  headers.append('Set-Cookie', await flashHeader({ type: 'success', key: 'auth:flash.signedOut' }))
  return redirect('/', { headers })
}
