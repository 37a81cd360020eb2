// What an award honours: its emulation year (năm thi đua) and its ground (căn cứ khen thưởng).
// Year-end reviews count awards by the year they honour, grouped by these grounds; the decision
// itself is often dated in the next year's first weeks (19/01/2024 for 2023).
import { z } from "zod";

export const AWARD_GROUNDS = [
  "YEAR_THEME",
  "MODEL_PROGRAMME",
  "EMULATION_TARGETS",
  "OTHER",
] as const;
export type AwardGround = (typeof AWARD_GROUNDS)[number];

export const AWARD_GROUND_LABELS: Record<AwardGround, string> = {
  YEAR_THEME: "Thực hiện chuyên đề năm",
  MODEL_PROGRAMME: "Mô hình, phong trào",
  EMULATION_TARGETS: "Chỉ tiêu nghị quyết, thi đua",
  OTHER: "Khác",
};

export const AWARD_GROUND_DESCRIPTIONS: Record<AwardGround, string> = {
  YEAR_THEME:
    "Thực hiện chuyên đề năm: for carrying out the year's theme (chuyên đề năm), e.g. “thành tích xuất sắc trong thực hiện chuyên đề năm 2023”.",
  MODEL_PROGRAMME:
    "Mô hình, phong trào: for a model or a programme, e.g. “Dân vận khéo”, a model of the unit.",
  EMULATION_TARGETS:
    "Chỉ tiêu nghị quyết, thi đua: for the emulation targets (chỉ tiêu nghị quyết, pháp lệnh, danh hiệu lao động tiên tiến).",
  OTHER: "Khác: any other ground (điển hình tiên tiến, anniversaries, ...).",
};

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
