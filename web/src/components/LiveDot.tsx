import { useLiveStatus } from "../client";
import { useI18n } from "../lib/i18n";
import styles from "./LiveDot.module.css";

/**
 * "● Trực tiếp" while the live connection is up, nothing otherwise. It keeps the plain name
 * live-dot, unstyled: the end-to-end tests wait for it.
 */
export function LiveDot({ className = "" }: { className?: string }) {
  const { t } = useI18n();
  if (useLiveStatus() !== "connected") return null;
  // The leading space parts it from the text before it in a live region (the slide's counter).
  return <span className={`live-dot ${styles.dot} ${className}`}> {t("live.connected")}</span>;
}
