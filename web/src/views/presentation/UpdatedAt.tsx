// "Cập nhật lúc 14:05": when the figures on screen were last refreshed. It moves with every live
// push (useLiveVersion), so a leader can tell a live slide from a frozen one.
import { useEffect, useState } from "react";
import { useLiveVersion } from "../../hooks/live";
import { useI18n } from "../../lib/i18n";

export function formatClock(date: Date): string {
  const hh = String(date.getHours()).padStart(2, "0");
  const mm = String(date.getMinutes()).padStart(2, "0");
  return `${hh}:${mm}`;
}

export function UpdatedAt({ className }: { className?: string }) {
  const { t } = useI18n();
  const version = useLiveVersion();
  const [at, setAt] = useState(() => new Date());
  useEffect(() => {
    if (version > 0) setAt(new Date());
  }, [version]);
  return (
    <span className={className} data-updated-at={at.toISOString()} data-live-version={version}>
      {t("present.updatedAt")} {formatClock(at)}
    </span>
  );
}
