import { builder } from "../builder";

// Root types require a signed-in account; the few open fields (health, login, me) opt out with
// skipTypeScopes, so a new field is closed unless it says otherwise.
builder.queryType({
  description:
    "Reads. Everything but `health` and `me` needs a signed-in account and is limited to its unit subtree.",
  authScopes: { signedIn: true },
});
builder.mutationType({
  description: "Writes. Each is validated, scoped, audited and idempotent with a key.",
  authScopes: { signedIn: true },
});

builder.queryField("health", (t) =>
  t.boolean({
    description: "True when the server and its database answer. Open to anonymous callers.",
    skipTypeScopes: true,
    resolve: async (_root, _args, ctx) => {
      await ctx.db.prisma.$queryRaw`SELECT 1`;
      return true;
    },
  }),
);
