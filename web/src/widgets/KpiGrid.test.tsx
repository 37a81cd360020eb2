import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { KpiCard } from "../components/KpiCard";
import type { Lang } from "../lib/format";
import { I18nProvider, useI18n } from "../lib/i18n";
import type { Measure } from "../lib/labels";
import { figureBasis } from "./KpiGrid";

afterEach(cleanup);

const ANSWER: { period: { to: string }; members: { on: string; partyMembers: number | null } } = {
  period: { to: "2026-10-31" },
  members: { on: "2026-10-31", partyMembers: 3898 },
};

/** The card as KpiGrid draws it: the basis line from the overview's answer. */
function Card({ measure, answer = ANSWER }: { measure: Measure; answer?: typeof ANSWER }) {
  const { t, lang } = useI18n();
  return <KpiCard label={measure} value="2" basis={figureBasis(measure, answer, t, lang)} />;
}

function basisOf(measure: Measure, lang: Lang, answer = ANSWER): string {
  render(
    <I18nProvider lang={lang}>
      <Card measure={measure} answer={answer} />
    </I18nProvider>,
  );
  const text = screen.getByRole("article").querySelector(".kpi-basis")?.textContent ?? "";
  cleanup();
  return text;
}

describe("what a KPI card counts over", () => {
  it("names the members a per-100 rate divides by and their day, in both languages", () => {
    expect(basisOf("ATTENDANCE_PER_100_MEMBERS", "vi")).toBe(
      "trên 3.898 đảng viên ngày 31/10/2026",
    );
    expect(basisOf("ATTENDANCE_PER_100_MEMBERS", "en")).toBe(
      "per 3,898 party members on 31/10/2026",
    );
  });

  it("says when there is no membership to divide by, never a made-up figure", () => {
    const none = { ...ANSWER, members: { on: "2024-12-31", partyMembers: null } };
    expect(basisOf("ATTENDANCE_PER_100_MEMBERS", "vi", none)).toBe(
      "chưa có số đảng viên ngày 31/12/2024",
    );
  });

  it("tells a flow in the period from a stock on a day", () => {
    // "Mô hình nhân rộng" 2 on the overview (replicated during the period) vs 26 on the Models
    // page (replicated models on a day): the cards say which.
    expect(basisOf("MODELS_REPLICATED", "vi")).toBe("cộng dồn trong kỳ");
    expect(basisOf("MODELS_REPLICATED_STOCK", "vi")).toBe("tồn đến ngày 31/10/2026");
    expect(basisOf("MODELS_ACTIVE", "en")).toBe("held on 31/10/2026");
    expect(basisOf("ATTENDANCE", "en")).toBe("summed over the period");
  });
});
