// The window's title names where the reader is (WCAG 2.4.2), in the interface's language:
// "So sánh — Chỉ thị 05", "Xu hướng tham dự — Trình chiếu — Chỉ thị 05". A screen reader reads it
// on arriving and a sighted user finds the tab by it; it follows every view, slide and language.
import { useEffect } from "react";
import { useI18n } from "../lib/i18n";

/** Sets `document.title` to the parts, most specific first, then the product's short name. */
export function useDocumentTitle(...parts: (string | null | undefined)[]): string {
  const { t } = useI18n();
  const title = [...parts.filter(Boolean), t("productShort")].join(" — ");
  useEffect(() => {
    document.title = title;
  }, [title]);
  return title;
}
