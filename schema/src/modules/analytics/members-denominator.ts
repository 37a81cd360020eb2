// What a per-100-members figure divides by (mẫu số), shown beside overview, comparison and trend
// figures.
import type { Denominator } from "../../analytics/reports";
import { builder } from "../../builder";
import { inLanguage } from "../../domain/messages";

export const DenominatorRef = builder.objectRef<Denominator>("MembersDenominator").implement({
  description:
    "Mẫu số: the party members a per-100-members figure divides by, read on one day from the unit's membership history (never today's figure for a past period).",
  fields: (t) => ({
    on: t.expose("on", {
      type: "Date",
      description: "The day read: the last day counted (the period's end, or today while it runs).",
    }),
    partyMembers: t.exposeInt("partyMembers", {
      nullable: true,
      description:
        "Đảng viên on that day: of the unit, plus those of its merged predecessors that still existed then; null when none has a membership entry on or before that day.",
    }),
    note: t.string({
      nullable: true,
      resolve: (d, _args, ctx) => (d.note ? inLanguage(d.note, ctx.lang ?? "vi") : null),
      description:
        "Why per-100 figures are null (no membership recorded for the day, or 0 members), in the caller's language; null when they are not.",
    }),
  }),
});
