// docs/ANALYST.md cannot go stale: every GraphQL query in it runs here against the demo, and the
// seed reports' figures it quotes (Long Bình's 2023 awards and "Dân vận khéo" contributions,
// Hạnh Sơn's maintained models) are asserted.
import { readFileSync } from "node:fs";
import { DEMO } from "@d05/prisma/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startDemoFixture, unitIdByCode } from "../support/demo";
import type { TestServer } from "../support/server";

interface GuideQuery {
  title: string;
  unitCode: string;
  query: string;
}

/** The guide's questions: a "## n." heading, a `<!-- unit: CODE -->` marker, a graphql block. */
function guideQueries(): GuideQuery[] {
  const text = readFileSync(new URL("../../../docs/ANALYST.md", import.meta.url), "utf8");
  const out: GuideQuery[] = [];
  const pattern = /^## (\d+\..*)$[\s\S]*?<!-- unit: ([A-Z0-9-]+) -->\s*```graphql\n([\s\S]*?)```/gm;
  for (const m of text.matchAll(pattern)) {
    out.push({ title: m[1] as string, unitCode: m[2] as string, query: m[3] as string });
  }
  return out;
}

type Row = {
  keys?: { dimension?: string; key: string; label: string }[];
  values: (number | null)[];
  [field: string]: unknown;
};
type Answer = Record<string, { rows?: Row[]; message?: string; [field: string]: unknown }>;

const QUERIES = guideQueries();

describe.each(backends)("the analyst's guide on %s", (backend) => {
  let server: TestServer;
  let token: string;
  const answers = new Map<number, Answer>();

  beforeAll(async () => {
    ({ server, token } = await startDemoFixture(backend, "ANALYST"));
  });
  afterAll(() => server?.stop());

  async function run(index: number): Promise<Answer> {
    const cached = answers.get(index);
    if (cached) return cached;
    const q = QUERIES[index] as GuideQuery;
    const unit = await unitIdByCode(server, q.unitCode, token);
    const { status, body } = await server.graphql<Answer>(q.query, { unit }, token);
    expect(status, q.title).toBe(200);
    expect(body.errors, `${q.title}: ${JSON.stringify(body.errors)}`).toBeUndefined();
    const answer = body.data as Answer;
    for (const [field, result] of Object.entries(answer)) {
      expect(result.message, `${q.title} → ${field}`).toBeUndefined();
      expect(result.rows?.length, `${q.title} → ${field}: no rows`).toBeGreaterThan(0);
    }
    answers.set(index, answer);
    return answer;
  }

  it("holds ten questions, each with a unit and a query", () => {
    expect(QUERIES).toHaveLength(10);
    expect(QUERIES.map((q) => q.title.split(".")[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 1)),
    );
  });

  it.each(QUERIES.map((q, i) => [q.title, i] as const))(
    "answers “%s” without an error",
    async (_title, index) => {
      await run(index);
    },
  );

  it("gives Long Bình's 2023 awards per ground: 07+22, 05+07, 11+33 (23 collectives, 62 individuals)", async () => {
    // The grounds without any award are rows too, not reported (null): only the figures count here.
    const rows = ((await run(0)).metrics?.rows ?? []).filter((r) => r.values[0] !== null);
    const byKey = Object.fromEntries(
      rows.map((r) => [r.keys!.map((k) => k.key).join("/"), r.values[0]]),
    );
    const reported = DEMO.reported.longBinh.awards2023;
    expect(byKey).toEqual({
      "YEAR_THEME/COLLECTIVE": reported.theme.collectives,
      "YEAR_THEME/INDIVIDUAL": reported.theme.individuals,
      "MODEL_PROGRAMME/COLLECTIVE": reported.danVanKheo.collectives,
      "MODEL_PROGRAMME/INDIVIDUAL": reported.danVanKheo.individuals,
      "EMULATION_TARGETS/COLLECTIVE": reported.emulation.collectives,
      "EMULATION_TARGETS/INDIVIDUAL": reported.emulation.individuals,
    });
    // By emulation year they are 2023's; by decision date (19/01/2024) 2023 has none of them.
    const both = await run(7);
    expect(both.theoNamThiDua?.rows?.[0]?.values).toEqual([23, 62]);
    expect(both.theoNgayQuyetDinh?.rows?.[0]?.values ?? [0, 0]).not.toEqual([23, 62]);
  });

  it("gives Long Bình's “Dân vận khéo” contributions of 2023: 1.333.980.000 đ, of which 1.226 m² worth 1.051.980.000 đ and 282.000.000 đ cash", async () => {
    const rows = (await run(1)).metrics?.rows ?? [];
    expect(rows).toHaveLength(1);
    const reported = DEMO.reported.longBinh;
    expect(rows[0]?.values).toEqual([
      Number(reported.totalVnd),
      reported.landM2,
      DEMO.chosen.longBinhWorkdays,
      reported.participants,
      Number(reported.landValueVnd),
      Number(reported.cashVnd),
      0,
    ]);
  });

  it("gives Hạnh Sơn's 13 maintained models by sector on its report date (6/5/1/1)", async () => {
    const rows = ((await run(2)).metrics?.rows ?? []).filter((r) => r.values[0] !== null);
    const bySector = Object.fromEntries(rows.map((r) => [r.keys![0]!.key, r.values[0]]));
    expect(bySector).toEqual(DEMO.reported.hanhSon.maintainedModels);
    expect(rows.reduce((sum, r) => sum + (r.values[0] ?? 0), 0)).toBe(13);
  });

  it("lists the top 10 models by participants, largest first, with shares of the whole", async () => {
    const m = (await run(3)).metrics!;
    const rows = m.rows ?? [];
    expect(rows).toHaveLength(10);
    expect((m.totalRows as number) >= 10).toBe(true);
    const values = rows.map((r) => r.values[0] as number);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    const shares = rows.map((r) => (r.shares as number[])[0] as number);
    expect(shares.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it("gives each commune's registered and eligible chi bộ beside its registration rate", async () => {
    const rows = (await run(6)).metrics?.rows ?? [];
    for (const r of rows) {
      const num = (r.numerators as number[])[0] as number;
      const den = (r.denominators as number[])[0] as number;
      expect(r.values[0]).toBe(den ? (100 * num) / den : null);
    }
    expect(rows.some((r) => ((r.denominators as number[])[0] as number) > 0)).toBe(true);
  });

  it("compares 2024 with 2023 and names the compared period", async () => {
    const m = (await run(8)).metrics!;
    expect(m.comparedPeriod).toEqual({ from: "2023-01-01", to: "2023-12-31" });
    for (const r of m.rows ?? []) {
      const [value] = r.values as number[];
      const [previous] = r.previousValues as number[];
      const [change] = r.changes as (number | null)[];
      expect(change).toBe(previous ? ((value as number) - previous) / previous : null);
    }
  });
});
