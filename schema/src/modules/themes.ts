import { builder } from "../builder";
import { visibleUnitsWhere } from "../scope";
import { ActivityConnection } from "./activities";
import { AwardConnection } from "./awards";
import { parseGlobalId } from "./common";

export const ThemeRef = builder.prismaNode("Theme", {
  id: { field: "id" },
  description: "The annual theme of the campaign (chuyên đề năm). Shared by every unit.",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Year the theme belongs to (năm)." }),
    title: t.exposeString("title", { description: "Title (tên chuyên đề)." }),
    description: t.exposeString("description", {
      nullable: true,
      description: "What the theme asks of units (nội dung).",
    }),
    // Themes are shared, their records are not: both connections keep to the caller's subtree.
    activities: t.relatedConnection(
      "activities",
      {
        cursor: "id",
        totalCount: true,
        description: "Activities of this theme in your unit subtree, newest first.",
        query: (_args, ctx) => ({
          where: { unit: visibleUnitsWhere(ctx) },
          orderBy: [{ occurredOn: "desc" }, { id: "desc" }],
        }),
      },
      ActivityConnection,
    ),
    awards: t.relatedConnection(
      "awards",
      {
        cursor: "id",
        totalCount: true,
        description: "Awards tied to this theme in your unit subtree, newest first.",
        query: (_args, ctx) => ({
          where: { unit: visibleUnitsWhere(ctx) },
          orderBy: [{ awardedOn: "desc" }, { id: "desc" }],
        }),
      },
      AwardConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  theme: t.prismaField({
    type: "Theme",
    nullable: true,
    description: "One annual theme by id, or null.",
    args: { id: t.arg.id({ description: "Global id of the theme." }) },
    resolve: (query, _root, args, ctx) => {
      const id = parseGlobalId(args.id, "Theme");
      return id === null ? null : ctx.db.prisma.theme.findUnique({ ...query, where: { id } });
    },
  }),
  themes: t.prismaField({
    type: ["Theme"],
    description: "Every annual theme (chuyên đề năm), newest year first.",
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.theme.findMany({ ...query, orderBy: { year: "desc" } }),
  }),
}));
