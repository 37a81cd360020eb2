// Seed 004 (004_9415e674d670dc88.txt): Đảng bộ xã Hạnh Sơn (thị xã Nghĩa Lộ), five years of
// Directive 05 (June 2016 – spring 2021; the article's photo predates 27/4/2021).
//   "6 hội nghị Ban Chấp hành Đảng bộ xã mở rộng học tập chuyên đề với 195 lượt người tham dự;
//    triển khai tại chi bộ 70 buổi với 16.940 lượt người tham dự"
//   "mỗi chi bộ đều tổ chức sinh hoạt chuyên đề 1 kỳ/năm"  → 14 chi bộ × 5 years = 70 sessions
//   "xây dựng trên 20 mô hình … hiện đang duy trì 13 mô hình, trong đó phát triển kinh tế là 6,
//    văn hóa - xã hội 5, an ninh trật tự 1, xây dựng Đảng và hệ thống chính trị 1"
//   "Có 53 cá nhân điển hình tiên tiến"
// The report gives totals only; how they spread over sessions, years and chi bộ is chosen here so
// that every sum is exact.
import type { LeadOrganisation, ModelLevel, ModelSector } from "../../generated/client.ts";
import type { DemoBuilder, StatusStep } from "../builder";
import { addDays, day, ymd } from "../calendar";
import { DEMO } from "../demo";
import { cellCode, type MassOrganisation, massOrganisationCode } from "../units";

const COMMUNE = DEMO.communes.hanhSon;
const FIVE_YEAR_REVIEW = day("2021-04-15");

// One conference a year from the directive's launch in 2016 to the review in 2021; the attendances
// (31 … 34 members of the enlarged committee) add up to 195.
const CONFERENCES = [
  ["2016-07-20", 2016, 31],
  ["2017-03-15", 2017, 32],
  ["2018-03-14", 2018, 33],
  ["2019-03-12", 2019, 33],
  ["2020-03-10", 2020, 32],
  ["2021-03-09", 2021, 34],
] as const;

// 16.940 / 70 = 242 people per session on average. Each session's attendance is 242 plus an offset
// for the chi bộ and one for the year; both sets of offsets sum to zero, so the total is exact.
const AVERAGE_ATTENDANCE = 242;
const CELL_OFFSETS = [38, -22, 15, -30, 8, -12, 25, -18, 4, -9, 20, -27, 10, -2];
const YEAR_OFFSETS = [
  [2016, -20],
  [2017, -8],
  [2018, 3],
  [2019, 11],
  [2020, 14],
] as const;

interface HanhSonModel {
  name: string;
  sector: ModelSector;
  lead: LeadOrganisation;
  /** The organisation that runs it: a mass organisation, a chi bộ (by number) or the commune. */
  owner: MassOrganisation | number | "commune";
  startedOn: string;
  /** Set for the models no longer maintained by 2021. */
  discontinuedOn?: string;
}

// The first five are named in the report ("trồng rau sạch, đường hoa của Hội Phụ nữ; nuôi trâu
// bán công nghiệp của Hội Nông dân; thắp sáng đường quê của Đoàn Thanh niên; tổ tự quản của Mặt
// trận Tổ quốc"); the others are plausible, in the fields the report lists.
const MODELS: HanhSonModel[] = [
  {
    name: "Trồng rau sạch",
    sector: "ECONOMY",
    lead: "WOMEN_UNION",
    owner: "PN",
    startedOn: "2017-03-10",
  },
  {
    name: "Đường hoa",
    sector: "CULTURE_SOCIETY",
    lead: "WOMEN_UNION",
    owner: "PN",
    startedOn: "2017-08-20",
  },
  {
    name: "Nuôi trâu bán công nghiệp",
    sector: "ECONOMY",
    lead: "FARMERS_UNION",
    owner: "ND",
    startedOn: "2017-05-15",
  },
  {
    name: "Thắp sáng đường quê",
    sector: "CULTURE_SOCIETY",
    lead: "YOUTH_UNION",
    owner: "DTN",
    startedOn: "2018-03-26",
  },
  {
    name: "Tổ tự quản",
    sector: "SECURITY_ORDER",
    lead: "FATHERLAND_FRONT",
    owner: "MTTQ",
    startedOn: "2017-10-15",
  },
  {
    name: "Sản xuất lúa nếp chất lượng cao trên cánh đồng Mường Lò",
    sector: "ECONOMY",
    lead: "FARMERS_UNION",
    owner: "ND",
    startedOn: "2018-02-20",
  },
  {
    name: "Nuôi cá ruộng",
    sector: "ECONOMY",
    lead: "FARMERS_UNION",
    owner: 2,
    startedOn: "2018-04-10",
  },
  {
    name: "Tổ phụ nữ tiết kiệm giúp nhau phát triển kinh tế",
    sector: "ECONOMY",
    lead: "WOMEN_UNION",
    owner: "PN",
    startedOn: "2019-03-08",
  },
  {
    name: "Thanh niên lập nghiệp trồng cây ăn quả",
    sector: "ECONOMY",
    lead: "YOUTH_UNION",
    owner: "DTN",
    startedOn: "2019-09-10",
  },
  {
    name: "Câu lạc bộ văn nghệ dân gian Thái",
    sector: "CULTURE_SOCIETY",
    lead: "FATHERLAND_FRONT",
    owner: "MTTQ",
    startedOn: "2018-09-02",
  },
  {
    name: "Dòng họ học tập",
    sector: "CULTURE_SOCIETY",
    lead: "OTHER",
    owner: 3,
    startedOn: "2019-05-19",
  },
  {
    name: "Trường học thân thiện, học sinh tích cực",
    sector: "CULTURE_SOCIETY",
    lead: "GOVERNMENT",
    owner: 10,
    startedOn: "2020-09-05",
  },
  {
    name: "Sổ tay đảng viên làm theo gương Bác",
    sector: "PARTY_BUILDING",
    lead: "PARTY_COMMITTEE",
    owner: "commune",
    startedOn: "2016-09-01",
  },
  // "trên 20 mô hình" built: eight more that were not kept up.
  {
    name: "Trồng gừng theo hướng hàng hóa",
    sector: "ECONOMY",
    lead: "FARMERS_UNION",
    owner: "ND",
    startedOn: "2016-10-01",
    discontinuedOn: "2019-12-31",
  },
  {
    name: "Nuôi gà thả vườn",
    sector: "ECONOMY",
    lead: "WOMEN_UNION",
    owner: "PN",
    startedOn: "2017-01-15",
    discontinuedOn: "2019-06-30",
  },
  {
    name: "Câu lạc bộ phòng, chống bạo lực gia đình",
    sector: "CULTURE_SOCIETY",
    lead: "WOMEN_UNION",
    owner: "PN",
    startedOn: "2017-06-01",
    discontinuedOn: "2020-06-30",
  },
  {
    name: "Góc học tập cho con em đồng bào",
    sector: "CULTURE_SOCIETY",
    lead: "YOUTH_UNION",
    owner: "DTN",
    startedOn: "2017-09-05",
    discontinuedOn: "2020-09-30",
  },
  {
    name: "Khám sức khỏe định kỳ cho người cao tuổi",
    sector: "CULTURE_SOCIETY",
    lead: "OTHER",
    owner: 12,
    startedOn: "2018-01-10",
    discontinuedOn: "2020-03-31",
  },
  {
    name: "Thu gom rác thải sinh hoạt tại thôn",
    sector: "ENVIRONMENT",
    lead: "FATHERLAND_FRONT",
    owner: "MTTQ",
    startedOn: "2016-11-20",
    discontinuedOn: "2019-09-30",
  },
  {
    name: "Ngày Chủ nhật xanh",
    sector: "ENVIRONMENT",
    lead: "YOUTH_UNION",
    owner: "DTN",
    startedOn: "2018-05-13",
    discontinuedOn: "2020-12-31",
  },
  {
    name: "Chi bộ thôn sinh hoạt chuyên đề kiểu mẫu",
    sector: "PARTY_BUILDING",
    lead: "PARTY_COMMITTEE",
    owner: 1,
    startedOn: "2016-12-01",
    discontinuedOn: "2019-12-31",
  },
];

// "gồm các đồng chí: Hoàng Văn Vạn … Lò Thị Nhiên …" and "Cá nhân các ông: Lại Văn Khoen …";
// each is filed under the unit the report ties them to. The other 45 of the 53 are unnamed.
const NAMED_EXEMPLARS: [name: string, owner: MassOrganisation | number][] = [
  ["Hoàng Văn Vạn - Bí thư Chi bộ, Trưởng ban Công tác mặt trận thôn Bản Tào", 1],
  ["Đoàn Thị Thúy - Hiệu trưởng Trường THCS Hạnh Sơn", 10],
  ["Hoàng Anh Tuấn - Trạm trưởng Trạm Y tế xã", 12],
  ["Lò Thị Nhiên - Chủ tịch Hội Phụ nữ xã", "PN"],
  ["Lại Văn Khoen, thôn Bản Lốm", 2],
  ["Lò Văn Luấn - Phó Chủ tịch Mặt trận Tổ quốc xã", "MTTQ"],
  ["Hoàng Văn Xuân, thôn Đình Cại", 3],
  ["Đinh Văn Hương, thôn Bản Mớ", 4],
];

function ownerCode(owner: MassOrganisation | number | "commune"): string {
  if (owner === "commune") return COMMUNE;
  return typeof owner === "number"
    ? cellCode(COMMUNE, owner)
    : massOrganisationCode(COMMUNE, owner);
}

function levelOf(owner: HanhSonModel["owner"]): ModelLevel {
  return typeof owner === "number" ? "PARTY_CELL" : "COMMUNE";
}

export function addHanhSon(builder: DemoBuilder): void {
  const reported = DEMO.reported.hanhSon;
  if (CONFERENCES.reduce((sum, [, , n]) => sum + n, 0) !== reported.conferences.attendance) {
    throw new Error("Hạnh Sơn conference attendance");
  }
  for (const [on, year, attendance] of CONFERENCES) {
    builder.activity({
      unit: COMMUNE,
      kind: "CONFERENCE",
      title: `Hội nghị Ban Chấp hành Đảng bộ xã mở rộng học tập chuyên đề năm ${year}`,
      occurredOn: day(on),
      attendance,
      themeYear: year,
    });
  }

  const cells = builder.childrenOf(COMMUNE, "PARTY_CELL");
  if (cells.length !== CELL_OFFSETS.length || CELL_OFFSETS.reduce((a, b) => a + b, 0) !== 0) {
    throw new Error("Hạnh Sơn cell offsets");
  }
  if (YEAR_OFFSETS.length * cells.length !== reported.cellSessions.sessions)
    throw new Error("Hạnh Sơn sessions");
  cells.forEach((cell, i) => {
    for (const [year, yearOffset] of YEAR_OFFSETS) {
      // The directive came in May 2016, so that year's sessions fall in the autumn.
      const month = year === 2016 ? 8 + (i % 4) : 4 + (i % 8);
      builder.activity({
        unit: cell,
        kind: "THEMATIC_SESSION",
        title: `Sinh hoạt chuyên đề năm ${year} tại chi bộ`,
        occurredOn: ymd(year, month, 5 + ((i * 3) % 20)),
        attendance: AVERAGE_ATTENDANCE + (CELL_OFFSETS[i] ?? 0) + yearOffset,
        themeYear: year,
      });
    }
  });

  const maintained = MODELS.filter((m) => !m.discontinuedOn);
  for (const [sector, count] of Object.entries(reported.maintainedModels)) {
    if (maintained.filter((m) => m.sector === sector).length !== count)
      throw new Error(`Hạnh Sơn ${sector} models`);
  }
  if (maintained.length !== 13 || MODELS.length <= 20) throw new Error("Hạnh Sơn model counts");
  for (const model of MODELS) {
    const started = day(model.startedOn);
    const history: StatusStep[] = [
      { status: "REGISTERED", on: started },
      { status: "MAINTAINED", on: addDays(started, 90) },
    ];
    if (model.discontinuedOn)
      history.push({ status: "DISCONTINUED", on: day(model.discontinuedOn) });
    builder.model({
      unit: ownerCode(model.owner),
      name: model.name,
      sector: model.sector,
      level: levelOf(model.owner),
      leadOrganisation: model.lead,
      history,
    });
  }

  for (const [name, owner] of NAMED_EXEMPLARS) {
    builder.award({
      unit: ownerCode(owner),
      recipientKind: "INDIVIDUAL",
      recipientName: name,
      level: "COMMUNE",
      form: "EXEMPLARY",
      issuer: "Đảng ủy xã Hạnh Sơn",
      awardedOn: FIVE_YEAR_REVIEW,
      reason: "Điển hình tiên tiến trong 5 năm thực hiện Chỉ thị 05-CT/TW",
    });
  }
  builder.award({
    unit: COMMUNE,
    recipientKind: "INDIVIDUAL",
    recipientCount: reported.exemplaryIndividuals - NAMED_EXEMPLARS.length,
    level: "COMMUNE",
    form: "EXEMPLARY",
    issuer: "Đảng ủy xã Hạnh Sơn",
    awardedOn: FIVE_YEAR_REVIEW,
    reason: "Điển hình tiên tiến trong 5 năm thực hiện Chỉ thị 05-CT/TW",
  });
}
