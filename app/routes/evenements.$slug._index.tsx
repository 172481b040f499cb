import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Notice } from '~/components/notice.tsx'
import { getLanguage } from '~/i18n.server.ts'
import {
  cancelEvent,
  deleteDraftEvent,
  getEventForViewer,
  myOrganisations,
  publishEvent,
  registrationWindow,
  requireManagedEvent,
} from '~/models/events/event.server.ts'
import { canViewOrganisation, memberOrganisationIds } from '~/models/directory/access.server.ts'
import { cancelRegistration, registerForEvent } from '~/models/events/registration.server.ts'
import { getTaxonomy } from '~/models/taxonomy/store.server.ts'
import {
  eventDescription,
  eventTitle,
  formatEventInstant,
  formatEventWhen,
} from '~/models/events/format.ts'
import { RegisterSchema } from '~/models/events/validation.server.ts'
import { flashHeader, type Flash } from '~/utils/flash.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { getUser, requireUser } from '~/utils/session.server.ts'

export const handle = { i18n: ['events'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const found = await getEventForViewer(params.slug!, user)
  if (!found) throw data('events:errors.notFound', { status: 404 })
  const language = await getLanguage(request)
  const taxonomy = await getTaxonomy()
  const { event } = found
  return {
    event,
    registration: found.registration
      ? { status: found.registration.status, checkedInAt: found.registration.checkedInAt }
      : null,
    organisation:
      found.organisation &&
      canViewOrganisation(
        found.organisation,
        user,
        user ? await memberOrganisationIds(user.id) : [],
      )
        ? { name: found.organisation.name, slug: found.organisation.slug }
        : null,
    canManage: found.canManage,
    seatsLeft: found.seatsLeft,
    window: registrationWindow(event),
    signedIn: Boolean(user),
    myOrganisations: user ? await myOrganisations(user.id) : [],
    regionLabel: event.regionCode ? taxonomy.label(event.regionCode, language) : null,
    tags: event.challengeCodes.map((code) => ({ code, label: taxonomy.label(code, language) })),
  }
}

async function redirectWithFlash(slug: string, flash: Flash) {
  return redirect(`/evenements/${slug}`, {
    headers: { 'Set-Cookie': await flashHeader(flash) },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const found = await getEventForViewer(params.slug!, user)
  if (!found) throw data('events:errors.notFound', { status: 404 })
  const { event } = found

  if (intent === 'register') {
    const parsed = RegisterSchema.safeParse({
      organisationId: formData.get('organisationId') || undefined,
    })
    if (!parsed.success)
      return data({ error: 'events:errors.organisationInvalid' }, { status: 400 })
    const outcome = await registerForEvent(event.id, user.id, {
      organisationId: parsed.data.organisationId ?? null,
    })
    if (!outcome.ok) {
      const status = outcome.error === 'notMember' ? 400 : 409
      return data({ error: `events:refusals.${outcome.error}` }, { status })
    }
    const key =
      outcome.status === 'confirmed'
        ? 'events:flash.registered'
        : outcome.status === 'waitlisted'
          ? 'events:flash.waitlisted'
          : 'events:flash.pending'
    return redirectWithFlash(event.slug, {
      type: outcome.status === 'confirmed' ? 'success' : 'info',
      key,
    })
  }

  if (intent === 'cancel-registration') {
    const outcome = await cancelRegistration(event.id, user.id)
    if (!outcome.ok) return data({ error: `events:refusals.${outcome.error}` }, { status: 409 })
    return redirectWithFlash(event.slug, {
      type: 'info',
      key: 'events:flash.registrationCancelled',
    })
  }

  // Everything below is the organizer's.
  await requireManagedEvent(event.slug, user)
  if (intent === 'publish') {
    await publishEvent(event.id, user)
    return redirectWithFlash(event.slug, { type: 'success', key: 'events:flash.published' })
  }
  if (intent === 'cancel-event') {
    if (formData.get('confirm') !== 'on') {
      return data({ error: 'events:errors.confirmCancel' }, { status: 400 })
    }
    const outcome = await cancelEvent(event.id, user)
    if (!outcome.ok) return data({ error: 'events:refusals.notOpen' }, { status: 409 })
    return redirectWithFlash(event.slug, { type: 'info', key: 'events:flash.eventCancelled' })
  }
  if (intent === 'delete-draft') {
    if (!(await deleteDraftEvent(event.id, user))) {
      return data({ error: 'events:refusals.notDraft' }, { status: 409 })
    }
    return redirect('/evenements', {
      headers: {
        'Set-Cookie': await flashHeader({ type: 'info', key: 'events:flash.draftDeleted' }),
      },
    })
  }
  throw data('common:errors.unknownAction', { status: 400 })
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaderData }) =>
  loaderData
    ? [{ title: `${loaderData.event.title} — Passerelle` }]
    : pageTitle(matches, 'events:list.title')

function RegistrationBox() {
  const { t } = useTranslation('events')
  const { event, registration, window, signedIn, seatsLeft, myOrganisations } =
    useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const active =
    registration && ['confirmed', 'waitlisted', 'pending_approval'].includes(registration.status)

  if (active) {
    return (
      <div>
        <p>
          <span
            className={`fr-badge fr-badge--${registration.status === 'confirmed' ? 'success' : 'info'}`}
          >
            {t(`status.${registration.status}`)}
          </span>
        </p>
        <p>{t(`registration.yours.${registration.status}`)}</p>
        {event.format === 'rendez_vous' && registration.status === 'confirmed' ? (
          <p>
            <Link
              className="fr-btn fr-icon-team-line fr-btn--icon-left"
              to={`/evenements/${event.slug}/rendez-vous`}
            >
              {t('page.meetings')}
            </Link>
          </p>
        ) : null}
        {window !== 'started' && event.status !== 'cancelled' ? (
          <Form method="post">
            <button
              className="fr-btn fr-btn--secondary"
              type="submit"
              name="intent"
              value="cancel-registration"
              disabled={busy}
            >
              {t('registration.cancel')}
            </button>
          </Form>
        ) : null}
      </div>
    )
  }
  if (registration?.status === 'declined') return <p>{t('registration.yours.declined')}</p>
  if (window !== 'open') return <p>{t(`registration.closed.${window}`)}</p>
  if (!signedIn) {
    return (
      <p>
        <Link
          className="fr-btn"
          to={`/connexion?redirectTo=${encodeURIComponent(`/evenements/${event.slug}`)}`}
        >
          {t('registration.signInToRegister')}
        </Link>
      </p>
    )
  }
  const label = event.approvalRequired
    ? t('registration.request')
    : seatsLeft > 0
      ? t('registration.register')
      : t('registration.joinWaitlist')
  return (
    <Form method="post">
      {event.approvalRequired ? <p>{t('registration.approvalNotice')}</p> : null}
      {seatsLeft === 0 && !event.approvalRequired ? <p>{t('registration.fullNotice')}</p> : null}
      {myOrganisations.length ? (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="inscription-organisation">
            {t('registration.organisation')}
            <span className="fr-hint-text">{t('registration.organisationHint')}</span>
          </label>
          <select className="fr-select" id="inscription-organisation" name="organisationId">
            <option value="">{t('registration.noOrganisation')}</option>
            {myOrganisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button className="fr-btn" type="submit" name="intent" value="register" disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

function OrganizerBox() {
  const { t } = useTranslation('events')
  const { event } = useLoaderData<typeof loader>()
  const base = `/evenements/${event.slug}`
  return (
    <section
      className="fr-mt-6w fr-p-3w passerelle-organizer-box"
      aria-labelledby="organisation-titre"
    >
      <h2 id="organisation-titre" className="fr-h4">
        {t('page.organizerTools')}
      </h2>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <Link className="fr-btn fr-btn--secondary" to={`${base}/modifier`}>
            {t('page.edit')}
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to={`${base}/gestion`}>
            {t('page.manage')}
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to={`${base}/emargement`}>
            {t('page.checkIn')}
          </Link>
        </li>
        {event.format === 'rendez_vous' ? (
          <>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`${base}/rendez-vous/configuration`}>
                {t('page.meetingsSetup')}
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`${base}/rendez-vous/planning`}>
                {t('page.meetingsPlanning')}
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`${base}/rendez-vous/grille`}>
                {t('page.meetingsGrid')}
              </Link>
            </li>
          </>
        ) : null}
      </ul>
      {event.status === 'draft' ? (
        <Form method="post" className="fr-mt-2w">
          <p>{t('page.draftNotice')}</p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button className="fr-btn" type="submit" name="intent" value="publish">
                {t('page.publish')}
              </button>
            </li>
            <li>
              <button
                className="fr-btn fr-btn--tertiary"
                type="submit"
                name="intent"
                value="delete-draft"
              >
                {t('page.deleteDraft')}
              </button>
            </li>
          </ul>
        </Form>
      ) : null}
      {event.status === 'published' ? (
        <Form method="post" className="fr-mt-2w">
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend fr-text--regular">
              {t('page.cancelLegend')}
            </legend>
            <div className="fr-fieldset__element">
              <div className="fr-checkbox-group">
                <input type="checkbox" id="confirmer-annulation" name="confirm" required />
                <label className="fr-label" htmlFor="confirmer-annulation">
                  {t('page.cancelConfirm')}
                </label>
              </div>
            </div>
          </fieldset>
          <button
            className="fr-btn fr-btn--tertiary fr-icon-close-line fr-btn--icon-left"
            type="submit"
            name="intent"
            value="cancel-event"
          >
            {t('page.cancelEvent')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export default function EventPage() {
  const { t, i18n } = useTranslation('events')
  const { event, organisation, canManage, seatsLeft, regionLabel, tags } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const language = i18n.language
  const description = eventDescription(event, language)
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
            <a
              className="fr-breadcrumb__link"
              aria-current="page"
              href={`/evenements/${event.slug}`}
            >
              {eventTitle(event, language)}
            </a>
          </li>
        </ol>
      </nav>
      <p className="fr-mb-1w">
        <span className="fr-badge fr-badge--sm fr-badge--purple-glycine fr-mr-1w">
          {t(`formats.${event.format}`)}
        </span>
        {event.status !== 'published' ? (
          <span
            className={`fr-badge fr-badge--sm fr-badge--${event.status === 'cancelled' ? 'error' : 'new'}`}
          >
            {t(`eventStatus.${event.status}`)}
          </span>
        ) : null}
      </p>
      <h1>{eventTitle(event, language)}</h1>
      {event.status === 'cancelled' ? (
        <div className="fr-mb-3w">
          <Notice type="warning">{t('page.cancelledNotice')}</Notice>
        </div>
      ) : null}
      {actionData && 'error' in actionData ? (
        <div className="fr-mb-3w">
          <Notice type="error">{t(actionData.error)}</Notice>
        </div>
      ) : null}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <dl className="passerelle-event-facts">
            <dt>{t('page.when')}</dt>
            <dd>{formatEventWhen(event.startsAt, event.endsAt, event.timeZone, language, t)}</dd>
            {event.venueName || event.venueAddress ? (
              <>
                <dt>{t('page.where')}</dt>
                <dd>{[event.venueName, event.venueAddress].filter(Boolean).join(', ')}</dd>
              </>
            ) : null}
            {event.onlineUrl ? (
              <>
                <dt>{t('page.online')}</dt>
                <dd>
                  <a href={event.onlineUrl} rel="noopener noreferrer" target="_blank">
                    {event.onlineUrl}
                    <span className="fr-sr-only"> {t('page.newWindow')}</span>
                  </a>
                </dd>
              </>
            ) : null}
            {regionLabel ? (
              <>
                <dt>{t('page.region')}</dt>
                <dd>{regionLabel}</dd>
              </>
            ) : null}
            {organisation ? (
              <>
                <dt>{t('page.organisedBy')}</dt>
                <dd>
                  <Link to={`/organisations/${organisation.slug}`}>{organisation.name}</Link>
                </dd>
              </>
            ) : null}
            <dt>{t('page.seats')}</dt>
            <dd>
              {seatsLeft > 0
                ? t('page.seatsLeft', { count: seatsLeft, capacity: event.capacity })
                : t('page.full', { capacity: event.capacity })}
            </dd>
            {event.registrationDeadline ? (
              <>
                <dt>{t('page.deadline')}</dt>
                <dd>
                  {formatEventInstant(event.registrationDeadline, event.timeZone, language, t)}
                </dd>
              </>
            ) : null}
          </dl>
          {tags.length ? (
            <ul className="fr-tags-group fr-mt-2w" aria-label={t('page.tags')}>
              {tags.map((tag) => (
                <li key={tag.code}>
                  <Link className="fr-tag fr-tag--sm" to={`/evenements?tag=${tag.code}`}>
                    {tag.label}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {description ? (
            <section className="fr-mt-4w" aria-labelledby="description-titre">
              <h2 id="description-titre" className="fr-h4">
                {t('page.description')}
              </h2>
              <p className="passerelle-pre-line">{description}</p>
            </section>
          ) : null}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <section
            className="fr-p-3w passerelle-registration-box"
            aria-labelledby="inscription-titre"
          >
            <h2 id="inscription-titre" className="fr-h4">
              {t('page.registration')}
            </h2>
            <div aria-live="polite">
              <RegistrationBox />
            </div>
            {event.status !== 'draft' ? (
              <p className="fr-mt-3w">
                <a
                  className="fr-link fr-icon-calendar-line fr-link--icon-left"
                  href={`/evenements/${event.slug}/agenda.ics`}
                  download={`${event.slug}.ics`}
                >
                  {t('page.addToCalendar')}
                </a>
              </p>
            ) : null}
          </section>
        </div>
      </div>
      {canManage ? <OrganizerBox /> : null}
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
