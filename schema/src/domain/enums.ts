// Every enumeration of the domain, once: the values come from Prisma's generated enum objects
// (schema.prisma is their source), the labels from the table below. The GraphQL enums, the zod
// enums, the import's synonyms, the live feed, the analytics labels and the dashboard all read
// this file. Pure TypeScript (Prisma's enums file has no runtime import), so the browser can
// import it through `@d05/schema/domain`.
import * as Prisma from "@d05/prisma/enums";
import { labelTable } from "./enum-table";

// The values themselves, as Prisma generates them from schema.prisma (objects and types).
export * from "@d05/prisma/enums";
export * from "./enum-table";

export const unitKinds = labelTable(Prisma.UnitKind, {
  name: "UnitKind",
  doc: "Kind of organisational unit (loại đơn vị).",
  values: {
    PROVINCE: { vi: "Tỉnh", en: "Province", doc: "Tỉnh / thành phố trực thuộc Trung ương." },
    DISTRICT: {
      vi: "Huyện",
      en: "District",
      doc: "Huyện / quận / thị xã (until the 2025 reform).",
    },
    COMMUNE: { vi: "Xã, phường", en: "Commune", doc: "Xã / phường / đặc khu." },
    PARTY_CELL: { vi: "Chi bộ", en: "Party cell", doc: "Chi bộ (party cell)." },
    VILLAGE: { vi: "Thôn, tổ dân phố", en: "Village", doc: "Thôn / tổ dân phố." },
    AGENCY: { vi: "Cơ quan", en: "Agency", doc: "Cơ quan, đơn vị." },
    MASS_ORGANISATION: {
      vi: "Đoàn thể",
      en: "Mass organisation",
      doc: "Tổ chức chính trị - xã hội (Hội Phụ nữ, Đoàn Thanh niên, ...).",
    },
  },
});

export const activityKinds = labelTable(Prisma.ActivityKind, {
  name: "ActivityKind",
  doc: "What kind of gathering an activity record reports (loại hoạt động).",
  values: {
    CONFERENCE: {
      vi: "Hội nghị",
      en: "Conference",
      doc: "Hội nghị (quán triệt, triển khai, sơ kết, tổng kết): conference.",
      also: ["Hội nghị quán triệt", "Hội nghị triển khai"],
      noun: "hội nghị",
    },
    THEMATIC_SESSION: {
      vi: "Sinh hoạt chuyên đề",
      en: "Thematic session",
      doc: "Sinh hoạt chuyên đề: thematic session.",
      also: ["Chuyên đề"],
      noun: "buổi sinh hoạt chuyên đề",
    },
    PARTY_CELL_MEETING: {
      vi: "Sinh hoạt chi bộ",
      en: "Party cell meeting",
      doc: "Sinh hoạt chi bộ: party-cell meeting.",
      also: ["Sinh hoạt chi bộ định kỳ"],
      noun: "buổi sinh hoạt chi bộ",
    },
    STUDY_SESSION: {
      vi: "Học tập, bồi dưỡng",
      en: "Study session",
      doc: "Học tập, bồi dưỡng: study or training session.",
      also: ["Học tập", "Bồi dưỡng", "Tập huấn"],
      noun: "buổi học tập, bồi dưỡng",
    },
    OUTREACH: {
      vi: "Tuyên truyền, hội thi",
      short: "Tuyên truyền",
      en: "Outreach",
      doc: "Tuyên truyền, hội thi, kể chuyện: outreach, contests, storytelling.",
      also: ["Hội thi", "Kể chuyện"],
      noun: "hoạt động tuyên truyền",
    },
  },
});

export const modelSectors = labelTable(Prisma.ModelSector, {
  name: "ModelSector",
  doc: "Sector a model serves (lĩnh vực).",
  values: {
    ECONOMY: {
      vi: "Phát triển kinh tế",
      en: "Economy",
      doc: "Phát triển kinh tế: economic development.",
      also: ["Kinh tế"],
    },
    CULTURE_SOCIETY: {
      vi: "Văn hóa - xã hội",
      en: "Culture & society",
      doc: "Văn hóa - xã hội: culture and society.",
      also: ["Culture and society", "Văn hóa", "Văn hoá xã hội"],
    },
    SECURITY_ORDER: {
      vi: "Quốc phòng, an ninh trật tự",
      short: "An ninh trật tự",
      en: "Security & order",
      doc: "Quốc phòng, an ninh trật tự: defence, security and order.",
      also: ["Security and order", "Quốc phòng", "An ninh"],
    },
    PARTY_BUILDING: {
      vi: "Xây dựng Đảng và hệ thống chính trị",
      short: "Xây dựng Đảng",
      en: "Party building",
      doc: "Xây dựng Đảng và hệ thống chính trị: building the Party and political system.",
      also: ["Xây dựng hệ thống chính trị"],
    },
    ENVIRONMENT: {
      vi: "Môi trường, nông thôn mới",
      short: "Môi trường, NTM",
      en: "Environment",
      doc: "Môi trường, nông thôn mới: environment, new rural areas.",
      also: ["Môi trường", "Nông thôn mới"],
    },
  },
});

export const modelLevels = labelTable(Prisma.ModelLevel, {
  name: "ModelLevel",
  doc: 'Level at which a model is recognised (cấp mô hình, e.g. "mô hình điểm cấp huyện").',
  values: {
    PARTY_CELL: {
      vi: "Cấp chi bộ",
      en: "Party cell",
      doc: "Cấp chi bộ: party-cell level.",
      also: ["Chi bộ", "Mô hình điểm cấp chi bộ"],
    },
    COMMUNE: {
      vi: "Cấp xã",
      en: "Commune",
      doc: "Cấp xã: commune level.",
      also: ["Xã", "Phường", "Mô hình điểm cấp xã"],
    },
    DISTRICT: {
      vi: "Cấp huyện",
      en: "District",
      doc: "Cấp huyện: district level.",
      also: ["Huyện", "Mô hình điểm cấp huyện"],
    },
    PROVINCE: {
      vi: "Cấp tỉnh",
      en: "Province",
      doc: "Cấp tỉnh: province level.",
      also: ["Tỉnh", "Mô hình điểm cấp tỉnh"],
    },
  },
});

export const leadOrganisations = labelTable(Prisma.LeadOrganisation, {
  name: "LeadOrganisation",
  doc: "Organisation leading a model (đơn vị chủ trì).",
  values: {
    PARTY_COMMITTEE: {
      vi: "Cấp ủy, chi bộ",
      en: "Party committee",
      doc: "Cấp ủy, chi bộ: party committee or cell.",
      also: ["Cấp ủy", "Chi bộ", "Đảng ủy"],
    },
    GOVERNMENT: {
      vi: "Chính quyền",
      en: "Government",
      doc: "Chính quyền: local government.",
      also: ["UBND", "Ủy ban nhân dân"],
    },
    FATHERLAND_FRONT: {
      vi: "Mặt trận Tổ quốc",
      en: "Fatherland Front",
      doc: "Mặt trận Tổ quốc: Fatherland Front.",
      also: ["MTTQ", "Mặt trận"],
    },
    WOMEN_UNION: {
      vi: "Hội Liên hiệp Phụ nữ",
      short: "Hội Phụ nữ",
      en: "Women's Union",
      doc: "Hội Liên hiệp Phụ nữ: Women's Union.",
      also: ["Phụ nữ", "HLHPN"],
    },
    FARMERS_UNION: {
      vi: "Hội Nông dân",
      en: "Farmers' Union",
      doc: "Hội Nông dân: Farmers' Union.",
      also: ["Nông dân", "HND"],
    },
    YOUTH_UNION: {
      vi: "Đoàn Thanh niên",
      en: "Youth Union",
      doc: "Đoàn Thanh niên: Youth Union.",
      also: ["Đoàn TN", "Thanh niên", "Đoàn"],
    },
    VETERANS_ASSOCIATION: {
      vi: "Hội Cựu chiến binh",
      en: "Veterans",
      doc: "Hội Cựu chiến binh: Veterans' Association.",
      also: ["Veterans' Association", "Cựu chiến binh", "CCB"],
    },
    OTHER: { vi: "Khác", en: "Other", doc: "Khác: another organisation." },
  },
});

export const modelStatuses = labelTable(Prisma.ModelStatus, {
  name: "ModelStatus",
  doc: "Lifecycle status of a model (tình trạng mô hình).",
  values: {
    REGISTERED: {
      vi: "Đăng ký",
      en: "Registered",
      doc: "Đăng ký: registered, not yet running long.",
      also: ["Mới đăng ký"],
    },
    MAINTAINED: {
      vi: "Duy trì",
      en: "Maintained",
      doc: "Duy trì: running and maintained.",
      also: ["Đang duy trì"],
    },
    REPLICATED: {
      vi: "Nhân rộng",
      en: "Replicated",
      doc: "Nhân rộng: replicated to other units.",
      also: ["Được nhân rộng"],
    },
    DISCONTINUED: {
      vi: "Ngừng",
      en: "Discontinued",
      doc: "Ngừng: discontinued.",
      also: ["Ngừng hoạt động", "Dừng"],
    },
  },
});

export const recipientKinds = labelTable(Prisma.RecipientKind, {
  name: "RecipientKind",
  doc: "Who an award honours (đối tượng khen thưởng).",
  values: {
    COLLECTIVE: {
      vi: "Tập thể",
      en: "Collective",
      doc: "Tập thể: a collective (unit, organisation, household group).",
      noun: "tập thể",
    },
    INDIVIDUAL: {
      vi: "Cá nhân",
      en: "Individual",
      doc: "Cá nhân: an individual.",
      noun: "cá nhân",
    },
  },
});

export const awardLevels = labelTable(Prisma.AwardLevel, {
  name: "AwardLevel",
  doc: "Authority level that issued an award (cấp khen thưởng).",
  values: {
    NATIONAL: {
      vi: "Trung ương",
      en: "National",
      doc: "Trung ương: national level.",
      also: ["Nhà nước", "Cấp trung ương"],
    },
    PROVINCE: {
      vi: "Cấp tỉnh",
      en: "Province",
      doc: "Cấp tỉnh: province level.",
      also: ["Tỉnh", "UBND tỉnh", "Tỉnh ủy"],
    },
    DISTRICT: {
      vi: "Cấp huyện",
      en: "District",
      doc: "Cấp huyện: district level.",
      also: ["Huyện", "UBND huyện", "Huyện ủy"],
    },
    COMMUNE: {
      vi: "Cấp xã",
      en: "Commune",
      doc: "Cấp xã: commune level.",
      also: ["Xã", "UBND xã", "Đảng ủy xã"],
    },
  },
});

export const awardForms = labelTable(Prisma.AwardForm, {
  name: "AwardForm",
  doc: "Form of recognition (hình thức khen thưởng).",
  values: {
    ORDER: { vi: "Huân chương", en: "Order", doc: "Huân chương: order (medal)." },
    CERTIFICATE_OF_MERIT: {
      vi: "Bằng khen",
      en: "Certificate of merit",
      doc: "Bằng khen: certificate of merit.",
    },
    COMMENDATION: { vi: "Giấy khen", en: "Commendation", doc: "Giấy khen: commendation." },
    EMULATION_TITLE: {
      vi: "Danh hiệu thi đua",
      en: "Emulation title",
      doc: "Danh hiệu thi đua: emulation title.",
      also: ["Danh hiệu"],
      noun: "danh hiệu thi đua",
    },
    EXEMPLARY: {
      vi: "Điển hình tiên tiến",
      en: "Exemplary",
      doc: "Điển hình tiên tiến: exemplary model (advanced example).",
      also: ["Điển hình"],
      noun: "điển hình tiên tiến",
    },
  },
});

export const awardGrounds = labelTable(Prisma.AwardGround, {
  name: "AwardGround",
  doc: "What an award honours (căn cứ khen thưởng), as year-end reviews group awards: the year's theme, a model or programme, the emulation targets, or other.",
  values: {
    YEAR_THEME: {
      vi: "Thực hiện chuyên đề năm",
      en: "Year theme",
      doc: "Thực hiện chuyên đề năm: for carrying out the year's theme (chuyên đề năm), e.g. “thành tích xuất sắc trong thực hiện chuyên đề năm 2023”.",
      also: ["Chuyên đề năm", "Chuyên đề"],
    },
    MODEL_PROGRAMME: {
      vi: "Mô hình, phong trào",
      en: "Model or programme",
      doc: "Mô hình, phong trào: for a model or a programme, e.g. “Dân vận khéo”, a model of the unit.",
      also: ["Mô hình", "Phong trào", "Dân vận khéo", "Model"],
    },
    EMULATION_TARGETS: {
      vi: "Chỉ tiêu nghị quyết, thi đua",
      en: "Emulation targets",
      doc: "Chỉ tiêu nghị quyết, thi đua: for the emulation targets (chỉ tiêu nghị quyết, pháp lệnh, danh hiệu lao động tiên tiến).",
      also: ["Chỉ tiêu nghị quyết", "Chỉ tiêu thi đua", "Thi đua"],
    },
    OTHER: {
      vi: "Khác",
      en: "Other",
      doc: "Khác: any other ground (điển hình tiên tiến, anniversaries, ...).",
    },
  },
});

export const commitmentKinds = labelTable(Prisma.CommitmentKind, {
  name: "CommitmentKind",
  doc: "What a unit registers to do in a year (loại đăng ký).",
  values: {
    INITIATIVE: {
      vi: "Đề tài, sáng kiến",
      en: "Initiative",
      doc: "Đề tài, sáng kiến, cách làm mới: initiative or new practice.",
      noun: "đề tài",
    },
    PLEDGE: {
      vi: "Bản đăng ký làm theo",
      en: "Pledge",
      doc: "Bản đăng ký, cam kết làm theo: pledge to follow the example.",
      noun: "bản đăng ký làm theo",
    },
  },
});

export const commitmentStatuses = labelTable(Prisma.CommitmentStatus, {
  name: "CommitmentStatus",
  doc: "Progress of a commitment (tình trạng thực hiện).",
  values: {
    REGISTERED: { vi: "Đã đăng ký", en: "Registered", doc: "Đã đăng ký: registered." },
    COMPLETED: { vi: "Đã hoàn thành", en: "Completed", doc: "Đã hoàn thành: completed." },
    REPLICATED: {
      vi: "Được tổng kết nhân rộng",
      en: "Replicated",
      doc: "Được tổng kết nhân rộng: reviewed and replicated.",
    },
  },
});

export const roles = labelTable(Prisma.Role, {
  name: "Role",
  doc: "What an account may do inside its unit subtree (vai trò).",
  values: {
    ADMIN: {
      vi: "Quản trị",
      en: "Administrator",
      doc: "Quản trị: everything, including accounts and the audit log.",
    },
    REPORTER: {
      vi: "Cán bộ nhập liệu",
      en: "Reporter",
      doc: "Cán bộ nhập liệu: records activities, models, awards, commitments.",
    },
    VIEWER: { vi: "Xem", en: "Viewer", doc: "Xem: reads the dashboard." },
    ANALYST: {
      vi: "Phân tích",
      en: "Analyst",
      doc: "Phân tích: reads, plus ad-hoc queries and introspection.",
    },
  },
});
