// The peer of `pnpm bench --peer postgraphile`: PostGraphile v5 as a PostGraphile user would run
// it over the product's database, with no custom SQL: the Amber preset, @graphile/pg-aggregates
// (sums and grouped sums) and the connection filter with relations (filter activities by the
// unit subtree through "UnitClosure"). Read-only: the mutation plugins are off. PostGraphile v5
// offers filters only on indexed columns by default; PgIndexBehaviorsPlugin is off so that the
// peer can filter units on "activeFrom"/"activeUntil" and status changes on "status".
// Usage: DATABASE_URL=postgresql://… PORT=0 node server.mjs  → prints "listening <port>".
import { createServer } from "node:http";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error("DATABASE_URL is required");

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset, PostGraphileConnectionFilterPreset],
  disablePlugins: [
    "PgMutationCreatePlugin",
    "PgMutationUpdateDeletePlugin",
    "PgIndexBehaviorsPlugin",
  ],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ["public"],
      // The same pool size as the product's default, so neither side is short of connections.
      poolConfig: { max: Number(process.env.PEER_POOL_MAX ?? 10) },
    }),
  ],
  schema: { connectionFilterRelations: true },
  grafserv: { watch: false, graphqlPath: "/graphql", graphiql: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
serv.addTo(server).then(
  () =>
    server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
      const address = server.address();
      console.log(`listening ${typeof address === "object" && address ? address.port : ""}`);
    }),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
const stop = () => {
  server.close();
  void pgl.release().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
