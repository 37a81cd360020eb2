import { describe, expect, it } from "vitest";
import { mapIssues } from "./formErrors";

describe("mapIssues", () => {
  const fields = ["title", "attendance", "occurredOn", "unitId"];

  it("puts each issue on the field its path names, without the input argument", () => {
    const errors = mapIssues(
      [
        { path: ["input", "attendance"], message: "Không được âm" },
        { path: ["input", "occurredOn"], message: "Không được ở tương lai" },
      ],
      fields,
    );
    expect(errors.fields).toEqual({
      attendance: "Không được âm",
      occurredOn: "Không được ở tương lai",
    });
    expect(errors.form).toEqual([]);
  });

  it("keeps the first message when a field breaks several rules", () => {
    const errors = mapIssues(
      [
        { path: ["input", "title"], message: "Bắt buộc" },
        { path: ["input", "title"], message: "Quá dài" },
      ],
      fields,
    );
    expect(errors.fields.title).toBe("Bắt buộc");
  });

  it("maps nested paths to their top field and unknown paths to the form", () => {
    const errors = mapIssues(
      [
        { path: ["input", "unitId", "0"], message: "Mã không hợp lệ" },
        { path: ["input", "somethingElse"], message: "Lỗi khác" },
        { path: [], message: "Lỗi chung" },
      ],
      fields,
    );
    expect(errors.fields).toEqual({ unitId: "Mã không hợp lệ" });
    expect(errors.form).toEqual(["Lỗi khác", "Lỗi chung"]);
  });
});
