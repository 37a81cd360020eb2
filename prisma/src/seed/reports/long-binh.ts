// Seed 003 (003_82fcab6f5eed8931.txt): Đảng ủy xã Long Bình, Hội nghị tổng kết thi đua năm 2023,
// held on 19/01/2024. Reported figures are stored so that plain sums give them back exactly:
// 14 "Dân vận khéo" models, 398 people, 1.333.980.000 đồng = 1.226 m² of land worth
// 1.051.980.000 đ + 282.000.000 đ cash, "gần 200" (198) workdays; awards 07+22, 05+07, 11+33.
// How the totals split between the 14 models is not reported; the split below is plausible.

import type { LeadOrganisation, ModelSector } from "../../generated/client.ts";
import type { DemoBuilder } from "../builder";
import { day } from "../calendar";
import { DEMO, PROGRAMMES } from "../demo";

const COMMUNE = DEMO.communes.longBinh;
const REVIEW_CONFERENCE = day("2024-01-19");

interface DanVanKheoModel {
  name: string;
  hamlet: string;
  sector: ModelSector;
  lead: LeadOrganisation;
  startedOn: string;
  doneOn: string;
  participants: number;
  workdays: number;
  /** Donated land: area and the value the report puts on it. */
  land?: { m2: number; valueVnd: bigint };
  cashVnd?: bigint;
}

// The 14 models as the report lists them (quotes and capitals tidied). Land models: (2) (3) (6)
// (7) (8) "hiến đất"; all others are paid in cash.
const MODELS: DanVanKheoModel[] = [
  {
    name: "Vận động nhân dân đóng góp kinh phí ánh sáng quang đường kênh xóm trước ấp Phú Trung",
    hamlet: "Phú Trung",
    sector: "SECURITY_ORDER",
    lead: "YOUTH_UNION",
    startedOn: "2023-02-15",
    doneOn: "2023-04-10",
    participants: 35,
    workdays: 8,
    cashVnd: 18_000_000n,
  },
  {
    name: "Vận động nhân dân hiến đất làm đường giao thông nông thôn đường Miếu Bà ấp Long Thới",
    hamlet: "Long Thới",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-03-01",
    doneOn: "2023-06-20",
    participants: 22,
    workdays: 20,
    land: { m2: 312, valueVnd: 268_000_000n },
  },
  {
    name: "Vận động nhân dân hiến đất làm đường Hòa Phú 5",
    hamlet: "Hòa Phú",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-03-10",
    doneOn: "2023-06-30",
    participants: 18,
    workdays: 14,
    land: { m2: 265, valueVnd: 227_400_000n },
  },
  {
    name: "Vận động nhân dân lắp ánh sáng quang tuyến đường Hai Lượm ấp Hòa Phú",
    hamlet: "Hòa Phú",
    sector: "SECURITY_ORDER",
    lead: "YOUTH_UNION",
    startedOn: "2023-03-20",
    doneOn: "2023-05-15",
    participants: 30,
    workdays: 9,
    cashVnd: 22_000_000n,
  },
  {
    name: "Vận động nhân dân đóng góp kinh phí ánh sáng quang kênh hạng Hai ấp Long Hải",
    hamlet: "Long Hải",
    sector: "SECURITY_ORDER",
    lead: "YOUTH_UNION",
    startedOn: "2023-04-05",
    doneOn: "2023-05-30",
    participants: 28,
    workdays: 8,
    cashVnd: 16_000_000n,
  },
  {
    name: "Vận động nhân dân hiến đất làm đường Phi Long đoạn 2 ấp Quới An",
    hamlet: "Quới An",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-04-18",
    doneOn: "2023-08-10",
    participants: 15,
    workdays: 12,
    land: { m2: 198, valueVnd: 169_880_000n },
  },
  {
    name: "Vận động nhân dân hiến đất làm đường Hòa Phú 7 ấp Hòa Phú",
    hamlet: "Hòa Phú",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-05-06",
    doneOn: "2023-08-25",
    participants: 17,
    workdays: 13,
    land: { m2: 241, valueVnd: 206_700_000n },
  },
  {
    name: "Vận động nhân dân hiến đất làm đường Nam kênh bờ Đáy ấp Khương Ninh",
    hamlet: "Khương Ninh",
    sector: "ENVIRONMENT",
    lead: "FARMERS_UNION",
    startedOn: "2023-05-20",
    doneOn: "2023-09-15",
    participants: 19,
    workdays: 15,
    land: { m2: 210, valueVnd: 180_000_000n },
  },
  {
    name: "Vận động nhân dân đóng góp kinh phí xây dựng Cầu đường Miếu Bà ấp Quới An",
    hamlet: "Quới An",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-06-10",
    doneOn: "2023-10-05",
    participants: 41,
    workdays: 22,
    cashVnd: 65_000_000n,
  },
  {
    name: "Vận động nhân dân lắp ánh sáng quang đường lộ Giồng Nhỏ ấp Ninh Quới",
    hamlet: "Ninh Quới",
    sector: "SECURITY_ORDER",
    lead: "YOUTH_UNION",
    startedOn: "2023-07-01",
    doneOn: "2023-08-30",
    participants: 33,
    workdays: 10,
    cashVnd: 20_000_000n,
  },
  {
    name: "Vận động nhân dân trồng hoa tuyến đường Hòa Phú – Long Hải ấp Long Hải",
    hamlet: "Long Hải",
    sector: "ENVIRONMENT",
    lead: "WOMEN_UNION",
    startedOn: "2023-07-15",
    doneOn: "2023-09-30",
    participants: 26,
    workdays: 18,
    cashVnd: 9_000_000n,
  },
  {
    name: "Vận động nhân dân tráng bê tông đường vào nghĩa địa ấp Long Hải",
    hamlet: "Long Hải",
    sector: "ENVIRONMENT",
    lead: "VETERANS_ASSOCIATION",
    startedOn: "2023-08-05",
    doneOn: "2023-11-10",
    participants: 38,
    workdays: 20,
    cashVnd: 42_000_000n,
  },
  {
    name: "Vận động nhân dân xây dựng Cầu liên xóm ấp Long Hải",
    hamlet: "Long Hải",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-09-01",
    doneOn: "2023-12-05",
    participants: 37,
    workdays: 15,
    cashVnd: 48_000_000n,
  },
  {
    name: "Vận động nhân dân xây dựng Cầu Hai Bình ấp Long Hải",
    hamlet: "Long Hải",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    startedOn: "2023-09-15",
    doneOn: "2023-12-20",
    participants: 39,
    workdays: 14,
    cashVnd: 42_000_000n,
  },
];

const THEME_2023 =
  "“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phát huy dân chủ trong xây dựng Đảng và hệ thống chính trị”";

/** The split above must add up to the report's totals; fail loudly if an edit breaks that. */
function checkTotals(): void {
  const reported = DEMO.reported.longBinh;
  const sum = (pick: (m: DanVanKheoModel) => bigint) =>
    MODELS.reduce((total, m) => total + pick(m), 0n);
  const totals = {
    models: BigInt(MODELS.length),
    participants: sum((m) => BigInt(m.participants)),
    workdays: sum((m) => BigInt(m.workdays)),
    landM2: sum((m) => BigInt(m.land?.m2 ?? 0)),
    landValueVnd: sum((m) => m.land?.valueVnd ?? 0n),
    cashVnd: sum((m) => m.cashVnd ?? 0n),
  };
  const expected = {
    models: BigInt(reported.danVanKheoModels),
    participants: BigInt(reported.participants),
    workdays: BigInt(DEMO.chosen.longBinhWorkdays),
    landM2: BigInt(reported.landM2),
    landValueVnd: reported.landValueVnd,
    cashVnd: reported.cashVnd,
  };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (totals[key] !== expected[key])
      throw new Error(`Long Bình ${key}: ${totals[key]} ≠ ${expected[key]}`);
  }
  if (reported.landValueVnd + reported.cashVnd !== reported.totalVnd)
    throw new Error("Long Bình money split");
}

export function addLongBinh(builder: DemoBuilder): void {
  checkTotals();
  for (const model of MODELS) {
    builder.model({
      unit: builder.childNamed(COMMUNE, `Chi bộ ấp ${model.hamlet}`),
      name: model.name,
      sector: model.sector,
      level: "COMMUNE",
      programme: PROGRAMMES.danVanKheo,
      leadOrganisation: model.lead,
      history: [
        { status: "REGISTERED", on: day(model.startedOn) },
        {
          status: "MAINTAINED",
          on: day(model.doneOn),
          note: "Hoàn thành công trình, đưa vào sử dụng",
        },
      ],
      contributions: [
        {
          on: day(model.doneOn),
          participants: model.participants,
          workdays: model.workdays,
          landM2: model.land?.m2 ?? 0,
          landValueVnd: model.land?.valueVnd ?? 0n,
          cashVnd: model.cashVnd ?? 0n,
          note: model.land ? "Hiến đất" : "Đóng góp tiền mặt",
        },
      ],
    });
  }

  // The 2023 theme's own model: "03 Chủ đề và giao nhiệm vụ cho 03 tổ thực hiện".
  builder.model({
    unit: COMMUNE,
    name: "Nâng cao sự chủ động, sáng tạo của Cấp ủy, tổ chức Đảng và cán bộ, đảng viên trong xây dựng Đảng, chỉnh đốn Đảng và hệ thống chính trị",
    sector: "PARTY_BUILDING",
    level: "COMMUNE",
    leadOrganisation: "PARTY_COMMITTEE",
    description: `Mô hình thực hiện chuyên đề năm 2023 ${THEME_2023}; 03 chủ đề, giao nhiệm vụ cho 03 tổ thực hiện.`,
    history: [
      { status: "REGISTERED", on: day("2023-02-20") },
      { status: "MAINTAINED", on: REVIEW_CONFERENCE, note: "Tổng kết chuyên đề năm 2023" },
    ],
  });

  // "Ra mắt Mô hình “Tổ Nhân dân tự quản – Phát triển toàn diện” số 05 ấp Quới An năm 2023 gồm
  // có 43 thành viên đại diện cho 100% hộ dân".
  builder.model({
    unit: builder.childNamed(COMMUNE, "Chi bộ ấp Quới An"),
    name: "Tổ Nhân dân tự quản – Phát triển toàn diện số 05 ấp Quới An",
    sector: "SECURITY_ORDER",
    level: "COMMUNE",
    leadOrganisation: "FATHERLAND_FRONT",
    description:
      "Phát huy tinh thần, ý thức tự quản của người dân để quản lý địa bàn, khu dân cư, xây dựng Tổ NDTQ vững mạnh toàn diện.",
    history: [
      { status: "REGISTERED", on: day("2023-06-16"), note: "Ra mắt mô hình" },
      { status: "MAINTAINED", on: REVIEW_CONFERENCE },
    ],
    contributions: [
      {
        on: day("2023-06-16"),
        participants: 43,
        note: "43 thành viên, đại diện 100% hộ dân của tổ",
      },
    ],
  });

  builder.activity({
    unit: COMMUNE,
    kind: "CONFERENCE",
    title: `Hội nghị tổng kết thi đua năm 2023, tổng kết Chuyên đề năm 2023 ${THEME_2023}, triển khai phương hướng, nhiệm vụ năm 2024`,
    occurredOn: REVIEW_CONFERENCE,
    attendance: 120,
    themeYear: 2023,
    notes: "Báo cáo không nêu số người dự; 120 lượt là số minh họa.",
  });

  // "đã khen thưởng 07 tập thể, 22 cá nhân …; 05 tập thể, 07 cá nhân … “Dân vận khéo” năm 2023;
  // 11 tập thể, 33 cá nhân … danh hiệu lao động tiên tiến".
  const awards = DEMO.reported.longBinh.awards2023;
  const groups = [
    {
      counts: awards.theme,
      form: "COMMENDATION",
      issuer: "Đảng ủy xã Long Bình",
      ground: "YEAR_THEME",
      themeYear: 2023,
      reason: `Đạt thành tích xuất sắc trong thực hiện chuyên đề năm 2023 ${THEME_2023}`,
    },
    {
      counts: awards.danVanKheo,
      form: "COMMENDATION",
      issuer: "Đảng ủy xã Long Bình",
      ground: "MODEL_PROGRAMME",
      reason: "Đạt thành tích xuất sắc trong thực hiện mô hình “Dân vận khéo” năm 2023",
    },
    {
      counts: awards.emulation,
      form: "EMULATION_TITLE",
      issuer: "Ủy ban nhân dân xã Long Bình",
      ground: "EMULATION_TARGETS",
      reason:
        "Đạt thành tích xuất sắc, đạt danh hiệu lao động tiên tiến trong thực hiện các chỉ tiêu nghị quyết, các chỉ tiêu pháp lệnh và các chuyên đề thi đua năm 2023",
    },
  ] as const;
  for (const group of groups) {
    for (const [recipientKind, recipientCount] of [
      ["COLLECTIVE", group.counts.collectives],
      ["INDIVIDUAL", group.counts.individuals],
    ] as const) {
      builder.award({
        unit: COMMUNE,
        recipientKind,
        recipientCount,
        level: "COMMUNE",
        form: group.form,
        issuer: group.issuer,
        awardedOn: REVIEW_CONFERENCE,
        // Decided at the review of 19/01/2024, they honour 2023 (năm thi đua 2023).
        emulationYear: 2023,
        ground: group.ground,
        reason: group.reason,
        ...("themeYear" in group && { themeYear: group.themeYear }),
      });
    }
  }
}
