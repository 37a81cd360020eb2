// What an award honours: its emulation year (năm thi đua) and its ground (căn cứ khen thưởng).
// Year-end reviews count awards by the year they honour, grouped by these grounds; the decision
// itself is often dated in the next year's first weeks (19/01/2024 for 2023).
import { z } from "zod";
import { type AwardGround, awardGrounds, valuesOf } from "../domain/enums";
import { says } from "../domain/messages";

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
  .int()
  .refine((y) => y >= 2000, says("yearTooEarly", { year: 2000 }))
  .refine((y) => y <= 2100, says("yearTooLate", { year: 2100 }));

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
