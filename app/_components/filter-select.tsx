/** A labelled filter for a list page's search form; "" means no filter. */
export function FilterSelect({
  name,
  text,
  options,
  value,
  className = "min-h-11 rounded-md border border-slate-300 bg-white px-2",
}: {
  name: string;
  text: string;
  options: readonly (readonly [value: string, label: string])[];
  value?: string;
  className?: string;
}) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-700">
        {text}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""} className={className}>
        <option value="">Any</option>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}
