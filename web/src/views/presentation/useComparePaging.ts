// The comparison slide pages through every unit (ranks and "n/N" shown); the other slides have
// one page. Its chart gets what is left between its page line and its legend (measured), at
// 44 px a bar, or 64 px when each name goes above its bar on a phone-wide slide.
import { useState } from "react";
import { useMeasuredHeight } from "../../hooks/useMeasuredHeight";
import { slidePage } from "../../lib/paging";

export function useComparePaging({
  active,
  page,
  fallback,
  stacked,
}: {
  /** Whether the comparison is the slide on screen. */
  active: boolean;
  /** The page asked for in the URL, so a reload comes back to the same page. */
  page: number;
  /** The chart's height until it is measured. */
  fallback: number;
  stacked: boolean;
}) {
  const [ref, measured] = useMeasuredHeight();
  const chartHeight = Math.max(200, measured ?? fallback);
  const perPage = Math.max(3, Math.floor((chartHeight - 60) / (stacked ? 64 : 44)));
  const [total, setTotal] = useState<number | null>(null);
  const paging = active && total !== null ? slidePage(total, perPage, page) : null;
  return {
    ref,
    chartHeight,
    perPage,
    paging,
    index: paging?.page ?? 0,
    count: paging?.count ?? 1,
    setTotal,
  };
}

export type ComparePaging = ReturnType<typeof useComparePaging>;
