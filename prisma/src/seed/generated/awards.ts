// Awards of a generated commune: the year-end commendations for the year's theme, exemplary
// individuals honoured around 19/5, certificates from the district (until 2025) and the province,
// and awards to models that proved themselves.
import { REFORM_DAY, addDays, ymd } from "../calendar";
import { randomFor } from "../random";
import type { CommuneContext } from "./context";
import type { GeneratedModel } from "./models";
import { personName } from "./people";

export function addAwards(context: CommuneContext, models: GeneratedModel[]): void {
  const { builder, commune, place } = context;
  const random = randomFor(`${context.key}/awards`);
  const engagement = commune.engagement;
  const inWindow = (on: Date) => on >= context.from && on <= context.until;
  const partyCommittee = `Đảng ủy ${place}`;

  for (let year = context.from.getUTCFullYear(); year <= context.until.getUTCFullYear(); year++) {
    // Exemplary individuals ("điển hình tiên tiến"), honoured around Uncle Ho's birthday.
    const exemplaryOn = ymd(year, 5, random.int(15, 19));
    if (inWindow(exemplaryOn) && !context.limits.noExemplary) {
      builder.award({
        unit: commune.code,
        recipientKind: "INDIVIDUAL",
        recipientCount: Math.max(1, Math.round(random.int(3, 12) * engagement)),
        level: "COMMUNE",
        form: "EXEMPLARY",
        issuer: partyCommittee,
        awardedOn: exemplaryOn,
        reason: "Điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
      });
    }

    // The year-end review commends collectives and individuals for the year's theme.
    const reviewOn = ymd(year, 12, random.int(18, 30));
    if (inWindow(reviewOn)) {
      for (const [recipientKind, low, high] of [
        ["COLLECTIVE", 2, 8],
        ["INDIVIDUAL", 5, 24],
      ] as const) {
        builder.award({
          unit: commune.code,
          recipientKind,
          recipientCount: Math.max(1, Math.round(random.int(low, high) * engagement)),
          level: "COMMUNE",
          form: "COMMENDATION",
          issuer: partyCommittee,
          awardedOn: reviewOn,
          reason: `Thành tích xuất sắc trong thực hiện chuyên đề năm ${year}`,
          themeYear: year,
        });
      }
      if (random.chance(0.3 + 0.5 * engagement)) {
        builder.award({
          unit: commune.code,
          recipientKind: "INDIVIDUAL",
          recipientCount: random.int(3, 15),
          level: "COMMUNE",
          form: "EMULATION_TITLE",
          issuer: `Ủy ban nhân dân ${place}`,
          awardedOn: reviewOn,
          ground: "EMULATION_TARGETS",
          reason: `Danh hiệu Lao động tiên tiến năm ${year}`,
        });
      }
    }

    // The district's certificates came in the new year's first weeks; districts ended mid-2025.
    const districtOn = ymd(year + 1, 1, random.int(10, 25));
    if (inWindow(districtOn) && districtOn < REFORM_DAY && random.chance(0.4 + 0.4 * engagement)) {
      const individual = random.chance(0.6);
      builder.award({
        unit: random.pick(context.cells.filter((c) => c.from <= districtOn && districtOn <= c.until)).code,
        recipientKind: individual ? "INDIVIDUAL" : "COLLECTIVE",
        ...(individual ? { recipientName: personName(random) } : {}),
        level: "DISTRICT",
        form: "COMMENDATION",
        issuer: "Ban Thường vụ Huyện ủy",
        awardedOn: districtOn,
        reason: `Thành tích tiêu biểu trong học tập và làm theo Bác năm ${year}`,
        themeYear: year,
      });
    }

    // Certificates of merit from the province, at its mid-year review.
    const provinceOn = ymd(year, 6, random.int(20, 28));
    if (inWindow(provinceOn) && random.chance(0.15 + 0.35 * engagement)) {
      const individual = random.chance(0.5);
      builder.award({
        unit: commune.code,
        recipientKind: individual ? "INDIVIDUAL" : "COLLECTIVE",
        ...(individual ? { recipientName: personName(random) } : { recipientName: commune.name }),
        level: "PROVINCE",
        form: "CERTIFICATE_OF_MERIT",
        issuer: "Ủy ban nhân dân tỉnh",
        awardedOn: provinceOn,
        reason: "Thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
      });
    }
  }

  // The leading commune was honoured nationally at the ten-year review of Directive 05 (2025).
  const tenYearReview = ymd(2025, 5, 15);
  if (engagement >= 1 && inWindow(tenYearReview)) {
    builder.award({
      unit: commune.code,
      recipientKind: "COLLECTIVE",
      recipientName: `Đảng bộ ${place}`,
      level: "NATIONAL",
      form: "CERTIFICATE_OF_MERIT",
      issuer: "Thủ tướng Chính phủ",
      awardedOn: tenYearReview,
      reason: "Thành tích xuất sắc trong 10 năm thực hiện Chỉ thị 05-CT/TW (2016–2025)",
    });
  }

  // A model that has run for a year may be commended for it.
  for (const model of models) {
    if (!model.maintainedOn || !random.chance(0.3)) continue;
    const on = addDays(model.maintainedOn, random.int(200, 420));
    if (on > model.lastDay || !inWindow(on)) continue;
    const level = model.level === "DISTRICT" && on < REFORM_DAY ? "DISTRICT" : model.level === "PROVINCE" ? "PROVINCE" : "COMMUNE";
    builder.award({
      unit: model.unit,
      recipientKind: "COLLECTIVE",
      recipientName: builder.unitInfo(model.unit).name,
      level,
      form: level === "PROVINCE" ? "CERTIFICATE_OF_MERIT" : "COMMENDATION",
      issuer: level === "PROVINCE" ? "Ủy ban nhân dân tỉnh" : level === "DISTRICT" ? "Ủy ban nhân dân huyện" : `Ủy ban nhân dân ${place}`,
      awardedOn: on,
      reason: `Thực hiện hiệu quả mô hình “${model.name}”`,
      modelId: model.id,
    });
  }
}
