// The records of one commune over the generated years: activities of its chi bộ, its own
// conferences and its mass organisations; models with their lifecycle and contributions; awards;
// the commitments each chi bộ registers every year. Rows use the loader's short keys (load.ts).
// Everything is drawn from the commune's own random stream, so a commune's figures do not depend
// on which other communes are generated.
import type { Random } from "../seed/random";
import type { CommuneUnits, GeneratedUnit } from "./units";

export type Row = Record<string, string | number | null>;

export interface RecordSink {
  nextId(table: RecordTable): number;
  push(table: RecordTable, row: Row): void;
}

export type RecordTable =
  | "Activity"
  | "Model"
  | "ModelStatusChange"
  | "ModelContribution"
  | "Commitment"
  | "Award";

export interface Calendar {
  years: number[];
  /** Last day with records (epoch day number). */
  end: number;
  themeId(year: number): number;
}

const MS_PER_DAY = 86_400_000;
export const epochDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / MS_PER_DAY;
const isoCache = new Map<number, string>();
/** "YYYY-MM-DD" of an epoch day number. */
export function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

const dayInYear = (r: Random, y: number) => r.int(epochDay(y, 1, 1), epochDay(y, 12, 31));

const SECTORS = [
  ["ECONOMY", 35],
  ["CULTURE_SOCIETY", 25],
  ["SECURITY_ORDER", 12],
  ["PARTY_BUILDING", 13],
  ["ENVIRONMENT", 15],
] as const;
const SECTOR_NAMES: Record<string, string> = {
  ECONOMY: "phát triển kinh tế",
  CULTURE_SOCIETY: "văn hóa - xã hội",
  SECURITY_ORDER: "an ninh trật tự",
  PARTY_BUILDING: "xây dựng Đảng",
  ENVIRONMENT: "môi trường, nông thôn mới",
};
const LEADS: Record<string, string> = {
  PN: "WOMEN_UNION",
  ND: "FARMERS_UNION",
  TN: "YOUTH_UNION",
  CCB: "VETERANS_ASSOCIATION",
};
const PROGRAMMES = [
  ["Dân vận khéo", 40],
  ["Mô hình điểm học tập và làm theo Bác", 20],
  [null, 40],
] as const;

function activity(
  sink: RecordSink,
  unit: GeneratedUnit,
  kind: string,
  title: string,
  day: number,
  sessions: number,
  attendance: number,
  themeId: number | null,
): void {
  sink.push("Activity", {
    i: sink.nextId("Activity"),
    u: unit.id,
    t: themeId,
    k: kind,
    n: title,
    d: iso(day),
    s: sessions,
    a: attendance,
  });
}

export function generateCommune(
  c: CommuneUnits,
  random: Random,
  calendar: Calendar,
  sink: RecordSink,
): void {
  const { commune, cells, massOrganisations } = c;
  const modelIds: number[] = [];
  for (const year of calendar.years) {
    const theme = calendar.themeId(year);
    const yearEnd = Math.min(epochDay(year, 12, 31), calendar.end);

    // Chi bộ: the monthly meeting and two thematic sessions a year.
    for (const cell of cells) {
      for (let month = 1; month <= 12; month++) {
        const day = epochDay(year, month, random.int(1, 28));
        if (day > calendar.end) break;
        const attendance = Math.round(cell.partyMembers * random.float(0.7, 1));
        const themed = random.chance(0.5) ? theme : null;
        const title = `Sinh hoạt chi bộ tháng ${month}/${year}`;
        activity(sink, cell, "PARTY_CELL_MEETING", title, day, 1, attendance, themed);
      }
      for (let k = 1; k <= 2; k++) {
        const day = dayInYear(random, year);
        if (day > calendar.end) continue;
        const attendance = Math.round(cell.partyMembers * random.float(0.8, 1));
        const title = `Sinh hoạt chuyên đề ${k}/${year}`;
        activity(sink, cell, "THEMATIC_SESSION", title, day, 1, attendance, theme);
      }
    }
    // The commune's own conferences, study sessions and outreach.
    const own: [string, string, number, number, number, number, number][] = [
      ["CONFERENCE", "Hội nghị quán triệt, sơ kết, tổng kết", 4, 1, 3, 100, 400],
      ["STUDY_SESSION", "Lớp học tập, bồi dưỡng chuyên đề", 6, 1, 4, 50, 300],
      ["OUTREACH", "Tuyên truyền, hội thi kể chuyện về Bác", 8, 1, 5, 100, 1500],
    ];
    for (const [kind, title, count, s0, s1, a0, a1] of own) {
      for (let k = 0; k < count; k++) {
        const day = dayInYear(random, year);
        if (day > calendar.end) continue;
        const themed = kind === "CONFERENCE" || random.chance(0.5) ? theme : null;
        const sessions = random.int(s0, s1);
        activity(
          sink,
          commune,
          kind,
          `${title} ${year}`,
          day,
          sessions,
          random.int(a0, a1) * sessions,
          themed,
        );
      }
    }
    for (const org of massOrganisations) {
      for (let k = 0; k < 5; k++) {
        const day = dayInYear(random, year);
        if (day > calendar.end) continue;
        const kind = k < 3 ? "OUTREACH" : "THEMATIC_SESSION";
        const title = kind === "OUTREACH" ? `Tuyên truyền ${year}` : `Sinh hoạt chuyên đề ${year}`;
        activity(
          sink,
          org,
          kind,
          title,
          day,
          1,
          random.int(30, 300),
          random.chance(0.5) ? theme : null,
        );
      }
    }

    // Models registered this year, their lifecycle and what people gave to them.
    const newModels = random.int(3, 9);
    for (let k = 1; k <= newModels; k++) {
      const start = dayInYear(random, year);
      if (start > calendar.end) continue;
      const owner = random.weighted<"commune" | "cell" | "org">([
        ["commune", 30],
        ["cell", 40],
        ["org", 30],
      ]);
      const unit =
        owner === "commune"
          ? commune
          : owner === "cell"
            ? random.pick(cells)
            : random.pick(massOrganisations);
      const suffix = unit.code.slice(unit.code.lastIndexOf("-") + 1);
      const lead =
        owner === "cell"
          ? "PARTY_COMMITTEE"
          : owner === "org"
            ? (LEADS[suffix] ?? "OTHER")
            : random.pick(["GOVERNMENT", "FATHERLAND_FRONT", "PARTY_COMMITTEE"]);
      const level =
        owner === "cell"
          ? "PARTY_CELL"
          : owner === "org"
            ? "COMMUNE"
            : random.weighted([
                ["COMMUNE", 80],
                [year < 2025 ? "DISTRICT" : "COMMUNE", 10],
                ["PROVINCE", 10],
              ]);
      const sector = random.weighted(SECTORS);
      const id = sink.nextId("Model");
      const steps: [string, number][] = [["REGISTERED", start]];
      const reviewed = start + random.int(120, 300);
      if (reviewed <= calendar.end) {
        if (random.chance(0.85)) {
          steps.push(["MAINTAINED", reviewed]);
          const later = reviewed + random.int(200, 500);
          if (later <= calendar.end) {
            const roll = random.next();
            if (roll < 0.25) steps.push(["REPLICATED", later]);
            else if (roll < 0.33) steps.push(["DISCONTINUED", later]);
          }
        } else steps.push(["DISCONTINUED", reviewed]);
      }
      const last = steps[steps.length - 1] as [string, number];
      sink.push("Model", {
        i: id,
        u: unit.id,
        n: `Mô hình ${SECTOR_NAMES[sector]} ${year}-${k}`,
        s: sector,
        l: level,
        p: random.weighted(PROGRAMMES),
        o: lead,
        d: iso(start),
        st: last[0],
      });
      for (const [status, day] of steps) {
        sink.push("ModelStatusChange", {
          i: sink.nextId("ModelStatusChange"),
          m: id,
          s: status,
          d: iso(day),
        });
      }
      const stopped = last[0] === "DISCONTINUED" ? last[1] : calendar.end;
      for (let y = year; y <= calendar.years[calendar.years.length - 1]!; y++) {
        const from = Math.max(start, epochDay(y, 1, 1));
        const to = Math.min(stopped, epochDay(y, 12, 31));
        if (from > to) break;
        const row = {
          i: sink.nextId("ModelContribution"),
          m: id,
          d: iso(random.int(from, to)),
          p: random.int(10, 300),
          v: random.int(0, 200_000) * 1000,
          l: random.chance(0.3) ? random.int(10, 500) : 0,
          w: random.int(0, 300),
        };
        // Land valued at 800.000 đ/m² (Long Bình's 1.226 m² were worth 858.000 đ/m²).
        sink.push("ModelContribution", { ...row, g: row.l * 800_000 });
      }
      modelIds.push(id);
    }

    // Awards: collectives and individuals of the commune, its chi bộ and organisations.
    const awards = random.int(40, 80);
    for (let k = 0; k < awards; k++) {
      const day = dayInYear(random, year);
      if (day > yearEnd) continue;
      const roll = random.next();
      const unit =
        roll < 0.4 ? commune : roll < 0.8 ? random.pick(cells) : random.pick(massOrganisations);
      const collective = random.chance(0.35);
      const level = random.weighted([
        ["COMMUNE", 55],
        [year < 2025 ? "DISTRICT" : "COMMUNE", 15],
        ["PROVINCE", 28],
        ["NATIONAL", 2],
      ]);
      const form =
        level === "NATIONAL"
          ? random.pick(["ORDER", "CERTIFICATE_OF_MERIT"])
          : level === "PROVINCE"
            ? random.pick(["CERTIFICATE_OF_MERIT", "EMULATION_TITLE"])
            : random.pick(["COMMENDATION", "EXEMPLARY", "EMULATION_TITLE"]);
      // Drawn in the order the fields were always drawn, so the generated data stays the same.
      const count = collective ? random.int(1, 6) : random.int(1, 20);
      const themeId = random.chance(0.5) ? theme : null;
      const modelId = modelIds.length > 0 && random.chance(0.15) ? random.pick(modelIds) : null;
      sink.push("Award", {
        i: sink.nextId("Award"),
        u: unit.id,
        rk: collective ? "COLLECTIVE" : "INDIVIDUAL",
        c: count,
        l: level,
        f: form,
        d: iso(day),
        ey: year,
        g: ground(themeId, modelId, form),
        t: themeId,
        m: modelId,
      });
    }

    // Each chi bộ registers an initiative (and often a pledge) at the start of the year.
    for (const cell of cells) {
      for (const [kind, probability] of [
        ["INITIATIVE", 0.95],
        ["PLEDGE", 0.6],
      ] as const) {
        if (!random.chance(probability)) continue;
        const registered = epochDay(year, 1, 5) + random.int(0, 85);
        if (registered > calendar.end) continue;
        const roll = random.next();
        let status = "REGISTERED";
        let completed: number | null = null;
        let replicated: number | null = null;
        if (roll < 0.7) {
          const day = epochDay(year, 10, 1) + random.int(0, 91);
          if (day <= calendar.end) {
            status = "COMPLETED";
            completed = day;
            const next = epochDay(year + 1, 3, 1) + random.int(0, 120);
            if (roll < 0.15 && next <= calendar.end) {
              status = "REPLICATED";
              replicated = next;
            }
          }
        }
        sink.push("Commitment", {
          i: sink.nextId("Commitment"),
          u: cell.id,
          y: year,
          k: kind,
          n:
            kind === "INITIATIVE"
              ? `Đề tài làm theo Bác năm ${year}`
              : `Bản đăng ký làm theo năm ${year}`,
          s: status,
          r: iso(registered),
          c: completed === null ? null : iso(completed),
          p: replicated === null ? null : iso(replicated),
        });
      }
    }
  }
}

/** The ground of a generated award: its theme, else its model, else what its form suggests. */
function ground(themeId: unknown, modelId: unknown, form: string): string {
  if (themeId !== null) return "YEAR_THEME";
  if (modelId !== null) return "MODEL_PROGRAMME";
  return form === "EMULATION_TITLE" ? "EMULATION_TARGETS" : "OTHER";
}
