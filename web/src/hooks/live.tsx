// Live figures: one subscription per screen tells every widget on it that the unit's figures
// changed; each widget then refetches its own query. The server coalesces bursts of writes, so
// this stays a bounded number of refetches.
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import {
  type AnyVariables,
  type DocumentInput,
  type UseQueryArgs,
  useQuery,
  useSubscription,
} from "urql";
import { afterChangeFetchOptions } from "../client";
import { FiguresChangedSubscription } from "../graphql/live";

const LiveVersion = createContext(0);

export function LiveFiguresProvider({ unitId, children }: { unitId: string; children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const [{ data }] = useSubscription({
    query: FiguresChangedSubscription,
    variables: { unitId },
    pause: !unitId,
  });
  const last = useRef<unknown>(null);
  const liveFor = useRef<string | null>(null);
  useEffect(() => {
    if (!data || data === last.current) return;
    last.current = data;
    if (data.liveFigures.kind !== "INITIAL") {
      setVersion((v) => v + 1);
    } else if (liveFor.current === data.liveFigures.unitId) {
      // A second INITIAL for the same unit: the socket dropped and resubscribed. Whatever was
      // written meanwhile was never pushed, so every widget reloads once.
      setVersion((v) => v + 1);
    } else {
      // The first push only says the subscription is live; the figures on screen are fresh.
      liveFor.current = data.liveFigures.unitId;
    }
  }, [data]);
  return <LiveVersion.Provider value={version}>{children}</LiveVersion.Provider>;
}

export function useLiveVersion(): number {
  return useContext(LiveVersion);
}

/** useQuery that refetches from the network whenever live figures say something changed. */
export function useFreshQuery<Data, Variables extends AnyVariables>(
  args: UseQueryArgs<Variables, Data> & { query: DocumentInput<Data, Variables> },
) {
  const version = useLiveVersion();
  const [result, reexecute] = useQuery<Data, Variables>(args);
  const seen = useRef(version);
  useEffect(() => {
    if (version !== seen.current) {
      seen.current = version;
      reexecute({ requestPolicy: "network-only", fetchOptions: afterChangeFetchOptions });
    }
  }, [version, reexecute]);
  return [result, reexecute] as const;
}
