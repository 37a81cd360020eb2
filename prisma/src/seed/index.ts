// The deterministic demo data set: the seed reports' facts exactly, placed in a plausible unit
// tree of a fictional province, plus generated figures for its other communes. `pnpm start` loads
// it into an empty database; `pnpm db:seed` reloads it.
import type { PrismaClient } from "../generated/client.ts";
import { accountRows } from "./accounts";
import { DemoBuilder, type DemoData } from "./builder";
import { addGeneratedFigures } from "./generated";
import { addReportedFacts } from "./reports";
import { addThemes } from "./themes";
import { addUnits } from "./units";
import { writeDemo } from "./write";

export { DEMO_ACCOUNTS, type DemoAccount } from "./accounts";
export type { DemoData } from "./builder";
export { DEMO, PROGRAMMES } from "./demo";
export { DAI_CUONG_MODEL } from "./reports";
export { THEMES } from "./themes";
export { clearDatabase, isDatabaseEmpty } from "./write";

export interface DemoSummary {
  units: number;
  unitClosures: number;
  themes: number;
  users: number;
  activities: number;
  models: number;
  modelStatusChanges: number;
  modelContributions: number;
  commitments: number;
  awards: number;
  /** Wall time of seedDemo, hashing and writing included. */
  milliseconds: number;
}

/** The whole demo as rows, without touching a database; the same on every call. */
export function buildDemo(): DemoData {
  const builder = new DemoBuilder();
  addUnits(builder);
  addThemes(builder);
  addReportedFacts(builder);
  addGeneratedFigures(builder);
  return builder.finish();
}

/** Writes the demo into an empty database (see isDatabaseEmpty / clearDatabase). */
export async function seedDemo(prisma: PrismaClient): Promise<DemoSummary> {
  const started = performance.now();
  const data = buildDemo();
  const ids = new Map(data.units.map((unit) => [unit.code, unit.id as number]));
  const users = await accountRows((code) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`demo account scoped to unknown unit ${code}`);
    return id;
  });
  await writeDemo(prisma, data, users);
  return {
    units: data.units.length,
    unitClosures: data.closures.length,
    themes: data.themes.length,
    users: users.length,
    activities: data.activities.length,
    models: data.models.length,
    modelStatusChanges: data.statusChanges.length,
    modelContributions: data.contributions.length,
    commitments: data.commitments.length,
    awards: data.awards.length,
    milliseconds: Math.round(performance.now() - started),
  };
}
