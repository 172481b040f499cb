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
import { EventForm, type EventFormDefaults } from '~/components/events/event-form.tsx'
import type { Event } from '~/generated/prisma/client.ts'
import { getLanguage } from '~/i18n.server.ts'
import { eventFormOptions, requireManagedEvent, updateEvent } from '~/models/events/event.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { EventFormSchema, eventInputFromForm } from '~/models/events/validation.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import { parseWithZod } from '~/utils/validation.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { requireUser } from '~/utils/session.server.ts'
import { utcToZonedLocal } from '~/utils/zoned-time.ts'

export const handle = { i18n: ['events'] }

function formDefaults(event: Event): EventFormDefaults {
  return {
    title: event.title,
    titleEn: event.titleEn,
    descriptionFr: event.descriptionFr,
    descriptionEn: event.descriptionEn,
    format: event.format,
    startsAt: utcToZonedLocal(event.startsAt, event.timeZone),
    endsAt: utcToZonedLocal(event.endsAt, event.timeZone),
    timeZone: event.timeZone,
    venueName: event.venueName ?? '',
    venueAddress: event.venueAddress ?? '',
    onlineUrl: event.onlineUrl ?? '',
    regionCode: event.regionCode ?? '',
    capacity: String(event.capacity),
    registrationDeadline: event.registrationDeadline
      ? utcToZonedLocal(event.registrationDeadline, event.timeZone)
      : '',
    approvalRequired: event.approvalRequired ? 'on' : '',
    challengeCodes: event.challengeCodes,
    organisationId: event.organisationId ?? '',
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const options = await eventFormOptions(user.id, await getLanguage(request))
  // An admin editing someone else's event keeps its organisation among the choices.
  if (event.organisationId && !options.organisations.some((o) => o.id === event.organisationId)) {
    const current = await prisma.organisation.findUnique({
      where: { id: event.organisationId },
      select: { id: true, name: true },
    })
    if (current) options.organisations.unshift(current)
  }
  return {
    event: { slug: event.slug, title: event.title, confirmedCount: event.confirmedCount },
    defaults: formDefaults(event),
    options,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const event = await requireManagedEvent(params.slug!, user)
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: EventFormSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const outcome = await updateEvent(event.id, eventInputFromForm(submission.value), user)
  if (!outcome.ok) return data(submission.reply({ fieldErrors: outcome.errors }), { status: 400 })
  return redirect(`/evenements/${event.slug}`, {
    headers: {
      'Set-Cookie': await flashHeader({
        type: 'success',
        key: outcome.invitesSent ? 'events:flash.updatedAndNotified' : 'events:flash.updated',
      }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'events:edit.title')

export default function EditEventPage() {
  const { t } = useTranslation('events')
  const { event, defaults, options } = useLoaderData<typeof loader>()
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
            <Link className="fr-breadcrumb__link" to={`/evenements/${event.slug}`}>
              {event.title}
            </Link>
          </li>
          <li>
            <a
              className="fr-breadcrumb__link"
              aria-current="page"
              href={`/evenements/${event.slug}/modifier`}
            >
              {t('edit.title')}
            </a>
          </li>
        </ol>
      </nav>
      <h1>{t('edit.heading', { title: event.title })}</h1>
      <p>{t('edit.intro', { count: event.confirmedCount })}</p>
      <EventForm
        id="modifier-evenement"
        lastResult={lastResult}
        defaultValue={defaults}
        options={options}
        mode="edit"
      />
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
