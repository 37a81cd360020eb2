// Generated figures for the demo province's other communes, 2021 to the demo's today, so every
// chart has shape: growth, seasons, the 2021 COVID-19 dip, leaders and laggards, a merger, and
// communes that have not reported lately. The seed communes carry their reported facts, and
// routine figures only in the years their reports do not cover (seed-communes.ts).
import type { DemoBuilder } from "../builder";
import { GENERATED_COMMUNES } from "../units";
import { addActivities } from "./activities";
import { addAwards } from "./awards";
import { addCommitments } from "./commitments";
import { communeContext } from "./context";
import { addModels } from "./models";
import { addSeedCommuneRoutines } from "./seed-communes";

export function addGeneratedFigures(builder: DemoBuilder): void {
  for (const commune of GENERATED_COMMUNES) {
    const context = communeContext(builder, commune);
    addActivities(context);
    const models = addModels(context);
    addCommitments(context);
    addAwards(context, models);
  }
  addSeedCommuneRoutines(builder);
}
