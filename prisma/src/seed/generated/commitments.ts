// Commitments of a generated commune's chi bộ: most register a pledge every year, some add an
// initiative; past years get completed, a few initiatives are replicated the year after. The
// registration rate (registered / chi bộ) therefore differs between communes and years.
import { addDays, earliest, ymd } from "../calendar";
import { randomFor } from "../random";
import { type CommuneContext, clamp } from "./context";

const INITIATIVES = [
  "Vận động hộ gia đình chỉnh trang hàng rào, cổng ngõ xanh - sạch - đẹp",
  "Đảng viên đỡ đầu học sinh có hoàn cảnh khó khăn",
  "Chuyển đổi số trong sinh hoạt chi bộ",
  "Liên kết tiêu thụ nông sản cho hộ thành viên",
  "Giải quyết dứt điểm tranh chấp, khiếu nại ngay tại thôn",
  "Mỗi tuần một buổi lao động vệ sinh đường làng",
  "Tổ hòa giải ở cơ sở hoạt động hiệu quả",
  "Vận động người dân tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện",
];

export function addCommitments(context: CommuneContext): void {
  const { builder, commune } = context;
  const random = randomFor(`${context.key}/commitments`);
  for (const cell of context.cells) {
    for (let year = cell.from.getUTCFullYear(); year <= cell.until.getUTCFullYear(); year++) {
      // Chi bộ founded mid-year (after the merger) register as soon as they exist.
      const opens = cell.from > ymd(year, 1, 1) ? cell.from : ymd(year, 1, 8);
      const registeredOn = addDays(opens, random.int(0, 75));
      if (registeredOn > cell.until) continue;
      const rate = clamp(0.5 + 0.47 * commune.engagement - (context.commune.silentFrom && year === 2026 ? 0.2 : 0), 0.3, 1);
      // Whatever the year's end brings must fall inside the chi bộ's life and before today.
      const lastDay = earliest(cell.until, ymd(year, 12, 31));
      if (random.chance(rate)) {
        const completedOn = ymd(year, random.pick([11, 12]), random.int(10, 28));
        const completes = year < 2026 && completedOn <= lastDay && random.chance(0.72 + 0.25 * commune.engagement);
        builder.commitment({
          unit: cell.code,
          year,
          kind: "PLEDGE",
          title: `Bản đăng ký học tập và làm theo chuyên đề năm ${year} của ${cell.name.charAt(0).toLowerCase()}${cell.name.slice(1)}`,
          registeredOn,
          ...(completes && { completedOn }),
        });
      }
      const initiativeOn = addDays(registeredOn, random.int(0, 20));
      if (random.chance(0.35 * commune.engagement) && initiativeOn <= cell.until) {
        const completedOn = ymd(year, 12, random.int(1, 27));
        const completes = year < 2026 && completedOn <= lastDay && random.chance(0.8);
        const replicatedOn = ymd(year + 1, random.int(3, 6), random.int(1, 28));
        const replicates = completes && random.chance(0.25) && replicatedOn <= earliest(cell.until, context.until);
        builder.commitment({
          unit: cell.code,
          year,
          kind: "INITIATIVE",
          title: random.pick(INITIATIVES),
          registeredOn: initiativeOn,
          ...(completes && { completedOn }),
          ...(replicates && { replicatedOn }),
        });
      }
    }
  }
}
