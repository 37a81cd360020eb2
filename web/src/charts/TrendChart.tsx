import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, type Lang } from "../lib/format";
import type { TrendSeriesPoint } from "../lib/shape";
import styles from "./charts.module.css";
import { chartRoot } from "./config";

interface Props {
  data: TrendSeriesPoint[];
  color: string;
  name: string;
  lang: Lang;
  format?: (value: number) => string;
  big?: boolean;
  /** "Chưa báo cáo", "Chưa hết kỳ, đến ngày …" and "cùng kỳ T3/2025: …", for the tooltip. */
  notes: { notReported: string; unfinished: string; lastYear: (point: TrendSeriesPoint) => string };
  /** A click on a point narrows the view to its bucket (its start day, "2025-03-01"). */
  onSelect?: (start: string) => void;
}

/** A value over time (attendance by month...). Rendered inside ChartFrame. */
export function TrendChart({
  data,
  color,
  name,
  lang,
  format,
  big = false,
  notes,
  onSelect,
}: Props) {
  const write = format ?? ((v: number) => formatNumber(v, lang));
  const fontSize = big ? 22 : 12;
  return (
    <LineChart
      {...chartRoot}
      data={data}
      margin={{ top: 16, right: big ? 48 : 32, bottom: 8, left: 8 }}
      // The whole column under the cursor is the target, not the 3 px dot.
      onClick={(state: { activeIndex?: number | string | null }) => {
        const point = data[Number(state?.activeIndex)];
        if (point && onSelect) onSelect(point.start);
      }}
      style={onSelect ? { cursor: "pointer" } : undefined}
    >
      <CartesianGrid strokeDasharray="3 3" className={styles.chartGrid} />
      <XAxis dataKey="label" tick={{ fontSize }} interval="preserveStartEnd" />
      <YAxis tick={{ fontSize }} tickFormatter={write} width={big ? 110 : 64} />
      <Tooltip
        wrapperClassName={styles.tooltip}
        contentStyle={{ whiteSpace: "normal" }}
        formatter={(value, _key, item) => {
          const point = item.payload as TrendSeriesPoint;
          // The dashed line repeats the last finished point: show each bucket once.
          if (item.dataKey === "running" && point.complete) return [null, null];
          const shown =
            value === null || value === undefined ? notes.notReported : write(Number(value));
          return [
            point.lastYear ? `${shown} · ${notes.lastYear(point)}` : shown,
            point.complete ? name : `${name} (${notes.unfinished})`,
          ];
        }}
      />
      <Line
        type="monotone"
        dataKey="running"
        name={name}
        stroke={color}
        strokeWidth={big ? 6 : 3}
        strokeDasharray="6 6"
        dot={{ r: big ? 6 : 3, fill: "transparent" }}
        isAnimationActive={false}
        legendType="none"
      />
      <Line
        type="monotone"
        dataKey="value"
        name={name}
        stroke={color}
        strokeWidth={big ? 6 : 3}
        dot={{ r: big ? 6 : 3 }}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
