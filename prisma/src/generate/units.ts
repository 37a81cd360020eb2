// The unit tree of a generated data set: a national root above the chosen provinces, their
// communes (from the official 2025 list when available), and under each commune ~10 chi bộ and
// four mass organisations. Codes are stable ("VN-01-00004-CB03"), so benchmarks can find units.
import fs from "node:fs";
import type { UnitKind } from "../generated/client.ts";
import type { Random } from "../seed/random";

/** One province of vn-admin-units-2025.json (the fields this generator reads). */
export interface ProvinceSource {
  Code: string;
  FullName: string;
  Wards: { Code: string; FullName: string }[];
}

export const NATIONAL_ROOT_CODE = "VN";

/** The mass organisations every generated commune has, as [code suffix, name prefix]. */
export const MASS_ORGANISATIONS = [
  ["PN", "Hội Liên hiệp Phụ nữ"],
  ["ND", "Hội Nông dân"],
  ["TN", "Đoàn Thanh niên"],
  ["CCB", "Hội Cựu chiến binh"],
] as const;

export interface GeneratedUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  path: string;
  depth: number;
  partyMembers: number;
  population: number | null;
}

export interface CommuneUnits {
  commune: GeneratedUnit;
  cells: GeneratedUnit[];
  massOrganisations: GeneratedUnit[];
}

export interface UnitTree {
  units: GeneratedUnit[];
  /** [ancestorId, descendantId, distance], self rows included. */
  closures: [number, number, number][];
  communes: CommuneUnits[];
  root: GeneratedUnit;
  provinces: GeneratedUnit[];
}

/** Reads the official list, or null when the file is absent. */
export function readProvinceList(file: string): ProvinceSource[] | null {
  if (!fs.existsSync(file)) return null;
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of provinces`);
  for (const p of data as ProvinceSource[]) {
    if (typeof p.Code !== "string" || typeof p.FullName !== "string" || !Array.isArray(p.Wards)) {
      throw new Error(`${file}: every province needs Code, FullName and Wards`);
    }
  }
  return data as ProvinceSource[];
}

/** A list of the same shape as the official one: 34 provinces, 3,321 communes. */
export function syntheticProvinceList(random: Random): ProvinceSource[] {
  const provinces: ProvinceSource[] = [];
  let ward = 0;
  let left = 3321;
  for (let i = 1; i <= 34; i++) {
    const count = i === 34 ? left : Math.min(left - (34 - i) * 38, random.int(38, 168));
    left -= count;
    const code = String(i).padStart(2, "0");
    provinces.push({
      Code: code,
      FullName: `Tỉnh Số ${code}`,
      Wards: Array.from({ length: count }, () => {
        ward += 1;
        const w = String(ward).padStart(5, "0");
        return { Code: w, FullName: `${ward % 4 === 0 ? "Phường" : "Xã"} Số ${w}` };
      }),
    });
  }
  return provinces;
}

/** Builds the tree for the given provinces (at most `maxCommunes` communes each). */
export function buildUnitTree(
  provinces: ProvinceSource[],
  randomFor: (key: string) => Random,
  maxCommunes = Number.POSITIVE_INFINITY,
): UnitTree {
  const units: GeneratedUnit[] = [];
  const closures: [number, number, number][] = [];
  const ancestors = new Map<number, [number, number][]>();
  const add = (
    code: string,
    name: string,
    kind: UnitKind,
    parent: GeneratedUnit | null,
    partyMembers = 0,
    population: number | null = null,
  ): GeneratedUnit => {
    const id = units.length + 1;
    const unit: GeneratedUnit = {
      id,
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      partyMembers,
      population,
    };
    units.push(unit);
    const mine: [number, number][] = [[id, 0]];
    for (const [a, d] of parent ? (ancestors.get(parent.id) ?? []) : []) mine.push([a, d + 1]);
    ancestors.set(id, mine);
    for (const [a, d] of mine) closures.push([a, id, d]);
    return unit;
  };

  // No NATION kind exists: the country is an AGENCY at the root, so a national overview or a
  // comparison of provinces is one query like any other subtree.
  const root = add(NATIONAL_ROOT_CODE, "Toàn quốc (Việt Nam)", "AGENCY", null);
  const provinceUnits: GeneratedUnit[] = [];
  const communes: CommuneUnits[] = [];
  for (const p of provinces) {
    const province = add(`VN-${p.Code}`, p.FullName, "PROVINCE", root);
    provinceUnits.push(province);
    for (const w of p.Wards.slice(0, maxCommunes)) {
      const code = `VN-${p.Code}-${w.Code}`;
      const random = randomFor(`${code}:units`);
      const commune = add(code, w.FullName, "COMMUNE", province, 0, random.int(6, 45) * 1000);
      const ward = w.FullName.startsWith("Phường");
      const cellCount = random.int(7, 13);
      const cells: GeneratedUnit[] = [];
      for (let i = 1; i <= cellCount; i++) {
        const n = String(i).padStart(2, "0");
        const name = `Chi bộ ${ward ? "khu phố" : "thôn"} ${i}`;
        cells.push(add(`${code}-CB${n}`, name, "PARTY_CELL", commune, random.int(15, 80)));
      }
      const place = w.FullName.charAt(0).toLowerCase() + w.FullName.slice(1);
      const massOrganisations = MASS_ORGANISATIONS.map(([suffix, prefix]) =>
        add(`${code}-${suffix}`, `${prefix} ${place}`, "MASS_ORGANISATION", commune),
      );
      commune.partyMembers = cells.reduce((sum, c) => sum + c.partyMembers, 0);
      province.partyMembers += commune.partyMembers;
      province.population = (province.population ?? 0) + (commune.population ?? 0);
      communes.push({ commune, cells, massOrganisations });
    }
    root.partyMembers += province.partyMembers;
    root.population = (root.population ?? 0) + (province.population ?? 0);
  }
  return { units, closures, communes, root, provinces: provinceUnits };
}
