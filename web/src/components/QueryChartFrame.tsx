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

/**
 * The frame's props for a urql query: its result, the typed error it answered with, the shaped
 * data, whether there is nothing to draw, and a retry that goes to the network.
 */
export function queryFrame<T>(
  [result, reexecute]: readonly [
    Props<T>["result"],
    (options: { requestPolicy: "network-only" }) => void,
  ],
  problem: string | undefined,
  data: T | undefined,
  empty: boolean,
) {
  return {
    result,
    problem,
    data,
    empty,
    onRetry: () => reexecute({ requestPolicy: "network-only" }),
  };
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
