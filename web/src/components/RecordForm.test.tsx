import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../lib/i18n";
import { collectInput, type FieldSpec, RecordForm } from "./RecordForm";

afterEach(cleanup);

const fields: FieldSpec[] = [
  { name: "title", label: "field.title", type: "text", required: true },
  { name: "attendance", label: "field.attendance", type: "number", required: true },
  { name: "notes", label: "field.notes", type: "textarea" },
  { name: "occurredOn", label: "field.occurredOn", type: "date" },
];

describe("RecordForm", () => {
  it("turns form values into an input: numbers, ISO days, blanks left out", () => {
    const form = new FormData();
    form.set("title", " Hội nghị ");
    form.set("attendance", "195");
    form.set("notes", "");
    form.set("occurredOn", "19/01/2024");
    expect(collectInput(fields, form)).toEqual({
      input: { title: "Hội nghị", attendance: 195, occurredOn: "2024-01-19" },
      badDates: [],
    });
  });

  it("names a day it cannot read instead of sending it", async () => {
    const submit = vi.fn();
    render(
      <I18nProvider lang="vi">
        <RecordForm title="Hoạt động" fields={fields} submit={submit} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Ngày diễn ra/), { target: { value: "31/02/2024" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu" }));
    await waitFor(() =>
      expect(screen.getByLabelText(/Ngày diễn ra/).getAttribute("aria-invalid")).toBe("true"),
    );
    expect(submit).not.toHaveBeenCalled();
  });

  it("shows the API's InputError issues under the fields they name", async () => {
    const submit = vi.fn().mockResolvedValue({
      ok: false,
      error: {
        __typename: "InputError",
        message: "Dữ liệu không hợp lệ",
        issues: [{ path: ["input", "attendance"], message: "Phải là số không âm" }],
      },
    });
    render(
      <I18nProvider lang="vi">
        <RecordForm title="Hoạt động" fields={fields} submit={submit} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Lượt người tham dự/), { target: { value: "-5" } });
    fireEvent.change(screen.getByLabelText(/Ngày diễn ra/), { target: { value: "15/01/2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu" }));

    const attendance = screen.getByLabelText(/Lượt người tham dự/);
    await waitFor(() => expect(attendance.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = attendance.getAttribute("aria-describedby");
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe(
      "Phải là số không âm",
    );
    expect(screen.getByLabelText(/Nội dung/).getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("Dữ liệu chưa hợp lệ");
    expect(submit).toHaveBeenCalledWith(
      expect.objectContaining({ attendance: -5, idempotencyKey: expect.any(String) }),
    );
  });

  it("says it saved and clears the errors on success", async () => {
    const submit = vi.fn().mockResolvedValue({ ok: true });
    render(
      <I18nProvider lang="en">
        <RecordForm title="Activity" fields={fields} submit={submit} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Date/), { target: { value: "15/01/2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveProperty("textContent", "Saved.");
  });
});
