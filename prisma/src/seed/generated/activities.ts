// Sessions and attendance of a generated commune: chi bộ meetings (some chi bộ enter every meeting,
// others a quarterly total, as both happen in practice), one thematic session per chi bộ a year,
// and the commune's own conferences, study sessions and outreach.
import type { ActivityInput } from "../builder";
import { lastDayOfMonth, latest, ymd } from "../calendar";
import { randomFor, type Random } from "../random";
import { type CommuneContext, cellsOn, clamp, months, turnoutFactor } from "./context";

export function addActivities(context: CommuneContext): void {
  const meetings = cellRecords(context);
  addCellMeetings(context, meetings, randomFor(`${context.key}/meetings`));
  meetings.flush();
  const thematic = cellRecords(context);
  addThematicSessions(context, thematic, randomFor(`${context.key}/thematic`));
  thematic.flush();
  addCommuneActivities(context, randomFor(`${context.key}/commune-activities`));
}

/** Which commune total a chi bộ record joins when chi bộ records go in as commune totals. */
interface TotalKey {
  key: string;
  title: string;
  /** The total's date; by default the latest of its records. */
  on?: Date;
}

interface CellRecords {
  add(record: ActivityInput, total: TotalKey): void;
  /** Writes the commune totals that are complete by the last reporting day. */
  flush(): void;
}

/**
 * Chi bộ records as they are, or summed into one commune record per total (the way Hạnh Sơn's
 * report gives "triển khai tại chi bộ 70 buổi với 16.940 lượt người").
 */
function cellRecords(context: CommuneContext): CellRecords {
  const totals = new Map<string, ActivityInput & { sessions: number }>();
  return {
    add(record, total) {
      if (!context.limits.cellTotalsAtCommune) {
        context.builder.activity(record);
        return;
      }
      const sum = totals.get(total.key) ?? {
        ...record,
        unit: context.commune.code,
        title: total.title,
        sessions: 0,
        attendance: 0,
      };
      sum.sessions += record.sessions ?? 1;
      sum.attendance += record.attendance;
      sum.occurredOn = total.on ?? latest(sum.occurredOn, record.occurredOn);
      totals.set(total.key, sum);
    },
    flush() {
      for (const total of totals.values()) {
        if (total.occurredOn <= context.reportUntil) context.builder.activity(total);
      }
    },
  };
}

function addCellMeetings(context: CommuneContext, records: CellRecords, random: Random): void {
  const { commune } = context;
  for (const cell of context.cells) {
    const monthly = random.chance(0.35);
    // How reliably this chi bộ meets and how many of its members come.
    const baseRate = clamp(0.72 + 0.2 * commune.engagement + random.float(-0.05, 0.04), 0.55, 0.97);
    const skip = clamp((1.1 - commune.engagement) * 0.09, 0.005, 0.06);
    let quarter = { sessions: 0, attendance: 0 };
    for (const [year, month] of months(cell.from, cell.until)) {
      const meetingDay = ymd(year, month, random.int(3, 12));
      const held = meetingDay <= context.reportUntil && meetingDay >= cell.from && !random.chance(skip);
      const rate = clamp(baseRate * Math.min(1, turnoutFactor(context, year, month)), 0.3, 1);
      const attendance = Math.round(cell.partyMembers * clamp(rate + random.float(-0.05, 0.05), 0.25, 1));
      const quarterOf = Math.ceil(month / 3);
      const communeTotal: TotalKey = {
        key: `${year}-${quarterOf}`,
        title: `Sinh hoạt chi bộ định kỳ quý ${quarterOf}/${year} (tổng hợp các chi bộ)`,
        on: lastDayOfMonth(year, quarterOf * 3),
      };
      if (monthly) {
        if (!held) continue;
        records.add(
          {
            unit: cell.code,
            kind: "PARTY_CELL_MEETING",
            title: `Sinh hoạt chi bộ định kỳ tháng ${month}/${year}`,
            occurredOn: meetingDay,
            attendance,
            themeYear: year,
          },
          communeTotal,
        );
        continue;
      }
      if (held) quarter = { sessions: quarter.sessions + 1, attendance: quarter.attendance + attendance };
      const quarterEnd = month % 3 === 0 ? lastDayOfMonth(year, month) : undefined;
      // A quarterly total is sent once the quarter is over; an unfinished quarter has none yet.
      if (quarterEnd && quarterEnd <= context.reportUntil && quarter.sessions > 0) {
        records.add(
          {
            unit: cell.code,
            kind: "PARTY_CELL_MEETING",
            title: `Sinh hoạt chi bộ định kỳ quý ${month / 3}/${year} (tổng hợp)`,
            occurredOn: quarterEnd,
            sessions: quarter.sessions,
            attendance: quarter.attendance,
            themeYear: year,
          },
          communeTotal,
        );
      }
      if (quarterEnd) quarter = { sessions: 0, attendance: 0 };
    }
  }
}

function addThematicSessions(context: CommuneContext, records: CellRecords, random: Random): void {
  const { commune } = context;
  for (const cell of context.cells) {
    for (let year = cell.from.getUTCFullYear(); year <= cell.until.getUTCFullYear(); year++) {
      const on = ymd(year, random.int(3, 11), random.int(5, 25));
      if (on < cell.from || on > context.reportUntil || !random.chance(0.75 + 0.22 * commune.engagement)) continue;
      const month = on.getUTCMonth() + 1;
      // Thematic sessions are open to đoàn viên, hội viên and people of the thôn, hence "lượt người".
      const members = cell.partyMembers * clamp(0.8 * turnoutFactor(context, year, month), 0.3, 1);
      const guests = cell.partyMembers * random.float(0.2, 1.6) * commune.engagement;
      records.add(
        {
          unit: cell.code,
          kind: "THEMATIC_SESSION",
          title: `Sinh hoạt chuyên đề năm ${year}`,
          occurredOn: on,
          attendance: Math.round(members + guests),
          themeYear: year,
        },
        { key: String(year), title: `Sinh hoạt chuyên đề năm ${year} tại các chi bộ (tổng hợp)` },
      );
    }
  }
}

function addCommuneActivities(context: CommuneContext, random: Random): void {
  const { builder, commune, place } = context;
  for (const [year, month] of months(context.from, context.until)) {
    const members = cellsOn(context, ymd(year, month, 15)).reduce((sum, cell) => sum + cell.partyMembers, 0);
    const factor = turnoutFactor(context, year, month) * (commune.urban ? 1.3 : 1);
    const scale = (base: number, spread: number) => Math.max(12, Math.round((base + random.float(0, spread)) * factor));
    const record = (
      unit: string,
      kind: "CONFERENCE" | "STUDY_SESSION" | "OUTREACH",
      title: string,
      attendance: number,
    ) => {
      const on = ymd(year, month, random.int(6, 26));
      if (on < context.from || on > context.reportUntil) return;
      if (kind === "CONFERENCE" && context.limits.noConferences) return;
      builder.activity({ unit, kind, title, occurredOn: on, attendance, themeYear: year });
    };
    if (month === 2 || (month === 3 && random.chance(0.3))) {
      record(commune.code, "CONFERENCE", `Hội nghị quán triệt, triển khai chuyên đề năm ${year}`, scale(members * 0.3 + 30, 40));
    }
    if (context.commune.activeFrom && year === context.from.getUTCFullYear() && month === context.from.getUTCMonth() + 1) {
      record(
        commune.code,
        "CONFERENCE",
        `Hội nghị triển khai thực hiện Chỉ thị 05-CT/TW sau sắp xếp đơn vị hành chính ${place}`,
        scale(members * 0.35 + 40, 30),
      );
    }
    if (month === 7) {
      record(commune.code, "CONFERENCE", `Hội nghị sơ kết 6 tháng đầu năm ${year} thực hiện Chỉ thị 05-CT/TW`, scale(members * 0.2 + 25, 30));
    }
    if (month === 12) {
      record(commune.code, "CONFERENCE", `Hội nghị tổng kết thực hiện chuyên đề năm ${year}`, scale(members * 0.35 + 35, 50));
    }
    if (month === 5) {
      record(context.massOrganisation("DTN"), "OUTREACH", `Hội thi kể chuyện về Bác, kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh`, scale(120 + 160 * commune.engagement, 220));
    }
    if (month === 9 && random.chance(0.6)) {
      record(context.massOrganisation("MTTQ"), "OUTREACH", `Tuyên truyền gương người tốt, việc tốt trên hệ thống loa truyền thanh`, scale(200, 400));
    }
    // The rest of the year: study courses and outreach, more often where the commune is active.
    if (![2, 5, 7, 12].includes(month) && random.chance(0.25 + 0.35 * commune.engagement)) {
      if (random.chance(0.55)) {
        record(commune.code, "STUDY_SESSION", `Bồi dưỡng, học tập chuyên đề năm ${year} cho cán bộ, đảng viên`, scale(members * 0.25 + 15, 30));
      } else {
        const [organisation, title] = random.pick([
          ["PN", "Hội Phụ nữ tuyên truyền, học tập và làm theo lời Bác dạy"],
          ["ND", "Hội Nông dân sinh hoạt chuyên đề gắn với làm theo Bác"],
          ["CCB", "Cựu chiến binh kể chuyện truyền thống, làm theo Bác"],
          ["MTTQ", "Tuyên truyền tại khu dân cư về học tập và làm theo Bác"],
        ] as const);
        record(context.massOrganisation(organisation), "OUTREACH", title, scale(60, 140));
      }
    }
  }
}
