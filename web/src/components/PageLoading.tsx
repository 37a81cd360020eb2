// What shows while a view's code is still loading (views are split by route).
import { useI18n } from "../lib/i18n";
import styles from "./PageLoading.module.css";

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className={`state state-loading ${styles.page}`} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t("state.loading")}
    </div>
  );
}
