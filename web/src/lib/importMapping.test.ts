// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  choiceFromColumns,
  choiceFromMapping,
  fieldsWithoutColumn,
  mappingInput,
} from "./importMapping";

const FIELDS = ["unitCode", "name", "level", "cashVnd"];

describe("importMapping", () => {
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

  it("reads a kept mapping back as the choice it stands for", () => {
    const kept = [
      { field: "name", columns: [0], constant: null },
      { field: "cashVnd", columns: [2, 3], constant: null },
      { field: "level", columns: [], constant: "COMMUNE" },
    ];
    const choice = choiceFromMapping(kept, 4);
    expect(choice).toEqual({
      columns: ["name", null, "cashVnd", "cashVnd"],
      constants: { level: "COMMUNE" },
    });
    // Back to the same mapping: what the server kept is what the next check sends.
    expect(mappingInput(choice, ["name", "cashVnd", "level"])).toEqual(kept);
  });
});
