// A labelled drop-down of the toolbars (a measure, a level, a sector…): its title beside it, and
// optionally a first, empty choice ("Tất cả") that means no value.
export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  title,
  value,
  options,
  none,
  onChange,
}: {
  title: string;
  value: string;
  options: readonly SelectOption[];
  /** The label of the empty choice, when there is one. */
  none?: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field-inline">
      <span>{title}</span>
      <select className="select" value={value} onChange={(e) => onChange(e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
