// Models of a generated commune: registered over the years, most kept up, some replicated
// ("nhân rộng"), some dropped, each with what people gave to it.
import type { LeadOrganisation, ModelLevel, ModelSector } from "../../generated/client.ts";
import type { ContributionInput, StatusStep } from "../builder";
import { REFORM_DAY, addDays, daysBetween, earliest } from "../calendar";
import { PROGRAMMES } from "../demo";
import { randomFor, type Random } from "../random";
import type { MassOrganisation } from "../units";
import { type CommuneContext, cellsOn } from "./context";

/** What the award generator needs to know about a model. */
export interface GeneratedModel {
  id: number;
  unit: string;
  name: string;
  level: ModelLevel;
  /** First day it counted as maintained, if it got there. */
  maintainedOn?: Date;
  /** Last day it was alive: discontinued, or the end of the commune's window. */
  lastDay: Date;
}

const TEMPLATES: Record<ModelSector, [LeadOrganisation, string][]> = {
  ECONOMY: [
    ["FARMERS_UNION", "Tổ hợp tác trồng rau an toàn"],
    ["FARMERS_UNION", "Nuôi bò sinh sản theo hướng hàng hóa"],
    ["FARMERS_UNION", "Cánh đồng lớn liên kết tiêu thụ lúa"],
    ["WOMEN_UNION", "Tổ tiết kiệm phụ nữ giúp nhau phát triển kinh tế"],
    ["WOMEN_UNION", "Phụ nữ khởi nghiệp với sản phẩm OCOP"],
    ["YOUTH_UNION", "Thanh niên lập nghiệp nuôi trồng thủy sản"],
    ["VETERANS_ASSOCIATION", "Cựu chiến binh giúp nhau làm kinh tế giỏi"],
    ["GOVERNMENT", "Hỗ trợ hộ nghèo thoát nghèo bền vững"],
  ],
  CULTURE_SOCIETY: [
    ["WOMEN_UNION", "Gia đình 5 không, 3 sạch"],
    ["YOUTH_UNION", "Tủ sách Bác Hồ trong trường học"],
    ["FATHERLAND_FRONT", "Khu dân cư văn hóa, nếp sống văn minh"],
    ["OTHER", "Dòng họ khuyến học, khuyến tài"],
    ["GOVERNMENT", "Tiếp dân, giải quyết thủ tục hành chính tận tình, chu đáo"],
    ["YOUTH_UNION", "Câu lạc bộ kể chuyện về Bác"],
    ["VETERANS_ASSOCIATION", "Bữa cơm nghĩa tình cho người già neo đơn"],
  ],
  SECURITY_ORDER: [
    ["FATHERLAND_FRONT", "Tổ nhân dân tự quản an toàn về an ninh trật tự"],
    ["YOUTH_UNION", "Thắp sáng đường quê"],
    ["VETERANS_ASSOCIATION", "Cựu chiến binh tham gia giữ gìn an ninh trật tự"],
    ["FATHERLAND_FRONT", "Camera an ninh khu dân cư"],
  ],
  PARTY_BUILDING: [
    ["PARTY_COMMITTEE", "Chi bộ sinh hoạt chuyên đề kiểu mẫu"],
    ["PARTY_COMMITTEE", "Sổ tay đảng viên làm theo gương Bác"],
    ["PARTY_COMMITTEE", "Đảng viên nhận đỡ đầu hộ khó khăn"],
    ["PARTY_COMMITTEE", "Mỗi đảng viên một việc làm theo Bác"],
  ],
  ENVIRONMENT: [
    ["FATHERLAND_FRONT", "Vận động nhân dân hiến đất làm đường giao thông nông thôn"],
    ["WOMEN_UNION", "Đường hoa phụ nữ"],
    ["YOUTH_UNION", "Ngày Chủ nhật xanh"],
    ["FARMERS_UNION", "Thu gom bao bì thuốc bảo vệ thực vật"],
    ["FATHERLAND_FRONT", "Phân loại rác thải tại nguồn"],
    ["VETERANS_ASSOCIATION", "Tuyến đường cựu chiến binh tự quản"],
  ],
};

const SECTOR_WEIGHTS: [ModelSector, number][] = [
  ["ECONOMY", 34],
  ["CULTURE_SOCIETY", 24],
  ["ENVIRONMENT", 18],
  ["SECURITY_ORDER", 12],
  ["PARTY_BUILDING", 12],
];

const RUNNING_ORGANISATION: Partial<Record<LeadOrganisation, MassOrganisation>> = {
  FATHERLAND_FRONT: "MTTQ",
  WOMEN_UNION: "PN",
  FARMERS_UNION: "ND",
  YOUTH_UNION: "DTN",
  VETERANS_ASSOCIATION: "CCB",
};

/** Money given to a model of each sector, in millions of đồng. */
const MONEY_MILLIONS: Record<ModelSector, [number, number]> = {
  ECONOMY: [10, 250],
  ENVIRONMENT: [15, 380],
  CULTURE_SOCIETY: [2, 60],
  SECURITY_ORDER: [5, 80],
  PARTY_BUILDING: [0, 8],
};

function randomDay(random: Random, from: Date, until: Date): Date {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, until))));
}

export function addModels(context: CommuneContext): GeneratedModel[] {
  const { builder, commune } = context;
  if (context.limits.noModels) return [];
  const random = randomFor(`${context.key}/models`);
  const years = daysBetween(context.from, context.until) / 365;
  const count = Math.max(2, Math.round(years * (0.9 + 1.3 * commune.engagement)));
  const latestStart = addDays(context.until, -45);
  const models: GeneratedModel[] = [];
  const starts = Array.from({ length: count }, () => randomDay(random, context.from, latestStart)).sort(
    (a, b) => a.getTime() - b.getTime(),
  );
  for (const startedOn of starts) {
    const sector = random.weighted(SECTOR_WEIGHTS);
    const [lead, template] = random.pick(TEMPLATES[sector]);
    const cell = random.pick(cellsOn(context, startedOn));
    const organisation = RUNNING_ORGANISATION[lead];
    const unit = lead === "PARTY_COMMITTEE" ? cell.code : organisation ? context.massOrganisation(organisation) : commune.code;
    const where = lead === "PARTY_COMMITTEE" || random.chance(0.6) ? cell.name.replace(/^Chi bộ /, "") : context.place;
    const level = levelFor(random, unit === cell.code, startedOn);
    const drawn =
      level === "DISTRICT" && random.chance(0.6)
        ? PROGRAMMES.pilot
        : (lead === "FATHERLAND_FRONT" && sector !== "CULTURE_SOCIETY" && random.chance(0.7)) ||
            (organisation && random.chance(0.15))
          ? PROGRAMMES.danVanKheo
          : undefined;
    const programme = drawn && context.limits.closedProgrammes?.includes(drawn) ? undefined : drawn;

    const history: StatusStep[] = [{ status: "REGISTERED", on: startedOn }];
    let lastDay = context.until;
    const maintainedOn = addDays(startedOn, random.int(30, 120));
    if (maintainedOn <= context.until) {
      history.push({ status: "MAINTAINED", on: maintainedOn });
      const fate = random.next();
      if (fate < 0.22) {
        const replicatedOn = addDays(maintainedOn, random.int(300, 700));
        if (replicatedOn <= context.until) {
          history.push({ status: "REPLICATED", on: replicatedOn, note: "Tổng kết, nhân rộng ra các thôn" });
        }
      } else if (fate < 0.22 + 0.12 + 0.1 * (1 - commune.engagement)) {
        const stoppedOn = addDays(maintainedOn, random.int(180, 900));
        if (stoppedOn <= context.until) {
          history.push({ status: "DISCONTINUED", on: stoppedOn, note: "Không còn duy trì" });
          lastDay = stoppedOn;
        }
      }
    }

    const id = builder.model({
      unit,
      name: `${template} ${where}`,
      sector,
      level,
      ...(programme && { programme }),
      leadOrganisation: lead,
      history,
      contributions: contributions(random, sector, template, startedOn, earliest(lastDay, addDays(startedOn, 600))),
    });
    models.push({
      id,
      unit,
      name: `${template} ${where}`,
      level,
      ...(maintainedOn <= context.until && { maintainedOn }),
      lastDay,
    });
  }
  return models;
}

function levelFor(random: Random, ownedByCell: boolean, startedOn: Date): ModelLevel {
  if (ownedByCell && random.chance(0.7)) return "PARTY_CELL";
  const roll = random.next();
  // Districts recognised models until they were abolished on 01/07/2025.
  if (roll < 0.12 && startedOn < REFORM_DAY) return "DISTRICT";
  if (roll < 0.16) return "PROVINCE";
  return "COMMUNE";
}

function contributions(
  random: Random,
  sector: ModelSector,
  template: string,
  from: Date,
  until: Date,
): ContributionInput[] {
  const records: ContributionInput[] = [];
  const [minMoney, maxMoney] = MONEY_MILLIONS[sector];
  const donatesLand = template.includes("hiến đất");
  const count = random.int(1, 3);
  for (let i = 0; i < count; i++) {
    const on = randomDay(random, from, until);
    const land = donatesLand && random.chance(0.8) ? random.int(60, 600) : 0;
    // Land is valued at 150 000 – 700 000 đ/m², rounded to 10 000 đ; cash to 500 000 đ.
    const landValue = BigInt(Math.round((land * random.int(150, 700)) / 10) * 10) * 1000n;
    const cash = BigInt(Math.round(random.float(minMoney, maxMoney) * 2)) * 500_000n;
    // Every other money record gives a tenth of its amount as materials (hiện vật), without
    // another draw: the demo's other figures stay as they were.
    const inKind = land === 0 && i % 2 === 1 ? (cash / 10n / 500_000n) * 500_000n : 0n;
    records.push({
      on,
      participants: random.int(8, 140),
      landM2: land,
      landValueVnd: land > 0 ? landValue : 0n,
      cashVnd: land > 0 ? 0n : cash - inKind,
      inKindVnd: inKind,
      workdays: random.chance(0.6) ? random.int(5, 120) : 0,
      note: land > 0 ? "Hiến đất" : inKind > 0 ? "Đóng góp tiền mặt, vật tư" : "Đóng góp tiền mặt",
    });
  }
  return records.sort((a, b) => a.on.getTime() - b.on.getTime());
}
