// The dashboard's state lives in the URL (unit, period, view options), so every screen can be
// bookmarked and shared and reopens exactly as it was.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "wouter";
import { useSession } from "../client";
import {
  decodePeriod,
  defaultPeriod,
  encodePeriod,
  type PeriodChoice,
  type PeriodInput,
  periodRange,
} from "../lib/period";

export interface DashboardParams {
  unitId: string;
  period: PeriodChoice;
  range: PeriodInput;
  params: URLSearchParams;
  setUnit(unitId: string): void;
  setPeriod(period: PeriodChoice): void;
  /** Sets (or with null removes) other parameters, keeping unit and period. */
  setParams(patch: Record<string, string | null>, options?: { replace?: boolean }): void;
}

export function useDashboardParams(): DashboardParams {
  const session = useSession();
  const [params, setSearchParams] = useSearchParams();
  const unitId = params.get("unit") || session?.user.scope.id || "";
  const encoded = params.get("p");
  const period = useMemo(() => decodePeriod(encoded) ?? defaultPeriod(), [encoded]);
  const range = useMemo(() => periodRange(period), [period]);

  const setParams = useCallback(
    (patch: Record<string, string | null>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );

  return {
    unitId,
    period,
    range,
    params,
    setParams,
    setUnit: useCallback((id: string) => setParams({ unit: id }), [setParams]),
    setPeriod: useCallback((p: PeriodChoice) => setParams({ p: encodePeriod(p) }), [setParams]),
  };
}
