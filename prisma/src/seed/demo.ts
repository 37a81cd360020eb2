// Stable handles on the demo for tests, the README and the dashboard's first screen. The figures
// under `reported` are the seed reports' own numbers; the ones under `chosen` are not in the
// reports and were fixed here (comments say why).

export const PROGRAMMES = {
  /** Phong trào "Dân vận khéo" of the Fatherland Front and mass organisations (seed 003). */
  danVanKheo: "Dân vận khéo",
  /** "Mô hình điểm" learning-from-Uncle-Ho models recognised by a district (seeds 000, 001). */
  pilot: "Mô hình điểm học tập và làm theo Bác",
} as const;

export const DEMO = {
  /** The demo's today: the newest record is dated on or before it. */
  asOf: "2026-10-31",
  province: "DEMO",
  communes: {
    longBinh: "DEMO-LONG-BINH",
    hanhSon: "DEMO-HANH-SON",
    daiCuong: "DEMO-DAI-CUONG",
    /** Generated communes worth pointing at. */
    hoaBinh: "DEMO-HOA-BINH",
    anPhu: "DEMO-AN-PHU",
    minhKhai: "DEMO-MINH-KHAI",
    yenThinh: "DEMO-YEN-THINH",
    hoaLac: "DEMO-HOA-LAC",
    phuHung: "DEMO-PHU-HUNG",
  },
  /** Pre-2025 districts, inactive since 01/07/2025. */
  districts: {
    caoLanh: "DEMO-CAO-LANH",
    binhLuc: "DEMO-BINH-LUC",
  },
  /** Communes merged on 01/07/2025 (activeUntil 2025-06-30), and the commune each became part of. */
  merged: {
    "DEMO-TAN-LAP": "DEMO-AN-PHU",
    "DEMO-PHU-LOC": "DEMO-PHU-HUNG",
    "DEMO-PHU-HOA": "DEMO-PHU-HUNG",
  } as Record<string, string>,
  /** Hòa Lạc stopped reporting activities after June 2026; Yên Thịnh has nothing for Q4 2026. */
  notReporting: {
    "DEMO-HOA-LAC": "2026-07-01",
    "DEMO-YEN-THINH": "2026-10-01",
  } as Record<string, string>,
  programmes: PROGRAMMES,
  reported: {
    /** Seed 003: Đảng ủy xã Long Bình, tổng kết năm 2023. */
    longBinh: {
      danVanKheoModels: 14,
      participants: 398,
      totalVnd: 1_333_980_000n,
      landM2: 1_226,
      landValueVnd: 1_051_980_000n,
      cashVnd: 282_000_000n,
      awards2023: {
        theme: { collectives: 7, individuals: 22 },
        danVanKheo: { collectives: 5, individuals: 7 },
        emulation: { collectives: 11, individuals: 33 },
      },
    },
    /** Seed 004: Đảng bộ xã Hạnh Sơn, 5 năm thực hiện Chỉ thị 05 (2016–2021). */
    hanhSon: {
      conferences: { sessions: 6, attendance: 195 },
      cellSessions: { sessions: 70, attendance: 16_940 },
      maintainedModels: { ECONOMY: 6, CULTURE_SOCIETY: 5, SECURITY_ORDER: 1, PARTY_BUILDING: 1 },
      exemplaryIndividuals: 53,
    },
    /** Seed 002: Huyện ủy Cao Lãnh, 2018 registrations and 2019 replications. */
    caoLanh: { eligibleUnits: 46, initiatives2018: 46, replicatedIn2019: 8 },
  },
  chosen: {
    /** "gần 200 ngày công" (nearly 200 workdays): 198. */
    longBinhWorkdays: 198,
    /** Hạnh Sơn's chi bộ: 14 of them × 1 thematic session a year × 5 years = the reported 70. */
    hanhSonCells: 14,
  },
} as const;
