// A chart's frame (charts/ChartFrame) around a query's answer: in place of the drawing it shows
// loading, the error with a retry, or "no data" when every figure is 0.
import type { ComponentProps } from "react";
import type { CombinedError } from "urql";
import { ChartFrame } from "../charts/ChartFrame";
import { DataState } from "./DataState";

interface Props<T> extends Omit<ComponentProps<typeof ChartFrame>, "state"> {
  result: { fetching: boolean; error?: CombinedError | undefined };
  /** A typed error the API answered with. */
  problem?: string | undefined;
  data: T | undefined;
  /** Whether the answer has nothing to draw. */
  empty: boolean;
  onRetry: () => void;
  /** Height the state keeps while loading. */
  minHeight?: number;
}

export function QueryChartFrame<T>({
  result,
  problem,
  data,
  empty,
  onRetry,
  minHeight,
  ...frame
}: Props<T>) {
  const state =
    data && !empty ? undefined : (
      <DataState
        fetching={result.fetching}
        error={result.error}
        problem={problem}
        data={data}
        isEmpty={() => empty}
        onRetry={onRetry}
        minHeight={minHeight}
      >
        {() => null}
      </DataState>
    );
  return <ChartFrame {...frame} state={state} />;
}
