/** What changed, published after the write commits. JSON-safe: it may travel through Redis. */
export interface ChangeEvent {
  entity: "Activity" | "Model" | "Award" | "Commitment" | "Unit" | "Target";
  action: "created" | "updated" | "deleted";
  id: number;
  /** The unit the record belongs to (after the change; for a deletion, the one it had). */
  unitId: number;
  /**
   * Every unit whose subtree's figures the change touched: the topics the event is published on
   * and the cached answers it retires. The record's unit and its ancestors, root first; then,
   * when the change also touched `otherUnitIds`, those units and their ancestors (for a moved
   * unit, its ancestors before the move as well as after).
   */
  unitPath: number[];
  /**
   * The other units the change touched, when there are any: the unit a record was corrected
   * away from, a moved unit's former and new parents, a merged unit's successor. A subscriber
   * who may not see `unitId` (a record moved out of its subtree) is shown one of these instead.
   */
  otherUnitIds?: number[];
  at: string;
  /**
   * The primary's WAL position after the write committed, when analytics reads may go to read
   * replicas: every instance hearing of the change then reads only from a replica that has
   * replayed this far (see prisma/src/replicas.ts).
   */
  lsn?: string;
}

/** Where writes announce changes; the server wires it to in-process or Redis pub/sub. */
export interface ChangeBus {
  /**
   * `writer`: the account whose write it is. Its next reads show the change at once (the read
   * cache may serve other accounts the previous answer for a moment, see read-cache.ts).
   */
  publish(event: ChangeEvent, writer?: number): void;
  /** An account changed (role, scope, deactivation, password, revocation), after its commit. */
  accountChanged?(userId: number): void;
}

/** For contexts that have nowhere to publish (scripts, some tests). */
export const silentBus: ChangeBus = { publish: () => {} };
