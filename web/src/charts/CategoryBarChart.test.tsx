import { cleanup, render } from "@testing-library/react";
import { ResponsiveContainer } from "recharts";
import { afterEach, describe, expect, it } from "vitest";
import { CategoryBarChart } from "./CategoryBarChart";

afterEach(cleanup);

const data = [
  { key: "ECONOMY", label: "Kinh tế", value: 12 },
  { key: "CULTURE_SOCIETY", label: "Văn hóa - xã hội", value: 0 },
  { key: "SECURITY_ORDER", label: "Quốc phòng, an ninh", value: 3 },
];

/** The chart's texts but the number axis' ticks: names and the figures drawn beside the bars. */
function labels(container: HTMLElement) {
  const axis = new Set(container.querySelectorAll(".recharts-xAxis-tick-labels text"));
  return [...container.querySelectorAll("text")]
    .filter((t) => !axis.has(t))
    .map((t) => t.textContent);
}

describe("CategoryBarChart", () => {
  // The phone's stacked layout writes each name above its bar; recharts dropped a 0's bar and
  // its labels, so "Văn hóa - xã hội" vanished with its figure.
  for (const stacked of [false, true]) {
    it(`keeps a category of 0 with its name and its "0" (${stacked ? "phone, names above the bars" : "names beside the bars"})`, () => {
      const { container } = render(
        <ResponsiveContainer width={390} height={300}>
          <CategoryBarChart data={data} colors={{}} name="Mô hình" lang="vi" stacked={stacked} />
        </ResponsiveContainer>,
      );
      const texts = labels(container);
      for (const name of ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng, an ninh"]) {
        expect(texts).toContain(name);
      }
      expect(texts.filter((t) => t === "0")).toHaveLength(1);
      expect(texts).toEqual(expect.arrayContaining(["12", "3"]));
    });
  }
});
