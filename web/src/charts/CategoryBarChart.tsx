import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, type Lang } from "../lib/format";
import type { Category } from "../lib/shape";
import styles from "./charts.module.css";
import { chartRoot, colorFor, keepZeroBar } from "./config";

interface Props {
  data: Category[];
  colors: Record<string, string>;
  name: string;
  lang: Lang;
  format?: (value: number) => string;
  big?: boolean;
  /** A click on a bar narrows the view by its category (see useDrill). */
  onSelect?: (key: string) => void;
  /** The category the view is narrowed to: the other bars fade. */
  selected?: string;
  /** Each label on its own line above its bar (a phone-sized slide: no room for a name column). */
  stacked?: boolean;
}

/** Horizontal bars, one per category (sector, level...): long Vietnamese labels stay readable. */
export function CategoryBarChart({
  data,
  colors,
  name,
  lang,
  format,
  big = false,
  onSelect,
  selected,
  stacked = false,
}: Props) {
  const write = format ?? ((v: number) => formatNumber(v, lang));
  const fontSize = big ? (stacked ? 18 : 24) : 12;
  return (
    <BarChart
      {...chartRoot}
      data={data}
      layout="vertical"
      margin={{ top: stacked ? fontSize + 4 : 8, right: big ? 96 : 48, bottom: 8, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} className={styles.chartGrid} />
      <XAxis type="number" tick={{ fontSize }} tickFormatter={write} allowDecimals={false} />
      {stacked ? (
        <YAxis type="category" dataKey="label" hide />
      ) : (
        <YAxis type="category" dataKey="label" tick={{ fontSize }} width={big ? 320 : 140} />
      )}
      <Tooltip formatter={(value) => [write(Number(value)), name]} cursor={{ fillOpacity: 0.1 }} />
      <Bar
        dataKey="value"
        name={name}
        isAnimationActive={false}
        radius={[0, 4, 4, 0]}
        barSize={stacked ? fontSize : undefined}
        shape={keepZeroBar}
        onClick={(entry: { payload?: Category }) => entry.payload && onSelect?.(entry.payload.key)}
        style={onSelect ? { cursor: "pointer" } : undefined}
      >
        {data.map((item, index) => (
          <Cell
            key={item.key}
            fill={colorFor(colors, item.key, index)}
            fillOpacity={selected && selected !== item.key ? 0.35 : 1}
            data-key={item.key}
          />
        ))}
        {stacked && (
          <LabelList
            dataKey="label"
            content={(props) => (
              <text
                x={Number(props.x ?? 0)}
                y={Number(props.y ?? 0) - 6}
                fontSize={fontSize}
                className={styles.chartLabel}
              >
                {String(props.value ?? "")}
              </text>
            )}
          />
        )}
        <LabelList
          dataKey="value"
          position="right"
          formatter={(value: unknown) => write(Number(value))}
          style={{ fontSize, fontWeight: 600 }}
          className={styles.chartLabel}
        />
      </Bar>
    </BarChart>
  );
}
