// Routine figures for the three seed-report communes in the years their reports do not cover, so
// that in 2024–2026 they are not shown as "chưa báo cáo" for want of demo data. The generators are
// the ones of the other communes, narrowed to those years and kept off every figure the reports
// give (test/src/seed/demo.test.ts asserts them, several for all time):
// - Long Bình (seed 003, year 2023, reviewed 19/01/2024): 2021–2022 and 2024 onwards; its 14
//   "Dân vận khéo" models and their contributions are all there are, so no generated model joins
//   that programme; no award falls on 19/01/2024 (generated awards come in May, June, December,
//   the district's in January of the next year only up to 2025, and a year after a model).
// - Hạnh Sơn (seed 004, 2016 to the five-year review of 15/04/2021): 2022 onwards. Its
//   conferences, chi bộ sessions, maintained models and exemplary individuals are asserted for
//   all time, so chi bộ meetings and thematic sessions go in as commune totals (the way its report
//   counts them), and no conference, model or exemplary-individual award is added.
// - Đại Cương (seed 000, launched 15/08/2023): 2021–2022 and 2024 onwards, away from the launch.
import type { DemoBuilder } from "../builder";
import { AS_OF, FIRST_GENERATED_YEAR, ymd } from "../calendar";
import { DEMO, PROGRAMMES } from "../demo";
import type { GeneratedCommune } from "../units";
import { addActivities } from "./activities";
import { addAwards } from "./awards";
import { addCommitments } from "./commitments";
import { communeContext, type Limits } from "./context";
import { addModels } from "./models";

interface SeedCommuneRoutine {
  code: string;
  /** Years with a report of their own, left as the report has them. */
  reportYears: readonly number[];
  /** Same scale as a generated commune's: how well it turns out and reports. */
  engagement: number;
  limits: Limits;
}

export const SEED_COMMUNE_ROUTINES: readonly SeedCommuneRoutine[] = [
  {
    code: DEMO.communes.longBinh,
    reportYears: [2023],
    // A commune with 14 "Dân vận khéo" models in one year is among the leaders.
    engagement: 0.97,
    limits: { closedProgrammes: [PROGRAMMES.danVanKheo] },
  },
  {
    code: DEMO.communes.hanhSon,
    reportYears: [2016, 2017, 2018, 2019, 2020, 2021],
    engagement: 0.78,
    limits: { cellTotalsAtCommune: true, noConferences: true, noModels: true, noExemplary: true },
  },
  {
    code: DEMO.communes.daiCuong,
    reportYears: [2023],
    engagement: 0.86,
    limits: {},
  },
];

/** Runs of consecutive generated years without a report: [first, last] each. */
export function yearsWithoutReport(reportYears: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let year = FIRST_GENERATED_YEAR; year <= AS_OF.getUTCFullYear(); year++) {
    if (reportYears.includes(year)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === year - 1) last[1] = year;
    else runs.push([year, year]);
  }
  return runs;
}

export function addSeedCommuneRoutines(builder: DemoBuilder): void {
  for (const routine of SEED_COMMUNE_ROUTINES) {
    const unit = builder.unitInfo(routine.code);
    const commune: GeneratedCommune = {
      code: routine.code,
      name: unit.name,
      urban: false,
      cells: builder.childrenOf(routine.code, "PARTY_CELL").length,
      population: unit.population ?? 0,
      engagement: routine.engagement,
    };
    for (const [first, last] of yearsWithoutReport(routine.reportYears)) {
      const context = communeContext(builder, commune, {
        from: ymd(first, 1, 1),
        until: ymd(last, 12, 31),
        limits: routine.limits,
      });
      addActivities(context);
      const models = addModels(context);
      addCommitments(context);
      addAwards(context, models);
    }
  }
}
