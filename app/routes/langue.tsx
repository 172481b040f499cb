import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { languageCookie } from '~/i18n.server.ts'
import { languageOf } from '~/i18n.ts'
import { setUserLocale } from '~/models/users/user.server.ts'
import { getUser, safeRedirect } from '~/utils/session.server.ts'

export async function loader() {
  return redirect('/')
}

/** The header's language switch: remembered in a cookie, and on the account for e-mails. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  const requested = formData.get('lng')
  const language = languageOf(requested)
  const user = await getUser(request)
  if (user) await setUserLocale(user.id, language)
  const target = new URL(safeRedirect(formData.get('redirectTo'), '/'), 'http://passerelle.local')
  target.searchParams.delete('lng')
  return redirect(`${target.pathname}${target.search}`, {
    headers: { 'Set-Cookie': await languageCookie.serialize(language) },
  })
}
