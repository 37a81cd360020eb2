import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider, type Translate } from "../lib/i18n";
import viCatalog from "../locales/vi.json";
import { collectInput, type FieldSpec, RecordForm } from "./RecordForm";

afterEach(cleanup);

/** The Vietnamese catalogue without ICU arguments beyond {min}, enough for the checks. */
const t: Translate = (key, values) =>
  (viCatalog as Record<string, string>)[key]!.replace("{min}", String(values?.min ?? ""));

const fields: FieldSpec[] = [
  { name: "title", label: "field.title", type: "text", required: true },
  { name: "attendance", label: "field.attendance", type: "number", required: true },
  { name: "notes", label: "field.notes", type: "textarea" },
  { name: "occurredOn", label: "field.occurredOn", type: "date" },
];

describe("RecordForm", () => {
  it("turns form values into an input: vi-VN numbers, ISO days, blanks left out", () => {
    const form = new FormData();
    form.set("title", " Hội nghị ");
    form.set("attendance", "1.250");
    form.set("notes", "");
    form.set("occurredOn", "19/01/2024");
    expect(collectInput(fields, form, t, "vi")).toEqual({
      input: { title: "Hội nghị", attendance: 1250, occurredOn: "2024-01-19" },
      problems: {},
    });
  });

  it("names every field it cannot send, in the interface's language", () => {
    const form = new FormData();
    form.set("title", "  ");
    form.set("attendance", "1,5");
    form.set("occurredOn", "31/02/2024");
    expect(collectInput(fields, form, t, "vi").problems).toEqual({
      title: "Không được để trống.",
      attendance: "Nhập một số nguyên, ví dụ 1.250.",
      occurredOn: "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy",
    });
    form.set("attendance", "-5");
    expect(collectInput(fields, form, t, "vi").problems.attendance).toBe("Không được nhỏ hơn 0.");
  });

  it("keeps focus on Lưu while saving (no disabled button that drops it) and sends once", async () => {
    let finish: (value: { ok: true }) => void = () => {};
    const submit = vi.fn(() => new Promise<{ ok: true }>((resolve) => (finish = resolve)));
    render(
      <I18nProvider lang="vi">
        <RecordForm title="Hoạt động" fields={fields} submit={submit} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Nội dung/), { target: { value: "Hội nghị" } });
    fireEvent.change(screen.getByLabelText(/Lượt người tham dự/), { target: { value: "12" } });
    const save = screen.getByRole("button", { name: "Lưu" });
    save.focus();
    fireEvent.submit(save.closest("form") as HTMLFormElement);
    const busy = await screen.findByRole("button", { name: "Đang lưu…" });
    expect(busy).toBe(save);
    expect(busy.matches(":disabled")).toBe(false);
    expect(busy.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).toBe(busy);
    fireEvent.submit(save.closest("form") as HTMLFormElement);
    finish({ ok: true });
    await screen.findByText("Đã lưu.");
    expect(submit).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Lưu" }));
  });

  it("checks a field as it is typed once it has been left, and shows 1250 as 1.250", async () => {
    render(
      <I18nProvider lang="vi">
        <RecordForm title="Hoạt động" fields={fields} submit={vi.fn()} />
      </I18nProvider>,
    );
    const attendance = screen.getByLabelText(/Lượt người tham dự/) as HTMLInputElement;
    fireEvent.change(attendance, { target: { value: "1250" } });
    fireEvent.blur(attendance);
    expect(attendance.value).toBe("1.250");
    fireEvent.change(attendance, { target: { value: "12a" } });
    expect(attendance.getAttribute("aria-invalid")).toBe("true");
    const describedBy = attendance.getAttribute("aria-describedby");
    expect(describedBy && document.getElementById(describedBy)?.textContent).toBe(
      "Nhập một số nguyên, ví dụ 1.250.",
    );
    fireEvent.change(attendance, { target: { value: "12" } });
    expect(attendance.getAttribute("aria-invalid")).toBeNull();
  });

  it("shows a read-only account a disabled form with the reason and no save button", () => {
    render(
      <I18nProvider lang="vi">
        <RecordForm
          title="Hoạt động"
          fields={fields}
          submit={vi.fn()}
          readOnlyReason="Tài khoản này chỉ được xem."
        />
      </I18nProvider>,
    );
    expect((screen.getByLabelText(/Nội dung/) as HTMLInputElement).matches(":disabled")).toBe(true);
    expect(screen.queryByRole("button", { name: "Lưu" })).toBeNull();
    expect(screen.getByText("Tài khoản này chỉ được xem.")).toBeTruthy();
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
    fireEvent.change(screen.getByLabelText(/Nội dung/), { target: { value: "Hội nghị" } });
    fireEvent.change(screen.getByLabelText(/Lượt người tham dự/), { target: { value: "5.000" } });
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
      expect.objectContaining({ attendance: 5000, idempotencyKey: expect.any(String) }),
    );
  });

  it("says it saved and clears the errors on success", async () => {
    const submit = vi.fn().mockResolvedValue({ ok: true });
    render(
      <I18nProvider lang="en">
        <RecordForm title="Activity" fields={fields} submit={submit} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Title/), { target: { value: "Conference" } });
    fireEvent.change(screen.getByLabelText(/Attendance/), { target: { value: "1,250" } });
    fireEvent.change(screen.getByLabelText(/Date/), { target: { value: "15/01/2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("status")).toHaveProperty("textContent", "Saved.");
  });
});
