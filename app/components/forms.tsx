import {
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
} from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { namespacesOf } from '~/i18n.ts'

/**
 * Forms are validated by the server (the zod schema in the action), with or without
 * JavaScript; the browser bundle carries no zod (docs/decisions/005-light-pages.md). conform
 * re-renders only the components that read a piece of its state during render; fields render
 * in child components (TextField…), so the form subscribes to every error here.
 */
export const useValidatedForm: typeof useForm = (options) => {
  const [form, fields] = useForm(options)
  void form.allErrors
  return [form, fields]
}

/** Error messages are catalogue keys (see *-validation.ts); they are translated here. */
export function ErrorList({ id, errors }: { id: string; errors?: string[] | null }) {
  const { t } = useTranslation(namespacesOf(errors ?? []))
  return (
    <div className="fr-messages-group" id={id} aria-live="polite">
      {errors?.map((error) => (
        <p className="fr-message fr-message--error" key={error}>
          {t(error)}
        </p>
      ))}
    </div>
  )
}

type InputType =
  'text' | 'email' | 'password' | 'url' | 'number' | 'search' | 'date' | 'datetime-local' | 'tel'

export function TextField<Value>({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
  required,
  minLength,
  maxLength,
}: {
  field: FieldMetadata<Value, Record<string, unknown>, string[]>
  label: ReactNode
  hint?: ReactNode
  type?: InputType
  autoComplete?: string
  required?: boolean
  minLength?: number
  maxLength?: number
}) {
  const messagesId = `${field.id}-messages`
  const invalid = Boolean(field.errors?.length)
  const { key: _conformKey, ...inputProps } = getInputProps(field, {
    type,
    ariaDescribedBy: messagesId,
  })
  return (
    <div className={`fr-input-group${invalid ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <input
        {...inputProps}
        className={`fr-input${invalid ? ' fr-input--error' : ''}`}
        autoComplete={autoComplete}
        required={required}
        minLength={minLength}
        maxLength={maxLength}
      />
      <ErrorList id={messagesId} errors={field.errors} />
    </div>
  )
}

export function TextAreaField<Value>({
  field,
  label,
  hint,
  rows = 6,
  minLength,
  maxLength,
  required,
}: {
  field: FieldMetadata<Value, Record<string, unknown>, string[]>
  label: ReactNode
  hint?: ReactNode
  rows?: number
  minLength?: number
  maxLength?: number
  required?: boolean
}) {
  const messagesId = `${field.id}-messages`
  const invalid = Boolean(field.errors?.length)
  const { key: _conformKey, ...props } = getTextareaProps(field, { ariaDescribedBy: messagesId })
  return (
    <div className={`fr-input-group${invalid ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={field.id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <textarea
        {...props}
        rows={rows}
        minLength={minLength}
        maxLength={maxLength}
        required={required}
        className={`fr-input${invalid ? ' fr-input--error' : ''}`}
      />
      <ErrorList id={messagesId} errors={field.errors} />
    </div>
  )
}

/** A DSFR select; `placeholder` adds a first, empty choice. */
export function SelectField<Value>({
  field,
  label,
  hint,
  placeholder,
  required,
  children,
}: {
  field: FieldMetadata<Value, Record<string, unknown>, string[]>
  label: ReactNode
  hint?: ReactNode
  placeholder?: string
  required?: boolean
  children: ReactNode
}) {
  const messagesId = `${field.id}-messages`
  const invalid = Boolean(field.errors?.length)
  const { key: _conformKey, ...props } = getSelectProps(field, { ariaDescribedBy: messagesId })
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

export interface ChoiceOption {
  code: string
  label: string
  hint?: string
}

/**
 * Checkboxes or radios in a DSFR fieldset, with its legend and messages. Several groups may
 * share one field (e.g. challenges under their themes): each lists a part of its options.
 */
export function ChoiceGroup<Value>({
  field,
  legend,
  hint,
  type,
  options,
  inline = false,
  small = false,
  showErrors = true,
  required,
}: {
  field: FieldMetadata<Value, Record<string, unknown>, string[]>
  legend: ReactNode
  hint?: ReactNode
  type: 'checkbox' | 'radio'
  options: ChoiceOption[]
  inline?: boolean
  small?: boolean
  showErrors?: boolean
  /** Radios only: a checkbox group cannot say "at least one" in HTML. */
  required?: boolean
}) {
  const legendId = `${field.id}-${options[0]?.code ?? 'x'}-legend`
  const messagesId = `${legendId}-messages`
  const invalid = showErrors && Boolean(field.errors?.length)
  const inputs = getCollectionProps(field, {
    type,
    options: options.map((option) => option.code),
  })
  const groupClass = `${type === 'checkbox' ? 'fr-checkbox-group' : 'fr-radio-group'}${small ? ` fr-${type}-group--sm` : ''}`
  return (
    <fieldset
      className={`fr-fieldset${invalid ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${legendId} ${messagesId}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={legendId}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((option, index) => {
        const { key: _conformKey, ...input } = inputs[index]
        return (
          <div
            className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`}
            key={option.code}
          >
            <div className={groupClass}>
              <input {...input} required={required} aria-describedby={undefined} />
              <label className="fr-label" htmlFor={input.id}>
                {option.label}
                {option.hint ? <span className="fr-hint-text">{option.hint}</span> : null}
              </label>
            </div>
          </div>
        )
      })}
      <ErrorList id={messagesId} errors={showErrors ? field.errors : null} />
    </fieldset>
  )
}

/** Form-level errors (wrong password, rate limit…), announced on arrival. */
export function FormErrors({ errors }: { errors?: string[] | null }) {
  const { t } = useTranslation(namespacesOf(errors ?? []))
  if (!errors?.length) return null
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
      {errors.map((error) => (
        <p key={error}>{t(error)}</p>
      ))}
    </div>
  )
}

/**
 * Honeypot: people never see or fill this field (hidden from screen readers and keyboard);
 * naive bots do, and their submission is refused.
 */
export function HoneypotField() {
  return (
    <div className="passerelle-honeypot" aria-hidden="true">
      <label htmlFor="site-web-pro">Site web</label>
      <input
        id="site-web-pro"
        name="siteWebPro"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  )
}
