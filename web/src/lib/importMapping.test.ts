// @vitest-environment node
import { afterEach, describe, expect, it } from "vitest";
import {
  choiceFromColumns,
  fieldsWithoutColumn,
  mappingInput,
  recallChoice,
  rememberChoice,
} from "./importMapping";

const FIELDS = ["unitCode", "name", "level", "cashVnd"];

/** A Map standing in for the browser's localStorage. */
function fakeStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("importMapping", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, "localStorage");
  });

  it("sends summed columns, values for every row, and leaves ignored columns out", () => {
    const choice = {
      columns: ["name", null, "unitCode", "cashVnd", "cashVnd"],
      constants: { level: " Cấp xã ", cashVnd: "ignored: the field has columns" },
    };
    expect(mappingInput(choice, FIELDS)).toEqual([
      { field: "unitCode", columns: [2], constant: null },
      { field: "name", columns: [0], constant: null },
      { field: "level", columns: [], constant: "Cấp xã" },
      { field: "cashVnd", columns: [3, 4], constant: null },
    ]);
    expect(fieldsWithoutColumn(choice, FIELDS)).toEqual(["level"]);
    expect(choiceFromColumns([{ field: "name" }, { field: null }])).toEqual({
      columns: ["name", null],
      constants: {},
    });
  });

  it("remembers a choice per account, kind and headers, whatever their case and diacritics", () => {
    Object.defineProperty(globalThis, "localStorage", { value: fakeStorage(), configurable: true });
    const choice = { columns: ["name", "cashVnd"], constants: { level: "COMMUNE" } };
    rememberChoice("baocao.longbinh", "MODELS", ["Tên mô hình", "Tiền mặt"], choice);
    expect(recallChoice("baocao.longbinh", "MODELS", ["TEN MO HINH", "tien mat"])).toEqual(choice);
    expect(recallChoice("nguoi.khac", "MODELS", ["Tên mô hình", "Tiền mặt"])).toBeNull();
    expect(recallChoice("baocao.longbinh", "AWARDS", ["Tên mô hình", "Tiền mặt"])).toBeNull();
    expect(recallChoice("baocao.longbinh", "MODELS", ["Tên mô hình", "Đất"])).toBeNull();
  });
});
