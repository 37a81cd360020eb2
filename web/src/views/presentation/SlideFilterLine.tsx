// The filters of the slide's saved view under its title, so the room knows what it is looking
// at: "Bộ lọc: Lĩnh vực: Kinh tế · Trạng thái: Duy trì (không áp dụng cho trang này)".
import { DRILL_FILTERS } from "../../lib/drill";
import { useI18n } from "../../lib/i18n";
import { label } from "../../lib/labels";
import styles from "../Presentation.module.css";
import type { SlideFilter } from "./slideFilters";

export function SlideFilterLine({ filters }: { filters: SlideFilter[] }) {
  const { t, lang } = useI18n();
  if (filters.length === 0) return null;
  const text = (filter: SlideFilter) => {
    if (filter.param === "programme") return `${t("models.programme")}: ${filter.value}`;
    const table = DRILL_FILTERS[filter.param];
    return `${t(table.title)}: ${label(table.labels, filter.value, lang)}`;
  };
  return (
    <p className={styles.filters} data-testid="slide-filters">
      <span>{t("present.filters")}:</span>
      {filters.map((filter) => (
        <span
          key={filter.param}
          className={filter.applied ? styles.filterApplied : styles.filterUnapplied}
          data-applied={filter.applied}
        >
          {text(filter)}
          {!filter.applied && ` (${t("present.filterNotApplied")})`}
        </span>
      ))}
    </p>
  );
}
