// Where am I in the unit tree: breadcrumb up to the account's scope, one step up, and a list of
// the units directly below to drill into. Each unit shows its code (mã đơn vị), which a
// spreadsheet import may use instead of the name.
import { useQuery } from "urql";
import { UnitContextQuery } from "../graphql/units";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useI18n } from "../lib/i18n";
import { label, unitKinds } from "../lib/labels";
import styles from "./UnitPicker.module.css";

export function UnitPicker() {
  const { t, lang } = useI18n();
  const { unitId, setUnit } = useDashboardParams();
  const [{ data, fetching, error }] = useQuery({
    query: UnitContextQuery,
    variables: { id: unitId },
    pause: !unitId,
  });
  const unit = data?.unit;

  if (!unit) {
    return (
      <div className={styles.unitPicker} role="status">
        {error ? t("state.error") : fetching ? t("state.loading") : "—"}
      </div>
    );
  }
  const parent = unit.ancestors.at(-1);
  const children = unit.children.edges.map((e) => e.node);
  return (
    <div className={styles.unitPicker}>
      <nav aria-label={t("unit.breadcrumb")} className="breadcrumb">
        <ol>
          {unit.ancestors.map((ancestor) => (
            <li key={ancestor.id}>
              <button type="button" className="link" onClick={() => setUnit(ancestor.id)}>
                {ancestor.name}
              </button>
            </li>
          ))}
          <li aria-current="page">
            <strong>{unit.name}</strong>{" "}
            <span className="muted">
              ({label(unitKinds, unit.kind, lang)} · {t("unit.code")} {unit.code})
            </span>
          </li>
        </ol>
      </nav>
      <div className={styles.unitActions}>
        {parent && (
          <button
            type="button"
            className="button button-small"
            onClick={() => setUnit(parent.id)}
            aria-label={`${t("unit.up")}: ${parent.name}`}
          >
            ↑ {t("unit.up")}
          </button>
        )}
        {children.length > 0 && (
          <select
            className="select"
            aria-label={t("unit.children")}
            value=""
            onChange={(event) => event.target.value && setUnit(event.target.value)}
          >
            <option value="">{t("unit.choose")}</option>
            {children.map((child) => (
              <option key={child.id} value={child.id}>
                {child.name} ({child.code})
              </option>
            ))}
          </select>
        )}
      </div>
    </div>
  );
}
