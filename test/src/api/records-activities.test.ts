import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  ERROR_FIELDS,
  futureVietnamDay,
  gid,
  prepareRecordsWorld,
  type RecordsWorld,
  signIn,
  vietnamDay,
} from "./records-fixtures";

const RECORD = `mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    ${ERROR_FIELDS}
    ... on MutationRecordActivitySuccess {
      data { id title attendance sessions occurredOn kind unit { id name } theme { year } }
    }
  }
}`;

const CORRECT = `mutation($input: CorrectActivityInput!) {
  correctActivity(input: $input) {
    ${ERROR_FIELDS}
    ... on MutationCorrectActivitySuccess { data { id title attendance notes theme { year } } }
  }
}`;

const DELETE = `mutation($input: DeleteActivityInput!) {
  deleteActivity(input: $input) { ${ERROR_FIELDS} ... on MutationDeleteActivitySuccess { data } }
}`;

const LIST = `query($filter: ActivityFilter, $orderBy: ActivityOrder, $first: Int, $after: String) {
  activities(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title attendance occurredOn unit { name } } }
  }
}`;

type Payload = {
  __typename: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  entity?: string;
  data?: Record<string, unknown> & { id: string };
};
type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    cursor: string;
    node: { id: string; title: string; attendance: number; occurredOn: string };
  }[];
};

describe.each(backends)("activity records on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let reporterA: string;
  let reporterB: string;
  let viewerA: string;

  const record = async (input: Record<string, unknown>, token = reporterA) => {
    const { status, body } = await server.graphql<{ recordActivity: Payload }>(
      RECORD,
      { input },
      token,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data?.recordActivity as Payload;
  };
  const valid = (overrides: Record<string, unknown> = {}) => ({
    unitId: gid("Unit", world.communeAId),
    kind: "THEMATIC_SESSION",
    title: "Sinh hoạt chuyên đề quý I",
    occurredOn: "2025-03-15",
    sessions: 3,
    attendance: 195,
    ...overrides,
  });
  const activityCount = () => server.database.db.prisma.activity.count();
  const list = async (variables: Record<string, unknown>, token = reporterA) => {
    const { body } = await server.graphql<{ activities: Connection }>(LIST, variables, token);
    expect(body.errors).toBeUndefined();
    return body.data?.activities as Connection;
  };

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    [reporterA, reporterB, viewerA] = await Promise.all([
      signIn(server, "reporter-a"),
      signIn(server, "reporter-b"),
      signIn(server, "viewer-a"),
    ]);
  });
  afterAll(() => server?.stop());

  it("records an activity, audits it, and returns it with its unit and theme", async () => {
    const payload = await record(
      valid({ themeId: gid("Theme", world.themeId), title: "  Hội nghị quán triệt  " }),
    );
    expect(payload.__typename).toBe("MutationRecordActivitySuccess");
    expect(payload.data).toMatchObject({
      title: "Hội nghị quán triệt",
      attendance: 195,
      sessions: 3,
      occurredOn: "2025-03-15",
      kind: "THEMATIC_SESSION",
      unit: { id: gid("Unit", world.communeAId), name: "Xã An Bình" },
      theme: { year: 2025 },
    });
    const id = Buffer.from(payload.data?.id ?? "", "base64")
      .toString()
      .split(":")[1];
    const audit = await server.database.db.prisma.auditLog.findMany({
      where: { entity: "Activity", entityId: id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "recordActivity", userId: world.reporterAId });
  });

  it("records a session of a chi bộ under the reporter's commune", async () => {
    const payload = await record(
      valid({ unitId: gid("Unit", world.cellAId), title: "Sinh hoạt chi bộ" }),
    );
    expect(payload.__typename).toBe("MutationRecordActivitySuccess");
  });

  it.each([
    ["a negative attendance", { attendance: -1 }, ["input", "attendance"]],
    ["an attendance above the plausible bound", { attendance: 1_000_001 }, ["input", "attendance"]],
    ["zero sessions", { sessions: 0 }, ["input", "sessions"]],
    ["a date in the future", { occurredOn: vietnamDay(2) }, ["input", "occurredOn"]],
    ["a date before 1990", { occurredOn: "1989-12-31" }, ["input", "occurredOn"]],
    ["a title longer than 500 characters", { title: "x".repeat(501) }, ["input", "title"]],
    ["a blank title", { title: "   " }, ["input", "title"]],
    ["a theme id where a unit id belongs", { unitId: "VGhlbWU6MQ==" }, ["input", "unitId"]],
    ["a theme that does not exist", { themeId: "VGhlbWU6OTk5OQ==" }, ["input", "themeId"]],
    [
      "an idempotency key longer than 100 characters",
      { idempotencyKey: "k".repeat(101) },
      ["input", "idempotencyKey"],
    ],
  ])(
    "refuses %s with an InputError naming the field, writing nothing",
    async (_label, bad, path) => {
      const before = await activityCount();
      const payload = await record(valid(bad));
      expect(payload.__typename).toBe("InputError");
      expect(payload.issues?.map((i) => i.path)).toContainEqual(path);
      expect(await activityCount()).toBe(before);
    },
  );

  it("names every broken field at once", async () => {
    const payload = await record(valid({ attendance: -5, occurredOn: vietnamDay(30), title: "" }));
    expect(payload.issues?.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["input.attendance", "input.occurredOn", "input.title"]),
    );
  });

  it("accepts today (Vietnam time) as the date", async () => {
    const payload = await record(valid({ occurredOn: vietnamDay(0), title: "Hôm nay" }));
    expect(payload.__typename).toBe("MutationRecordActivitySuccess");
  });

  it("rejects an unknown kind at the GraphQL layer, naming the field, writing nothing", async () => {
    const before = await activityCount();
    const { body } = await server.graphql(RECORD, { input: valid({ kind: "PICNIC" }) }, reporterA);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/input\.kind|"kind"/);
    expect(await activityCount()).toBe(before);
  });

  it("answers NotFoundError for a unit outside the reporter's scope, writing nothing", async () => {
    const before = await activityCount();
    const payload = await record(valid({ unitId: gid("Unit", world.communeBId) }));
    expect(payload).toMatchObject({ __typename: "NotFoundError", entity: "Unit" });
    const missing = await record(valid({ unitId: gid("Unit", 99_999) }));
    expect(missing).toMatchObject({ __typename: "NotFoundError", entity: "Unit" });
    expect(await activityCount()).toBe(before);
  });

  it("answers ForbiddenError to a viewer, writing nothing", async () => {
    const before = await activityCount();
    const payload = await record(valid(), viewerA);
    expect(payload.__typename).toBe("ForbiddenError");
    expect(await activityCount()).toBe(before);
  });

  it("writes once when a write is retried with the same idempotency key", async () => {
    const before = await activityCount();
    const input = valid({ title: "Gửi lại do mạng chập chờn", idempotencyKey: "retry-activity-1" });
    const first = await record(input);
    const second = await record(input);
    expect(first.__typename).toBe("MutationRecordActivitySuccess");
    expect(second.data?.id).toBe(first.data?.id);
    expect(await activityCount()).toBe(before + 1);
    expect(
      await server.database.db.prisma.auditLog.count({ where: { action: "recordActivity" } }),
    ).toBe(await activityCount());
  });

  it("corrects an activity, clears its theme, and audits before and after", async () => {
    const created = await record(
      valid({ title: "Bản nháp", themeId: gid("Theme", world.themeId) }),
    );
    const id = created.data?.id as string;
    const { body } = await server.graphql<{ correctActivity: Payload }>(
      CORRECT,
      { input: { id, attendance: 250, title: "Bản chính thức", themeId: null, notes: "đã sửa" } },
      reporterA,
    );
    expect(body.data?.correctActivity).toMatchObject({
      __typename: "MutationCorrectActivitySuccess",
      data: { id, attendance: 250, title: "Bản chính thức", notes: "đã sửa", theme: null },
    });
    const rawId = Buffer.from(id, "base64").toString().split(":")[1];
    const audit = await server.database.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "correctActivity", entityId: rawId },
    });
    expect(audit.before).toMatchObject({ attendance: 195, title: "Bản nháp" });
    expect(audit.after).toMatchObject({ attendance: 250, title: "Bản chính thức" });
    // The creation's snapshot is written by SQL, the correction's "before" from the row Prisma
    // read: the same row must read the same in both (ISO dates in UTC, same keys).
    const creation = await server.database.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "recordActivity", entityId: rawId },
    });
    expect(creation.after).toEqual(audit.before);
    expect((creation.after as { occurredOn: string }).occurredOn).toBe("2025-03-15T00:00:00.000Z");
  });

  it("refuses to correct into the future or move an activity out of scope", async () => {
    const created = await record(valid({ title: "Sẽ sửa sai" }));
    const id = created.data?.id as string;
    const future = await server.graphql<{ correctActivity: Payload }>(
      CORRECT,
      { input: { id, occurredOn: futureVietnamDay() } },
      reporterA,
    );
    expect(future.body.data?.correctActivity.issues?.[0]?.path).toEqual(["input", "occurredOn"]);
    const moved = await server.graphql<{ correctActivity: Payload }>(
      CORRECT,
      { input: { id, unitId: gid("Unit", world.communeBId) } },
      reporterA,
    );
    expect(moved.body.data?.correctActivity).toMatchObject({
      __typename: "NotFoundError",
      entity: "Unit",
    });
    const row = await server.database.db.prisma.activity.findUniqueOrThrow({
      where: { id: Number(Buffer.from(id, "base64").toString().split(":")[1]) },
    });
    expect(row.unitId).toBe(world.communeAId);
  });

  it("deletes an activity of the reporter's scope, and hides another scope's behind NotFoundError", async () => {
    const mine = await record(valid({ title: "Sẽ xóa" }));
    const theirs = await record(
      valid({ unitId: gid("Unit", world.communeBId), title: "Của xã B" }),
      reporterB,
    );
    const before = await activityCount();
    const foreign = await server.graphql<{ deleteActivity: Payload }>(
      DELETE,
      { input: { id: theirs.data?.id } },
      reporterA,
    );
    expect(foreign.body.data?.deleteActivity).toMatchObject({
      __typename: "NotFoundError",
      entity: "Activity",
    });
    expect(await activityCount()).toBe(before);
    const own = await server.graphql<{ deleteActivity: Payload }>(
      DELETE,
      { input: { id: mine.data?.id } },
      reporterA,
    );
    expect(own.body.data?.deleteActivity).toEqual({
      __typename: "MutationDeleteActivitySuccess",
      data: mine.data?.id,
    });
    expect(await activityCount()).toBe(before - 1);
  });

  it("lists only the reporter's subtree, even when asked for another commune", async () => {
    await record(
      valid({ unitId: gid("Unit", world.communeBId), title: "Bí mật của xã B" }),
      reporterB,
    );
    const mine = await list({ first: 100 });
    expect(mine.totalCount).toBe(mine.edges.length);
    expect(mine.edges.map((e) => e.node.title)).not.toContain("Bí mật của xã B");
    const asked = await list({ filter: { underUnitId: gid("Unit", world.communeBId) } });
    expect(asked).toMatchObject({ totalCount: 0, edges: [] });
    const theirs = await list({ first: 100 }, reporterB);
    expect(theirs.edges.map((e) => e.node.title)).toContain("Bí mật của xã B");
    expect(theirs.edges.every((e) => !e.node.title.startsWith("Sinh hoạt chi bộ"))).toBe(true);
  });

  it("returns null for a single activity outside the caller's scope", async () => {
    const theirs = await record(
      valid({ unitId: gid("Unit", world.communeBId), title: "Xã B" }),
      reporterB,
    );
    const { body } = await server.graphql<{ activity: unknown }>(
      "query($id: ID!) { activity(id: $id) { id } }",
      { id: theirs.data?.id },
      reporterA,
    );
    expect(body).toEqual({ data: { activity: null } });
    const own = await server.graphql<{ activity: { id: string } }>(
      "query($id: ID!) { activity(id: $id) { id } }",
      { id: theirs.data?.id },
      reporterB,
    );
    expect(own.body.data?.activity.id).toBe(theirs.data?.id);
  });

  it("filters by subtree, kind, period, theme and text", async () => {
    await record(
      valid({
        unitId: gid("Unit", world.cellAId),
        kind: "OUTREACH",
        title: "Hội thi kể chuyện Bác Hồ",
        occurredOn: "2024-05-19",
        themeId: gid("Theme", world.themeId),
      }),
    );
    const cell = await list({ filter: { underUnitId: gid("Unit", world.cellAId) }, first: 100 });
    expect(cell.edges.length).toBeGreaterThan(0);
    expect(
      cell.edges.every(
        (e) => (e.node as unknown as { unit: { name: string } }).unit.name === "Chi bộ thôn 1",
      ),
    ).toBe(true);
    const found = await list({
      filter: {
        kind: "OUTREACH",
        from: "2024-05-01",
        to: "2024-05-31",
        search: "KỂ CHUYỆN",
        themeId: gid("Theme", world.themeId),
      },
    });
    expect(found.edges.map((e) => e.node.title)).toEqual(["Hội thi kể chuyện Bác Hồ"]);
    const none = await list({ filter: { kind: "OUTREACH", from: "2024-06-01" } });
    expect(none.totalCount).toBe(0);
  });

  it("pages through a list in a stable order, without gaps or repeats", async () => {
    // Several records share a day: the id tie-breaker must keep pages disjoint.
    for (let i = 0; i < 7; i++) {
      await record(
        valid({ title: `Cùng ngày ${i}`, occurredOn: "2025-01-10", attendance: 10 * (i % 3) }),
      );
    }
    for (const orderBy of ["DATE_DESC", "DATE_ASC", "ATTENDANCE_DESC", "TITLE_ASC"]) {
      const all = await list({ orderBy, first: 100 });
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Connection = await list({ orderBy, first: 3, after });
        paged.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged).toEqual(all.edges.map((e) => e.node.id));
      expect(new Set(paged).size).toBe(paged.length);
      expect(all.totalCount).toBe(paged.length);
    }
    const byDate = await list({ orderBy: "DATE_DESC", first: 100 });
    const dates = byDate.edges.map((e) => e.node.occurredOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const byAttendance = await list({ orderBy: "ATTENDANCE_DESC", first: 100 });
    const counts = byAttendance.edges.map((e) => e.node.attendance);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
