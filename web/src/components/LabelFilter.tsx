// A filter over one enumeration: "Tất cả" or one of its values, labelled in the interface's language.
import { useI18n } from "../lib/i18n";
import { SelectField } from "./SelectField";

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
    <SelectField
      title={title}
      value={value ?? ""}
      none={t("models.all")}
      options={(Object.entries(table) as [Key, { vi: string; en: string }][]).map(
        ([key, names]) => ({ value: key, label: names[lang] }),
      )}
      onChange={(selected) => onChange((selected as Key) || null)}
    />
  );
}
