// Rotation: the presentation plays its slides for one entry after another, either each unit one
// level down (?rotate=units: every commune of the province in turn) or each saved view
// (?rotate=views; ?views=id,id picks which views and in what order, all of them without it). The
// current entry is ?entry=n, beside ?slide=, so a reload or a shared link resumes on the same
// entry and slide. A saved view brings its unit and its own period, measure, comparison level and
// drill filters; the presentation's own settings (slides, interval, theme) stay the room's.
import { useCallback, useMemo } from "react";
import { useQuery } from "urql";
import { SavedViewsQuery } from "../../graphql/saved-views";
import { graphql } from "../../graphql/tada";
import type { UnitKind } from "../../lib/labels";

export type Rotation = "units" | "views";

export const ROTATIONS: Rotation[] = ["units", "views"];

/** Parameters that belong to the presentation itself, never taken from a saved view. */
const PRESENTATION_KEYS = [
  "unit",
  "slides",
  "slide",
  "page",
  "entry",
  "rotate",
  "views",
  "interval",
  "theme",
  "paused",
];

export interface RotationEntry {
  key: string;
  unitId: string;
  label: string;
  /** The view's parameters over the presentation's (views only). */
  query?: string;
}

const RotationUnitsQuery = graphql(`
  query RotationUnits($id: ID!, $kind: UnitKind!) {
    units(filter: { underUnitId: $id, kind: $kind }, orderBy: NAME_ASC, first: 500) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export function parseRotation(text: string | null): Rotation | null {
  return text === "units" || text === "views" ? text : null;
}

/** The chosen views' ids, in the order they were picked (?views=a,b). */
export function parseViewIds(text: string | null): string[] {
  return [...new Set((text ?? "").split(",").filter(Boolean))];
}

/**
 * A saved view's parameters over the presentation's own: the room keeps its slides, pace and
 * theme (and its period when the view has none); everything else — measure, level, drill
 * filters — is the view's alone, so one view's filter never leaks into the next.
 */
export function entryParams(base: URLSearchParams, entry: RotationEntry | null): URLSearchParams {
  if (!entry?.query) return base;
  const merged = new URLSearchParams();
  for (const [key, value] of base) {
    if (PRESENTATION_KEYS.includes(key) || key === "p") merged.set(key, value);
  }
  for (const [key, value] of new URLSearchParams(entry.query)) {
    if (!PRESENTATION_KEYS.includes(key)) merged.set(key, value);
  }
  return merged;
}

/** The chosen views in their order (unknown ids dropped), or every view when none is chosen. */
export function chosenViews<View extends { key: string }>(all: View[], chosen: string[]): View[] {
  if (chosen.length === 0) return all;
  const byKey = new Map(all.map((view) => [view.key, view]));
  const picked = chosen.map((key) => byKey.get(key)).filter((v): v is View => v !== undefined);
  return picked.length > 0 ? picked : all;
}

export interface RotationState {
  rotation: Rotation | null;
  entries: RotationEntry[];
  /** Every saved view the playlist may pick from (views only). */
  views: RotationEntry[];
  index: number;
  current: RotationEntry | null;
  /** The entry `delta` away (wrapping), starting on `slide`. */
  move(delta: 1 | -1, slide: number): void;
}

export function useRotation(
  unitId: string,
  childLevel: UnitKind,
  params: URLSearchParams,
  setParams: (patch: Record<string, string | null>, options?: { replace?: boolean }) => void,
): RotationState {
  const rotation = parseRotation(params.get("rotate"));
  const [units] = useQuery({
    query: RotationUnitsQuery,
    variables: { id: unitId, kind: childLevel },
    pause: rotation !== "units" || !unitId,
  });
  const [viewsResult] = useQuery({
    query: SavedViewsQuery,
    variables: { underUnitId: unitId },
    pause: rotation !== "views" || !unitId,
  });
  const views = useMemo<RotationEntry[]>(
    () =>
      (viewsResult.data?.savedViews.edges ?? []).map(({ node }) => ({
        key: node.id,
        unitId: node.unit.id,
        label: node.name,
        query: node.query,
      })),
    [viewsResult.data],
  );
  const chosen = params.get("views");
  const entries = useMemo<RotationEntry[]>(() => {
    if (rotation === "units") {
      return (units.data?.units.edges ?? []).map(({ node }) => ({
        key: node.id,
        unitId: node.id,
        label: node.name,
      }));
    }
    if (rotation === "views") return chosenViews(views, parseViewIds(chosen));
    return [];
  }, [rotation, units.data, views, chosen]);
  const count = entries.length;
  const index = count > 0 ? Math.min(Math.max(Number(params.get("entry")) || 0, 0), count - 1) : 0;
  const move = useCallback(
    (delta: 1 | -1, slide: number) =>
      setParams(
        { entry: String((index + delta + count) % count), slide: String(slide), page: null },
        { replace: true },
      ),
    [index, count, setParams],
  );
  return { rotation, entries, views, index, current: entries[index] ?? null, move };
}
