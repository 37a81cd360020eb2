// Where am I in the unit tree: breadcrumb up to the account's scope, one step up, and a list of
// the units directly below to drill into. Each unit shows its code (mã đơn vị), which a
// spreadsheet import may use instead of the name. The list only prepares a choice and "Xem" makes
// it (WCAG 3.2.2: an arrow key on a closed list changes its value); the new unit is announced, and
// focus moves to the new unit's name (the button pressed may be gone or disabled).
import { useEffect, useRef, useState } from "react";
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
  const [chosen, setChosen] = useState("");
  const [announced, setAnnounced] = useState("");
  const moved = useRef(false);
  const here = useRef<HTMLElement>(null);
  const picker = useRef<HTMLDivElement>(null);
  const name = unit?.name;
  useEffect(() => {
    setChosen("");
    if (!moved.current || !name) return;
    moved.current = false;
    setAnnounced(`${t("unit.label")}: ${name}`);
    // Focus goes to the new unit's name: the button pressed may be gone (the top has no "up") or
    // disabled ("Xem" with nothing chosen), and a browser drops focus from either to the page.
    const active = document.activeElement;
    if (!active || active === document.body || picker.current?.contains(active)) {
      here.current?.focus();
    }
  }, [name, t]);
  const go = (id: string) => {
    moved.current = true;
    setUnit(id);
  };

  if (!unit) {
    return (
      <div className={styles.unitPicker} role="status">
        {error ? t("state.error") : fetching ? t("state.loading") : "—"}
      </div>
    );
  }
  const parent = unit.ancestors.at(-1);
  const children = unit.children.edges.map((e) => e.node);
  // Today's units first; those that ceased (the pre-2025 districts, merged communes) after them,
  // marked, so a leader does not pick a unit that no longer exists by mistake.
  const active = children.filter((c) => c.activeUntil === null);
  const ceased = children.filter((c) => c.activeUntil !== null);
  const option = (child: (typeof children)[number]) => (
    <option key={child.id} value={child.id}>
      {child.name} ({child.code})
      {child.activeUntil === null
        ? ""
        : ` (${t(child.successor ? "unit.merged" : "unit.dissolved")})`}
    </option>
  );
  return (
    <div ref={picker} className={styles.unitPicker}>
      {/* "breadcrumb", unstyled: the end-to-end tests read the trail by that name. */}
      <nav aria-label={t("unit.breadcrumb")} className={`breadcrumb ${styles.breadcrumb}`}>
        <ol>
          {unit.ancestors.map((ancestor) => (
            <li key={ancestor.id}>
              <button type="button" className="link" onClick={() => go(ancestor.id)}>
                {ancestor.name}
              </button>
            </li>
          ))}
          <li aria-current="page">
            <strong ref={here} tabIndex={-1}>
              {unit.name}
            </strong>{" "}
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
            onClick={() => go(parent.id)}
            aria-label={`${t("unit.up")}: ${parent.name}`}
          >
            ↑ {t("unit.up")}
          </button>
        )}
        {children.length > 0 && (
          <form
            className={styles.unitChoose}
            onSubmit={(event) => {
              event.preventDefault();
              if (chosen) go(chosen);
            }}
          >
            <select
              className="select"
              aria-label={t("unit.children")}
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
            >
              <option value="">{t("unit.choose")}</option>
              {ceased.length === 0 ? (
                active.map(option)
              ) : (
                <>
                  <optgroup label={t("unit.activeGroup")}>{active.map(option)}</optgroup>
                  <optgroup label={t("unit.ceasedGroup")}>{ceased.map(option)}</optgroup>
                </>
              )}
            </select>
            <button type="submit" className="button button-small" disabled={!chosen}>
              {t("unit.go")}
            </button>
          </form>
        )}
        <span className="sr-only" role="status">
          {announced}
        </span>
      </div>
    </div>
  );
}
