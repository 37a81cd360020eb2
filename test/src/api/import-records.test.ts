// Spreadsheet import of activities, models and awards: CSV and XLSX, all or nothing, with a
// row-by-row report. XLSX files are built here with exceljs (a dependency of @d05/schema).
import { readFileSync } from "node:fs";
import type { ChangeEvent } from "@d05/schema";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "./records-fixtures";

async function xlsxBase64(rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Dữ liệu");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on InputError { issues { path message } }
    ... on MutationImportRecordsSuccess {
      data {
        ok dryRun kind format rowsRead created errorCount fileHash
        errors { row column field message }
        columns { header field }
        preview { row cells values ok }
        rememberedMapping { field columns constant }
      }
    }
  }
}`;

interface Report {
  ok: boolean;
  dryRun: boolean;
  kind: string;
  format: string;
  rowsRead: number;
  created: number;
  errorCount: number;
  fileHash: string;
  errors: { row: number; column: string | null; field: string | null; message: string }[];
  columns: { header: string; field: string | null }[];
  preview: { row: number; cells: string[]; values: Record<string, unknown>; ok: boolean }[];
  rememberedMapping: { field: string; columns: number[]; constant: string | null }[] | null;
}
interface Payload {
  __typename: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  data?: Report;
}

const ACTIVITY_HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người;Chuyên đề năm;Ghi chú";

describe.each(backends)("spreadsheet import of records on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let reporterA: string;
  let viewerA: string;
  const published: ChangeEvent[] = [];

  const importRecords = async (input: Record<string, unknown>, token = reporterA) => {
    const { status, body } = await server.graphql<{ importRecords: Payload }>(
      IMPORT,
      { input },
      token,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data?.importRecords as Payload;
  };
  const report = async (input: Record<string, unknown>, token = reporterA) => {
    const payload = await importRecords(input, token);
    expect(payload.__typename, JSON.stringify(payload)).toBe("MutationImportRecordsSuccess");
    return payload.data as Report;
  };
  const csv = (lines: string[]) => lines.join("\r\n");
  const activityCount = () => server.database.db.prisma.activity.count();

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    reporterA = await signIn(server, "reporter-a");
    viewerA = await signIn(server, "viewer-a");
    // Record what imports announce: the context publishes on the app's bus.
    const bus = server.app.events;
    const publish = bus.publish.bind(bus);
    bus.publish = (event: ChangeEvent) => {
      published.push(event);
      publish(event);
    };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("imports a CSV with Vietnamese headers, vi-VN dates and numbers, and the overview follows", async () => {
    published.length = 0;
    const content = `\uFEFF${csv([
      ACTIVITY_HEADER,
      "X-A;Hội nghị;Hội nghị quán triệt chuyên đề năm 2025;15/03/2025;6;195;2025;",
      'CB-A1;Sinh hoạt chuyên đề;Sinh hoạt chuyên đề quý I;20/03/2025;70;"16.940";2025;tại chi bộ',
      "X-A;THEMATIC_SESSION;Sinh hoạt chuyên đề tháng 3;2025-03-28;;1.234;;",
      "",
    ])}`;
    const r = await report({ kind: "ACTIVITIES", format: "CSV", content });
    expect(r).toMatchObject({ ok: true, dryRun: false, rowsRead: 3, created: 3, errorCount: 0 });
    expect(r.columns.map((c) => c.field)).toEqual([
      "unitCode",
      "kind",
      "title",
      "occurredOn",
      "sessions",
      "attendance",
      "themeYear",
      "notes",
    ]);
    expect(r.preview[1]?.values).toMatchObject({
      unitCode: "CB-A1",
      unitName: "Chi bộ thôn 1",
      kind: "THEMATIC_SESSION",
      occurredOn: "2025-03-20",
      attendance: 16940,
    });

    const prisma = server.database.db.prisma;
    const rows = await prisma.activity.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((a) => [a.unitId, a.kind, a.attendance, a.sessions, a.themeId])).toEqual([
      [world.communeAId, "CONFERENCE", 195, 6, world.themeId],
      [world.cellAId, "THEMATIC_SESSION", 16940, 70, world.themeId],
      [world.communeAId, "THEMATIC_SESSION", 1234, 1, null],
    ]);
    expect(rows[1]?.occurredOn).toEqual(utc("2025-03-20"));
    expect(rows.every((a) => a.createdById === world.reporterAId)).toBe(true);

    // The rollups (row triggers) carry the imported rows: the overview equals a plain sum.
    const { body } = await server.graphql<{
      overview: { figures: { measure: string; value: number | null }[] };
    }>(
      `query($unitId: ID!, $period: PeriodInput!) {
        overview(unitId: $unitId, period: $period) { ... on Overview { figures { measure value } } }
      }`,
      { unitId: gid("Unit", world.communeAId), period: { from: "2025-03-01", to: "2025-03-31" } },
      reporterA,
    );
    const figure = (m: string) => body.data?.overview.figures.find((f) => f.measure === m)?.value;
    const plain = await prisma.activity.aggregate({
      _sum: { attendance: true, sessions: true },
      _count: { _all: true },
    });
    expect(figure("ATTENDANCE")).toBe(plain._sum.attendance);
    expect(figure("ATTENDANCE")).toBe(195 + 16940 + 1234);
    expect(figure("SESSIONS")).toBe(plain._sum.sessions);
    expect(figure("ACTIVITIES")).toBe(3);

    // One audit row for the whole import, naming the file by its hash.
    const audit = await prisma.auditLog.findMany({ where: { action: "importRecords" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      userId: world.reporterAId,
      entity: "Activity",
      entityId: null,
    });
    expect(audit[0]?.after).toMatchObject({
      kind: "ACTIVITIES",
      rows: 3,
      created: 3,
      fileSha256: r.fileHash,
    });

    // One change event per unit touched, on that unit's path.
    expect(published.map((e) => [e.entity, e.action, e.unitId]).sort()).toEqual(
      [
        ["Activity", "created", world.cellAId],
        ["Activity", "created", world.communeAId],
      ].sort(),
    );
    expect(published.find((e) => e.unitId === world.cellAId)?.unitPath).toEqual([
      world.provinceId,
      world.communeAId,
      world.cellAId,
    ]);
  });

  it("imports models from an XLSX file with date cells, money and land contributions", async () => {
    const content = await xlsxBase64([
      [
        "STT",
        "Mã đơn vị",
        "Tên mô hình",
        "Lĩnh vực",
        "Cấp",
        "Phong trào",
        "Đơn vị chủ trì",
        "Ngày bắt đầu",
        "Tình trạng",
        "Lượt người tham gia",
        "Số tiền (đồng)",
        "Đất hiến (m²)",
        "Ngày công",
      ],
      [
        1,
        "X-A",
        "Chung sức xây dựng nông thôn mới",
        "Phát triển kinh tế",
        "Mô hình điểm cấp huyện",
        "Dân vận khéo",
        "Hội Phụ nữ",
        utc("2024-05-10"),
        "Duy trì",
        120,
        "1.333.980.000",
        250,
        300,
      ],
      [
        2,
        "CB-A1",
        "Tuyến đường tự quản",
        "Môi trường, nông thôn mới",
        "Cấp xã",
        null,
        "Đoàn Thanh niên",
        "01/02/2025",
        null,
        40,
        5_000_000,
        null,
        80,
      ],
      [
        3,
        "X-A",
        "Tổ an ninh tự quản",
        "An ninh trật tự",
        "Cấp chi bộ",
        null,
        "MTTQ",
        utc("2023-09-01"),
        "Nhân rộng",
      ],
    ]);
    const r = await report({ kind: "MODELS", format: "XLSX", content });
    expect(r).toMatchObject({ ok: true, rowsRead: 3, created: 3, format: "XLSX" });
    expect(r.columns[0]).toEqual({ header: "STT", field: null });

    const prisma = server.database.db.prisma;
    const models = await prisma.model.findMany({
      orderBy: { id: "asc" },
      include: { statusHistory: true, contributions: true },
    });
    expect(
      models.map((m) => [m.name, m.sector, m.level, m.leadOrganisation, m.status, m.unitId]),
    ).toEqual([
      [
        "Chung sức xây dựng nông thôn mới",
        "ECONOMY",
        "DISTRICT",
        "WOMEN_UNION",
        "MAINTAINED",
        world.communeAId,
      ],
      ["Tuyến đường tự quản", "ENVIRONMENT", "COMMUNE", "YOUTH_UNION", "REGISTERED", world.cellAId],
      [
        "Tổ an ninh tự quản",
        "SECURITY_ORDER",
        "PARTY_CELL",
        "FATHERLAND_FRONT",
        "REPLICATED",
        world.communeAId,
      ],
    ]);
    expect(models[0]?.startedOn).toEqual(utc("2024-05-10"));
    expect(models.map((m) => m.statusHistory.map((h) => [h.status, h.effectiveOn]))).toEqual([
      [["MAINTAINED", utc("2024-05-10")]],
      [["REGISTERED", utc("2025-02-01")]],
      [["REPLICATED", utc("2023-09-01")]],
    ]);
    expect(models[0]?.contributions[0]).toMatchObject({
      cashVnd: 1_333_980_000n,
      participants: 120,
      landM2: 250,
      workdays: 300,
      recordedOn: utc("2024-05-10"),
    });
    expect(models[2]?.contributions).toEqual([]);

    const { body } = await server.graphql<{
      overview: { figures: { measure: string; value: number | null }[] };
    }>(
      `query($unitId: ID!, $period: PeriodInput!) {
        overview(unitId: $unitId, period: $period) { ... on Overview { figures { measure value } } }
      }`,
      { unitId: gid("Unit", world.communeAId), period: { from: "2023-01-01", to: "2025-12-31" } },
      reporterA,
    );
    const figure = (m: string) => body.data?.overview.figures.find((f) => f.measure === m)?.value;
    expect(figure("CONTRIBUTION_VND")).toBe(1_333_980_000 + 5_000_000);
    expect(figure("MODEL_PARTICIPANTS")).toBe(120 + 40);
    expect(figure("MODELS_STARTED")).toBe(3);
  });

  it("checks a dry run in full and writes nothing, then imports the same awards for real", async () => {
    const prisma = server.database.db.prisma;
    const content = [
      "Unit code,Recipient kind,Recipient name,Count,Level,Form,Issuer,Date,Reason,Theme year",
      'X-A,Tập thể,,7,Cấp huyện,Giấy khen,UBND huyện,20/12/2024,"Thành tích học tập và làm theo",2025',
      "CB-A1,Cá nhân,Nguyễn Văn A,1,Cấp tỉnh,Bằng khen,UBND tỉnh,2025-05-19,,",
    ].join("\n");
    const before = await prisma.award.count();
    const dry = await report({ kind: "AWARDS", format: "CSV", content, dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, rowsRead: 2, created: 2, errorCount: 0 });
    expect(dry.preview.map((p) => p.values.recipientKind)).toEqual(["COLLECTIVE", "INDIVIDUAL"]);
    expect(dry.preview[0]?.cells.slice(0, 5)).toEqual(["X-A", "Tập thể", "", "7", "Cấp huyện"]);
    expect(await prisma.award.count()).toBe(before);
    expect(await prisma.auditLog.count({ where: { entity: "Award" } })).toBe(0);

    const real = await report({ kind: "AWARDS", format: "CSV", content });
    expect(real).toMatchObject({ ok: true, dryRun: false, created: 2 });
    const awards = await prisma.award.findMany({ orderBy: { id: "asc" } });
    expect(
      awards.map((a) => [a.recipientKind, a.recipientCount, a.level, a.form, a.themeId]),
    ).toEqual([
      ["COLLECTIVE", 7, "DISTRICT", "COMMENDATION", world.themeId],
      ["INDIVIDUAL", 1, "PROVINCE", "CERTIFICATE_OF_MERIT", null],
    ]);
  });

  it("writes nothing when one row among many is bad, and reports every problem by row and column", async () => {
    const before = await activityCount();
    const good = (i: number) =>
      `X-A;Hội nghị;Hội nghị số ${i};0${(i % 9) + 1}/04/2025;1;${i * 10};;`;
    const content = csv([
      ACTIVITY_HEADER,
      good(1),
      good(2),
      "X-A;Hội nghị;Hội nghị lỗi số người;03/04/2025;1;nhiều;;",
      good(4),
      "X-A;Hội nghị;Ngày không tồn tại;31/02/2025;1;10;;",
      good(6),
      "X-A;Họp mặt;Loại không có;05/04/2025;1;10;;",
      "X-A;Hội nghị;Ngày tương lai;05/04/2099;1;10;;",
      "X-A;Hội nghị;;05/04/2025;1;10;;",
      "X-A;Hội nghị;Quá nhiều buổi;06/04/2025;20000;10;;",
      good(11),
    ]);
    const r = await report({ kind: "ACTIVITIES", format: "CSV", content });
    expect(r.ok).toBe(false);
    expect(r.created).toBe(0);
    expect(r.rowsRead).toBe(11);
    expect(r.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [4, "Lượt người", "attendance"],
      [6, "Ngày", "occurredOn"],
      [8, "Loại", "kind"],
      [9, "Ngày", "occurredOn"],
      [10, "Tiêu đề", "title"],
      [11, "Số buổi", "sessions"],
    ]);
    expect(r.errors[0]?.message).toMatch(/Không phải số/);
    expect(r.errors[1]?.message).toMatch(/Ngày không tồn tại/);
    expect(r.errors[2]?.message).toMatch(/Họp mặt.*Hội nghị, Sinh hoạt chuyên đề/);
    expect(r.errors[3]?.message).toMatch(/tương lai/);
    expect(r.errors[4]?.message).toBe("Không được để trống.");
    expect(r.errors[5]?.message).toMatch(/^Quá lớn: tối đa 10\.000\.$/);
    expect(r.preview.map((p) => p.ok).slice(0, 4)).toEqual([true, true, false, true]);
    expect(await activityCount()).toBe(before);
  });

  it("reports unknown and missing columns once each, on the header row", async () => {
    const content = csv(["Mã đơn vị;Loại;Tên;Ngày;Số người", "X-A;Hội nghị;Một;01/04/2025;10"]);
    const r = await report({ kind: "ACTIVITIES", format: "CSV", content });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [1, "Tên", null],
      [1, "Số người", null],
      [1, "Tiêu đề", "title"],
      [1, "Lượt người", "attendance"],
    ]);
    expect(r.errors[0]?.message).toMatch(/Không nhận ra cột "Tên"/);
    expect(r.errors[2]?.message).toMatch(/Thiếu cột bắt buộc "Tiêu đề"/);
  });

  it("matches headers whatever their case and diacritics, in English too", async () => {
    const content = csv([
      "MA DON VI,loai,TIEU DE,ngay,luot nguoi,Theme year",
      "X-A,hoi nghi,Không dấu,02/04/2025,12,",
    ]);
    const r = await report({ kind: "ACTIVITIES", format: "CSV", content, dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r.preview[0]?.values).toMatchObject({ kind: "CONFERENCE", attendance: 12 });
  });

  it("refuses unit codes outside the caller's scope exactly like unknown ones", async () => {
    const before = await activityCount();
    const content = csv([
      ACTIVITY_HEADER,
      "X-A;Hội nghị;Trong phạm vi;01/04/2025;1;10;;",
      "X-B;Hội nghị;Xã khác;01/04/2025;1;10;;",
      "KHONG-CO;Hội nghị;Không tồn tại;01/04/2025;1;10;;",
    ]);
    const r = await report({ kind: "ACTIVITIES", format: "CSV", content });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [3, "Mã đơn vị", "unitCode"],
      [4, "Mã đơn vị", "unitCode"],
    ]);
    expect(r.errors[0]?.message).toBe(
      r.errors[1]?.message.replace('"KHONG-CO"', '"X-B"') as string,
    );
    expect(await activityCount()).toBe(before);
  });

  it("reports a row repeating an earlier one", async () => {
    const content = csv([
      ACTIVITY_HEADER,
      "X-A;Hội nghị;Hội nghị sơ kết;10/04/2025;1;50;;",
      "X-A;Hội nghị;Hội nghị tổng kết;10/04/2025;1;50;;",
      "X-A;CONFERENCE;  hội nghị  SƠ KẾT ;2025-04-10;2;60;;",
    ]);
    const r = await report({ kind: "ACTIVITIES", format: "CSV", content });
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 4 });
    expect(r.errors[0]?.message).toMatch(/Trùng với dòng 2/);
  });

  it("refuses formula cells in XLSX rather than evaluating them, naming the cell", async () => {
    const before = await activityCount();
    const content = await xlsxBase64([
      ["Mã đơn vị", "Loại", "Tiêu đề", "Ngày", "Lượt người"],
      ["X-A", "Hội nghị", "Có công thức", utc("2025-04-01"), { formula: "10*20", result: 200 }],
      ["X-A", "Hội nghị", "Bình thường", utc("2025-04-02"), 30],
    ]);
    const r = await report({ kind: "ACTIVITIES", format: "XLSX", content });
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, column: "Lượt người", field: "attendance" });
    expect(r.errors[0]?.message).toMatch(/E2.*=10\*20/);
    expect(await activityCount()).toBe(before);
  });

  it("refuses a CSV that is not UTF-8 and says to save it as UTF-8", async () => {
    const text = `${ACTIVITY_HEADER}\nX-A;Hội nghị;Hội nghị;01/04/2025;1;10;;`;
    // Single-byte encoded (as "ANSI" Excel saves it): not valid UTF-8, sent as raw request bytes.
    // Each non-ASCII character becomes one byte >= 0x80, as in Windows-1258.
    const raw = Buffer.from(
      [...text.replace(/\n/g, "\\n")].map((ch) => {
        const code = ch.codePointAt(0) as number;
        return code < 0x80 ? code : 0x80 + (code % 0x80);
      }),
    );
    const [head, tail] = JSON.stringify({
      query: IMPORT,
      variables: { input: { kind: "ACTIVITIES", format: "CSV", content: "@@CONTENT@@" } },
    }).split("@@CONTENT@@");
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${reporterA}` },
      body: Buffer.concat([Buffer.from(head as string), raw, Buffer.from(tail as string)]),
    });
    const body = (await response.json()) as { data?: { importRecords: Payload } };
    const payload = body.data?.importRecords;
    expect(payload?.__typename).toBe("InputError");
    expect(payload?.issues?.[0]?.path).toEqual(["input", "content"]);
    expect(payload?.message).toMatch(/UTF-8/);
    expect(payload?.message).toMatch(/dòng 1, 2/);
  });

  it("answers a retry with the same key with the first report and writes once", async () => {
    const prisma = server.database.db.prisma;
    const before = await activityCount();
    const content = csv([
      ACTIVITY_HEADER,
      "CB-A1;Sinh hoạt chi bộ;Sinh hoạt chi bộ tháng 5;05/05/2025;1;30;;",
    ]);
    const input = { kind: "ACTIVITIES", format: "CSV", content, idempotencyKey: "nhap-tep-1" };
    const first = await report(input);
    const again = await report(input);
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(await activityCount()).toBe(before + 1);
    const importsOfTheFile = {
      action: "importRecords",
      after: { path: ["fileSha256"], equals: first.fileHash },
    };
    expect(await prisma.auditLog.count({ where: importsOfTheFile })).toBe(1);

    const other = await importRecords({ ...input, content: `${content}\n` });
    expect(other.__typename).toBe("InputError");
    expect(other.issues?.[0]?.path).toEqual(["input", "idempotencyKey"]);
    expect(await activityCount()).toBe(before + 1);
  });

  it("writes once when two retries with the same key race", async () => {
    const before = await activityCount();
    const content = csv([ACTIVITY_HEADER, "X-A;Tuyên truyền;Hội thi kể chuyện;12/05/2025;1;80;;"]);
    const input = { kind: "ACTIVITIES", format: "CSV", content, idempotencyKey: "nhap-tep-dua" };
    const [a, b] = await Promise.all([report(input), report(input)]);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(await activityCount()).toBe(before + 1);
  });

  it("refuses a read-only account, dry run or not", async () => {
    const content = csv([ACTIVITY_HEADER, "X-A;Hội nghị;Xem;01/04/2025;1;10;;"]);
    for (const dryRun of [false, true]) {
      const payload = await importRecords(
        { kind: "ACTIVITIES", format: "CSV", content, dryRun },
        viewerA,
      );
      expect(payload.__typename).toBe("ForbiddenError");
    }
  });

  it("imports a sheet as a commune keeps it through a mapping: units by name, columns summed, ignored or set for every row", async () => {
    const prisma = server.database.db.prisma;
    const content = await xlsxBase64([
      ["TT", "Tên mô hình", "Thôn", "Lĩnh vực", "Ngày", "Tiền đợt 1", "Tiền đợt 2", "Tổng"],
      [
        "1",
        "Mô hình ghép cột",
        "thon 1",
        "Kinh tế",
        utc("2025-02-01"),
        1_051_980_000,
        282_000_000,
        { formula: "F2+G2", result: 1_333_980_000 },
      ],
      [
        "2",
        "Mô hình ghép cột xã",
        "Xã An Bình",
        "Môi trường",
        utc("2025-02-02"),
        "",
        "5.000.000",
        "",
      ],
    ]);
    const mapping = [
      { field: "name", columns: [1] },
      { field: "unitCode", columns: [2] },
      { field: "sector", columns: [3] },
      { field: "startedOn", columns: [4] },
      { field: "cashVnd", columns: [5, 6] },
      { field: "level", constant: "Cấp xã" },
      { field: "leadOrganisation", constant: "FARMERS_UNION" },
    ];
    // Matched by headers alone, the file is refused on its header row.
    const auto = await report({ kind: "MODELS", format: "XLSX", content, dryRun: true });
    expect(auto.ok).toBe(false);
    expect(auto.errors.every((e) => e.row === 1)).toBe(true);
    // Its rows are shown all the same, so that the mapping step can show what each column holds.
    expect(auto.preview[0]?.cells[2]).toBe("thon 1");

    const r = await report({ kind: "MODELS", format: "XLSX", content, mapping });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ ok: true, created: 2 });
    const models = await prisma.model.findMany({
      where: { name: { startsWith: "Mô hình ghép cột" } },
      include: { contributions: true },
      orderBy: { id: "asc" },
    });
    expect(
      models.map((m) => [m.unitId, m.level, m.leadOrganisation, m.contributions[0]?.cashVnd]),
    ).toEqual([
      [world.cellAId, "COMMUNE", "FARMERS_UNION", 1_333_980_000n],
      [world.communeAId, "COMMUNE", "FARMERS_UNION", 5_000_000n],
    ]);

    // A mapping summing text columns, or a bad value for every row, is refused on the header row.
    const bad = await report({
      kind: "MODELS",
      format: "XLSX",
      content,
      dryRun: true,
      mapping: [
        ...mapping.slice(0, 5),
        { field: "name", columns: [1, 2] },
        { field: "level", constant: "Cấp thôn" },
      ],
    });
    expect(bad.errors.map((e) => [e.row, e.field])).toEqual([
      [1, "name"],
      [1, "leadOrganisation"],
      [1, "level"],
    ]);
    expect(bad.errors[0]?.message).toMatch(/Chỉ cộng được nhiều cột vào trường số/);
    expect(bad.errors[1]?.message).toMatch(/Thiếu cột bắt buộc "Đơn vị chủ trì"/);
    expect(bad.errors[2]?.message).toMatch(/Giá trị chung của "Cấp" không hợp lệ/);
  });

  it("keeps a successful import's mapping for the account's next file with the same headers", async () => {
    const header = ["STT", "Tên MH", "Ấp", "Lĩnh vực", "Ngày bắt đầu", "Đất (đồng)", "Tiền (đồng)"];
    const sheet = (name: string) =>
      xlsxBase64([header, ["1", name, "thon 1", "Kinh tế", utc("2025-03-01"), 10_000, 2_000]]);
    const mapping = [
      { field: "name", columns: [1], constant: null },
      { field: "unitCode", columns: [2], constant: null },
      { field: "sector", columns: [3], constant: null },
      { field: "startedOn", columns: [4], constant: null },
      { field: "cashVnd", columns: [5, 6], constant: null },
      { field: "level", columns: [], constant: "Cấp xã" },
      { field: "leadOrganisation", columns: [], constant: "FARMERS_UNION" },
    ];
    const first = await sheet("Mô hình nhớ ghép cột tháng 3");
    // Nothing kept yet; a dry run with a mapping keeps nothing either.
    const before = await report({ kind: "MODELS", format: "XLSX", content: first, dryRun: true });
    expect(before.rememberedMapping).toBeNull();
    await report({ kind: "MODELS", format: "XLSX", content: first, dryRun: true, mapping });
    expect(
      (await report({ kind: "MODELS", format: "XLSX", content: first, dryRun: true }))
        .rememberedMapping,
    ).toBeNull();
    const imported = await report({ kind: "MODELS", format: "XLSX", content: first, mapping });
    expect(imported).toMatchObject({ ok: true, created: 1 });

    // Next month's file, its headers typed in capitals without diacritics: the same mapping.
    const next = await xlsxBase64([
      header.map((h) =>
        h
          .toUpperCase()
          .normalize("NFKD")
          .replace(/[\u0300-\u036f]/g, ""),
      ),
      ["1", "Mô hình nhớ ghép cột tháng 4", "thon 1", "Kinh tế", utc("2025-04-01"), 0, 5_000],
    ]);
    const check = await report({ kind: "MODELS", format: "XLSX", content: next, dryRun: true });
    expect(check.ok).toBe(false);
    expect(check.rememberedMapping).toEqual(mapping);
    const again = await report({
      kind: "MODELS",
      format: "XLSX",
      content: next,
      dryRun: true,
      mapping: check.rememberedMapping,
    });
    expect(again.errors).toEqual([]);

    // Only for this account, this kind and these headers.
    const other = await signIn(server, "reporter-b");
    expect(
      (await report({ kind: "MODELS", format: "XLSX", content: next, dryRun: true }, other))
        .rememberedMapping,
    ).toBeNull();
    expect(
      (await report({ kind: "AWARDS", format: "XLSX", content: next, dryRun: true }))
        .rememberedMapping,
    ).toBeNull();
    const fewer = await xlsxBase64([header.slice(0, 6), ["1", "x", "thon 1", "Kinh tế", "", 0]]);
    expect(
      (await report({ kind: "MODELS", format: "XLSX", content: fewer, dryRun: true }))
        .rememberedMapping,
    ).toBeNull();
  });

  it("lists the candidates of an ambiguous unit name, and answers in English when asked", async () => {
    const prisma = server.database.db.prisma;
    // A second "thôn 1" cell in commune A: the name alone no longer says which.
    const twin = await prisma.unit.create({
      data: {
        code: "CB-A1B",
        name: "Chi bộ thôn 1 mở rộng",
        kind: "PARTY_CELL",
        parentId: world.communeAId,
        path: "/",
        depth: 2,
      },
    });
    await prisma.unitClosure.createMany({
      data: [
        { ancestorId: twin.id, descendantId: twin.id, distance: 0 },
        { ancestorId: world.communeAId, descendantId: twin.id, distance: 1 },
        { ancestorId: world.provinceId, descendantId: twin.id, distance: 2 },
      ],
    });
    try {
      const content = csv([ACTIVITY_HEADER, "Thôn 1;Hội nghị;Mơ hồ;01/04/2025;1;10;;"]);
      const r = await report({ kind: "ACTIVITIES", format: "CSV", content, dryRun: true });
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]?.message).toBe(
        'Tên đơn vị "Thôn 1" khớp nhiều đơn vị: Chi bộ thôn 1 (CB-A1); Chi bộ thôn 1 mở rộng (CB-A1B); hãy ghi mã đơn vị.',
      );
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "accept-language": "en",
          authorization: `Bearer ${reporterA}`,
        },
        body: JSON.stringify({
          query: IMPORT,
          variables: { input: { kind: "ACTIVITIES", format: "CSV", content, dryRun: true } },
        }),
      });
      const english = (await response.json()) as { data: { importRecords: Payload } };
      expect(english.data.importRecords.data?.errors[0]?.message).toBe(
        'The unit name "Thôn 1" matches several units: Chi bộ thôn 1 (CB-A1); Chi bộ thôn 1 mở rộng (CB-A1B); write the unit\'s code.',
      );
    } finally {
      await prisma.unitClosure.deleteMany({ where: { descendantId: twin.id } });
      await prisma.unit.delete({ where: { id: twin.id } });
    }
  });

  it("accepts the sample files of docs/IMPORT.md", async () => {
    const doc = readFileSync(new URL("../../../docs/IMPORT.md", import.meta.url), "utf8");
    const samples = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(samples).toHaveLength(3);
    const kinds = ["ACTIVITIES", "MODELS", "AWARDS"];
    for (const [i, content] of samples.entries()) {
      const r = await report({ kind: kinds[i], format: "CSV", content, dryRun: true });
      expect(r.errors, kinds[i]).toEqual([]);
      expect(r.created).toBeGreaterThan(0);
    }
  });

  it("returns an InputError for content that is not an XLSX file", async () => {
    const payload = await importRecords({
      kind: "ACTIVITIES",
      format: "XLSX",
      content: Buffer.from("Mã đơn vị;Loại\n").toString("base64"),
    });
    expect(payload.__typename).toBe("InputError");
    expect(payload.message).toMatch(/XLSX/);
  });
});
