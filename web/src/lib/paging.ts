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

/** A round upper bound for an axis shared by every page (2.179,3 → 2.500), so ticks stay round. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}
