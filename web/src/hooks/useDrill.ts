// Drilling: a click narrows the view by one value (or a trend point's month) and pushes a history
// entry, so the browser's Back undoes exactly that click; removing a chip is a step of its own.
import { useCallback } from "react";
import { useLocation } from "wouter";
import { keep } from "../components/Layout";
import { type DrillParam, drillValue, PERIOD_BEFORE_DRILL } from "../lib/drill";
import { useDashboardParams } from "./useDashboardParams";

export interface Drill {
  /** The parameter's current value, if the URL holds one the table knows. */
  value<Key extends string = string>(param: DrillParam): Key | undefined;
  /** Narrows by one value; with `to`, on another view (the overview's bars lead to their page). */
  narrow(param: DrillParam, value: string, to?: string): void;
  /** Narrows the period to one month ("2025-03"), remembering the period to go back to. */
  narrowToMonth(month: string): void;
  remove(param: DrillParam | "month"): void;
}

export function useDrill(): Drill {
  const { params, setParams } = useDashboardParams();
  const [, navigate] = useLocation();
  const narrow = useCallback(
    (param: DrillParam, value: string, to?: string) => {
      if (!to) return setParams({ [param]: value });
      const query = new URLSearchParams(keep(`?${params.toString()}`));
      query.set(param, value);
      navigate(`${to}?${query.toString()}`);
    },
    [params, setParams, navigate],
  );
  const narrowToMonth = useCallback(
    (month: string) => {
      const before = params.get(PERIOD_BEFORE_DRILL) ?? params.get("p");
      // "" keeps "the default period" to go back to: the URL had no p.
      setParams({ p: month, [PERIOD_BEFORE_DRILL]: before ?? "" });
    },
    [params, setParams],
  );
  const remove = useCallback(
    (param: DrillParam | "month") => {
      if (param !== "month") return setParams({ [param]: null });
      const before = params.get(PERIOD_BEFORE_DRILL);
      setParams({ p: before || null, [PERIOD_BEFORE_DRILL]: null });
    },
    [params, setParams],
  );
  return {
    value: useCallback(
      <Key extends string = string>(param: DrillParam) => drillValue<Key>(params, param),
      [params],
    ),
    narrow,
    narrowToMonth,
    remove,
  };
}
