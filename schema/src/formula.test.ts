import { describe, expect, it } from "vitest";
import { startsLikeFormula } from "./formula";

describe("startsLikeFormula", () => {
  it("catches the characters a spreadsheet runs, ASCII and full-width, after blanks", () => {
    for (const text of [
      "=1+1",
      "+84",
      "-2",
      "@SUM(A1)",
      " \t=cmd",
      "\u00a0=x",
      "＝1+1",
      "＋1",
      "－1",
      "＠x",
    ]) {
      expect(startsLikeFormula(text), text).toBe(true);
    }
  });

  it("leaves ordinary Vietnamese text alone", () => {
    for (const text of ["Xã Hạnh Sơn", "1.250", "Chi bộ ấp 3 (A=B)", "", "đ -"]) {
      expect(startsLikeFormula(text), text).toBe(false);
    }
  });
});
