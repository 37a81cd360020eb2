// The baseline of the overhead benchmark: graphql-yoga as its README starts it, with a one-field
// schema, on Node's http server, nothing else. `{ __typename }` against it is the least a GraphQL
// request can cost on this machine; ours adds auth, limits, metrics, logging and the masking.
// Prints "on http://127.0.0.1:<port>/" once it listens, as the product's server does.
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { ok: Boolean }", resolvers: {} }),
  graphiql: false,
  landingPage: false,
  logging: false,
});
const server = createServer(yoga);
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`on http://127.0.0.1:${address.port}/`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
