// Section 1: studying, spreading and taking in (học tập, quán triệt, tuyên truyền): the sessions
// and their attendance, by activity kind and over time.

import { compared, comparedChart, lowerFirst, p, tableWithTotal } from "../blocks";
import type { Block } from "../document";
import { trendStep } from "../figure-rows";
import type { ReportFigures } from "../figures";
import { changeText, viCount, viNumber, viPercent } from "../numbers";

export function studying(f: ReportFigures): Block[] {
  const t = f.totals;
  const blocks: Block[] = [
    { kind: "heading", text: "1. Công tác học tập, quán triệt, tuyên truyền" },
  ];
  // No activity record in the span is "not reported", not "0 buổi … giảm 100%" (DESIGN.md).
  if ((t.ACTIVITIES.value ?? 0) === 0) {
    const before = t.ATTENDANCE.previous ?? 0;
    blocks.push(
      p(
        { text: "Chưa báo cáo", bold: true },
        ` hội nghị, sinh hoạt, học tập nào trong kỳ`,
        before > 0
          ? ` (cùng kỳ: ${viCount(t.SESSIONS.previous ?? 0)} buổi với ${viNumber(before)} lượt người tham dự).`
          : ".",
      ),
    );
    return blocks;
  }
  const per100 = t.ATTENDANCE_PER_100_MEMBERS.value;
  const kinds = f.activities
    .filter((a) => (a.values[0]?.value ?? 0) > 0)
    .map(
      (a) =>
        `${lowerFirst(a.label)} ${viCount(a.values[0]?.value ?? 0)} buổi với ${viNumber(a.values[1]?.value ?? 0)} lượt người tham dự`,
    );
  blocks.push(
    p(
      `Trong kỳ, ${f.unit.kind === "PARTY_CELL" ? "chi bộ" : "toàn Đảng bộ"} đã tổ chức ${viCount(t.SESSIONS.value ?? 0)} buổi hội nghị, sinh hoạt, học tập với `,
      { text: `${viNumber(t.ATTENDANCE.value ?? 0)} lượt người tham dự`, bold: true },
      `${compared(t.ATTENDANCE.value, t.ATTENDANCE.previous)}`,
      per100 === null ? "" : `, bình quân ${viNumber(per100)} lượt trên 100 đảng viên`,
      kinds.length ? `; trong đó: ${kinds.join("; ")}.` : ".",
    ),
  );
  if (f.subordinateLevel === "PARTY_CELL" && f.subordinates.length > 0) {
    const held = f.subordinates.filter((s) => s.sessions > 0).length;
    blocks.push(
      p(
        `Có ${viCount(held)}/${viCount(f.subordinates.length)} chi bộ trực thuộc tổ chức sinh hoạt, học tập chuyên đề trong kỳ (${viPercent((100 * held) / f.subordinates.length)}).`,
      ),
    );
  }
  blocks.push(
    tableWithTotal(
      "Bảng 1. Hội nghị, sinh hoạt, học tập theo loại hoạt động",
      [
        { title: "Loại hoạt động", width: 34, align: "left" },
        { title: "Số buổi", width: 14, align: "right" },
        { title: "Lượt người tham dự", width: 18, align: "right" },
        { title: "Cùng kỳ (lượt)", width: 16, align: "right" },
        { title: "So với cùng kỳ", width: 18, align: "center" },
      ],
      f.activities.map(({ label, values: [sessions, attendance] }) => [
        label,
        viNumber(sessions?.value ?? 0),
        viNumber(attendance?.value ?? 0),
        viNumber(attendance?.previous ?? 0),
        changeText(attendance?.value ?? 0, attendance?.previous ?? 0),
      ]),
      [
        viNumber(t.SESSIONS.value ?? 0),
        viNumber(t.ATTENDANCE.value ?? 0),
        viNumber(t.ATTENDANCE.previous ?? 0),
        changeText(t.ATTENDANCE.value, t.ATTENDANCE.previous),
      ],
    ),
  );
  if (f.attendanceTrend.length > 1) {
    const step = { MONTH: "tháng", QUARTER: "quý", YEAR: "năm" }[trendStep(f.span.current)];
    blocks.push(
      comparedChart(
        "attendanceChart",
        `Lượt người tham dự theo ${step}, so với cùng kỳ`,
        f.attendanceTrend,
      ),
    );
  }
  return blocks;
}
