// The saved views the presentation plays, picked one by one: each checkbox adds its view at the
// end of the playlist (?views=a,b keeps the picks in order), unticking removes it. With none
// picked every view plays, as before there was a choice.
import { useI18n } from "../../lib/i18n";
import styles from "../Presentation.module.css";
import { parseViewIds, type RotationEntry } from "./rotation";

export function ViewPicker({
  views,
  chosen,
  onChange,
}: {
  views: RotationEntry[];
  chosen: string | null;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const picked = parseViewIds(chosen).filter((id) => views.some((view) => view.key === id));
  return (
    <details className={styles.presentPlaylist} data-testid="view-picker">
      <summary className="button">
        {t("present.views")}
        {picked.length > 0 && ` (${picked.length}/${views.length})`}
      </summary>
      <fieldset>
        <legend className="sr-only">{t("present.views")}</legend>
        {views.length === 0 && <p>{t("present.viewsNone")}</p>}
        {views.map((view) => {
          const position = picked.indexOf(view.key);
          return (
            <label key={view.key} className="field-inline">
              <input
                type="checkbox"
                checked={position >= 0}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...picked, view.key]
                      : picked.filter((id) => id !== view.key),
                  )
                }
              />
              {/* The place in the playlist, so the order of the picks shows. */}
              {position >= 0 ? `${position + 1}. ` : ""}
              {view.label}
            </label>
          );
        })}
        {views.length > 0 && <p className={styles.presentHint}>{t("present.viewsHint")}</p>}
      </fieldset>
    </details>
  );
}
