// Seed 001 (001_7db9b7f2803cbbc6.txt): "Năm 2023, Ban Thường vụ Huyện ủy [Bình Lục] đã chủ động ban
// hành Kế hoạch triển khai xây dựng, tổ chức thực hiện mô hình điểm “Học tập và làm theo tư tưởng,
// đạo đức, phong cách Hồ Chí Minh”", with units that "ký cam kết phối hợp thực hiện". The report
// lists the kinds of model per kind of unit, not how many; one model per kind is recorded here:
//   chi bộ trong sạch vững mạnh; cải cách hành chính, gần dân sát dân; tích tụ ruộng đất, nông
//   nghiệp công nghệ cao, nông sản sạch; chăn nuôi bò thịt, bò sinh sản; dạy tốt, học tốt;
//   chăm sóc sức khỏe nhân dân; lực lượng vũ trang vững mạnh toàn diện; thôn, tổ dân phố: nông
//   thôn mới nâng cao, môi trường, đường hoa; kinh tế hộ gia đình, giảm nghèo.
// Dates are not reported; a plan in March 2023 and a review at year end are chosen.
import type { LeadOrganisation, ModelSector } from "../../generated/client.ts";
import type { DemoBuilder } from "../builder";
import { day } from "../calendar";
import { DEMO, PROGRAMMES } from "../demo";

const DISTRICT = DEMO.districts.binhLuc;

const MODELS: [
  owner: string,
  name: string,
  sector: ModelSector,
  lead: LeadOrganisation,
  startedOn: string,
][] = [
  [
    "VPHU",
    "Xây dựng chi bộ, cơ quan trong sạch, vững mạnh",
    "PARTY_BUILDING",
    "PARTY_COMMITTEE",
    "2023-04-03",
  ],
  [
    "VPUB",
    "Cải cách hành chính, gần dân, sát dân, nâng cao chất lượng phục vụ Nhân dân",
    "PARTY_BUILDING",
    "GOVERNMENT",
    "2023-04-05",
  ],
  [
    "ND",
    "Tích tụ ruộng đất, sản xuất nông nghiệp ứng dụng công nghệ cao, liên kết sản xuất nông sản sạch",
    "ECONOMY",
    "FARMERS_UNION",
    "2023-04-10",
  ],
  ["ND", "Chăn nuôi bò thịt, bò sinh sản", "ECONOMY", "FARMERS_UNION", "2023-04-10"],
  [
    "GDDT",
    "Dạy tốt, học tốt, nâng cao chất lượng nguồn nhân lực",
    "CULTURE_SOCIETY",
    "GOVERNMENT",
    "2023-04-12",
  ],
  ["TTYT", "Chăm sóc, bảo vệ sức khỏe Nhân dân", "CULTURE_SOCIETY", "GOVERNMENT", "2023-04-12"],
  [
    "BCHQS",
    "Xây dựng đơn vị vững mạnh toàn diện, hoàn thành mọi nhiệm vụ được giao",
    "SECURITY_ORDER",
    "PARTY_COMMITTEE",
    "2023-04-17",
  ],
  [
    "MTTQ",
    "Thôn, tổ dân phố xây dựng nông thôn mới nâng cao, bảo vệ môi trường, đường hoa",
    "ENVIRONMENT",
    "FATHERLAND_FRONT",
    "2023-04-20",
  ],
  [
    "PN",
    "Phát triển kinh tế hộ gia đình, giảm nghèo, nâng cao đời sống Nhân dân",
    "ECONOMY",
    "WOMEN_UNION",
    "2023-04-20",
  ],
];

export function addBinhLuc(builder: DemoBuilder): void {
  const owners = new Set<string>();
  for (const [owner, name, sector, lead, startedOn] of MODELS) {
    const unit = `${DISTRICT}-${owner}`;
    owners.add(unit);
    builder.model({
      unit,
      name,
      sector,
      level: "DISTRICT",
      programme: PROGRAMMES.pilot,
      leadOrganisation: lead,
      description:
        "Mô hình điểm cấp huyện theo Kế hoạch năm 2023 của Ban Thường vụ Huyện ủy Bình Lục.",
      history: [
        { status: "REGISTERED", on: day(startedOn) },
        {
          status: "MAINTAINED",
          on: day("2023-12-15"),
          note: "Kiểm tra, đánh giá theo tiêu chí của mô hình",
        },
      ],
    });
  }
  for (const unit of owners) {
    builder.commitment({
      unit,
      year: 2023,
      kind: "PLEDGE",
      title:
        "Ký cam kết phối hợp thực hiện mô hình điểm “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” cấp huyện",
      registeredOn: day("2023-03-31"),
    });
  }
}
