import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../lib/i18n";
import { KpiCard } from "./KpiCard";

afterEach(cleanup);

describe("KpiCard", () => {
  it("shows the value and a rise against the previous period", () => {
    render(
      <I18nProvider lang="vi">
        <KpiCard label="Lượt người tham dự" value="16.940" change={0.125} previous="15.058" />
      </I18nProvider>,
    );
    const card = screen.getByRole("article", { name: "Lượt người tham dự: 16.940" });
    expect(card.textContent).toContain("16.940");
    expect(card.querySelector('[data-change="up"]')?.textContent).toContain("+12,5%");
    expect(card.textContent).toContain("so với kỳ trước");
    expect(card.textContent).toContain("Kỳ trước: 15.058");
  });

  it("shows progress towards its target as a named bar, amber while under it", () => {
    render(
      <I18nProvider lang="vi">
        <KpiCard
          label="Mô hình đang duy trì"
          value="2"
          target={{ text: "Đạt 67% chỉ tiêu ≥ 3", progress: 2 / 3, under: true }}
        />
      </I18nProvider>,
    );
    const bar = screen.getByRole("progressbar", { name: "Đạt 67% chỉ tiêu ≥ 3" });
    expect(bar.getAttribute("aria-valuenow")).toBe("67");
    expect(bar.closest("[data-under-target]")?.getAttribute("data-under-target")).toBe("true");
  });

  it("says under the bar how a target made of its units' targets is made", () => {
    render(
      <I18nProvider lang="vi">
        <KpiCard
          label="Số buổi sinh hoạt"
          value="150"
          target={{
            text: "Đạt 89% chỉ tiêu ≥ 168",
            progress: 150 / 168,
            under: true,
            rule: "Chỉ tiêu: tổng chỉ tiêu của 168 xã, phường",
          }}
        />
      </I18nProvider>,
    );
    const card = screen.getByRole("article");
    expect(card.querySelector(".kpi-target-rule")?.textContent).toBe(
      "Chỉ tiêu: tổng chỉ tiêu của 168 xã, phường",
    );
    // The card's own target says nothing of the kind.
    cleanup();
    render(
      <I18nProvider lang="vi">
        <KpiCard
          label="Số buổi"
          value="3"
          target={{ text: "Đạt 100% chỉ tiêu ≥ 3", progress: 1, under: false }}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole("article").querySelector(".kpi-target-rule")).toBeNull();
  });

  it("marks a fall", () => {
    render(
      <I18nProvider lang="en">
        <KpiCard label="Awards" value="29" change={-0.2} />
      </I18nProvider>,
    );
    const change = screen.getByRole("article").querySelector('[data-change="down"]');
    expect(change?.textContent).toContain("−20%");
    expect(change?.textContent).toContain("vs previous period");
  });

  it("says so when there is nothing to compare with", () => {
    render(
      <I18nProvider lang="vi">
        <KpiCard label="Mô hình mới" value="3" change={null} />
      </I18nProvider>,
    );
    expect(screen.getByText("Không có số liệu kỳ trước")).toBeTruthy();
  });

  it("shows a short amount and gives the exact one on hover and to screen readers", () => {
    render(
      <I18nProvider lang="vi">
        <KpiCard label="Tổng giá trị (đồng)" value="5,21 tỷ đ" exact="5.205.470.000 đ" />
      </I18nProvider>,
    );
    const card = screen.getByRole("article", { name: "Tổng giá trị (đồng): 5.205.470.000 đ" });
    const figure = card.querySelector(".kpi-value");
    expect(figure?.textContent).toBe("5,21 tỷ đ");
    expect(figure?.getAttribute("title")).toBe("5.205.470.000 đ");
  });
});
