import { useI18n } from "../../lib/i18n";
import { label, type ModelStatus, modelStatuses } from "../../lib/labels";
import styles from "./StatusBadge.module.css";

/** A model's status, named in the reader's language, in its colour (list and model page). */
export function StatusBadge({ status }: { status: ModelStatus }) {
  const { lang } = useI18n();
  return (
    <span className={`badge ${styles[status.toLowerCase()] ?? ""}`}>
      {label(modelStatuses, status, lang)}
    </span>
  );
}
