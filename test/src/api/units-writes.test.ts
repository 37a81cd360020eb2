import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import type { TestServer } from "../support/server";
import {
  closureFromParents,
  login,
  pathMismatches,
  startTreeServer,
  storedClosure,
  unitGid,
} from "./units-fixtures";

type Payload = {
  __typename: string;
  data?: { id: string; code: string; depth: number; parent: { code: string } | null };
  message?: string;
  issues?: { path: string[]; message: string }[];
};

const PAYLOAD = `__typename
  ... on Error { message }
  ... on InputError { issues { path message } }`;

function mutation(name: string, inputType: string, fields = "id code depth parent { code }") {
  return `mutation($input: ${inputType}!) { result: ${name}(input: $input) {
    ${PAYLOAD} ... on Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success { data { ${fields} } } } }`;
}
const CREATE = mutation("createUnit", "CreateUnitInput");
const MOVE = mutation("moveUnit", "MoveUnitInput");
const MERGE = mutation(
  "mergeUnit",
  "MergeUnitInput",
  "id code activeUntil isActive successor { code }",
);
const UPDATE = mutation("updateUnit", "UpdateUnitInput", "id code name partyMembers");

describe.each(backends)("unit writes on %s", (backend) => {
  let server: TestServer;
  let ids: Record<string, number>;
  let admin: string;
  beforeAll(async () => {
    ({ server, ids, token: admin } = await startTreeServer(backend));
  });
  afterAll(() => server.stop());

  const id = (code: string) => unitGid(ids[code] as number);
  const prisma = () => server.database.db.prisma;
  async function run(query: string, input: Record<string, unknown>, token = admin) {
    const { body } = await server.graphql<{ result: Payload }>(query, { input }, token);
    expect(body.errors).toBeUndefined();
    return body.data?.result as Payload;
  }

  it("creates a unit with its path, depth, closure rows and an audit entry", async () => {
    const result = await run(CREATE, {
      parentId: id("C2"),
      code: "C2-CB1",
      name: "Chi bộ thôn Tây",
      kind: "PARTY_CELL",
      partyMembers: 31,
    });
    expect(result.__typename).toBe("MutationCreateUnitSuccess");
    expect(result.data?.depth).toBe(3);
    expect(result.data?.parent?.code).toBe("C2");
    const unit = await prisma().unit.findUniqueOrThrow({ where: { code: "C2-CB1" } });
    ids["C2-CB1"] = unit.id;
    expect(unit.path).toBe(`/${ids.TW}/${ids.P1}/${ids.C2}/${unit.id}/`);
    expect(await storedClosure(prisma())).toEqual(await closureFromParents(prisma()));
    const audit = await prisma().auditLog.findFirst({
      where: { action: "createUnit", entityId: String(unit.id) },
    });
    expect(audit?.userId).toBe(ids.admin);
    expect(audit?.after).toMatchObject({ code: "C2-CB1", partyMembers: 31 });
  });

  it("answers a retried creation with the first result, creating nothing twice", async () => {
    const input = {
      parentId: id("C3"),
      code: "C3-CB1",
      name: "Chi bộ thôn Nam",
      kind: "PARTY_CELL",
      idempotencyKey: "retry-create-c3-cb1",
    };
    const audits = await prisma().auditLog.count({ where: { action: "createUnit" } });
    const first = await run(CREATE, input);
    const second = await run(CREATE, input);
    expect(first.__typename).toBe("MutationCreateUnitSuccess");
    expect(second.data?.id).toBe(first.data?.id);
    expect(await prisma().unit.count({ where: { code: "C3-CB1" } })).toBe(1);
    expect(await prisma().auditLog.count({ where: { action: "createUnit" } })).toBe(audits + 1);
    const taken = await run(CREATE, { ...input, idempotencyKey: "another-key-for-c3-cb1" });
    expect(taken.issues?.[0]?.path).toEqual(["input", "code"]);
  });

  it("updates a unit's name and figures, auditing before and after", async () => {
    const result = await run(UPDATE, {
      id: id("C2-CB1"),
      name: "Chi bộ thôn Tây Sơn",
      partyMembers: 33,
    });
    expect(result.data).toMatchObject({ name: "Chi bộ thôn Tây Sơn", partyMembers: 33 });
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "updateUnit" } });
    expect(audit.before).toMatchObject({ name: "Chi bộ thôn Tây", partyMembers: 31 });
    expect(audit.after).toMatchObject({ name: "Chi bộ thôn Tây Sơn", partyMembers: 33 });
  });

  it("refuses invalid input, naming each field, and writes nothing", async () => {
    const before = await prisma().unit.count();
    const audits = await prisma().auditLog.count();
    const bad = await run(CREATE, {
      parentId: id("C1"),
      code: "bad code!",
      name: "",
      kind: "COMMUNE",
      partyMembers: -1,
    });
    expect(bad.__typename).toBe("InputError");
    expect(bad.issues?.map((i) => i.path.join(".")).sort()).toEqual([
      "input.code",
      "input.name",
      "input.partyMembers",
    ]);
    const wrongParent = await run(CREATE, {
      parentId: id("C1"),
      code: "X-NEW",
      name: "Xã Mới",
      kind: "COMMUNE",
    });
    expect(wrongParent.__typename).toBe("InputError");
    expect(wrongParent.issues?.[0]?.path).toEqual(["input", "kind"]);
    expect(wrongParent.issues?.[0]?.message).toContain("COMMUNE cannot be placed under a COMMUNE");
    const duplicate = await run(CREATE, {
      parentId: id("P1"),
      code: "C1",
      name: "Xã Trùng",
      kind: "COMMUNE",
    });
    expect(duplicate.issues?.[0]?.path).toEqual(["input", "code"]);
    const underItself = await run(MOVE, { id: id("P1"), newParentId: id("C1-CB1") });
    expect(underItself.issues?.[0]?.path).toEqual(["input", "newParentId"]);
    const cellUnderAgency = await run(MOVE, { id: id("C1"), newParentId: id("TW") });
    expect(cellUnderAgency.issues?.[0]?.path).toEqual(["input", "newParentId"]);
    expect(await prisma().unit.count()).toBe(before);
    expect(await prisma().auditLog.count()).toBe(audits);
  });

  it("moves a subtree: closure rows, paths and depths all follow", async () => {
    const result = await run(MOVE, { id: id("C1"), newParentId: id("P2") });
    expect(result.__typename).toBe("MutationMoveUnitSuccess");
    expect(result.data?.parent?.code).toBe("P2");
    const cell = await prisma().unit.findUniqueOrThrow({ where: { code: "C1-CB1" } });
    expect(cell.path).toBe(`/${ids.TW}/${ids.P2}/${ids.C1}/${cell.id}/`);
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "moveUnit" } });
    expect(audit).toMatchObject({
      entity: "Unit",
      entityId: String(ids.C1),
      before: { parentId: ids.P1 },
      after: { parentId: ids.P2 },
    });
    expect(await storedClosure(prisma())).toEqual(await closureFromParents(prisma()));
    expect(await pathMismatches(prisma())).toEqual([]);
  });

  it("keeps the closure table equal to the tree after many random moves", async () => {
    // Deterministic pseudo-random sequence (LCG), so a failure replays the same moves.
    let seed = 20250701;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    // A few extra cells to shuffle between communes and under each other.
    for (let i = 1; i <= 4; i += 1) {
      const created = await run(CREATE, {
        parentId: id(i % 2 ? "C2" : "C3"),
        code: `R-${i}`,
        name: `Chi bộ ${i}`,
        kind: "PARTY_CELL",
      });
      expect(created.__typename).toBe("MutationCreateUnitSuccess");
      ids[`R-${i}`] = Number(
        Buffer.from(created.data?.id ?? "", "base64")
          .toString()
          .split(":")[1],
      );
    }
    const cells = ["C1-CB1", "C1-CB2", "C2-CB1", "R-1", "R-2", "R-3", "R-4"];
    const parents = ["C1", "C2", "C3", ...cells];
    let moved = 0;
    for (let step = 0; step < 15; step += 1) {
      const cell = cells[random(cells.length)] as string;
      const parent = parents[random(parents.length)] as string;
      const result = await run(MOVE, { id: id(cell), newParentId: id(parent) });
      if (result.__typename === "MutationMoveUnitSuccess") moved += 1;
      else expect(result.issues?.[0]?.path).toEqual(["input", "newParentId"]);
    }
    expect(moved).toBeGreaterThan(5);
    expect(await storedClosure(prisma())).toEqual(await closureFromParents(prisma()));
    expect(await pathMismatches(prisma())).toEqual([]);
  });

  it("merges a unit into its successor, which keeps history", async () => {
    const result = await run(MERGE, {
      id: id("C2"),
      intoUnitId: id("C3"),
      effectiveOn: "2025-07-01",
    });
    expect(result.__typename).toBe("MutationMergeUnitSuccess");
    expect(result.data).toMatchObject({
      activeUntil: "2025-06-30",
      isActive: false,
      successor: { code: "C3" },
    });
    const { body } = await server.graphql<{
      unitByCode: { predecessors: { code: string }[] };
      active: { totalCount: number };
      all: { totalCount: number };
      before: { totalCount: number };
    }>(
      `{ unitByCode(code: "C3") { predecessors { code } }
         active: units(filter: { kind: COMMUNE }) { totalCount }
         all: units(filter: { kind: COMMUNE, includeInactive: true }) { totalCount }
         before: units(filter: { kind: COMMUNE, activeOn: "2025-06-30" }) { totalCount } }`,
      {},
      admin,
    );
    expect(body.data?.unitByCode.predecessors).toEqual([{ code: "C2" }]);
    expect(body.data?.active.totalCount).toBe(2);
    expect(body.data?.all.totalCount).toBe(3);
    expect(body.data?.before.totalCount).toBe(3);
    const retry = await run(MERGE, {
      id: id("C2"),
      intoUnitId: id("C3"),
      effectiveOn: "2025-07-01",
    });
    expect(retry.__typename).toBe("MutationMergeUnitSuccess");
    expect(await prisma().auditLog.count({ where: { action: "mergeUnit" } })).toBe(1);
    const again = await run(MERGE, {
      id: id("C2"),
      intoUnitId: id("C3"),
      effectiveOn: "2025-08-01",
    });
    expect(again.issues?.[0]?.path).toEqual(["input", "id"]);
  });

  it("lets only administrators manage units, and only inside their subtree", async () => {
    const before = await prisma().unit.count();
    for (const username of ["reporter-c1", "viewer-p1", "analyst-p1"]) {
      const token = await login(server, username);
      const result = await run(
        CREATE,
        { parentId: id("C1"), code: `BY-${username}`, name: "Chi bộ", kind: "PARTY_CELL" },
        token,
      );
      expect(result.__typename).toBe("ForbiddenError");
      const move = await run(MOVE, { id: id("C1-CB1"), newParentId: id("C1") }, token);
      expect(move.__typename).toBe("ForbiddenError");
    }
    const provinceAdmin = await login(server, "admin-p1");
    const outside = await run(
      CREATE,
      { parentId: id("P2"), code: "P2-X", name: "Xã Ngoài", kind: "COMMUNE" },
      provinceAdmin,
    );
    expect(outside.__typename).toBe("NotFoundError");
    expect(await prisma().unit.count()).toBe(before);
  });
});
