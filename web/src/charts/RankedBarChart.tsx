import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatNumber, type Lang } from "../lib/format";
import type { RankedBar } from "../lib/shape";
import styles from "./charts.module.css";
import { chartRoot, keepZeroBar, rankColors } from "./config";

interface Props {
  data: RankedBar[];
  name: string;
  lang: Lang;
  format?: (value: number) => string;
  onSelect?: (id: string) => void;
  big?: boolean;
  /** One scale for every page of a paged comparison, so bars compare across pages. */
  maxValue?: number;
  /** The target every unit shares, drawn as a line across the bars with its label. */
  target?: { value: number; label: string };
  /**
   * Each unit's name on its own line above its bar, the bar the whole width: on a phone a name
   * column beside the bars leaves them no room (a 390 px slide drew names and no bars).
   */
  stacked?: boolean;
}

/** A unit's name in the lowest quartile stands out; one that reported nothing is coloured by fill. */
const tickClasses: Record<RankedBar["status"], string | undefined> = {
  normal: styles.rankTickNormal,
  lowest: styles.rankTickLowest,
  notReported: undefined,
};

interface TickProps {
  x?: number | string;
  y?: number | string;
  index?: number;
  payload?: { value?: unknown };
}

/** Units side by side, best first; the lowest quartile and non-reporters stand out. */
export function RankedBarChart({
  data,
  name,
  lang,
  format,
  onSelect,
  big = false,
  maxValue,
  target,
  stacked = false,
}: Props) {
  const write = format ?? ((v: number) => formatNumber(v, lang));
  const fontSize = big ? (stacked ? 18 : 22) : 12;
  // A unit that reported nothing has no bar to colour: its name is marked instead.
  const tick = (
    { x = 0, y = 0, index = 0, payload }: TickProps,
    anchor: "end" | "start" = "end",
  ) => {
    const status = data[index]?.status ?? "normal";
    return (
      <text
        x={Number(x)}
        y={Number(y)}
        dy={anchor === "end" ? fontSize / 3 : 0}
        textAnchor={anchor}
        fontSize={fontSize}
        fontWeight={status === "normal" ? 400 : 700}
        className={tickClasses[status]}
        data-rank-tick={status}
        fill={status === "normal" ? undefined : rankColors[status]}
      >
        {status === "notReported" ? "⚠ " : ""}
        {String(payload?.value ?? "")}
      </text>
    );
  };
  return (
    // Room on the right for the value written after each bar.
    <BarChart
      {...chartRoot}
      data={data}
      layout="vertical"
      // Room at the top for the target line's label, or the first stacked name.
      margin={{
        top: target ? (big ? 40 : 24) : stacked ? fontSize + 4 : 8,
        right: big ? 110 : 64,
        bottom: 8,
        left: 8,
      }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} className={styles.chartGrid} />
      <XAxis
        type="number"
        tick={{ fontSize }}
        tickFormatter={write}
        // The scale reaches the target, so its line is drawn even when every unit is below it.
        domain={[0, (dataMax: number) => Math.max(maxValue ?? dataMax, target ? target.value : 0)]}
      />
      {stacked ? (
        <YAxis type="category" dataKey="name" hide />
      ) : (
        <YAxis
          type="category"
          dataKey="name"
          tick={(props: TickProps) => tick(props)}
          width={big ? 320 : 160}
          interval={0}
        />
      )}
      <Tooltip formatter={(value) => [write(Number(value)), name]} cursor={{ fillOpacity: 0.1 }} />
      <Bar
        dataKey="value"
        name={name}
        isAnimationActive={false}
        radius={[0, 4, 4, 0]}
        barSize={stacked ? fontSize + 6 : undefined}
        shape={keepZeroBar}
        onClick={(entry: { payload?: RankedBar }) => entry.payload && onSelect?.(entry.payload.id)}
        style={onSelect ? { cursor: "pointer" } : undefined}
      >
        {data.map((item) => (
          <Cell key={item.id} fill={rankColors[item.status]} />
        ))}
        {stacked && (
          <LabelList
            dataKey="name"
            content={(props) =>
              tick(
                {
                  x: props.x,
                  y: Number(props.y ?? 0) - 6,
                  index: props.index,
                  payload: { value: props.value },
                },
                "start",
              )
            }
          />
        )}
        <LabelList
          dataKey="value"
          position="right"
          // A unit that reported nothing has no figure: "—", never a 0 it did not report.
          content={(props) => (
            <text
              x={Number(props.x ?? 0) + Number(props.width ?? 0) + 5}
              y={Number(props.y ?? 0) + Number(props.height ?? 0) / 2}
              dy="0.355em"
              fontSize={fontSize}
              fontWeight={600}
              className={styles.chartLabel}
              data-bar-value=""
            >
              {data[props.index ?? -1]?.status === "notReported" ? "—" : write(Number(props.value))}
            </text>
          )}
        />
      </Bar>
      {target && (
        <ReferenceLine
          x={target.value}
          stroke="var(--target-line)"
          strokeWidth={big ? 4 : 2}
          strokeDasharray="8 4"
          ifOverflow="extendDomain"
          label={{
            value: target.label,
            position: "top",
            fontSize,
            fontWeight: 700,
            fill: "var(--target-line)",
          }}
          data-testid="target-line"
        />
      )}
    </BarChart>
  );
}
