import { cleanup, render, screen } from "@testing-library/react";
import { CombinedError } from "urql";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../lib/i18n";
import { DataState } from "./DataState";

afterEach(cleanup);

describe("DataState", () => {
  it("says in Vietnamese that the server cannot be reached, not the browser's English", () => {
    const error = new CombinedError({ networkError: new TypeError("Failed to fetch") });
    render(
      <I18nProvider lang="vi">
        <DataState fetching={false} error={error} data={undefined} onRetry={() => {}}>
          {() => null}
        </DataState>
      </I18nProvider>,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Không kết nối được máy chủ");
    expect(alert.textContent).not.toContain("Failed to fetch");
    expect(screen.getByRole("button", { name: "Thử lại" })).toBeTruthy();
  });

  it("passes on the API's own message for a GraphQL error", () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: "Truy vấn chạy quá lâu: the query was stopped" }],
    });
    render(
      <I18nProvider lang="vi">
        <DataState fetching={false} error={error} data={undefined}>
          {() => null}
        </DataState>
      </I18nProvider>,
    );
    expect(screen.getByRole("alert").textContent).toContain("Truy vấn chạy quá lâu");
  });

  it("shows loading, then empty, then the data", () => {
    const view = (fetching: boolean, data: number[] | undefined) => (
      <I18nProvider lang="vi">
        <DataState fetching={fetching} data={data} isEmpty={(list) => list.length === 0}>
          {(list) => <p>{list.join(",")}</p>}
        </DataState>
      </I18nProvider>
    );
    const { container, rerender } = render(view(true, undefined));
    expect(container.textContent).toContain("Đang tải");
    rerender(view(false, []));
    expect(container.textContent).toContain("Chưa có số liệu");
    rerender(view(false, [1, 2]));
    expect(container.textContent).toBe("1,2");
  });
});
