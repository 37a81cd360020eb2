// Seed 000 (000_57ca737ba1c8a7d1.txt): Đảng ủy xã Đại Cương (huyện Kim Bảng) launches the
// district-level pilot model "Đảng ủy xã Đại Cương học tập và làm theo tư tưởng, đạo đức, phong
// cách Hồ Chí Minh trong lãnh đạo, chỉ đạo công tác giải phóng mặt bằng các công trình, dự án",
// running until 31/12/2024, at a conference where the People's Committee, the Front and "các chi
// bộ đã ký cam kết thực hiện mô hình điểm". The article gives neither its date nor attendance:
// both are chosen (a 2023 launch fits a model that runs to the end of 2024).

import type { DemoBuilder } from "../builder";
import { day } from "../calendar";
import { DEMO, PROGRAMMES } from "../demo";
import { massOrganisationCode } from "../units";

const COMMUNE = DEMO.communes.daiCuong;
const LAUNCH = day("2023-08-15");

export const DAI_CUONG_MODEL =
  "Đảng ủy xã Đại Cương học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trong lãnh đạo, chỉ đạo công tác giải phóng mặt bằng các công trình, dự án";

export function addDaiCuong(builder: DemoBuilder): void {
  builder.activity({
    unit: COMMUNE,
    kind: "CONFERENCE",
    title: `Hội nghị triển khai thực hiện mô hình điểm cấp huyện “${DAI_CUONG_MODEL}”`,
    occurredOn: LAUNCH,
    attendance: 95,
    themeYear: 2023,
    notes: "Báo cáo không nêu ngày và số người dự; ngày và 95 lượt là số minh họa.",
  });

  builder.model({
    unit: COMMUNE,
    name: DAI_CUONG_MODEL,
    // Site clearance for Cụm công nghiệp Lê Hồ and Khu công nghiệp Kim Bảng I: an economic task,
    // led by the commune's party committee.
    sector: "ECONOMY",
    level: "DISTRICT",
    programme: PROGRAMMES.pilot,
    leadOrganisation: "PARTY_COMMITTEE",
    description:
      "Mô hình điểm cấp huyện. Thời gian thực hiện: từ khi có thông báo thu hồi đất thực hiện dự án Cụm công nghiệp Lê Hồ, Khu công nghiệp Kim Bảng I trên địa bàn xã đến 31/12/2024. Nội dung: diện tích thu hồi và số hộ ảnh hưởng; quy trình thu hồi; tiến độ, kết quả giải phóng mặt bằng.",
    history: [
      { status: "REGISTERED", on: LAUNCH, note: "Hội nghị triển khai, các chi bộ ký cam kết" },
      { status: "MAINTAINED", on: day("2023-12-29"), note: "Sơ kết, đánh giá định kỳ" },
    ],
  });

  const signatories = [
    ...builder.childrenOf(COMMUNE, "PARTY_CELL"),
    `${COMMUNE}-UBND`,
    massOrganisationCode(COMMUNE, "MTTQ"),
  ];
  for (const unit of signatories) {
    builder.commitment({
      unit,
      year: 2023,
      kind: "PLEDGE",
      title:
        "Cam kết thực hiện mô hình điểm cấp huyện về lãnh đạo, chỉ đạo công tác giải phóng mặt bằng",
      registeredOn: LAUNCH,
    });
  }
}
