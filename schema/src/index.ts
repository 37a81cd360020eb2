import { builder } from "./builder";
import "./scalars";
import "./modules/errors";
import "./modules/root";
import "./modules/units";
import "./modules/auth";

export {
  bearerToken,
  DEVELOPMENT_SECRET,
  issueToken,
  type TokenSettings,
  viewerFromToken,
} from "./auth/tokens";
export type { Context, Viewer } from "./context";
export * from "./errors";

/** The whole GraphQL schema, built once. */
export const schema = builder.toSchema({ sortSchema: true });
