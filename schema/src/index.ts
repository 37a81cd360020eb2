import { builder } from "./builder";
import { describeGenerated } from "./describe-generated";
import "./scalars";
import "./modules/errors";
import "./modules/root";
import "./modules/units";
import "./modules/unit-writes";
import "./modules/auth";
import "./modules/activities";
import "./modules/models";
import "./modules/model-writes";
import "./modules/contribution-writes";
import "./modules/awards";
import "./modules/commitments";
import "./modules/commitment-writes";
import "./modules/themes";
import "./modules/analytics";
import "./modules/live";
import "./modules/live-feed";
import "./modules/unit-import";
import "./modules/users";
import "./modules/user-writes";
import "./modules/audit";
import "./modules/record-import";
import "./modules/membership";
import "./modules/saved-views";
import "./modules/targets";
import "./modules/target-marks";

export { KPI_MEASURES, MEASURE_DEFINITIONS, type Measure } from "./analytics/measures";
export {
  bearerToken,
  issueToken,
  type TokenSettings,
  viewerFromToken,
} from "./auth/tokens";
export type { Context, Viewer } from "./context";
export { languageFromHeader } from "./domain/messages";
export * from "./errors";
export { type ChangeBus, type ChangeEvent, silentBus } from "./events";
export { startsLikeFormula } from "./formula";
export { embeddedImportWriting } from "./import/run";
export * from "./live/bus";
export { SHARED_LIVE_FIELDS } from "./live/shared-fields";
export { memorySlotStore, type SubscriptionSlotStore, useSlotStore } from "./live/slots";
export {
  defaultReadCacheOptions,
  ReadCache,
  type ReadCacheOptions,
  type Reads,
} from "./read-cache";

/** The whole GraphQL schema, built once; the plugins' generated types described (describe-generated.ts). */
export const schema = describeGenerated(builder.toSchema({ sortSchema: true }));
