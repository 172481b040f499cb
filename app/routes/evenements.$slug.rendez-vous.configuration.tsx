import { getFormProps } from '@conform-to/react'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { FormErrors, TextAreaField, TextField, useValidatedForm } from '~/components/forms.tsx'
import { MeetingsHeader } from '~/components/meetings/meetings-parts.tsx'
import {
  MeetingRuleError,
  saveSessionConfig,
  sessionFormValues,
} from '~/models/meetings/meetings.server.ts'
import { loadMeetingPage } from '~/models/meetings/page.server.ts'
import { prisma } from '~/utils/db.server.ts'
import { flashHeader } from '~/utils/flash.server.ts'
import {
  formatInstant,
  formatSlotDay,
  formatSlotTimes,
  groupByDay,
  tableDisplay,
  zoneLabel,
} from '~/models/meetings/format.ts'
import { MAX_TABLES, unusedMinutes } from '~/models/meetings/windows.ts'
import { SessionConfigSchema } from '~/models/meetings/validation.server.ts'
import { pageTitle } from '~/utils/meta.ts'
import { parseWithZod } from '~/utils/validation.server.ts'

export const handle = { i18n: ['meetings', 'events'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { context, header } = await loadMeetingPage(request, params.slug, 'organizer')
  const { event, session, slots } = context
  const scheduledMeetings = session
    ? await prisma.meeting.count({ where: { sessionId: session.id, status: 'scheduled' } })
    : 0
  const windows = Array.isArray(session?.windows)
    ? (session.windows as Array<{ start: string; end: string }>).map((w) => ({
        start: new Date(w.start),
        end: new Date(w.end),
      }))
    : []
  return {
    ...header,
    event: { ...header.event, startsAt: event.startsAt, endsAt: event.endsAt },
    values: sessionFormValues(context),
    configured: session !== null,
    scheduledMeetings,
    unused: session ? unusedMinutes(windows, session.slotMinutes) : 0,
    slots: slots.map((s) => ({ index: s.index, startsAt: s.startsAt, endsAt: s.endsAt })),
    tables: session?.tableNames ?? [],
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { context } = await loadMeetingPage(request, params.slug, 'organizer')
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: SessionConfigSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), affectedMeetings: 0 }, { status: 400 })
  }
  try {
    const outcome = await saveSessionConfig(context, submission.value)
    if (outcome.status === 'needs_confirmation') {
      return data(
        {
          result: submission.reply({ formErrors: ['meetings:config.affectedMeetings'] }),
          affectedMeetings: outcome.affectedMeetings,
        },
        { status: 409 },
      )
    }
  } catch (error) {
    if (error instanceof MeetingRuleError) {
      const reply = error.field
        ? submission.reply({ fieldErrors: { [error.field]: [error.key] } })
        : submission.reply({ formErrors: [error.key] })
      return data({ result: reply, affectedMeetings: 0 }, { status: error.status })
    }
    throw error
  }
  return redirect(`/evenements/${context.event.slug}/rendez-vous/configuration`, {
    headers: {
      'Set-Cookie': await flashHeader({ type: 'success', key: 'meetings:flash.configSaved' }),
    },
  })
}

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, 'meetings:pages.configuration')

export default function MeetingConfigurationPage() {
  const { t, i18n } = useTranslation('meetings')
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { event, values, slots, tables } = loaderData
  const zone = event.timeZone
  const [form, fields] = useValidatedForm({
    id: 'configuration-rendez-vous',
    lastResult: actionData?.result,
    defaultValue: {
      ...values,
      slotMinutes: String(values.slotMinutes),
      tableCount: values.tableCount === null ? '' : String(values.tableCount),
      maxMeetingsPerParticipant: String(values.maxMeetingsPerParticipant),
    },
  })
  const affected = actionData?.affectedMeetings ?? 0
  return (
    <div className="fr-container fr-py-6w">
      <MeetingsHeader
        event={event}
        page="configuration"
        isOrganizer
        isParticipant={loaderData.isParticipant}
      />
      <p>
        {t('config.intro', {
          start: formatInstant(event.startsAt, zone, i18n.language),
          end: formatInstant(event.endsAt, zone, i18n.language),
          zone: zoneLabel(zone, t),
        })}
      </p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        {affected > 0 ? (
          <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
            <p>{t('config.affectedDetail', { count: affected })}</p>
            <div className="fr-checkbox-group fr-mt-2w">
              <input type="checkbox" id="annuler-concernes" name="cancelAffected" value="on" />
              <label className="fr-label" htmlFor="annuler-concernes">
                {t('config.cancelAffected', { count: affected })}
              </label>
            </div>
          </div>
        ) : null}
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">{t('config.slotsLegend')}</legend>
          <div className="fr-fieldset__element">
            <TextAreaField
              field={fields.windows}
              label={t('config.windows')}
              hint={t('config.windowsHint', { zone: zoneLabel(zone, t) })}
              rows={4}
              required
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              field={fields.slotMinutes}
              label={t('config.slotMinutes')}
              hint={t('config.slotMinutesHint')}
              type="number"
              required
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">{t('config.tablesLegend')}</legend>
          <div className="fr-fieldset__element">
            <TextField
              field={fields.tableCount}
              label={t('config.tableCount')}
              hint={t('config.tableCountHint', { max: MAX_TABLES })}
              type="number"
            />
          </div>
          <div className="fr-fieldset__element">
            <TextAreaField
              field={fields.tableNames}
              label={t('config.tableNames')}
              hint={t('config.tableNamesHint')}
              rows={4}
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              field={fields.maxMeetingsPerParticipant}
              label={t('config.maxMeetings')}
              type="number"
              required
            />
          </div>
        </fieldset>
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">
            {t('config.bookingLegend', { zone: zoneLabel(zone, t) })}
          </legend>
          <div className="fr-fieldset__element">
            <TextField
              field={fields.bookingOpensAt}
              label={t('config.bookingOpensAt')}
              type="datetime-local"
              required
            />
          </div>
          <div className="fr-fieldset__element">
            <TextField
              field={fields.bookingClosesAt}
              label={t('config.bookingClosesAt')}
              type="datetime-local"
              required
            />
          </div>
        </fieldset>
        <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
          {t('config.save')}
        </button>
      </Form>

      <section className="fr-mt-6w" aria-labelledby="creneaux-titre">
        <h2 id="creneaux-titre">{t('config.currentTitle')}</h2>
        {slots.length === 0 ? (
          <p>{t('config.noSlots')}</p>
        ) : (
          <>
            <p>
              {t('config.summary', {
                slots: slots.length,
                tables: tables.length,
                capacity: slots.length * tables.length,
              })}
            </p>
            {loaderData.unused > 0 ? (
              <p className="fr-text--sm">{t('config.unused', { minutes: loaderData.unused })}</p>
            ) : null}
            {groupByDay(slots, zone).map(({ day, entries }) => (
              <div className="fr-table fr-table--bordered" key={day}>
                <table>
                  <caption>{formatSlotDay(entries[0].startsAt, zone, i18n.language)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('config.slotNumber')}</th>
                      <th scope="col">{t('config.slotTime')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((slot) => (
                      <tr key={slot.index}>
                        <td>{slot.index + 1}</td>
                        <td>{formatSlotTimes(slot.startsAt, slot.endsAt, zone, i18n.language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
            <h3 className="fr-h6">{t('config.tablesTitle', { count: tables.length })}</h3>
            <p>{tables.map((label) => tableDisplay(label, t)).join(' · ')}</p>
          </>
        )}
      </section>
    </div>
  )
}

export { GeneralErrorBoundary as ErrorBoundary }
