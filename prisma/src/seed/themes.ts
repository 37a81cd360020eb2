// The annual themes (chuyên đề năm). Until 2020 the Central Propaganda Department set one theme
// for the whole country; from 2021 each province words its own under the 2021–2025 term theme,
// so 2022, 2025 and 2026 are this demo province's choice. 2023 and 2024 are quoted from seed 003.
import type { DemoBuilder } from "./builder";

export const THEMES = [
  {
    year: 2016,
    title: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    description: "Chuyên đề toàn khóa XII, năm đầu thực hiện Chỉ thị 05-CT/TW ngày 15/5/2016.",
  },
  {
    year: 2017,
    title:
      "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  },
  {
    year: 2018,
    title:
      "Xây dựng ý thức tôn trọng Nhân dân, phát huy dân chủ, chăm lo đời sống Nhân dân theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  },
  {
    year: 2019,
    title: "Nâng cao ý thức trách nhiệm, hết lòng, hết sức phụng sự Tổ quốc, phục vụ Nhân dân",
  },
  {
    year: 2020,
    title:
      "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
  },
  {
    year: 2021,
    title:
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
    description: "Chuyên đề toàn khóa 2021–2025.",
  },
  {
    year: 2022,
    title:
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ, đảng viên thật sự tiên phong, gương mẫu, có đạo đức cách mạng trong sáng, bản lĩnh chính trị vững vàng",
  },
  {
    year: 2023,
    title:
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phát huy dân chủ trong xây dựng Đảng và hệ thống chính trị",
    description: "Nguồn: báo cáo tổng kết năm 2023 của Đảng ủy xã Long Bình (seed 003).",
  },
  {
    year: 2024,
    title:
      "Phát huy vai trò nêu gương của cán bộ, đảng viên, nhất là cán bộ lãnh đạo, quản lý các cấp",
    description: "Nguồn: Kế hoạch 103-KH/HU ngày 26/12/2023, dẫn trong seed 003.",
  },
  {
    year: 2025,
    title:
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường, đổi mới, sáng tạo trong xây dựng chính quyền địa phương hai cấp",
    description: "Năm tổng kết 10 năm thực hiện Chỉ thị 05 và sắp xếp đơn vị hành chính.",
  },
  {
    year: 2026,
    title:
      "Thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh về trách nhiệm nêu gương, tận tụy phục vụ Nhân dân",
  },
] as const;

export function addThemes(builder: DemoBuilder): void {
  for (const theme of THEMES) builder.theme(theme);
}
