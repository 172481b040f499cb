import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportUserData } from '~/models/users/user.server.ts'
import { requireUser } from '~/utils/session.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const body = JSON.stringify(await exportUserData(user.id), null, 2)
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="passerelle-mes-donnees-${new Date().toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
