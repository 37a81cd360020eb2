// The demo's unit tree.
//
// The seed reports come from four pre-2025 provinces (Hà Nam: Kim Bảng/Đại Cương and Bình Lục;
// Đồng Tháp: Cao Lãnh; Yên Bái: Nghĩa Lộ/Hạnh Sơn; Long Bình names no district or province).
// Rather than pretend they share a real province, the demo puts them in one fictional province,
// "Tỉnh Minh Họa", laid out as the tree stands after the reform of 01/07/2025: communes hang
// directly under the province. Districts that own records of their own (Cao Lãnh's 46 grassroots
// party organisations, Bình Lục's pilot models) are kept as DISTRICT units that ceased on
// 30/06/2025, so their history stays where it happened instead of being re-filed elsewhere.
// The districts' organisations count no party members: the reports give none, and the demo holds
// no attendance for them. Members invented for them (6.239) vanished on 01/07/2025 with nothing
// succeeding them, so the province's per-100 rate divided 2024 by 10.137 members of whom only the
// communes' 3.898 ever attended anything, and 2025 read +161,7 %. Now the province's members are
// its communes' on every day, and its rate moves only with attendance.
// Three generated communes merged on 01/07/2025: Tân Lập into An Phú (which kept its name), and
// Phú Lộc with Phú Hòa into the new Phú Hưng; their chi bộ moved with them (a successor chi bộ
// under the new commune), and every record dated before the merger stays on the old units.

import type { DemoBuilder } from "./builder";
import { day, LAST_DAY_BEFORE_REFORM, REFORM_DAY } from "./calendar";
import { DEMO } from "./demo";
import { randomFor } from "./random";

/** A generated commune and the traits its figures are drawn from. */
export interface GeneratedCommune {
  code: string;
  name: string;
  /** Phường: street-block chi bộ, larger cells, more people. */
  urban: boolean;
  /** Chi bộ of its own (before any merger). */
  cells: number;
  population: number;
  /** 0.5 (lagging) … 1.05 (leading): scales attendance, registrations, models, awards. */
  engagement: number;
  activeFrom?: Date;
  activeUntil?: Date;
  successor?: string;
  /** Communes that merged into this one on 01/07/2025; their chi bộ move here. */
  absorbs?: string[];
  /** No activity record from this day on: the dashboard's "has not reported" case. */
  silentFrom?: Date;
}

const C = DEMO.communes;

/** In declaration order: a commune that absorbs others comes before them. */
export const GENERATED_COMMUNES: GeneratedCommune[] = [
  {
    code: C.hoaBinh,
    name: "Phường Hòa Bình",
    urban: true,
    cells: 8,
    population: 28_400,
    engagement: 0.95,
  },
  {
    code: "DEMO-BAC-SON",
    name: "Phường Bắc Sơn",
    urban: true,
    cells: 7,
    population: 21_300,
    engagement: 0.9,
  },
  {
    code: C.minhKhai,
    name: "Xã Minh Khai",
    urban: false,
    cells: 6,
    population: 11_200,
    engagement: 1.05,
  },
  {
    code: C.anPhu,
    name: "Xã An Phú",
    urban: false,
    cells: 7,
    // After absorbing Tân Lập; per-capita rates of earlier years are therefore a little low.
    population: 20_300,
    engagement: 0.85,
    absorbs: ["DEMO-TAN-LAP"],
  },
  {
    code: "DEMO-TAN-LAP",
    name: "Xã Tân Lập",
    urban: false,
    cells: 5,
    population: 6_100,
    engagement: 0.7,
    activeUntil: LAST_DAY_BEFORE_REFORM,
    successor: C.anPhu,
  },
  {
    code: "DEMO-THANH-SON",
    name: "Xã Thanh Sơn",
    urban: false,
    cells: 6,
    population: 9_800,
    engagement: 0.88,
  },
  {
    code: "DEMO-DONG-HUNG",
    name: "Xã Đông Hưng",
    urban: false,
    cells: 7,
    population: 12_600,
    engagement: 0.8,
  },
  {
    code: "DEMO-QUANG-TIEN",
    name: "Xã Quảng Tiến",
    urban: false,
    cells: 5,
    population: 8_700,
    engagement: 0.74,
  },
  {
    code: C.yenThinh,
    name: "Xã Yên Thịnh",
    urban: false,
    cells: 6,
    population: 9_200,
    engagement: 0.68,
    silentFrom: day("2026-10-01"),
  },
  {
    code: "DEMO-TAN-THANH",
    name: "Xã Tân Thành",
    urban: false,
    cells: 6,
    population: 10_400,
    engagement: 0.92,
  },
  {
    code: C.phuHung,
    name: "Xã Phú Hưng",
    urban: false,
    cells: 0,
    population: 13_700,
    engagement: 0.82,
    activeFrom: REFORM_DAY,
    absorbs: ["DEMO-PHU-LOC", "DEMO-PHU-HOA"],
  },
  {
    code: "DEMO-PHU-LOC",
    name: "Xã Phú Lộc",
    urban: false,
    cells: 5,
    population: 7_400,
    engagement: 0.86,
    activeUntil: LAST_DAY_BEFORE_REFORM,
    successor: C.phuHung,
  },
  {
    code: "DEMO-PHU-HOA",
    name: "Xã Phú Hòa",
    urban: false,
    cells: 4,
    population: 6_300,
    engagement: 0.62,
    activeUntil: LAST_DAY_BEFORE_REFORM,
    successor: C.phuHung,
  },
  {
    code: C.hoaLac,
    name: "Xã Hòa Lạc",
    urban: false,
    cells: 5,
    population: 7_900,
    engagement: 0.5,
    silentFrom: day("2026-07-01"),
  },
];

for (const commune of GENERATED_COMMUNES) {
  const silent = DEMO.notReporting[commune.code];
  if (silent !== undefined && commune.silentFrom?.toISOString().slice(0, 10) !== silent) {
    throw new Error(`DEMO.notReporting disagrees with ${commune.code}`);
  }
}

interface CellPlan {
  name: string;
  partyMembers: number;
}

/** The chi bộ a generated commune starts with; drawn from its own stream, so stable. */
function cellPlan(commune: GeneratedCommune): CellPlan[] {
  const random = randomFor(`${commune.code}/cells`);
  const shortName = commune.name.replace(/^(Xã|Phường) /, "");
  const merged = commune.successor !== undefined;
  return Array.from({ length: commune.cells }, (_, i): CellPlan => {
    const n = i + 1;
    if (commune.urban) {
      return n === commune.cells
        ? { name: "Chi bộ Cơ quan phường", partyMembers: random.int(14, 30) }
        : { name: `Chi bộ khu phố ${n}`, partyMembers: random.int(30, 90) };
    }
    // A merged commune's villages keep its name, so they stay recognisable in the new commune.
    if (merged) return { name: `Chi bộ thôn ${shortName} ${n}`, partyMembers: random.int(18, 60) };
    return n === commune.cells
      ? { name: "Chi bộ Cơ quan xã", partyMembers: random.int(12, 26) }
      : { name: `Chi bộ thôn ${n}`, partyMembers: random.int(18, 65) };
  });
}

const MASS_ORGANISATIONS = [
  ["MTTQ", "Ủy ban MTTQ Việt Nam"],
  ["PN", "Hội Liên hiệp Phụ nữ"],
  ["ND", "Hội Nông dân"],
  ["DTN", "Đoàn Thanh niên"],
  ["CCB", "Hội Cựu chiến binh"],
] as const;

export type MassOrganisation = (typeof MASS_ORGANISATIONS)[number][0];

export function cellCode(commune: string, n: number): string {
  return `${commune}-CB${String(n).padStart(2, "0")}`;
}

export function massOrganisationCode(commune: string, organisation: MassOrganisation): string {
  return `${commune}-${organisation}`;
}

function addMassOrganisations(
  builder: DemoBuilder,
  commune: string,
  communeName: string,
  window: { activeFrom?: Date; activeUntil?: Date; successorCommune?: string },
): void {
  const place = communeName.charAt(0).toLowerCase() + communeName.slice(1);
  for (const [suffix, name] of MASS_ORGANISATIONS) {
    builder.unit({
      code: massOrganisationCode(commune, suffix),
      name: `${name} ${place}`,
      kind: "MASS_ORGANISATION",
      parent: commune,
      ...(window.activeFrom && { activeFrom: window.activeFrom }),
      ...(window.activeUntil && { activeUntil: window.activeUntil }),
      ...(window.successorCommune && {
        successor: massOrganisationCode(window.successorCommune, suffix),
      }),
    });
  }
}

/** Chi bộ of a seed commune: [name, party members]; members are plausible, not reported. */
function addCells(
  builder: DemoBuilder,
  commune: string,
  cells: readonly (readonly [string, number])[],
): void {
  cells.forEach(([name, partyMembers], i) => {
    builder.unit({
      code: cellCode(commune, i + 1),
      name,
      kind: "PARTY_CELL",
      parent: commune,
      partyMembers,
    });
  });
}

function addSeedCommunes(builder: DemoBuilder): void {
  // Seed 003: the ấp named in Long Bình's list of models, plus the usual armed-forces cells.
  builder.unit({
    code: C.longBinh,
    name: "Xã Long Bình",
    kind: "COMMUNE",
    parent: DEMO.province,
    population: 11_600,
  });
  addCells(builder, C.longBinh, [
    ["Chi bộ ấp Phú Trung", 34],
    ["Chi bộ ấp Long Thới", 29],
    ["Chi bộ ấp Hòa Phú", 41],
    ["Chi bộ ấp Long Hải", 38],
    ["Chi bộ ấp Quới An", 36],
    ["Chi bộ ấp Khương Ninh", 27],
    ["Chi bộ ấp Ninh Quới", 31],
    ["Chi bộ Quân sự xã", 15],
    ["Chi bộ Công an xã", 12],
  ]);
  addMassOrganisations(builder, C.longBinh, "Xã Long Bình", {});

  // Seed 004: 14 chi bộ (14 × 1 thematic session a year × 5 years = the reported 70). Bản Tào,
  // Bản Lốm, Đình Cại, Bản Mớ, the THCS school and the health station are named in the report.
  builder.unit({
    code: C.hanhSon,
    name: "Xã Hạnh Sơn",
    kind: "COMMUNE",
    parent: DEMO.province,
    population: 7_800,
  });
  addCells(builder, C.hanhSon, [
    ["Chi bộ thôn Bản Tào", 32],
    ["Chi bộ thôn Bản Lốm", 28],
    ["Chi bộ thôn Đình Cại", 35],
    ["Chi bộ thôn Bản Mớ", 26],
    ["Chi bộ thôn Bản Vệ", 24],
    ["Chi bộ thôn Phán Thượng", 22],
    ["Chi bộ thôn Phán Hạ", 21],
    ["Chi bộ thôn Bản Pá", 19],
    ["Chi bộ thôn Bản Xa", 18],
    ["Chi bộ Trường THCS Hạnh Sơn", 16],
    ["Chi bộ Trường Mầm non Hạnh Sơn", 11],
    ["Chi bộ Trạm Y tế xã", 8],
    ["Chi bộ Cơ quan Đảng - Đoàn thể", 14],
    ["Chi bộ Quân sự xã", 10],
  ]);
  addMassOrganisations(builder, C.hanhSon, "Xã Hạnh Sơn", {});

  // Seed 000 names no thôn; the People's Committee and the Front signed the pledge with the chi bộ.
  // The other mass organisations come after them, for the routine figures of later years.
  builder.unit({
    code: C.daiCuong,
    name: "Xã Đại Cương",
    kind: "COMMUNE",
    parent: DEMO.province,
    population: 10_300,
  });
  addCells(builder, C.daiCuong, [
    ["Chi bộ thôn 1", 42],
    ["Chi bộ thôn 2", 38],
    ["Chi bộ thôn 3", 45],
    ["Chi bộ thôn 4", 33],
    ["Chi bộ thôn 5", 39],
    ["Chi bộ thôn 6", 36],
    ["Chi bộ thôn 7", 30],
    ["Chi bộ thôn 8", 28],
    ["Chi bộ Trường học", 24],
    ["Chi bộ Quân sự xã", 11],
  ]);
  builder.unit({
    code: `${C.daiCuong}-UBND`,
    name: "Ủy ban nhân dân xã Đại Cương",
    kind: "AGENCY",
    parent: C.daiCuong,
  });
  addMassOrganisations(builder, C.daiCuong, "Xã Đại Cương", {});
}

// Huyện Cao Lãnh's grassroots party organisations under the district committee (seed 002:
// "46/46 chi bộ, đảng bộ"): the 18 commune-level đảng bộ of the district at the time, and 28
// agency chi bộ / đảng bộ (the report lists none; these are the usual district agencies).
const CAO_LANH_COMMUNES = [
  "Thị trấn Mỹ Thọ",
  "Xã An Bình",
  "Xã Ba Sao",
  "Xã Bình Hàng Tây",
  "Xã Bình Hàng Trung",
  "Xã Bình Thạnh",
  "Xã Gáo Giồng",
  "Xã Mỹ Hiệp",
  "Xã Mỹ Hội",
  "Xã Mỹ Long",
  "Xã Mỹ Thọ",
  "Xã Mỹ Xương",
  "Xã Nhị Mỹ",
  "Xã Phong Mỹ",
  "Xã Phương Thịnh",
  "Xã Phương Trà",
  "Xã Tân Hội Trung",
  "Xã Tân Nghĩa",
];
const CAO_LANH_AGENCIES = [
  "Chi bộ Văn phòng Huyện ủy",
  "Chi bộ Ban Tổ chức Huyện ủy",
  "Chi bộ Ban Tuyên giáo Huyện ủy",
  "Chi bộ Ủy ban Kiểm tra Huyện ủy",
  "Chi bộ Ban Dân vận Huyện ủy",
  "Chi bộ Văn phòng HĐND và UBND huyện",
  "Chi bộ Phòng Tài chính - Kế hoạch",
  "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn",
  "Chi bộ Phòng Tài nguyên và Môi trường",
  "Chi bộ Phòng Lao động - Thương binh và Xã hội",
  "Chi bộ Phòng Văn hóa và Thông tin",
  "Chi bộ Phòng Giáo dục và Đào tạo",
  "Chi bộ Phòng Kinh tế và Hạ tầng",
  "Chi bộ Phòng Nội vụ",
  "Chi bộ Phòng Tư pháp",
  "Chi bộ Thanh tra huyện",
  "Chi bộ Cơ quan Mặt trận và các đoàn thể huyện",
  "Chi bộ Trung tâm Y tế huyện",
  "Chi bộ Trung tâm Văn hóa - Thể thao và Truyền thanh",
  "Chi bộ Tòa án nhân dân huyện",
  "Chi bộ Viện Kiểm sát nhân dân huyện",
  "Chi bộ Chi cục Thi hành án dân sự",
  "Chi bộ Chi cục Thuế",
  "Chi bộ Kho bạc Nhà nước",
  "Chi bộ Ngân hàng Chính sách xã hội",
  "Chi bộ Bảo hiểm xã hội huyện",
  "Đảng bộ Quân sự huyện",
  "Đảng bộ Công an huyện",
];

function addDistricts(builder: DemoBuilder): void {
  const gone = { activeUntil: LAST_DAY_BEFORE_REFORM };
  const caoLanh = DEMO.districts.caoLanh;
  builder.unit({
    code: caoLanh,
    name: "Huyện Cao Lãnh",
    kind: "DISTRICT",
    parent: DEMO.province,
    ...gone,
  });
  const organisations = [
    ...CAO_LANH_COMMUNES.map((name) => `Đảng bộ ${name.charAt(0).toLowerCase()}${name.slice(1)}`),
    ...CAO_LANH_AGENCIES,
  ];
  organisations.forEach((name, i) => {
    builder.unit({
      code: cellCode(caoLanh, i + 1),
      name,
      kind: "PARTY_CELL",
      parent: caoLanh,
      partyMembers: 0,
      ...gone,
    });
  });

  // Seed 001: the district units that build Bình Lục's 2023 pilot models (the report names the
  // kinds of unit, not the units).
  const binhLuc = DEMO.districts.binhLuc;
  builder.unit({
    code: binhLuc,
    name: "Huyện Bình Lục",
    kind: "DISTRICT",
    parent: DEMO.province,
    ...gone,
  });
  const units = [
    ["VPHU", "Chi bộ Văn phòng Huyện ủy Bình Lục", "PARTY_CELL"],
    ["VPUB", "Văn phòng HĐND và UBND huyện Bình Lục", "AGENCY"],
    ["GDDT", "Phòng Giáo dục và Đào tạo huyện Bình Lục", "AGENCY"],
    ["TTYT", "Trung tâm Y tế huyện Bình Lục", "AGENCY"],
    ["BCHQS", "Ban Chỉ huy Quân sự huyện Bình Lục", "AGENCY"],
    ["MTTQ", "Ủy ban MTTQ Việt Nam huyện Bình Lục", "MASS_ORGANISATION"],
    ["ND", "Hội Nông dân huyện Bình Lục", "MASS_ORGANISATION"],
    ["PN", "Hội Liên hiệp Phụ nữ huyện Bình Lục", "MASS_ORGANISATION"],
  ] as const;
  for (const [suffix, name, kind] of units) {
    builder.unit({
      code: `${binhLuc}-${suffix}`,
      name,
      kind,
      parent: binhLuc,
      partyMembers: 0,
      ...gone,
    });
  }
}

function addGeneratedCommunes(builder: DemoBuilder): void {
  const byCode = new Map(GENERATED_COMMUNES.map((c) => [c.code, c]));
  // Where each absorbed commune's chi bộ went: "DEMO-TAN-LAP-CB03" → "DEMO-AN-PHU-CB10".
  const movedCells = new Map<string, string>();
  for (const commune of GENERATED_COMMUNES) {
    builder.unit({
      code: commune.code,
      name: commune.name,
      kind: "COMMUNE",
      parent: DEMO.province,
      population: commune.population,
      ...(commune.activeFrom && { activeFrom: commune.activeFrom }),
      ...(commune.activeUntil && { activeUntil: commune.activeUntil }),
      ...(commune.successor && { successor: commune.successor }),
    });
    const plan = cellPlan(commune);
    plan.forEach((cell, i) => {
      const code = cellCode(commune.code, i + 1);
      builder.unit({
        code,
        name: cell.name,
        kind: "PARTY_CELL",
        parent: commune.code,
        partyMembers: cell.partyMembers,
        ...(commune.activeFrom && { activeFrom: commune.activeFrom }),
        ...(commune.activeUntil && { activeUntil: commune.activeUntil }),
        ...(commune.successor && { successor: movedCells.get(code) }),
      });
    });
    // The chi bộ of absorbed communes, re-founded here on the day of the merger.
    let n = plan.length;
    for (const absorbedCode of commune.absorbs ?? []) {
      const absorbed = byCode.get(absorbedCode);
      if (!absorbed) throw new Error(`unknown absorbed commune ${absorbedCode}`);
      cellPlan(absorbed).forEach((cell, i) => {
        n += 1;
        const code = cellCode(commune.code, n);
        movedCells.set(cellCode(absorbed.code, i + 1), code);
        builder.unit({
          code,
          name: cell.name,
          kind: "PARTY_CELL",
          parent: commune.code,
          partyMembers: cell.partyMembers,
          activeFrom: REFORM_DAY,
        });
      });
    }
    addMassOrganisations(builder, commune.code, commune.name, {
      ...(commune.activeFrom && { activeFrom: commune.activeFrom }),
      ...(commune.activeUntil && { activeUntil: commune.activeUntil }),
      ...(commune.successor && { successorCommune: commune.successor }),
    });
  }
}

/** Declares the whole tree; the province's figures are summed from its communes. */
export function addUnits(builder: DemoBuilder): void {
  builder.unit({ code: DEMO.province, name: "Tỉnh Minh Họa", kind: "PROVINCE" });
  addSeedCommunes(builder);
  addDistricts(builder);
  addGeneratedCommunes(builder);
}
