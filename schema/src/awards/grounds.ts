// What an award honours: its emulation year (năm thi đua) and its ground (căn cứ khen thưởng).
// Year-end reviews count awards by the year they honour, grouped by these grounds; the decision
// itself is often dated in the next year's first weeks (19/01/2024 for 2023).
import { z } from "zod";
import { type AwardGround, awardGrounds, valuesOf } from "../domain/enums";

export type { AwardGround } from "../domain/enums";

/** The grounds in schema.prisma's order, and their Vietnamese names (domain/enums.ts). */
export const AWARD_GROUNDS = valuesOf(awardGrounds);
export const AWARD_GROUND_LABELS = Object.fromEntries(
  AWARD_GROUNDS.map((g) => [g, awardGrounds.values[g].vi]),
) as Record<AwardGround, string>;

export const awardGround = z.enum(AWARD_GROUNDS);

/** Emulation years an award may honour. */
export const emulationYear = z
  .number()
  .int("Năm thi đua là số nguyên: the emulation year is a whole number.")
  .min(2000, "Năm thi đua từ 2000: the emulation year is 2000 or later.")
  .max(2100, "Năm thi đua đến 2100: the emulation year is 2100 or earlier.");

/**
 * The emulation year of an award given without one: the year of its theme when it is tied to one
 * (an award for the 2023 theme honours 2023), else the decision's year.
 */
export function defaultEmulationYear(awardedOn: Date, themeYear: number | null): number {
  return themeYear ?? awardedOn.getUTCFullYear();
}

/** The ground of an award given without one: its theme, else its model, else other. */
export function defaultAwardGround(
  themeId: number | null | undefined,
  modelId: number | null | undefined,
): AwardGround {
  if (themeId !== null && themeId !== undefined) return "YEAR_THEME";
  if (modelId !== null && modelId !== undefined) return "MODEL_PROGRAMME";
  return "OTHER";
}
