/** What changed, published after the write commits. JSON-safe: it may travel through Redis. */
export interface ChangeEvent {
  entity: "Activity" | "Model" | "Award" | "Commitment" | "Unit";
  action: "created" | "updated" | "deleted";
  id: number;
  /** The unit the record belongs to. */
  unitId: number;
  /** That unit and every ancestor: the topics the event is published on. */
  unitPath: number[];
  at: string;
}

/** Where writes announce changes; the server wires it to in-process or Redis pub/sub. */
export interface ChangeBus {
  publish(event: ChangeEvent): void;
  /** An account changed (role, scope, deactivation, password, revocation), after its commit. */
  accountChanged?(userId: number): void;
}

/** For contexts that have nowhere to publish (scripts, some tests). */
export const silentBus: ChangeBus = { publish: () => {} };
