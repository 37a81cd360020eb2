// Section 4: awards (biểu dương, khen thưởng), collective and individual, by ground.

import { compared, p } from "../blocks";
import type { Block } from "../document";
import type { ReportFigures } from "../figures";
import { viCount } from "../numbers";

export function awards(f: ReportFigures): Block[] {
  const t = f.totals;
  const grounds = f.awards
    .filter((g) => (g.values[0]?.value ?? 0) + (g.values[1]?.value ?? 0) > 0)
    .map(
      (g) =>
        `${viCount(g.values[0]?.value ?? 0)} tập thể, ${viCount(g.values[1]?.value ?? 0)} cá nhân (${g.label})`,
    );
  const blocks: Block[] = [
    { kind: "heading", text: "4. Biểu dương, khen thưởng" },
    p(
      "Trong kỳ đã khen thưởng ",
      {
        text: `${viCount(t.AWARDS_COLLECTIVE.value ?? 0)} tập thể, ${viCount(t.AWARDS_INDIVIDUAL.value ?? 0)} cá nhân`,
        bold: true,
      },
      compared(t.AWARDS.value, t.AWARDS.previous),
      grounds.length ? `; trong đó: ${grounds.join("; ")}.` : ".",
    ),
  ];
  if (f.awards.length > 0) {
    blocks.push({
      kind: "table",
      caption: "Bảng 3. Khen thưởng theo nội dung",
      columns: [
        { title: "Nội dung khen thưởng", width: 52, align: "left" },
        { title: "Tập thể", width: 12, align: "right" },
        { title: "Cá nhân", width: 12, align: "right" },
        { title: "Cùng kỳ (TT/CN)", width: 24, align: "center" },
      ],
      rows: f.awards.map((g) => ({
        cells: [
          g.label,
          viCount(g.values[0]?.value ?? 0),
          viCount(g.values[1]?.value ?? 0),
          `${viCount(g.values[0]?.previous ?? 0)}/${viCount(g.values[1]?.previous ?? 0)}`,
        ],
      })),
    });
  }
  return blocks;
}
