import { builder } from "../builder";

export const UnitKindEnum = builder.enumType("UnitKind", {
  description: "Kind of organisational unit (loại đơn vị).",
  values: {
    PROVINCE: { description: "Tỉnh / thành phố trực thuộc Trung ương." },
    DISTRICT: { description: "Huyện / quận / thị xã (until the 2025 reform)." },
    COMMUNE: { description: "Xã / phường / đặc khu." },
    PARTY_CELL: { description: "Chi bộ (party cell)." },
    VILLAGE: { description: "Thôn / tổ dân phố." },
    AGENCY: { description: "Cơ quan, đơn vị." },
    MASS_ORGANISATION: {
      description: "Tổ chức chính trị - xã hội (Hội Phụ nữ, Đoàn Thanh niên, ...).",
    },
  } as const,
});

export const UnitRef = builder.prismaNode("Unit", {
  id: { field: "id" },
  description: "A node of the unit tree (đơn vị): province, commune, chi bộ, mass organisation...",
  fields: (t) => ({
    code: t.exposeString("code", { description: "Official or internal code (mã đơn vị)." }),
    name: t.exposeString("name", { description: "Name (tên đơn vị)." }),
    kind: t.expose("kind", { type: UnitKindEnum, description: "Kind of unit." }),
    depth: t.exposeInt("depth", { description: "Depth in the tree; the root is 0." }),
    partyMembers: t.exposeInt("partyMembers", { description: "Party members (số đảng viên)." }),
    parent: t.relation("parent", {
      nullable: true,
      description: "The unit above (đơn vị cấp trên).",
    }),
  }),
});
