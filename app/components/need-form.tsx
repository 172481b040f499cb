// The need form (creation and edits): DSFR fieldsets, tags as checkboxes, per-field messages
// from the server's answer. Works without JavaScript; the schema stays on the server
// (docs/decisions/005-light-pages.md).
import {
  getCollectionProps,
  getFormProps,
  getSelectProps,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  BUDGET_BANDS,
  NEED_DEFAULT_VALIDITY_DAYS,
  NEED_DESCRIPTION_MAX,
  NEED_DESCRIPTION_MIN,
  NEED_MAX_VALIDITY_DAYS,
  NEED_TITLE_MAX,
  NEED_TITLE_MIN,
} from '~/utils/need-constants.ts'
import { ErrorList, FormErrors, TextAreaField, TextField, useValidatedForm } from './forms.tsx'

export interface Option {
  code: string
  label: string
}

export interface NeedFormOptions {
  organisations?: Array<{ id: string; name: string }>
  challenges: Option[]
  sectors: Option[]
  technologies: Option[]
  regions: Option[]
}

export type NeedFormDefaults = Partial<Record<string, string | string[] | undefined>>

type AnyField = FieldMetadata<unknown>

export function SelectField({
  field,
  label,
  hint,
  placeholder,
  required,
  children,
}: {
  field: AnyField
  label: ReactNode
  hint?: ReactNode
  placeholder?: string
  required?: boolean
  children: ReactNode
}) {
  const messagesId = `${field.id}-messages`
  const invalid = Boolean(field.errors?.length)
  const { key: _conformKey, ...props } = getSelectProps(field as FieldMetadata<string>, {
    ariaDescribedBy: messagesId,
  })
  return (
    <div className={`fr-select-group${invalid ? ' fr-select-group--error' : ''}`}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <select
        {...props}
        required={required}
        className={`fr-select${invalid ? ' fr-select--error' : ''}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {children}
      </select>
      <ErrorList id={messagesId} errors={field.errors} />
    </div>
  )
}

function CheckboxGroup({
  field,
  legend,
  hint,
  options,
}: {
  field: AnyField
  legend: ReactNode
  hint?: ReactNode
  options: Option[]
}) {
  const legendId = `${field.id}-legend`
  const messagesId = `${field.id}-messages`
  const invalid = Boolean(field.errors?.length)
  const inputs = getCollectionProps(field as FieldMetadata<string[]>, {
    type: 'checkbox',
    options: options.map((option) => option.code),
  })
  const labels = new Map(options.map((option) => [option.code, option.label]))
  return (
    <fieldset
      className={`fr-fieldset${invalid ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${legendId} ${messagesId}`}
    >
      <legend className="fr-fieldset__legend fr-text--regular" id={legendId}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {inputs.map(({ key: _conformKey, ...props }) => (
        <div className="fr-fieldset__element fr-fieldset__element--inline" key={props.id}>
          <div className="fr-checkbox-group">
            <input {...props} />
            <label className="fr-label" htmlFor={props.id}>
              {labels.get(props.value as string)}
            </label>
          </div>
        </div>
      ))}
      <ErrorList id={messagesId} errors={field.errors} />
    </fieldset>
  )
}

export function NeedForm({
  id,
  mode,
  lastResult,
  defaultValue,
  options,
}: {
  id: string
  mode: 'create' | 'edit'
  lastResult?: SubmissionResult<string[]> | null
  defaultValue: NeedFormDefaults
  options: NeedFormOptions
}) {
  const { t } = useTranslation('needs')
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({ id, lastResult, defaultValue })
  const { key: anonymousKey, ...anonymous } = getCollectionProps(
    fields.anonymous as FieldMetadata<string>,
    { type: 'checkbox', options: ['on'] },
  )[0]!
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      {mode === 'edit' ? <input type="hidden" name="intent" value="update" /> : null}
      {mode === 'create' && options.organisations ? (
        <SelectField
          field={fields.organisationId as AnyField}
          label={t('form.organisation')}
          hint={t('form.organisationHint')}
          required
        >
          {options.organisations.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        field={fields.title as FieldMetadata<string>}
        label={t('form.title')}
        hint={t('form.titleHint')}
        required
        minLength={NEED_TITLE_MIN}
        maxLength={NEED_TITLE_MAX}
      />
      <TextAreaField
        field={fields.description as AnyField}
        label={t('form.description')}
        hint={t('form.descriptionHint', { min: NEED_DESCRIPTION_MIN })}
        rows={8}
        required
        minLength={NEED_DESCRIPTION_MIN}
        maxLength={NEED_DESCRIPTION_MAX}
      />
      <CheckboxGroup
        field={fields.challengeCodes as AnyField}
        legend={t('form.challenges')}
        hint={t('form.challengesHint')}
        options={options.challenges}
      />
      <CheckboxGroup
        field={fields.sectorCodes as AnyField}
        legend={t('form.sectors')}
        options={options.sectors}
      />
      <CheckboxGroup
        field={fields.technologyCodes as AnyField}
        legend={t('form.technologies')}
        options={options.technologies}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            field={fields.regionCode as AnyField}
            label={t('form.region')}
            placeholder={t('form.choose')}
            required
          >
            {options.regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <SelectField field={fields.budgetBand as AnyField} label={t('form.budget')}>
            {BUDGET_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(`budget.${band}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            field={fields.deadline as FieldMetadata<string>}
            label={t('form.deadline')}
            hint={t('form.deadlineHint')}
            type="date"
          />
        </div>
        {mode === 'create' ? (
          <div className="fr-col-12 fr-col-md-6">
            <TextField
              field={fields.validityDays as FieldMetadata<string>}
              label={t('form.validityDays')}
              hint={t('form.validityDaysHint', {
                default: NEED_DEFAULT_VALIDITY_DAYS,
                max: NEED_MAX_VALIDITY_DAYS,
              })}
              type="number"
            />
          </div>
        ) : null}
      </div>
      <div className="fr-checkbox-group fr-mb-4w">
        <input {...anonymous} key={anonymousKey} />
        <label className="fr-label" htmlFor={anonymous.id}>
          {t('form.anonymous')}
          <span className="fr-hint-text">{t('form.anonymousHint')}</span>
        </label>
      </div>
      <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
        {mode === 'create' ? t('form.submitCreate') : t('form.submitUpdate')}
      </button>
    </Form>
  )
}
