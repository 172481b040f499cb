export interface FilterOption {
  code: string
  label: string
}

export interface FilterOptionGroup {
  code: string
  label: string
  items: FilterOption[]
}

/** One filter of a list page's GET form: a DSFR select whose first choice means « all ». */
export function FilterSelect({
  name,
  label,
  value,
  allLabel,
  options = [],
  groups = [],
}: {
  name: string
  label: string
  value: string | null | undefined
  allLabel: string
  options?: FilterOption[]
  /** Options under headings (e.g. challenges by theme), after the ungrouped ones. */
  groups?: FilterOptionGroup[]
}) {
  const optionList = (items: FilterOption[]) =>
    items.map((option) => (
      <option key={option.code} value={option.code}>
        {option.label}
      </option>
    ))
  return (
    <div className="fr-select-group">
      <label className="fr-label" htmlFor={`filtre-${name}`}>
        {label}
      </label>
      <select className="fr-select" id={`filtre-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{allLabel}</option>
        {optionList(options)}
        {groups.map((group) => (
          <optgroup key={group.code} label={group.label}>
            {optionList(group.items)}
          </optgroup>
        ))}
      </select>
    </div>
  )
}
