// Which entries the presentation rotates across: none, each unit one level down, or each saved
// view of the unit. Kept in the URL (?rotate=) by the presentation.
import { useI18n } from "../../lib/i18n";
import { ROTATIONS, type Rotation } from "./rotation";

export function RotationPicker({
  value,
  onChange,
}: {
  value: Rotation | null;
  onChange: (value: Rotation | null) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field-inline">
      <span>{t("present.rotate")}</span>
      <select
        className="select"
        value={value ?? ""}
        onChange={(event) => onChange((event.target.value as Rotation) || null)}
      >
        <option value="">{t("present.rotateNone")}</option>
        {ROTATIONS.map((rotation) => (
          <option key={rotation} value={rotation}>
            {t(rotation === "units" ? "present.rotateUnits" : "present.rotateViews")}
          </option>
        ))}
      </select>
    </label>
  );
}
