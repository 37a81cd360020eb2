import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import type { TestServer } from "../support/server";
import {
  closureFromParents,
  login,
  startTreeServer,
  storedClosure,
  unitGid,
} from "./units-fixtures";

const OFFICIAL_FILE = "/work/shared/data/vn-admin-units-2025.json";
const content = fs.readFileSync(OFFICIAL_FILE, "utf8");

type Report = {
  __typename: string;
  data?: {
    ok: boolean;
    created: number;
    updated: number;
    errors: { row: string; field: string; message: string }[];
  };
  message?: string;
};

const IMPORT = `mutation($input: ImportUnitsInput!) { importUnits(input: $input) {
  __typename
  ... on Error { message }
  ... on MutationImportUnitsSuccess { data { ok created updated errors { row field message } } } } }`;

describe.each(backends)("importing the official unit list on %s", (backend) => {
  let server: TestServer;
  let ids: Record<string, number>;
  let admin: string;
  beforeAll(async () => {
    ({ server, ids, token: admin } = await startTreeServer(backend));
  });
  afterAll(() => server.stop());

  const prisma = () => server.database.db.prisma;
  const counts = async () => ({
    units: await prisma().unit.count(),
    closure: await prisma().unitClosure.count(),
    audit: await prisma().auditLog.count(),
  });
  async function importUnits(input: Record<string, unknown>, token = admin) {
    const { body } = await server.graphql<{ importUnits: Report }>(
      IMPORT,
      { input: { format: "VN_ADMIN_UNITS_2025_JSON", ...input } },
      token,
    );
    expect(body.errors).toBeUndefined();
    return body.data?.importUnits as Report;
  }

  it("reports what a dry run would do, and writes nothing", async () => {
    const before = await counts();
    const report = await importUnits({ content, dryRun: true });
    expect(report.data).toEqual({ ok: true, created: 34 + 3321, updated: 0, errors: [] });
    expect(await counts()).toEqual(before);
  });

  it("refuses a broken copy row by row, and writes nothing", async () => {
    const broken = JSON.parse(content) as { Code: string; Wards: { Code?: string }[] }[];
    const hanoi = broken[0];
    const second = broken[1];
    if (!hanoi || !second) throw new Error("the official file has provinces");
    delete hanoi.Wards[12]?.Code;
    const duplicated = hanoi.Wards[0]?.Code as string;
    (second.Wards[3] as { Code: string }).Code = duplicated;
    const before = await counts();
    const report = await importUnits({ content: JSON.stringify(broken) });
    expect(report.data?.ok).toBe(false);
    expect(report.data?.created).toBe(0);
    expect(report.data?.errors).toEqual([
      { row: "Wards[12] of province 01", field: "Code", message: "Code is missing." },
      {
        row: `Wards[3] of province ${second.Code}`,
        field: "Code",
        message: `Code "${duplicated}" is already used by Wards[0] of province 01.`,
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a name the database cannot store (NUL, lone surrogate) in the dry run too, with no 500", async () => {
    const broken = JSON.parse(content) as { FullName: string; Wards: { FullName: string }[] }[];
    const first = broken[0];
    if (!first?.Wards[1]) throw new Error("the official file has provinces with wards");
    first.FullName = `${first.FullName}${String.fromCharCode(0)}`;
    first.Wards[1].FullName = `Phường ${String.fromCharCode(0xdc00)}`;
    const before = await counts();
    for (const dryRun of [true, false]) {
      const report = await importUnits({ content: JSON.stringify(broken), dryRun });
      expect(report.__typename).toBe("MutationImportUnitsSuccess");
      expect(report.data?.ok).toBe(false);
      expect(report.data?.errors.map((e) => [e.row, e.field])).toEqual([
        ["[0]", "FullName"],
        ["Wards[1] of province 01", "FullName"],
      ]);
      expect(report.data?.errors[0]?.message).toMatch(/Ký tự không hợp lệ/);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses content that is not the expected JSON", async () => {
    const notJson = await importUnits({ content: "{ not json" });
    expect(notJson.data?.ok).toBe(false);
    expect(notJson.data?.errors[0]?.field).toBe("content");
    const notArray = await importUnits({ content: '{"Code": "01"}' });
    expect(notArray.data?.errors[0]?.message).toContain("array");
  });

  it("imports 34 provinces and 3,321 communes with their closure rows in one go", async () => {
    // Its speed is measured by pnpm bench, not asserted here (timed unit tests are noise).
    const report = await importUnits({ content, activeFrom: "2025-07-01" });
    expect(report.data).toEqual({ ok: true, created: 3355, updated: 0, errors: [] });
    const tw = ids.TW as number;
    expect(
      await prisma().unit.count({
        where: { kind: "PROVINCE", parentId: tw, code: { not: { startsWith: "P" } } },
      }),
    ).toBe(34);
    expect(
      await prisma().unit.count({
        where: {
          kind: "COMMUNE",
          ancestors: { some: { ancestorId: tw, distance: 2 } },
          code: { not: { startsWith: "C" } },
        },
      }),
    ).toBe(3321);
    const ward = await prisma().unit.findUniqueOrThrow({ where: { code: "00004" } });
    const hanoi = await prisma().unit.findUniqueOrThrow({ where: { code: "01" } });
    expect(ward).toMatchObject({ name: "Phường Ba Đình", parentId: hanoi.id, depth: 2 });
    expect(ward.path).toBe(`/${tw}/${hanoi.id}/${ward.id}/`);
    expect(await storedClosure(prisma())).toEqual(await closureFromParents(prisma()));
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "importUnits" } });
    expect(audit.after).toMatchObject({ created: 3355, updated: 0 });

    const { body } = await server.graphql<{ unitByCode: { children: { totalCount: number } } }>(
      `{ unitByCode(code: "01") { children(kind: COMMUNE) { totalCount } } }`,
      {},
      admin,
    );
    expect(body.data?.unitByCode.children.totalCount).toBe(
      (JSON.parse(content) as { Wards: unknown[] }[])[0]?.Wards.length,
    );
  });

  it("re-imports the same file without creating anything twice, renaming what changed", async () => {
    const before = await counts();
    const same = await importUnits({ content });
    expect(same.data).toEqual({ ok: true, created: 0, updated: 0, errors: [] });
    const renamed = JSON.parse(content) as { FullName: string; Wards: { FullName: string }[] }[];
    (renamed[0] as { FullName: string }).FullName = "Thủ đô Hà Nội";
    const again = await importUnits({ content: JSON.stringify(renamed) });
    expect(again.data).toEqual({ ok: true, created: 0, updated: 1, errors: [] });
    expect((await prisma().unit.findUniqueOrThrow({ where: { code: "01" } })).name).toBe(
      "Thủ đô Hà Nội",
    );
    const after = await counts();
    expect(after.units).toBe(before.units);
    expect(after.closure).toBe(before.closure);
  });

  it("is for administrators, and provinces only go under a central body", async () => {
    const reporter = await login(server, "reporter-c1");
    const refused = await importUnits({ content, dryRun: true }, reporter);
    expect(refused.__typename).toBe("ForbiddenError");
    const provinceAdmin = await login(server, "admin-p1");
    const { body } = await server.graphql<{ importUnits: { __typename: string } }>(
      `mutation($input: ImportUnitsInput!) { importUnits(input: $input) { __typename ... on InputError { issues { path } } } }`,
      {
        input: {
          format: "VN_ADMIN_UNITS_2025_JSON",
          content,
          parentId: unitGid(ids.P1 as number),
          dryRun: true,
        },
      },
      provinceAdmin,
    );
    expect(body.data?.importUnits).toEqual({
      __typename: "InputError",
      issues: [{ path: ["input", "parentId"] }],
    });
  });
});
