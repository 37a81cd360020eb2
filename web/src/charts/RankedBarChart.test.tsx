import { cleanup, render } from "@testing-library/react";
import { ResponsiveContainer } from "recharts";
import { afterEach, describe, expect, it } from "vitest";
import type { RankedBar } from "../lib/shape";
import { RankedBarChart } from "./RankedBarChart";

afterEach(cleanup);

const data: RankedBar[] = [
  { id: "a", name: "Xã Đông Hòa", value: 5, rank: 1, status: "normal" },
  { id: "b", name: "Xã Tây Sơn", value: 0, rank: 2, status: "lowest" },
  { id: "c", name: "Xã Nam Phong", value: 0, rank: null, status: "notReported" },
];

describe("RankedBarChart", () => {
  for (const stacked of [false, true]) {
    it(`keeps a unit of 0 with its name and "0", and a unit that did not report with "—" (${stacked ? "phone" : "wide"})`, () => {
      const { container } = render(
        <ResponsiveContainer width={390} height={300}>
          <RankedBarChart data={data} name="Mô hình" lang="vi" stacked={stacked} />
        </ResponsiveContainer>,
      );
      const names = [...container.querySelectorAll("[data-rank-tick]")].map((t) => t.textContent);
      expect(names).toEqual(["Xã Đông Hòa", "Xã Tây Sơn", "⚠ Xã Nam Phong"]);
      const values = [...container.querySelectorAll("[data-bar-value]")].map((t) => t.textContent);
      expect(values).toEqual(["5", "0", "—"]);
    });
  }
});
