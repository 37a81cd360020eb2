// The `metrics` question, checked as one zod schema: every problem is reported at once, each with
// the path of the field it is about, and nothing is computed for a question with a problem.
import { z } from "zod";
import { type MESSAGES, type MessageKey, says } from "../domain/messages";
import { globalIdOf } from "../ids";
import {
  canSplit,
  DIMENSIONS,
  type Dimension,
  isTimeDimension,
  MEASURE_DEFINITIONS,
  MEASURES,
  type Measure,
} from "./measures";
import { periodProblems } from "./periods";

/** A zod issue worded by the message table (issueText reads its key), in both languages. */
function custom<K extends MessageKey>(
  path: (string | number)[],
  key: K,
  ...args: Parameters<(typeof MESSAGES)[K]>
) {
  return { code: "custom" as const, path, message: key, ...says(key, ...args) };
}

const day = z.date();

const filters = z
  .object({
    activityKinds: z.array(z.string()).nullish(),
    sectors: z.array(z.string()).nullish(),
    awardLevels: z.array(z.string()).nullish(),
    awardForms: z.array(z.string()).nullish(),
    recipientKinds: z.array(z.string()).nullish(),
    awardGrounds: z.array(z.string()).nullish(),
    themeIds: z.array(globalIdOf("Theme")).nullish(),
    programmes: z
      .array(z.string().trim().min(1, "Tên chương trình trống: a programme name is empty."))
      .max(20, "Tối đa 20 chương trình: at most 20 programmes.")
      .nullish(),
    leadOrganisations: z.array(z.string()).nullish(),
    modelLevels: z.array(z.string()).nullish(),
    awardDating: z.enum(["EMULATION_YEAR", "DECISION_DATE"]).nullish(),
  })
  .nullish();

const derived = z
  .object({
    change: z.boolean().nullish(),
    compareWith: z.enum(["PREVIOUS_PERIOD", "SAME_PERIOD_LAST_YEAR"]).nullish(),
    shareOfTotal: z.boolean().nullish(),
    perHundredMembers: z.boolean().nullish(),
  })
  .nullish();

export const metricsInputSchema = z
  .object({
    unitId: z.union([z.string(), z.number()]).nullish(),
    measures: z
      .array(z.enum(MEASURES))
      .min(1, "Cần 1 đến 10 chỉ tiêu: give 1 to 10 measures.")
      .max(10, "Cần 1 đến 10 chỉ tiêu: give 1 to 10 measures.")
      .refine((ms) => new Set(ms).size === ms.length, "Chỉ tiêu trùng lặp: a measure is repeated."),
    dimensions: z
      .array(z.enum(DIMENSIONS))
      .max(3, "Tối đa 3 chiều: at most 3 dimensions.")
      .refine((ds) => new Set(ds).size === ds.length, "Chiều trùng lặp: a dimension is repeated.")
      .refine(
        (ds) => ds.filter(isTimeDimension).length <= 1,
        "Chỉ một chiều thời gian: at most one of YEAR, QUARTER, MONTH.",
      )
      .nullish()
      .transform((ds) => ds ?? []),
    unitLevel: z.string().nullish(),
    period: z.object({ from: day, to: day }),
    filters,
    derived,
    orderBy: z
      .object({
        measure: z.enum(MEASURES).nullish(),
        dimension: z.enum(DIMENSIONS).nullish(),
        direction: z.enum(["ASC", "DESC"]).nullish(),
      })
      .refine(
        (o) => !(o.measure && o.dimension),
        "Chọn chỉ tiêu hoặc chiều: give measure or dimension, not both.",
      )
      .nullish(),
    limit: z
      .number()
      .int("Giới hạn từ 1 đến 1000: limit must be 1..1000.")
      .min(1, "Giới hạn từ 1 đến 1000: limit must be 1..1000.")
      .max(1000, "Giới hạn từ 1 đến 1000: limit must be 1..1000.")
      .nullish()
      .transform((v) => v ?? 1000),
  })
  .superRefine((input, ctx) => {
    const measures = input.measures as Measure[];
    const dimensions = input.dimensions as Dimension[];
    dimensions.forEach((d, i) => {
      for (const m of measures) {
        if (!canSplit(m, d)) {
          ctx.addIssue(custom(["dimensions", i], "cannotSplit", { measure: m, dimension: d }));
        }
      }
    });
    for (const p of periodProblems(input.period)) {
      ctx.addIssue({
        code: "custom",
        path: ["period", p.field],
        message: p.text.vi,
        params: { text: p.text },
      });
    }
    const order = input.orderBy;
    if (order?.measure && !measures.includes(order.measure)) {
      ctx.addIssue(custom(["orderBy", "measure"], "orderByUnaskedMeasure"));
    }
    if (order?.dimension && !dimensions.includes(order.dimension)) {
      ctx.addIssue(custom(["orderBy", "dimension"], "orderByUnaskedDimension"));
    }
    if (input.derived?.change && dimensions.some(isTimeDimension)) {
      ctx.addIssue(custom(["derived", "change"], "changeWithTimeDimension"));
    }
    if (input.derived?.perHundredMembers) {
      const rates = measures.filter((m) => MEASURE_DEFINITIONS[m].isRate);
      if (rates.length > 0) {
        ctx.addIssue(
          custom(["derived", "perHundredMembers"], "rateNotPerMember", {
            measures: rates.join(", "),
          }),
        );
      }
    }
  });

export type MetricsInput = z.output<typeof metricsInputSchema>;
