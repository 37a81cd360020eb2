import { describe, expect, it } from "vitest";
import type { Translate } from "./i18n";
import { failureMessage } from "./sendWrite";

const t: Translate = (key) =>
  ({ "entry.invalid": "Dữ liệu chưa hợp lệ", "entry.failed": "Chưa lưu được" })[key as string] ??
  key;

describe("sendWrite's failure messages", () => {
  it("never shows graphql-js' English coercion errors or a variable path", () => {
    const coercion =
      'Variable "$input" got invalid value 1.25 at "input.attendance"; Int cannot represent non-integer value: 1.25';
    expect(failureMessage([coercion], t)).toBe("Dữ liệu chưa hợp lệ");
    expect(failureMessage(["Quá nhiều yêu cầu", coercion], t)).toBe("Dữ liệu chưa hợp lệ");
  });

  it("passes on the server's own words when they are meant for people", () => {
    expect(failureMessage(["Quá nhiều yêu cầu, thử lại sau 30 giây."], t)).toBe(
      "Quá nhiều yêu cầu, thử lại sau 30 giây.",
    );
  });

  it("says the entry was not saved when the server gave no words at all", () => {
    expect(failureMessage([], t)).toBe("Chưa lưu được");
  });
});
