// Section 5: the subordinate units side by side, those not reporting and the lowest quarter marked.

import { p } from "../blocks";
import type { Block, TableRow } from "../document";
import type { ReportFigures } from "../figures";
import { viCount, viNumber, viPercent } from "../numbers";

const SUBORDINATE_NAMES: Record<string, string> = {
  COMMUNE: "xã, phường",
  PARTY_CELL: "chi bộ",
};

export function subordinates(f: ReportFigures): Block[] {
  const what = f.subordinateLevel ? SUBORDINATE_NAMES[f.subordinateLevel] : null;
  const heading: Block = { kind: "heading", text: "5. Kết quả của các đơn vị trực thuộc" };
  if (!what || f.subordinates.length === 0) {
    return [heading, p("Đơn vị không có đơn vị trực thuộc để tổng hợp, so sánh.")];
  }
  const silent = f.subordinates.filter((s) => !s.reported);
  const lagging = f.subordinates.filter((s) => s.reported && s.lagging);
  // A unit without activity records in the span has no session figures ("–"), not zeros; its
  // models are a stock and its awards other records, so they stay counted.
  const flow = (s: (typeof f.subordinates)[number], n: number | null, write = viNumber) =>
    !s.reported || n === null ? "–" : write(n);
  const rows: TableRow[] = f.subordinates.map((s, i) => ({
    marked: !s.reported || s.lagging,
    cells: [
      String(i + 1),
      s.name,
      flow(s, s.sessions),
      flow(s, s.attendance),
      flow(s, s.attendancePer100),
      viNumber(s.modelsActive),
      viNumber(s.awards),
      s.registrationRate === null ? "–" : viPercent(s.registrationRate),
      !s.reported ? "Chưa báo cáo" : s.lagging ? "Thấp nhất" : "",
    ],
  }));
  return [
    heading,
    p(
      `Tổng hợp ${viCount(f.subordinates.length)} ${what} trực thuộc, xếp theo lượt người tham dự trên 100 đảng viên. `,
      silent.length
        ? `Có ${viCount(silent.length)} đơn vị chưa báo cáo trong kỳ: ${silent.map((s) => s.name).join(", ")}. `
        : "Tất cả các đơn vị đã báo cáo. ",
      lagging.length
        ? `Các đơn vị có kết quả thấp nhất (nhóm 25% cuối): ${lagging.map((s) => s.name).join(", ")}.`
        : "",
    ),
    {
      kind: "table",
      caption: `Bảng 4. Kết quả của các ${what} trực thuộc`,
      columns: [
        { title: "TT", width: 5, align: "center" },
        { title: "Đơn vị", width: 25, align: "left" },
        { title: "Số buổi", width: 9, align: "right" },
        { title: "Lượt tham dự", width: 11, align: "right" },
        { title: "/100 đảng viên", width: 10, align: "right" },
        { title: "Mô hình", width: 9, align: "right" },
        { title: "Khen thưởng", width: 10, align: "right" },
        { title: "Tỷ lệ đăng ký", width: 10, align: "right" },
        { title: "Ghi chú", width: 11, align: "center" },
      ],
      rows,
      note: "Ghi chú: “Chưa báo cáo”: đơn vị không có số liệu nào trong kỳ (không phải bằng 0; ô số liệu ghi “–”); “Thấp nhất”: nhóm 25% thấp nhất theo lượt tham dự trên 100 đảng viên.",
    },
  ];
}
