// The organisation profile form, for creation and edits: DSFR fieldsets, per-field messages,
// tags as checkboxes grouped by facet (challenges under their theme). The server validates
// (docs/decisions/005-light-pages.md); the browser only gets HTML constraints as hints.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { DirectoryOptions } from '~/models/directory/options.server.ts'
import {
  LIMITS,
  ORG_KINDS,
  SIZE_BANDS,
  VISIBILITIES,
  WORKING_LANGUAGES,
} from '~/models/directory/constants.ts'
import {
  ChoiceGroup,
  ErrorList,
  FormErrors,
  SelectField,
  HoneypotField,
  TextAreaField,
  TextField,
  useValidatedForm,
} from '~/components/forms.tsx'

export type OrganisationFormDefaults = Partial<Record<string, string | string[] | undefined>>

export function OrganisationForm({
  id,
  lastResult,
  defaultValue,
  options,
  submitLabel,
}: {
  id: string
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue?: OrganisationFormDefaults
  options: DirectoryOptions
  submitLabel: string
}) {
  const { t } = useTranslation('directory')
  const navigation = useNavigation()
  const [form, fields] = useValidatedForm({
    id,
    lastResult,
    defaultValue,
  })
  const length = (max: number) => t('form.maxLength', { max })
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <HoneypotField />
      <p className="fr-text--sm">{t('form.requiredNote')}</p>

      <fieldset className="fr-fieldset" aria-labelledby={`${id}-identite`}>
        <legend className="fr-fieldset__legend" id={`${id}-identite`}>
          <h2 className="fr-h4 fr-mb-0">{t('form.sections.identity')}</h2>
        </legend>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.name}
            label={`${t('fields.name')} *`}
            hint={t('form.nameHint', { min: LIMITS.nameMin, max: LIMITS.name })}
            autoComplete="organization"
            required
            minLength={LIMITS.nameMin}
            maxLength={LIMITS.name}
          />
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            field={fields.kind}
            legend={`${t('fields.kind')} *`}
            type="radio"
            required
            inline
            options={ORG_KINDS.map((kind) => ({ code: kind, label: t(`kinds.${kind}`) }))}
          />
        </div>
        <div className="fr-fieldset__element">
          <SelectField
            field={fields.subKind}
            label={t('fields.subKind')}
            hint={t('form.subKindHint')}
            placeholder={t('form.noSubKind')}
          >
            {ORG_KINDS.filter((kind) => options.subKinds[kind].length > 0).map((kind) => (
              <optgroup key={kind} label={t(`kinds.${kind}`)}>
                {options.subKinds[kind].map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.website}
            label={t('fields.website')}
            hint={t('form.websiteHint')}
            autoComplete="url"
            maxLength={LIMITS.website}
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <TextField
            field={fields.foundedYear}
            label={t('fields.foundedYear')}
            hint={t('form.yearHint', { min: LIMITS.yearMin })}
            type="number"
          />
        </div>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <SelectField
            field={fields.sizeBand}
            label={t('fields.sizeBand')}
            placeholder={t('form.unspecified')}
          >
            {SIZE_BANDS.map((band) => (
              <option key={band} value={band}>
                {t(`sizeBands.${band}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${id}-presentation`}>
        <legend className="fr-fieldset__legend" id={`${id}-presentation`}>
          <h2 className="fr-h4 fr-mb-0">{t('form.sections.presentation')}</h2>
          <span className="fr-hint-text">{t('form.languagesHint')}</span>
        </legend>
        <div className="fr-fieldset__element">
          <TextAreaField
            field={fields.pitchFr}
            maxLength={LIMITS.pitch}
            label={t('fields.pitchFr')}
            hint={length(LIMITS.pitch)}
            rows={2}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            field={fields.pitchEn}
            maxLength={LIMITS.pitch}
            label={t('fields.pitchEn')}
            hint={length(LIMITS.pitch)}
            rows={2}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            field={fields.descriptionFr}
            maxLength={LIMITS.description}
            label={t('fields.descriptionFr')}
            hint={length(LIMITS.description)}
            rows={6}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            field={fields.descriptionEn}
            maxLength={LIMITS.description}
            label={t('fields.descriptionEn')}
            hint={length(LIMITS.description)}
            rows={6}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            rows={4}
            field={fields.offers}
            maxLength={LIMITS.offersSeeks}
            label={t('fields.offers')}
            hint={length(LIMITS.offersSeeks)}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextAreaField
            rows={4}
            field={fields.seeks}
            maxLength={LIMITS.offersSeeks}
            label={t('fields.seeks')}
            hint={length(LIMITS.offersSeeks)}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${id}-lieu`}>
        <legend className="fr-fieldset__legend" id={`${id}-lieu`}>
          <h2 className="fr-h4 fr-mb-0">{t('form.sections.location')}</h2>
        </legend>
        <div className="fr-fieldset__element">
          <SelectField
            field={fields.regionCode}
            label={`${t('fields.region')} *`}
            placeholder={t('form.chooseRegion')}
            required
          >
            {options.regions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.city}
            label={t('fields.city')}
            autoComplete="address-level2"
            maxLength={LIMITS.city}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${id}-themes`}>
        <legend className="fr-fieldset__legend" id={`${id}-themes`}>
          <h2 className="fr-h4 fr-mb-0">{t('form.sections.tags')}</h2>
          <span className="fr-hint-text">{t('form.tagsHint', { max: LIMITS.tagsPerKind })}</span>
        </legend>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            field={fields.sectorCodes}
            inline
            legend={t('fields.sectors')}
            type="checkbox"
            options={options.sectors}
          />
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            field={fields.technologyCodes}
            inline
            legend={t('fields.technologies')}
            type="checkbox"
            options={options.technologies}
          />
        </div>
        <div className="fr-fieldset__element">
          <fieldset
            className={`fr-fieldset${fields.challengeCodes.errors?.length ? ' fr-fieldset--error' : ''}`}
            aria-labelledby={`${id}-defis ${id}-defis-messages`}
          >
            <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-defis`}>
              {t('fields.challenges')}
              <span className="fr-hint-text">{t('form.challengesHint')}</span>
            </legend>
            {options.challengeThemes.map((theme) => (
              <div className="fr-fieldset__element" key={theme.code}>
                <ChoiceGroup
                  field={fields.challengeCodes}
                  inline
                  legend={theme.label}
                  type="checkbox"
                  options={theme.items}
                  showErrors={false}
                />
              </div>
            ))}
            <ErrorList id={`${id}-defis-messages`} errors={fields.challengeCodes.errors} />
          </fieldset>
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${id}-contact`}>
        <legend className="fr-fieldset__legend" id={`${id}-contact`}>
          <h2 className="fr-h4 fr-mb-0">{t('form.sections.contact')}</h2>
          <span className="fr-hint-text">{t('form.contactHint')}</span>
        </legend>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.contactEmail}
            label={`${t('fields.contactEmail')} *`}
            type="email"
            autoComplete="email"
            required
          />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            field={fields.contactPhone}
            label={t('fields.contactPhone')}
            type="tel"
            autoComplete="tel"
            maxLength={LIMITS.phone}
          />
        </div>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            field={fields.languages}
            legend={`${t('fields.languages')} *`}
            type="checkbox"
            inline
            options={WORKING_LANGUAGES.map((code) => ({ code, label: t(`languages.${code}`) }))}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby={`${id}-visibilite`}>
        <legend className="fr-fieldset__legend" id={`${id}-visibilite`}>
          <h2 className="fr-h4 fr-mb-0">{t('form.sections.visibility')}</h2>
        </legend>
        <div className="fr-fieldset__element">
          <ChoiceGroup
            field={fields.visibility}
            legend={`${t('fields.visibility')} *`}
            type="radio"
            required
            options={VISIBILITIES.map((visibility) => ({
              code: visibility,
              label: t(`visibility.${visibility}`),
              hint: t(`visibilityHints.${visibility}`),
            }))}
          />
        </div>
      </fieldset>

      <button className="fr-btn" type="submit" disabled={navigation.state === 'submitting'}>
        {submitLabel}
      </button>
    </Form>
  )
}
