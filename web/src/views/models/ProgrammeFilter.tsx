// The programme a model belongs to ("Dân vận khéo"…), typed or picked from the usual ones; the
// list and the charts follow when the field is left or submitted.
import { useState } from "react";
import { useI18n } from "../../lib/i18n";

export function ProgrammeFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  return (
    <form
      className="field-inline"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(text.trim());
      }}
    >
      <label htmlFor="programme-filter">{t("models.programme")}</label>
      <input
        id="programme-filter"
        className="input"
        list="programmes"
        value={text}
        placeholder="Dân vận khéo"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => onChange(text.trim())}
      />
      <datalist id="programmes">
        <option value="Dân vận khéo" />
        <option value="Mô hình điểm học tập và làm theo Bác" />
      </datalist>
    </form>
  );
}
