// Section 2: the models (mô hình học tập và làm theo Bác): the stock by sector and status, the
// programmes and what the people contributed to them.

import { compared, comparedChart, listOf, p, tableWithTotal } from "../blocks";
import type { Block } from "../document";
import type { ProgrammeFigures, ReportFigures } from "../figures";
import { changeText, countInWords, moneyInWords, viCount, viDate, viNumber } from "../numbers";

/** ", trong đó hiến 1.226 m² đất trị giá 1.051.980.000 đồng, tiền mặt 282.000.000 đồng", as reported. */
function contributionParts(g: ProgrammeFigures): string {
  const parts = [
    g.landM2 > 0 || g.landValueVnd > 0
      ? `hiến ${viNumber(g.landM2)} m² đất${g.landValueVnd > 0 ? ` trị giá ${viNumber(g.landValueVnd)} đồng` : ""}`
      : "",
    g.cashVnd > 0 ? `tiền mặt ${viNumber(g.cashVnd)} đồng` : "",
    g.inKindVnd > 0 ? `hiện vật trị giá ${viNumber(g.inKindVnd)} đồng` : "",
  ].filter(Boolean);
  return parts.length > 0 ? `, trong đó ${parts.join(", ")}` : "";
}

export function models(f: ReportFigures): Block[] {
  const t = f.totals;
  const end = viDate(f.span.current.to);
  const bySector = listOf(f.modelsBySector, 0, (n) => viCount(n));
  const blocks: Block[] = [
    { kind: "heading", text: "2. Xây dựng, nhân rộng mô hình học tập và làm theo Bác" },
    p(
      `Đến ngày ${end}, đang duy trì `,
      { text: countInWords(t.MODELS_ACTIVE.value ?? 0, "mô hình"), bold: true },
      compared(t.MODELS_ACTIVE.value, t.MODELS_ACTIVE.previous),
      bySector ? `, trong đó: ${bySector}` : "",
      `. Trong kỳ có ${viCount(t.MODELS_STARTED.value ?? 0)} mô hình mới, ${viCount(t.MODELS_REPLICATED.value ?? 0)} mô hình được nhân rộng.`,
    ),
    p(...statusStocks(f)),
  ];
  for (const g of f.programmes) {
    blocks.push(
      p(
        `Mô hình “${g.programme}”: `,
        { text: countInWords(g.models, "mô hình"), bold: true },
        ` có ${viNumber(g.participants)} người dân tham gia với tổng kinh phí đóng góp là `,
        { text: moneyInWords(g.totalVnd), bold: true },
        contributionParts(g),
        g.workdays > 0 ? `; ${viNumber(g.workdays)} ngày công lao động` : "",
        ".",
      ),
    );
  }
  blocks.push(
    p(
      `Tổng hợp chung, nhân dân đóng góp cho các mô hình ${viNumber(t.CONTRIBUTION_VND.value ?? 0)} đồng${compared(t.CONTRIBUTION_VND.value, t.CONTRIBUTION_VND.previous)}, hiến ${viNumber(t.CONTRIBUTION_LAND_M2.value ?? 0)} m² đất, ${viNumber(t.CONTRIBUTION_WORKDAYS.value ?? 0)} ngày công, với ${viNumber(t.MODEL_PARTICIPANTS.value ?? 0)} lượt người tham gia.`,
    ),
  );
  blocks.push(
    tableWithTotal(
      `Bảng 2. Mô hình theo lĩnh vực (đang duy trì đến ngày ${end}; mới trong kỳ)`,
      [
        { title: "Lĩnh vực", width: 40, align: "left" },
        { title: "Đang duy trì", width: 15, align: "right" },
        { title: "Cùng kỳ", width: 15, align: "right" },
        { title: "Mới trong kỳ", width: 15, align: "right" },
        { title: "So với cùng kỳ", width: 15, align: "center" },
      ],
      f.modelsBySector.map(({ label, values: [active, started] }) => [
        label,
        viNumber(active?.value ?? 0),
        viNumber(active?.previous ?? 0),
        viNumber(started?.value ?? 0),
        changeText(active?.value ?? 0, active?.previous ?? 0),
      ]),
      [
        viNumber(t.MODELS_ACTIVE.value ?? 0),
        viNumber(t.MODELS_ACTIVE.previous ?? 0),
        viNumber(t.MODELS_STARTED.value ?? 0),
        changeText(t.MODELS_ACTIVE.value, t.MODELS_ACTIVE.previous),
      ],
    ),
  );
  if (f.modelsBySector.length > 0) {
    blocks.push(
      comparedChart(
        "modelsChart",
        "Mô hình đang duy trì theo lĩnh vực, so với cùng kỳ",
        f.modelsBySector,
      ),
    );
  }
  return blocks;
}

/**
 * The models by status on the span's last day (stocks, as the seed reports count them: "hiện đang
 * duy trì 13 mô hình"), each against the same day a year earlier. Active = registered + maintained
 * + replicated, so the maintained share is active minus replicated.
 */
function statusStocks(f: ReportFigures): string[] {
  const t = f.totals;
  const stock = (value: number | null, previous: number | null) =>
    `${viCount(value ?? 0)} (cùng kỳ ${viCount(previous ?? 0)})`;
  const maintained = (x: "value" | "previous") =>
    (t.MODELS_ACTIVE[x] ?? 0) - (t.MODELS_REPLICATED_STOCK[x] ?? 0);
  return [
    `Theo trạng thái đến ngày ${viDate(f.span.current.to)} (số tồn): đăng ký, duy trì ${stock(maintained("value"), maintained("previous"))}; `,
    `đang nhân rộng ${stock(t.MODELS_REPLICATED_STOCK.value, t.MODELS_REPLICATED_STOCK.previous)}; `,
    `đã ngừng ${stock(t.MODELS_DISCONTINUED_STOCK.value, t.MODELS_DISCONTINUED_STOCK.previous)} mô hình.`,
  ];
}
