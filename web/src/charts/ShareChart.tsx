import { Cell, Legend, Pie, PieChart, Tooltip } from "recharts";
import { formatNumber, formatPercent, type Lang } from "../lib/format";
import type { Category } from "../lib/shape";
import { chartRoot, colorFor, pieRoot } from "./config";

interface Props {
  data: Category[];
  colors: Record<string, string>;
  lang: Lang;
  big?: boolean;
  /** A click on a slice narrows the view by its category (see useDrill). */
  onSelect?: (key: string) => void;
  selected?: string;
  /** A phone-wide slide: a smaller ring, so the figures written outside it stay on screen. */
  stacked?: boolean;
}

/** Shares of a whole (collective vs individual awards...), as a ring with its legend. */
export function ShareChart({
  data,
  colors,
  lang,
  big = false,
  onSelect,
  selected,
  stacked = false,
}: Props) {
  const shown = data.filter((item) => item.value > 0);
  const fontSize = big ? (stacked ? 18 : 26) : 13;
  return (
    <PieChart {...chartRoot}>
      <Pie
        {...pieRoot}
        data={shown}
        dataKey="value"
        nameKey="label"
        innerRadius={stacked ? "32%" : "50%"}
        outerRadius={stacked ? "52%" : "80%"}
        paddingAngle={2}
        isAnimationActive={false}
        // The count and its share: "335 (83%)" reads at once from the back of a hall.
        label={({ value, percent }: { value?: number; percent?: number }) =>
          `${formatNumber(value ?? 0, lang)} (${formatPercent(percent ?? 0, lang, 0)})`
        }
        labelLine={false}
        style={{ fontSize, fontWeight: 600, cursor: onSelect ? "pointer" : undefined }}
        onClick={(entry: { payload?: Category }) => entry.payload && onSelect?.(entry.payload.key)}
      >
        {shown.map((item, index) => (
          <Cell
            key={item.key}
            fill={colorFor(colors, item.key, index)}
            fillOpacity={selected && selected !== item.key ? 0.35 : 1}
            data-key={item.key}
          />
        ))}
      </Pie>
      <Tooltip formatter={(value, label) => [formatNumber(Number(value), lang), String(label)]} />
      <Legend wrapperStyle={{ fontSize }} />
    </PieChart>
  );
}
