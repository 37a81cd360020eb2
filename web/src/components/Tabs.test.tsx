import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { Tabs } from "./Tabs";

afterEach(cleanup);

const TABS = [
  { id: "activity", label: "Hoạt động" },
  { id: "model", label: "Mô hình" },
  { id: "award", label: "Khen thưởng" },
  { id: "import", label: "Nhập từ tệp" },
] as const;
type Id = (typeof TABS)[number]["id"];

function Harness({ start = "activity" }: { start?: Id }) {
  const [selected, setSelected] = useState<Id>(start);
  return (
    <Tabs label="Nhập liệu" tabs={TABS} selected={selected} onSelect={setSelected}>
      <p>Nội dung {selected}</p>
      {selected !== "import" && (
        <button type="button" onClick={() => setSelected("import")}>
          Mở nhập từ tệp
        </button>
      )}
    </Tabs>
  );
}

const selectedTab = () => screen.getByRole("tab", { selected: true });

describe("Tabs (WAI-ARIA tabs pattern)", () => {
  it("ties every tab to its panel and back, and shows only the selected panel", () => {
    render(<Harness start="model" />);
    expect(screen.getByRole("tablist", { name: "Nhập liệu" })).toBeTruthy();
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((tab) => tab.textContent)).toEqual(TABS.map((tab) => tab.label));
    for (const tab of tabs) {
      const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
      expect(panel?.getAttribute("role"), tab.textContent ?? "").toBe("tabpanel");
      expect(panel?.getAttribute("aria-labelledby")).toBe(tab.id);
      expect(panel?.hidden).toBe(tab.getAttribute("aria-selected") !== "true");
    }
    // Only the visible panel is exposed, named by its tab.
    const panel = screen.getByRole("tabpanel");
    expect(panel.getAttribute("aria-labelledby")).toBe(selectedTab().id);
    expect(panel.textContent).toContain("Nội dung model");
  });

  it("is one tab stop: only the selected tab has tabindex 0", () => {
    render(<Harness start="award" />);
    expect(screen.getAllByRole("tab").map((tab) => tab.tabIndex)).toEqual([-1, -1, 0, -1]);
  });

  it("moves and selects with ←/→ (wrapping), Home and End, keeping focus on the new tab", () => {
    render(<Harness />);
    const press = (key: string) => fireEvent.keyDown(document.activeElement as Element, { key });
    selectedTab().focus();
    const steps: [string, string][] = [
      ["ArrowRight", "Mô hình"],
      ["ArrowRight", "Khen thưởng"],
      ["End", "Nhập từ tệp"],
      ["ArrowRight", "Hoạt động"],
      ["ArrowLeft", "Nhập từ tệp"],
      ["Home", "Hoạt động"],
      ["ArrowLeft", "Nhập từ tệp"],
    ];
    for (const [key, label] of steps) {
      press(key);
      expect(selectedTab().textContent, key).toBe(label);
      expect(document.activeElement, key).toBe(selectedTab());
      expect(selectedTab().tabIndex).toBe(0);
      expect(screen.getByRole("tabpanel").getAttribute("aria-labelledby")).toBe(selectedTab().id);
    }
  });

  it("leaves other keys alone", () => {
    render(<Harness />);
    selectedTab().focus();
    const event = fireEvent.keyDown(selectedTab(), { key: "ArrowDown" });
    expect(event).toBe(true); // not prevented
    expect(selectedTab().textContent).toBe("Hoạt động");
  });

  it("gives focus to the new tab when the control that chose it leaves with its panel", () => {
    render(<Harness />);
    const open = screen.getByRole("button", { name: "Mở nhập từ tệp" });
    open.focus();
    fireEvent.click(open);
    expect(selectedTab().textContent).toBe("Nhập từ tệp");
    expect(document.activeElement).toBe(selectedTab());
  });
});
