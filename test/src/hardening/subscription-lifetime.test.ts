// A live subscription has no maximum lifetime, but it lasts no longer than its sign-in: an open
// WebSocket whose token is revoked is closed with 4403, its subscriptions with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, type RecordsWorld, signIn } from "../api/records-fixtures";
import { bearer, FIGURES, type LiveClient, liveClient } from "../live/helpers";
import { startTestServer, type TestServer } from "../support/server";
import { prepareHardeningWorld } from "./fixtures";

describe("the lifetime of a WebSocket connection", () => {
  let server: TestServer;
  let world: RecordsWorld;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareHardeningWorld(database);
      },
      // Checked every 200 ms instead of every minute, so the test needs no long wait.
      { tokenRecheckMs: 200 },
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("closes the socket with 4403 once its token is revoked, ending its subscriptions", async () => {
    const [admin, viewer] = await Promise.all([
      signIn(server, "admin"),
      signIn(server, "viewer-a"),
    ]);
    const revoked = liveClient(server.url, bearer(viewer));
    const kept = liveClient(server.url, bearer(admin));
    clients.push(revoked, kept);
    const sub = revoked.subscribe(FIGURES, { unitId: gid("Unit", world.communeAId) });
    const other = kept.subscribe(FIGURES, { unitId: gid("Unit", world.provinceId) });
    await Promise.all([sub.data.nth(0), other.data.nth(0)]);

    // What revokeTokens does: the account's token version moves on.
    const prisma = server.database.db.prisma;
    await prisma.user.update({
      where: { username: "viewer-a" },
      data: { tokenVersion: { increment: 1 } },
    });

    const closed = await revoked.closes.waitFor(() => true, 10_000);
    expect(closed).toEqual({
      code: 4403,
      reason: "Phiên đăng nhập đã bị thu hồi hoặc tài khoản bị khóa: hãy đăng nhập lại.",
    });
    await sub.done;
    // The other account's connection is untouched.
    expect(kept.closes.values).toEqual([]);
    expect(other.results.isEnded).toBe(false);
  });
});
