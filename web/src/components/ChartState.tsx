// What a chart's frame shows in place of the drawing: loading, the error with a retry, or "no
// data" when every figure is 0. Undefined once there is something to draw.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { DataState } from "./DataState";

interface Props<T> {
  result: { fetching: boolean; error?: CombinedError | undefined };
  /** A typed error the API answered with. */
  problem?: string | undefined;
  data: T | undefined;
  /** Whether the answer has nothing to draw. */
  empty: boolean;
  onRetry: () => void;
  minHeight?: number;
}

export function chartState<T>({
  result,
  problem,
  data,
  empty,
  onRetry,
  minHeight,
}: Props<T>): ReactNode {
  if (data && !empty) return undefined;
  return (
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
}
