// The organizer's event form (creation and edition): plain HTML fields that work without
// JavaScript; the server validates (event-validation.server.ts) and conform shows its answer.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  ChoiceGroup,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useValidatedForm,
} from '~/components/forms.tsx'
import { EVENT_FORMATS } from '~/models/events/constants.ts'
import { timeZoneKey } from '~/models/events/format.ts'
import { EVENT_TIME_ZONES } from '~/utils/zoned-time.ts'

export interface EventFormOptions {
  regions: Array<{ code: string; label: string }>
  challenges: Array<{ code: string; label: string }>
  organisations: Array<{ id: string; name: string }>
}

export type EventFormDefaults = Partial<{
  title: string
  titleEn: string
  descriptionFr: string
  descriptionEn: string
  format: string
  startsAt: string
  endsAt: string
  timeZone: string
  venueName: string
  venueAddress: string
  onlineUrl: string
  regionCode: string
  capacity: string
  registrationDeadline: string
  approvalRequired: string
  challengeCodes: string[]
  organisationId: string
}>

export function EventForm({
  id,
  lastResult,
  defaultValue,
  options,
  mode,
}: {
  id: string
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: EventFormDefaults
  options: EventFormOptions
  mode: 'create' | 'edit'
}) {
  const { t } = useTranslation('events')
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({ id, lastResult, defaultValue })
  const busy = navigation.state === 'submitting'
  const { key: approvalKey, ...approvalProps } = getInputProps(fields.approvalRequired, {
    type: 'checkbox',
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('form.about')}</legend>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.title}
            label={t('form.title')}
            required
            minLength={3}
            maxLength={160}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField field={fields.titleEn} label={t('form.titleEn')} hint={t('form.optional')} />
        </div>
        <div className="fr-fieldset__element">
          <SelectField field={fields.format} label={t('form.format')}>
            <option value="">{t('form.choose')}</option>
            {EVENT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`formats.${format}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField field={fields.descriptionFr} label={t('form.descriptionFr')} />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            field={fields.descriptionEn}
            label={t('form.descriptionEn')}
            hint={t('form.optional')}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('form.when')}</legend>
        <div className="fr-fieldset__element">
          <SelectField
            field={fields.timeZone}
            label={t('form.timeZone')}
            hint={t('form.timeZoneHint')}
          >
            {EVENT_TIME_ZONES.map((zone) => (
              <option key={zone} value={zone}>
                {t(timeZoneKey(zone))}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            field={fields.startsAt}
            label={t('form.startsAt')}
            type="datetime-local"
            required
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            field={fields.endsAt}
            label={t('form.endsAt')}
            type="datetime-local"
            required
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.registrationDeadline}
            label={t('form.registrationDeadline')}
            hint={t('form.registrationDeadlineHint')}
            type="datetime-local"
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          {t('form.where')}
          <span className="fr-hint-text">{t('form.whereHint')}</span>
        </legend>
        <div className="fr-fieldset__element">
          <TextField field={fields.venueName} label={t('form.venueName')} />
        </div>
        <div className="fr-fieldset__element">
          <TextField field={fields.venueAddress} label={t('form.venueAddress')} />
        </div>
        <div className="fr-fieldset__element">
          <TextField field={fields.onlineUrl} label={t('form.onlineUrl')} type="url" />
        </div>
        <div className="fr-fieldset__element">
          <SelectField field={fields.regionCode} label={t('form.region')} hint={t('form.optional')}>
            <option value="">{t('form.noRegion')}</option>
            {options.regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.label}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">{t('form.registrations')}</legend>
        <div className="fr-fieldset__element">
          <TextField field={fields.capacity} label={t('form.capacity')} type="number" required />
        </div>
        <div className="fr-fieldset__element">
          <div className="fr-checkbox-group">
            <input key={approvalKey} {...approvalProps} />
            <label className="fr-label" htmlFor={fields.approvalRequired.id}>
              {t('form.approvalRequired')}
              <span className="fr-hint-text">{t('form.approvalRequiredHint')}</span>
            </label>
          </div>
        </div>
        {options.organisations.length ? (
          <div className="fr-fieldset__element">
            <SelectField
              field={fields.organisationId}
              label={t('form.organisation')}
              hint={t('form.optional')}
            >
              <option value="">{t('form.noOrganisation')}</option>
              {options.organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
      </fieldset>

      <ChoiceGroup
        type="checkbox"
        small
        field={fields.challengeCodes}
        legend={t('form.challenges')}
        hint={t('form.challengesHint')}
        options={options.challenges}
      />

      <ul className="fr-btns-group fr-btns-group--inline-md">
        {mode === 'create' ? (
          <>
            <li>
              <button
                className="fr-btn"
                type="submit"
                name="intent"
                value="publish"
                disabled={busy}
              >
                {t('form.createAndPublish')}
              </button>
            </li>
            <li>
              <button
                className="fr-btn fr-btn--secondary"
                type="submit"
                name="intent"
                value="draft"
                disabled={busy}
              >
                {t('form.saveDraft')}
              </button>
            </li>
          </>
        ) : (
          <li>
            <button className="fr-btn" type="submit" name="intent" value="save" disabled={busy}>
              {t('form.save')}
            </button>
          </li>
        )}
      </ul>
    </Form>
  )
}
