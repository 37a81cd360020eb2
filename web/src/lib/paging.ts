// Pages of a ranked list for a slide: as few pages as fit `perPage` rows each, balanced (14 units
// at 10 a page are 7 + 7, not 10 + 4), so no page looks like the whole list by accident.
export interface SlidePage {
  /** 0-based, clamped into range. */
  page: number;
  count: number;
  /** Slice bounds: rows[from, to). */
  from: number;
  to: number;
  total: number;
}

export function slidePage(total: number, perPage: number, page: number): SlidePage {
  const count = Math.max(1, Math.ceil(total / Math.max(1, perPage)));
  const size = Math.ceil(total / count);
  const current = Math.min(Math.max(0, Math.floor(page) || 0), count - 1);
  const from = Math.min(total, current * size);
  return { page: current, count, from, to: Math.min(total, from + size), total };
}
