// Section 3: registrations and commitments (đăng ký, cam kết làm theo).

import { compared, p } from "../blocks";
import type { Block } from "../document";
import type { ReportFigures } from "../figures";
import { viCount, viPercent } from "../numbers";

export function commitments(f: ReportFigures): Block[] {
  const t = f.totals;
  const { registered, eligible } = f.registration;
  const rate = t.REGISTRATION_RATE.value;
  return [
    { kind: "heading", text: "3. Đăng ký, cam kết làm theo" },
    p(
      eligible.value
        ? `Có ${viCount(registered.value ?? 0)}/${viCount(eligible.value)} chi bộ đăng ký làm theo (tỷ lệ ${viPercent(rate ?? 0)}; cùng kỳ ${viCount(registered.previous ?? 0)}/${viCount(eligible.previous ?? 0)}). `
        : "Đơn vị không có chi bộ trực thuộc để tính tỷ lệ đăng ký. ",
      `Trong kỳ có ${viCount(t.COMMITMENTS_REGISTERED.value ?? 0)} bản đăng ký, đề tài, sáng kiến được đăng ký${compared(t.COMMITMENTS_REGISTERED.value, t.COMMITMENTS_REGISTERED.previous)}; ${viCount(t.COMMITMENTS_COMPLETED.value ?? 0)} đăng ký hoàn thành, được tổng kết nhân rộng.`,
    ),
  ];
}
