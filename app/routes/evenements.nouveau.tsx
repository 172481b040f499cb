import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EventForm } from '~/components/events/event-form.tsx'
import { getLanguage } from '~/i18n.server.ts'
import { requireEventCreator } from '~/models/events/access.server.ts'
import { createEvent, eventFormOptions } from '~/models/events/event.server.ts'
import { EventFormSchema, eventInputFromForm } from '~/models/events/validation.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { parseWithZod } from '~/utils/validation.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['events'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requireEventCreator(user)
  return { options: await eventFormOptions(user.id, await getLanguage(request)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  requireEventCreator(user)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: EventFormSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const publish = formData.get('intent') === 'publish'
  const outcome = await createEvent(eventInputFromForm(submission.value), user, { publish })
  if (!outcome.ok) return data(submission.reply({ fieldErrors: outcome.errors }), { status: 400 })
  return redirect(`/evenements/${outcome.event.slug}`, {
    headers: {
      'Set-Cookie': await flashHeader({
        type: 'success',
        key: publish ? 'events:flash.createdPublished' : 'events:flash.createdDraft',
      }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'events:create.title')

export default function NewEventPage() {
  const { t } = useTranslation('events')
  const { options } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="fr-container fr-py-6w">
      <nav className="fr-breadcrumb" aria-label={t('breadcrumb.label')}>
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/evenements">
              {t('list.title')}
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page" href="/evenements/nouveau">
              {t('create.title')}
            </a>
          </li>
        </ol>
      </nav>
      <h1>{t('create.title')}</h1>
      <p>{t('create.intro')}</p>
      <EventForm
        id="nouvel-evenement"
        lastResult={lastResult}
        defaultValue={{ timeZone: 'Europe/Paris', format: 'rencontre' }}
        options={options}
        mode="create"
      />
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
