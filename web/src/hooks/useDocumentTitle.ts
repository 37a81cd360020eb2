// The window's title names where the reader is (WCAG 2.4.2), in the interface's language:
// "So sánh — Chỉ thị 05", "Xu hướng tham dự — Trình chiếu — Chỉ thị 05". A screen reader reads it
// on arriving and a sighted user finds the tab by it; it follows every view, slide and language.
import { createContext, useContext, useEffect } from "react";
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

/**
 * What a view inside the layout adds before the view's name ("Mô hình Dân vận khéo — Mô hình —
 * Chỉ thị 05"). The layout owns the title (one effect writes it, so a parent's effect cannot
 * overwrite a child's); a view reports its detail through this setter.
 */
export const TitleDetailContext = createContext<(detail: string | null) => void>(() => {});

/** Names the thing on screen (a model's page) in the window title while it is shown. */
export function useTitleDetail(detail: string | null | undefined): void {
  const setDetail = useContext(TitleDetailContext);
  useEffect(() => {
    setDetail(detail ?? null);
    return () => setDetail(null);
  }, [detail, setDetail]);
}
