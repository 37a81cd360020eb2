// Seed 002 (002_8a1db5ec53ba8223.txt): Huyện ủy Cao Lãnh, published 05/06/2019.
//   "Riêng trong năm 2018, đã có 46/46 chi bộ, đảng bộ đăng ký và xây dựng kế hoạch thực hiện
//    với 46 đề tài trên các lĩnh vực: kinh tế, văn hóa - xã hội, quốc phòng - an ninh. Trong đó
//    có 8 đề tài được tổng kết nhân rộng trong năm 2019."
// One INITIATIVE per chi bộ / đảng bộ for 2018; eight of them REPLICATED between January and May
// 2019 (before the article). The report names none of the 46 topics; they are plausible ones.

import type { DemoBuilder } from "../builder";
import { day, ymd } from "../calendar";
import { DEMO } from "../demo";

const DISTRICT = DEMO.districts.caoLanh;

// For the 18 commune-level đảng bộ, in turn: kinh tế, văn hóa - xã hội, quốc phòng - an ninh.
const COMMUNE_TOPICS = [
  "Vận động nông dân chuyển đổi đất lúa kém hiệu quả sang trồng xoài theo hướng VietGAP",
  "Xây dựng khu dân cư văn hóa gắn với nếp sống văn minh",
  "Tổ nhân dân tự quản bảo đảm an ninh trật tự ở khu dân cư",
  "Phát triển hội quán nông dân gắn với liên kết tiêu thụ nông sản",
  "Vận động học sinh bỏ học trở lại trường",
  "Vận động thanh niên lên đường nhập ngũ đạt chỉ tiêu",
  "Xây dựng cánh đồng lớn sản xuất lúa chất lượng cao",
  "Đảng viên giúp đỡ gia đình chính sách, hộ nghèo",
  "Lắp đặt camera an ninh tại các tuyến đường liên ấp",
];

// One per agency, in the order of the district's list in units.ts.
const AGENCY_TOPICS = [
  "Đổi mới quy trình tham mưu, phục vụ Ban Thường vụ Huyện ủy",
  "Nâng cao chất lượng đánh giá, xếp loại đảng viên cuối năm",
  "Biên soạn bài giới thiệu gương điển hình làm theo Bác cho sinh hoạt chi bộ",
  "Nâng cao hiệu quả kiểm tra, giám sát đảng viên ở chi bộ",
  "Xây dựng mô hình “Dân vận khéo” trong cải cách hành chính",
  "Một cửa liên thông, giảm thời gian giải quyết thủ tục hành chính",
  "Công khai, minh bạch trong phân bổ ngân sách cho xã",
  "Chuyển giao kỹ thuật canh tác lúa giảm giống, giảm phân",
  "Giải quyết dứt điểm hồ sơ cấp giấy chứng nhận quyền sử dụng đất tồn đọng",
  "Vận động doanh nghiệp hỗ trợ nhà ở cho hộ nghèo",
  "Sổ tay đảng viên làm theo gương Bác",
  "Dạy tốt, học tốt gắn với làm theo lời Bác dạy thiếu niên, nhi đồng",
  "Nâng cao chất lượng thẩm định hồ sơ xây dựng nông thôn mới",
  "Ứng dụng công nghệ thông tin trong quản lý văn bản",
  "Tuyên truyền pháp luật cho người dân ở ấp",
  "Tiếp công dân và giải quyết đơn thư ngay từ cơ sở",
  "Mặt trận và đoàn thể vận động xây dựng nhà Đại đoàn kết",
  "Khám chữa bệnh thân thiện, “lương y như từ mẫu”",
  "Chuyên mục phát thanh “Học tập và làm theo gương Bác mỗi ngày”",
  "Xét xử án lưu động tại địa bàn dân cư",
  "Nâng cao chất lượng kiểm sát giải quyết tin báo tội phạm",
  "Vận động người phải thi hành án tự nguyện thi hành",
  "Hỗ trợ hộ kinh doanh kê khai thuế điện tử",
  "Kiểm soát chi ngân sách nhanh, đúng quy định",
  "Cho vay hộ nghèo đi đôi với hướng dẫn cách làm ăn",
  "Vận động người dân tham gia bảo hiểm y tế hộ gia đình",
  "Xây dựng lực lượng dân quân vững mạnh, rộng khắp",
  "Xây dựng ấp an toàn về an ninh trật tự",
];

/** Positions (1-based) of the eight topics replicated in 2019, and when. */
const REPLICATED: [position: number, on: string][] = [
  [5, "2019-01-18"], // Đảng bộ xã Bình Hàng Trung
  [8, "2019-02-22"], // Đảng bộ xã Mỹ Hiệp
  [16, "2019-03-15"], // Đảng bộ xã Phương Trà
  [18, "2019-03-29"], // Đảng bộ xã Tân Nghĩa
  [21, "2019-04-12"], // Chi bộ Ban Tuyên giáo Huyện ủy
  [26, "2019-04-26"], // Chi bộ Phòng Nông nghiệp và Phát triển nông thôn
  [36, "2019-05-10"], // Chi bộ Trung tâm Y tế huyện
  [37, "2019-05-24"], // Chi bộ Trung tâm Văn hóa - Thể thao và Truyền thanh
];

export function addCaoLanh(builder: DemoBuilder): void {
  const reported = DEMO.reported.caoLanh;
  const organisations = builder.childrenOf(DISTRICT, "PARTY_CELL");
  const communeCount = organisations.length - AGENCY_TOPICS.length;
  if (
    organisations.length !== reported.eligibleUnits ||
    REPLICATED.length !== reported.replicatedIn2019
  ) {
    throw new Error("Cao Lãnh figures");
  }
  const replicated = new Map(REPLICATED);
  organisations.forEach((unit, i) => {
    const position = i + 1;
    const title =
      i < communeCount
        ? COMMUNE_TOPICS[i % COMMUNE_TOPICS.length]
        : AGENCY_TOPICS[i - communeCount];
    if (!title) throw new Error(`no topic for ${unit}`);
    const replicatedOn = replicated.get(position);
    builder.commitment({
      unit,
      year: 2018,
      kind: "INITIATIVE",
      title,
      // Registrations came in over February and March 2018.
      registeredOn: ymd(2018, 2 + (i % 2), 1 + ((i * 7) % 27)),
      ...(replicatedOn && { completedOn: day("2018-12-28"), replicatedOn: day(replicatedOn) }),
    });
  });
}
