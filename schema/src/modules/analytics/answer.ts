// How every analytics question is answered: the root unit checked against the viewer's scope, the
// period asked for (absolute or relative to today), and the answer shared through the read cache.
import { type PrismaClient, rawQueriesOf, type Unit } from "@d05/prisma";
import {
  type Period,
  periodProblems,
  type RelativePeriod,
  relativePeriod,
  vietnamToday,
} from "../../analytics/periods";
import { type ReferenceFacts, referenceFactsOf } from "../../analytics/reference-facts";
import { builder } from "../../builder";
import type { Context } from "../../context";
import { type FieldIssue, InputError, issueOf, NotFoundError } from "../../errors";
import { assertUnitInScope, requireViewer } from "../../scope";
import { parseGlobalId } from "../common";
import { PeriodInput, RelativePeriodEnum } from "./period";

/**
 * What every analytics field declares: a higher cost than plain fields in the complexity budget,
 * and its typed failures as members of the result union `union`.
 */
export function analyticsField(union: string) {
  return {
    complexity: 50,
    errors: {
      types: [InputError, NotFoundError],
      directResult: true as const,
      union: { name: union },
    },
  };
}

/**
 * The answer to an analytics question about a root unit's subtree. The root must exist inside the
 * viewer's subtree, else NotFoundError (nothing leaks); that is checked for every request. The
 * answer itself is the same for every viewer, so it comes from the analytics cache while nothing
 * under the root has changed (`question` names everything else the answer depends on).
 */
export async function answerAbout<T>(
  ctx: Context,
  unitId: string | number | null | undefined,
  question: unknown,
  compute: (root: Unit, db: PrismaClient, facts: ReferenceFacts) => Promise<T>,
  rowsOf?: (answer: T) => number,
): Promise<T> {
  const viewer = requireViewer(ctx);
  const id =
    unitId === null || unitId === undefined ? viewer.scopeUnitId : parseGlobalId(unitId, "Unit");
  if (id === null) throw new NotFoundError("Unit", String(unitId));
  await assertUnitInScope(ctx, id);
  const load = async () => {
    // The root, and the units and targets beside the figures, are kept while unchanged.
    const facts = referenceFactsOf(ctx);
    const root = await facts.unit(id);
    if (!root) throw new NotFoundError("Unit", String(unitId));
    // The figures themselves may come from a read replica that has seen every write so far; on
    // PostgreSQL the engine's raw statements go straight to the pool (rawQueriesOf).
    const { replicas } = ctx.db;
    return replicas
      ? replicas.read((db) => compute(root, db, facts))
      : compute(root, rawQueriesOf(ctx.db), facts);
  };
  return ctx.reads ? ctx.reads.answer(id, JSON.stringify(question), load, rowsOf) : load();
}

export function checkPeriod(period: Period, path: string[]): FieldIssue[] {
  return periodProblems(period).map((p) => ({
    path: [...path, p.field],
    message: p.text.vi,
    en: p.text.en,
  }));
}

export function fail(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new InputError(issues);
}

/** Today in Vietnam, or the day the server was told to take as today (tests). */
export function todayOf(ctx: Context): Date {
  return ctx.today ? ctx.today() : vietnamToday();
}

/**
 * The whole-month period an answer is about: `period`, or `relativePeriod` resolved on asOf.
 * Exactly one of them; problems are typed InputErrors naming the argument.
 */
export function requestedPeriod(
  args: { period?: Period | null; relativePeriod?: RelativePeriod | null },
  asOf: Date,
): Period {
  if (args.period && args.relativePeriod) {
    fail([issueOf(["relativePeriod"], "periodTwice")]);
  }
  if (args.relativePeriod) return relativePeriod(args.relativePeriod, asOf);
  if (!args.period) {
    fail([issueOf(["period"], "periodMissing")]);
  }
  const period = args.period as Period;
  fail(checkPeriod(period, ["period"]));
  return period;
}

/** `period` or `relativePeriod`: the two ways to name the period of an answer. */
export const periodArgs = builder.args((t) => ({
  period: t.field({
    type: PeriodInput,
    required: false,
    description:
      "The period (whole months). When it has not ended it is counted up to today and compared with the same span of the compared period (cùng kỳ). Give this or relativePeriod.",
  }),
  relativePeriod: t.field({
    type: RelativePeriodEnum,
    required: false,
    description: "A period relative to today (Vietnam time), instead of `period`.",
  }),
}));
