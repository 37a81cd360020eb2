// The periodic report (GET/POST /report) over real HTTP on both databases, with the demo data: who
// may have it, what the Word and PDF files hold (the seed reports' own figures, in the Vietnamese
// way and in words, equal to the API's), and the layout rules a reader checks first.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@d05/prisma";
import { DEMO, DEMO_ACCOUNTS, seedDemo } from "@d05/prisma/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid } from "../api/records-fixtures";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { docxTemplate, openDocx, openPdf, renderFirstPage } from "./files";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** Set REPORT_OUT=/some/dir to keep the files for a look. */
const OUT = process.env.REPORT_OUT;

const vi = (n: number) => new Intl.NumberFormat("vi-VN").format(n);

describe.each(backends)("periodic report on %s", (backend) => {
  let server: TestServer;
  let prisma: PrismaClient;
  const tokens: Record<string, string> = {};
  const unitIds: Record<string, string> = {};

  async function signIn(username: string): Promise<string> {
    const account = DEMO_ACCOUNTS.find((a) => a.username === username);
    const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
      `mutation ($u: String!, $p: String!) {
        login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
      }`,
      { u: username, p: account?.password },
    );
    const token = body.data?.login.data?.token;
    if (!token) throw new Error(`could not sign in as ${username}`);
    return token;
  }

  async function unitId(code: string): Promise<string> {
    const unit = await prisma.unit.findUniqueOrThrow({ where: { code } });
    return gid("Unit", unit.id);
  }

  /** GET /report with query parameters; the body as bytes. */
  async function report(params: Record<string, string>, token?: string) {
    const response = await fetch(`${server.url}/report?${new URLSearchParams(params)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes };
  }

  function keep(name: string, bytes: Uint8Array) {
    if (!OUT) return;
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, `${backend}-${name}`), bytes);
  }

  beforeAll(async () => {
    server = await startTestServer(backend, (db) => seedDemo(db.db.prisma).then(() => undefined));
    prisma = server.database.db.prisma;
    for (const username of ["admin", "reporter", "hanhson", "viewer"])
      tokens[username] = await signIn(username);
    unitIds.longBinh = await unitId(DEMO.communes.longBinh);
    unitIds.hanhSon = await unitId(DEMO.communes.hanhSon);
    unitIds.province = await unitId(DEMO.province);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
  });

  describe("who may have it", () => {
    const params = () => ({
      unitId: unitIds.longBinh ?? "",
      from: "2023-01-01",
      to: "2023-12-31",
      format: "pdf",
    });

    it("refuses an anonymous caller with 401 and a Vietnamese message", async () => {
      const { response, bytes } = await report(params());
      expect(response.status).toBe(401);
      expect(JSON.parse(Buffer.from(bytes).toString()).message).toMatch(/^Cần đăng nhập/);
    });

    it("refuses a bad token with 401", async () => {
      const { response } = await report(params(), "not-a-token");
      expect(response.status).toBe(401);
    });

    it("refuses a unit outside the caller's scope like a read of it: 404, nothing revealed", async () => {
      // hanhson sees Hạnh Sơn only; Long Bình is outside.
      const { response, bytes } = await report(params(), tokens.hanhson);
      expect(response.status).toBe(404);
      const body = JSON.parse(Buffer.from(bytes).toString());
      expect(body.code).toBe("NOT_FOUND");
      expect(body.message).not.toContain("Long Bình");
      // and the GraphQL read of the same unit is refused the same way
      const read = await server.graphql<{ overview: { __typename: string } }>(
        `query($u: ID!) { overview(unitId: $u, period: {from: "2023-01-01", to: "2023-12-31"}) { __typename } }`,
        { u: unitIds.longBinh },
        tokens.hanhson,
      );
      expect(read.body.data?.overview.__typename).toBe("NotFoundError");
    });

    it("serves a unit inside the scope as a PDF attachment", async () => {
      const { response, bytes } = await report(params(), tokens.reporter);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="bao-cao-xa-long-binh-2023-01-2023-12\.pdf"/,
      );
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    });

    it("answers bad input with 400 naming the field, and an empty period with 422, never a file", async () => {
      const bad = await report({ ...params(), from: "2023-01-15" }, tokens.admin);
      expect(bad.response.status).toBe(400);
      expect(JSON.parse(Buffer.from(bad.bytes).toString()).issues[0].path).toEqual(["from"]);
      const format = await report({ ...params(), format: "odt" }, tokens.admin);
      expect(format.response.status).toBe(400);
      expect(JSON.parse(Buffer.from(format.bytes).toString()).message).toContain("docx hoặc pdf");
      const empty = await report(
        { ...params(), from: "1995-01-01", to: "1995-12-31" },
        tokens.admin,
      );
      expect(empty.response.status).toBe(422);
      expect(JSON.parse(Buffer.from(empty.bytes).toString()).message).toMatch(
        /Xã Long Bình chưa có số liệu nào trong kỳ năm 1995/,
      );
    });
  });

  describe("Long Bình, năm 2023 (seed 003)", () => {
    let docx: ReturnType<typeof openDocx>;
    let pdf: Awaited<ReturnType<typeof openPdf>>;
    let pdfBytes: Uint8Array;
    let api: Record<string, number | null>;

    beforeAll(async () => {
      const params = { unitId: unitIds.longBinh ?? "", from: "2023-01-01", to: "2023-12-31" };
      const word = await report({ ...params, format: "docx" }, tokens.admin);
      expect(word.response.status).toBe(200);
      expect(word.response.headers.get("content-type")).toBe(DOCX);
      keep("long-binh-2023.docx", word.bytes);
      docx = openDocx(word.bytes);
      const file = await report({ ...params, format: "pdf" }, tokens.admin);
      expect(file.response.status).toBe(200);
      keep("long-binh-2023.pdf", file.bytes);
      pdfBytes = file.bytes;
      pdf = await openPdf(file.bytes);
      const { body } = await server.graphql<{
        overview: { figures: { measure: string; value: number | null }[] };
      }>(
        `query($u: ID!) { overview(unitId: $u, period: {from: "2023-01-01", to: "2023-12-31"}) {
          ... on Overview { figures { measure value } } } }`,
        { u: unitIds.longBinh },
        tokens.admin,
      );
      api = Object.fromEntries(
        (body.data?.overview.figures ?? []).map((f) => [f.measure, f.value]),
      );
    });

    it("has the party committee's header: issuer and parent top left, the Party's name top right", () => {
      expect(docx.text).toContain("ĐẢNG BỘ TỈNH MINH HỌA");
      expect(docx.text).toContain("ĐẢNG ỦY XÃ LONG BÌNH");
      expect(docx.text).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
      expect(docx.text).not.toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(docx.text).toMatch(/Số\s+-BC\/ĐU/);
      expect(docx.text).toMatch(/Long Bình, ngày \d{2} tháng \d{2} năm \d{4}/);
      expect(docx.text).toContain("BÁO CÁO");
      expect(docx.text).toContain("Nơi nhận:");
      expect(docx.text).toContain("T/M ĐẢNG ỦY");
    });

    it("is A4 with the decree's margins in Times New Roman 14 pt", () => {
      expect(docx.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(docx.xml).toMatch(
        /<w:pgMar w:top="1134"[^>]*w:right="851"[^>]*w:bottom="1134"[^>]*w:left="1701"/,
      );
      const styles = docx.files.includes("word/styles.xml");
      expect(styles).toBe(true);
    });

    it("states the seed report's Dân vận khéo figures, in words where a report would", () => {
      // A PDF's text has no reliable spaces (justified lines are placed word by word).
      const squash = (s: string) => s.replace(/\s+/g, "");
      for (const [text, as] of [
        [docx.text, (s: string) => s],
        [squash(pdf.text), squash],
      ] as const) {
        expect(text).toContain(
          as("Mô hình “Dân vận khéo”: 14 (mười bốn) mô hình có 398 người dân tham gia"),
        );
        expect(text).toContain(
          as("1.333.980.000 đồng (Một tỉ ba trăm ba mươi ba triệu chín trăm tám mươi nghìn đồng)"),
        );
        expect(text).toContain(
          as("hiến 1.226 m² đất trị giá 1.051.980.000 đồng, tiền mặt 282.000.000 đồng"),
        );
        expect(text).toContain(as("198 ngày công"));
      }
    });

    it("writes the API's figures in vi-VN format", () => {
      const text = pdf.text.replace(/\s+/g, " ");
      for (const measure of ["CONTRIBUTION_VND", "MODEL_PARTICIPANTS"]) {
        const value = api[measure];
        expect(value).toBeGreaterThan(0);
        expect(docx.text).toContain(vi(value as number));
        expect(text).toContain(vi(value as number));
      }
      expect(docx.text).toContain(`đang duy trì ${api.MODELS_ACTIVE}`);
    });

    it("states the models by status on the last day (stocks), each against cùng kỳ", () => {
      const stocks = docx.text.match(
        /Theo trạng thái đến ngày 31\/12\/2023 \(số tồn\): đăng ký, duy trì (\d+) \(cùng kỳ \d+\); đang nhân rộng (\d+) \(cùng kỳ \d+\); đã ngừng (\d+) \(cùng kỳ \d+\) mô hình\./,
      );
      expect(stocks).not.toBeNull();
      const [maintained, replicated, discontinued] = (stocks ?? []).slice(1).map(Number);
      // Active = registered + maintained + replicated: the two stocks add up to the API's figure.
      expect((maintained ?? 0) + (replicated ?? 0)).toBe(api.MODELS_ACTIVE);
      expect(replicated).toBeGreaterThan(0);
      expect(discontinued).toBeGreaterThanOrEqual(0);
    });

    it("compares with the same span of the previous year and leaves the narrative as marked placeholders", () => {
      expect(docx.text).toContain("so sánh với cùng kỳ (năm 2022)");
      expect(docx.text).toContain("[Phần này do đơn vị tự viết: hạn chế");
      expect(docx.xml).toContain('<w:highlight w:val="yellow"/>');
    });

    it("has its chi bộ in a table with those that did not report marked, and the models' chart", () => {
      expect(docx.text).toContain("Bảng 4. Kết quả của các chi bộ trực thuộc");
      expect(docx.text).toContain("Chi bộ ấp Phú Trung");
      // The seed report states no session for 2023: “chưa báo cáo”, no attendance table or chart.
      expect(docx.text).toContain("Chưa báo cáo hội nghị, sinh hoạt, học tập nào trong kỳ");
      expect(docx.files.filter((f) => f.startsWith("word/media/"))).toHaveLength(1);
    });

    it("draws page 1 as the decree lays it out: A4, both header blocks inked, margins empty", async () => {
      const page = await renderFirstPage(pdfBytes, 2);
      keep("long-binh-2023-page-1.png", page.png);
      expect(page.width / 2).toBeCloseTo(595.28, 1);
      expect(page.height / 2).toBeCloseTo(841.89, 1);
      expect(page.inkTopLeft).toBeGreaterThan(0.01);
      expect(page.inkTopRight).toBeGreaterThan(0.01);
      expect(page.inkInMargins).toBe(0);
    });

    it("is an A4 PDF whose text carries the header", () => {
      expect(pdf.pages.length).toBeGreaterThan(1);
      for (const page of pdf.pages) {
        expect(page.width).toBeCloseTo(595.28, 1);
        expect(page.height).toBeCloseTo(841.89, 1);
      }
      const first = pdf.pages[0]?.text.replace(/\s+/g, " ") ?? "";
      expect(first).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
      expect(first).toContain("ĐẢNG ỦY XÃ LONG BÌNH");
    });
  });

  it("Long Bình's 2023 report has the 2023 awards per ground (07+22, 05+07, 11+33), decided in January 2024", async () => {
    // Awards count in the emulation year they honour: the awards for 2023 were decided on
    // 19/01/2024 and belong to the 2023 report, grouped by their ground.
    const { response, bytes } = await report(
      { unitId: unitIds.longBinh ?? "", from: "2023-01-01", to: "2023-12-31", format: "docx" },
      tokens.admin,
    );
    expect(response.status).toBe(200);
    const { text } = openDocx(bytes);
    expect(text).toContain("07 tập thể, 22 cá nhân (Thực hiện chuyên đề");
    expect(text).toContain("05 tập thể, 07 cá nhân (Mô hình, phong trào)");
    expect(text).toContain("11 tập thể, 33 cá nhân (Chỉ tiêu nghị quyết, thi đua)");
  });

  it("Hạnh Sơn's five-year report has its conferences, chi bộ sessions and 13 models (6/5/1/1)", async () => {
    const { response, bytes } = await report(
      { unitId: unitIds.hanhSon ?? "", from: "2016-01-01", to: "2021-04-30", format: "pdf" },
      tokens.hanhson,
    );
    expect(response.status).toBe(200);
    keep("hanh-son-2016-2021.pdf", bytes);
    const text = (await openPdf(bytes)).text.replace(/\s+/g, " ");
    expect(text).toContain("hội nghị 06 buổi với 195 lượt người tham dự");
    expect(text).toContain("sinh hoạt chuyên đề 70 buổi với 16.940 lượt người tham dự");
    expect(text).toContain("13 (mười ba) mô hình");
    expect(text).toContain(
      "phát triển kinh tế 06, văn hóa - xã hội 05, quốc phòng, an ninh trật tự 01, xây dựng Đảng và hệ thống chính trị 01",
    );
  });

  it("a province report lists its communes and marks those that did not report", async () => {
    // Its time is measured by `pnpm bench --only report` (docs/BENCHMARKS.md), not here.
    const { response, bytes } = await report(
      { unitId: unitIds.province ?? "", from: "2026-10-01", to: "2026-10-31", format: "docx" },
      tokens.admin,
    );
    expect(response.status).toBe(200);
    keep("province-2026-10.docx", bytes);
    const { text } = openDocx(bytes);
    expect(text).toContain("TỈNH ỦY MINH HỌA");
    expect(text).toContain("BAN TUYÊN GIÁO");
    // Yên Thịnh has nothing for Q4 2026 (the demo's "has not reported" case).
    // A table row is one paragraph per cell: the unit's name, seven figures, then the note.
    // Its session figures read "–" (not reported), not 0; its models are a stock and stay counted.
    expect(text).toMatch(/Xã Yên Thịnh\n–\n–\n–(\n[^\n]*){3}\nChưa báo cáo/);
  });

  it("a unit without activity records in the period reads “chưa báo cáo”, not 0 and “giảm 100%”", async () => {
    // Hòa Lạc stopped reporting activities after June 2026; its models still stand.
    const hoaLac = await unitId(DEMO.communes.hoaLac);
    const { response, bytes } = await report(
      { unitId: hoaLac, from: "2026-10-01", to: "2026-10-31", format: "docx" },
      tokens.admin,
    );
    expect(response.status).toBe(200);
    const { text } = openDocx(bytes);
    const studying = text.slice(text.indexOf("1. Công tác học tập"), text.indexOf("2. Xây dựng"));
    expect(studying).toMatch(
      /^1\. Công tác học tập[^\n]*\nChưa báo cáo hội nghị, sinh hoạt, học tập nào trong kỳ/,
    );
    expect(studying).not.toContain("giảm 100");
    expect(studying).not.toContain("0 lượt");
  });

  it("/healthz keeps answering while a province PDF is written (the file is laid out in a worker)", async () => {
    const healthz = async () => {
      const started = performance.now();
      const response = await fetch(`${server.url}/healthz`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) baseline.push(await healthz());
    let done = false;
    const pending = report(
      { unitId: unitIds.province ?? "", from: "2023-01-01", to: "2023-12-31", format: "pdf" },
      tokens.admin,
    ).finally(() => {
      done = true;
    });
    const during: number[] = [];
    while (!done) during.push(await healthz());
    expect((await pending).response.status).toBe(200);
    expect(during.length).toBeGreaterThan(1);
    // The first check waits behind the report's figure queries (on the embedded database they run
    // on this thread, by design); after them, laying out this PDF on the event loop held the next
    // checks for 0,6–3 s (measured when it ran there); in the worker they answer as before.
    expect(Math.max(...during.slice(1))).toBeLessThan(Math.max(...baseline) + 1_000);
  });

  describe("uploaded templates", () => {
    const upload = (bytes: Uint8Array, token: string | undefined, params: Record<string, string>) =>
      fetch(`${server.url}/report/templates?${new URLSearchParams(params)}`, {
        method: "POST",
        headers: {
          "content-type": DOCX,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: Buffer.from(bytes),
      });
    const stored = () => prisma.reportTemplate.count();

    it("a province's template fills with a commune's report: its tags, loops and figures", async () => {
      const template = docxTemplate([
        "{issuer} — {nationalHeader}",
        "BÁO CÁO {period}, so với {comparedPeriod}",
        "Tham dự: {attendance} lượt; mô hình đang hoạt động: {modelsActive}",
        "{#programmes}Phong trào {programme}: {models} mô hình, {money} đồng, {land} m²{/programmes}",
        "{#awards}{ground}: {collective} tập thể, {individual} cá nhân{/awards}",
        "{#subordinates}{no}. {name}: {sessions} buổi {note}{/subordinates}",
        "{limitations}",
        "{signerCapacity} {signerName}",
      ]);
      const response = await upload(template, tokens.admin, {
        unitId: unitIds.province ?? "",
        name: "Mẫu của tỉnh",
      });
      expect(response.status).toBe(201);
      const { template: saved } = await response.json();
      expect(saved.tags).toEqual(expect.arrayContaining(["issuer", "programmes.money"]));
      // A commune below the province lists it and may use it.
      const listed = await fetch(
        `${server.url}/report/templates?unitId=${encodeURIComponent(unitIds.longBinh ?? "")}`,
        { headers: { authorization: `Bearer ${tokens.reporter}` } },
      );
      expect((await listed.json()).templates.map((t: { id: number }) => t.id)).toContain(saved.id);
      const { response: word, bytes } = await report(
        {
          unitId: unitIds.longBinh ?? "",
          from: "2023-01-01",
          to: "2023-12-31",
          format: "docx",
          templateId: String(saved.id),
        },
        tokens.reporter,
      );
      expect(word.status).toBe(200);
      keep("long-binh-2023-template.docx", bytes);
      const { text } = openDocx(bytes);
      expect(text).toContain("ĐẢNG ỦY XÃ LONG BÌNH — ĐẢNG CỘNG SẢN VIỆT NAM");
      expect(text).toContain("BÁO CÁO năm 2023, so với năm 2022");
      expect(text).toContain("Phong trào Dân vận khéo: 14 mô hình, 1.333.980.000 đồng, 1.226 m²");
      expect(text).toContain("11 tập thể, 33 cá nhân");
      expect(text).toMatch(/1\. Chi bộ [^\n]+ buổi/);
      expect(text).toContain("[Phần này do đơn vị tự viết: hạn chế");
      expect(text).toContain("T/M ĐẢNG ỦY");
      // Word only: the PDF keeps the default layout.
      const pdf = await report(
        {
          unitId: unitIds.longBinh ?? "",
          from: "2023-01-01",
          to: "2023-12-31",
          format: "pdf",
          templateId: String(saved.id),
        },
        tokens.reporter,
      );
      expect(pdf.response.status).toBe(400);
      // A template of another branch of the tree does not serve Hạnh Sơn.
      const communeOnly = await upload(docxTemplate(["{issuer}"]), tokens.admin, {
        unitId: unitIds.longBinh ?? "",
        name: "Mẫu Long Bình",
      });
      const other = (await communeOnly.json()).template.id;
      const refused = await report(
        {
          unitId: unitIds.hanhSon ?? "",
          from: "2016-01-01",
          to: "2021-04-30",
          format: "docx",
          templateId: String(other),
        },
        tokens.admin,
      );
      expect(refused.response.status).toBe(404);
    });

    it("refuses a template with unknown or broken tags, naming each in Vietnamese, and stores nothing", async () => {
      const before = await stored();
      const response = await upload(
        docxTemplate([
          "{issuer} {donViCapTren}",
          "{#subordinates}{name} {tenXa}{/subordinates}",
          "{period",
        ]),
        tokens.admin,
        { unitId: unitIds.province ?? "", name: "Mẫu lỗi" },
      );
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.code).toBe("BAD_TEMPLATE");
      expect(body.problems.join("\n")).toContain("Thẻ “{period” thiếu dấu đóng “}”.");
      const unknown = await upload(
        docxTemplate(["{issuer} {donViCapTren}", "{#subordinates}{name} {tenXa}{/subordinates}"]),
        tokens.admin,
        { unitId: unitIds.province ?? "", name: "Mẫu lỗi" },
      );
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).problems).toEqual([
        "Thẻ “{donViCapTren}” không có trong danh sách thẻ của báo cáo.",
        "Thẻ “{tenXa}” (trong vòng lặp “subordinates”) không có trong danh sách thẻ của báo cáo.",
      ]);
      const notWord = await upload(new TextEncoder().encode("không phải Word"), tokens.admin, {
        unitId: unitIds.province ?? "",
        name: "Mẫu lỗi",
      });
      expect((await notWord.json()).problems).toEqual([
        "Tệp không phải là tệp Word .docx (không mở được dạng nén ZIP).",
      ]);
      // Only administrators upload.
      const viewer = await upload(docxTemplate(["{issuer}"]), tokens.viewer, {
        unitId: unitIds.province ?? "",
        name: "Mẫu",
      });
      expect(viewer.status).toBe(403);
      expect(await stored()).toBe(before);
    });

    it("deletes a template for an administrator of its unit, audited; others are refused", async () => {
      const created = await upload(docxTemplate(["{issuer}"]), tokens.admin, {
        unitId: unitIds.hanhSon ?? "",
        name: "Mẫu để xóa",
      });
      const { id } = (await created.json()).template;
      const remove = (token: string | undefined, templateId: string | number) =>
        fetch(`${server.url}/report/templates?id=${templateId}`, {
          method: "DELETE",
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
      expect((await remove(undefined, id)).status).toBe(401);
      expect((await remove(tokens.hanhson, id)).status).toBe(403);
      const bad = await remove(tokens.admin, "abc");
      expect(bad.status).toBe(400);
      expect((await bad.json()).message).toContain("Mã mẫu báo cáo phải là số nguyên dương.");
      const done = await remove(tokens.admin, id);
      expect(done.status).toBe(200);
      expect(await done.json()).toEqual({ deleted: { id } });
      expect(await prisma.reportTemplate.findUnique({ where: { id } })).toBeNull();
      const audit = await prisma.auditLog.findFirst({
        where: { action: "deleteReportTemplate", entityId: String(id) },
      });
      expect(audit?.before).toMatchObject({ name: "Mẫu để xóa", tags: ["issuer"] });
      const again = await remove(tokens.admin, id);
      expect(again.status).toBe(404);
      expect((await again.json()).message).toMatch(/^Không tìm thấy mẫu báo cáo/);
    });
  });

  it("a state body's report carries the national motto", async () => {
    const agency = await prisma.unit.findFirstOrThrow({
      where: { kind: "AGENCY", models: { some: {} } },
      include: { models: { take: 1, orderBy: { startedOn: "desc" } } },
    });
    const day = agency.models[0]?.startedOn ?? new Date();
    const from = new Date(Date.UTC(day.getUTCFullYear(), 0, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(day.getUTCFullYear(), 11, 31)).toISOString().slice(0, 10);
    const { response, bytes } = await report(
      { unitId: gid("Unit", agency.id), from, to, format: "docx" },
      tokens.admin,
    );
    expect(response.status).toBe(200);
    const { text } = openDocx(bytes);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).not.toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(text).toContain(agency.name.toLocaleUpperCase("vi-VN"));
    expect(text).toContain("Đơn vị không có đơn vị trực thuộc để tổng hợp, so sánh.");
  });

  it("POST takes the narrative typed in the dialog", async () => {
    const response = await fetch(`${server.url}/report`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({
        unitId: unitIds.longBinh,
        from: "2023-01-01",
        to: "2023-12-31",
        format: "docx",
        limitations: "Một số chi bộ sinh hoạt chuyên đề chưa đều.",
        signerName: "Nguyễn Thị Kim Ngọc",
      }),
    });
    expect(response.status).toBe(200);
    const { text } = openDocx(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("Một số chi bộ sinh hoạt chuyên đề chưa đều.");
    expect(text).toContain("Nguyễn Thị Kim Ngọc");
    expect(text).not.toContain("[Phần này do đơn vị tự viết: hạn chế");
  });
});
