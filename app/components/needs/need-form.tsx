// The need form (creation and edits): DSFR fieldsets, tags as checkboxes, per-field messages
// from the server's answer. Works without JavaScript; the schema stays on the server
// (docs/decisions/005-light-pages.md).
import {
  getCollectionProps,
  getFormProps,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  BUDGET_BANDS,
  NEED_DEFAULT_VALIDITY_DAYS,
  NEED_DESCRIPTION_MAX,
  NEED_DESCRIPTION_MIN,
  NEED_MAX_VALIDITY_DAYS,
  NEED_TITLE_MAX,
  NEED_TITLE_MIN,
} from '~/models/needs/constants.ts'
import {
  ChoiceGroup,
  FormErrors,
  SelectField,
  TextAreaField,
  TextField,
  useValidatedForm,
} from '~/components/forms.tsx'

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
          field={fields.organisationId}
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
        field={fields.description}
        label={t('form.description')}
        hint={t('form.descriptionHint', { min: NEED_DESCRIPTION_MIN })}
        rows={8}
        required
        minLength={NEED_DESCRIPTION_MIN}
        maxLength={NEED_DESCRIPTION_MAX}
      />
      <ChoiceGroup
        type="checkbox"
        inline
        field={fields.challengeCodes}
        legend={t('form.challenges')}
        hint={t('form.challengesHint')}
        options={options.challenges}
      />
      <ChoiceGroup
        type="checkbox"
        inline
        field={fields.sectorCodes}
        legend={t('form.sectors')}
        options={options.sectors}
      />
      <ChoiceGroup
        type="checkbox"
        inline
        field={fields.technologyCodes}
        legend={t('form.technologies')}
        options={options.technologies}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            field={fields.regionCode}
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
          <SelectField field={fields.budgetBand} label={t('form.budget')}>
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
