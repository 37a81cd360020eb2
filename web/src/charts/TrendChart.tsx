import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, type Lang } from "../lib/format";
import styles from "./charts.module.css";

interface Props {
  data: { label: string; value: number }[];
  color: string;
  name: string;
  lang: Lang;
  format?: (value: number) => string;
  big?: boolean;
}

/** A value over time (attendance by month...). Rendered inside ChartFrame. */
export function TrendChart({ data, color, name, lang, format, big = false }: Props) {
  const write = format ?? ((v: number) => formatNumber(v, lang));
  const fontSize = big ? 22 : 12;
  return (
    <LineChart data={data} margin={{ top: 16, right: big ? 48 : 32, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" className={styles.chartGrid} />
      <XAxis dataKey="label" tick={{ fontSize }} interval="preserveStartEnd" />
      <YAxis tick={{ fontSize }} tickFormatter={write} width={big ? 110 : 64} />
      <Tooltip formatter={(value) => [write(Number(value)), name]} />
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
