// A filter over one enumeration: "Tất cả" or one of its values, labelled in the interface's language.
import { useI18n } from "../lib/i18n";

/** A filter over one enumeration ("Tất cả" or one value), kept in the address. */
export function LabelFilter<Key extends string>({
  title,
  table,
  value,
  onChange,
}: {
  title: string;
  table: Record<Key, { vi: string; en: string }>;
  value: Key | undefined;
  onChange: (value: Key | null) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <label className="field-inline">
      <span>{title}</span>
      <select
        className="select"
        value={value ?? ""}
        onChange={(e) => onChange((e.target.value as Key) || null)}
      >
        <option value="">{t("models.all")}</option>
        {(Object.entries(table) as [Key, { vi: string; en: string }][]).map(([key, names]) => (
          <option key={key} value={key}>
            {names[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
