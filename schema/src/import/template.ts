// The downloadable template of an import (tệp mẫu): an XLSX whose first sheet has the headers,
// two example rows and drop-down lists for every enumerated column and for the unit; a second
// sheet lists the caller's own units with their codes (the import takes either); a third holds
// the lists the drop-downs read. Built for the caller, inside their scope.
import type { PrismaClient } from "@d05/prisma";
import ExcelJS from "exceljs";
import type { Lang } from "../domain/enums";
import { unitKinds } from "../domain/enums";
import { unitSubtreeWhere } from "../scope";
import type { ColumnSpec } from "./columns";
import { type ImportKind, KIND_SPECS } from "./kinds";
import { columnLetter } from "./sheet";

/** Rows the drop-down lists cover: the most an import takes. */
const ROWS = 20_001;

/** Units listed on the second sheet (a province has a few thousand). */
const MAX_UNITS = 20_000;

const UNITS_SHEET = { vi: "Đơn vị", en: "Units" };
const LISTS_SHEET = { vi: "Danh mục", en: "Lists" };

/** Two example rows per kind, by field; "UNIT" stands for one of the caller's units. */
const EXAMPLES: Record<ImportKind, Record<string, unknown>[]> = {
  ACTIVITIES: [
    {
      kind: "CONFERENCE",
      title: "Hội nghị quán triệt chuyên đề năm 2025",
      occurredOn: "2025-03-15",
      sessions: 1,
      attendance: 195,
      themeYear: 2025,
    },
    {
      kind: "THEMATIC_SESSION",
      title: "Sinh hoạt chuyên đề quý I",
      occurredOn: "2025-03-20",
      sessions: 3,
      attendance: 1250,
      notes: "Tại nhà văn hóa ấp",
    },
  ],
  MODELS: [
    {
      name: "Mô hình dân vận khéo làm đường giao thông nông thôn",
      sector: "ECONOMY",
      level: "COMMUNE",
      programme: "Dân vận khéo",
      leadOrganisation: "FARMERS_UNION",
      startedOn: "2024-05-01",
      status: "MAINTAINED",
      participants: 120,
      landM2: 1226,
      landValueVnd: 1051980000,
      cashVnd: 282000000,
      workdays: 350,
    },
    {
      name: "Tuyến đường hoa",
      sector: "ENVIRONMENT",
      level: "PARTY_CELL",
      leadOrganisation: "WOMEN_UNION",
      startedOn: "2025-01-10",
    },
  ],
  AWARDS: [
    {
      recipientKind: "COLLECTIVE",
      recipientName: "Chi bộ ấp Phú Trung",
      level: "DISTRICT",
      form: "COMMENDATION",
      issuer: "UBND huyện",
      awardedOn: "2024-01-19",
      emulationYear: 2023,
      themeYear: 2023,
    },
    {
      recipientKind: "INDIVIDUAL",
      recipientName: "Nguyễn Văn A",
      level: "COMMUNE",
      form: "COMMENDATION",
      awardedOn: "2025-02-03",
      reason: "Gương điển hình học tập và làm theo Bác",
    },
  ],
};

/** The template as an .xlsx file. */
export async function buildTemplate(
  prisma: PrismaClient,
  kind: ImportKind,
  scopeUnitId: number,
  lang: Lang,
): Promise<Buffer> {
  const columns = KIND_SPECS[kind].columns;
  const units = await prisma.unit.findMany({
    where: { ...unitSubtreeWhere(scopeUnitId), activeUntil: null },
    select: { code: true, name: true, kind: true },
    orderBy: { path: "asc" },
    take: MAX_UNITS,
  });
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(lang === "en" ? "Data" : "Dữ liệu", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const unitSheet = book.addWorksheet(UNITS_SHEET[lang]);
  const lists = book.addWorksheet(LISTS_SHEET[lang]);

  sheet.addRow(columns.map((c) => (lang === "en" ? c.english : c.header)));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(14, c.header.length + 4);
    // The header's note says what the column holds.
    sheet.getCell(1, i + 1).note = c.description[lang];
  });
  EXAMPLES[kind].forEach((example, n) => {
    const unit = units[Math.min(n, units.length - 1)];
    sheet.addRow(columns.map((c) => exampleCell(c, { ...example, unitCode: unit?.code }, lang)));
  });

  unitSheet.addRow(
    lang === "en" ? ["Name", "Code", "Kind"] : ["Tên đơn vị", "Mã đơn vị", "Loại đơn vị"],
  );
  unitSheet.getRow(1).font = { bold: true };
  for (const u of units) unitSheet.addRow([u.name, u.code, unitKinds.values[u.kind][lang]]);
  unitSheet.getColumn(1).width = 40;
  unitSheet.getColumn(2).width = 16;
  unitSheet.getColumn(3).width = 20;

  // exceljs keeps range validations here at runtime (its typings name only the per-cell form,
  // which would write one validation per cell).
  const validations = (
    sheet as unknown as {
      dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
  // Drop-downs: a unit's code from the units sheet, an enumeration's names from the lists sheet
  // (a list written inline is limited to 255 characters, too short for some enumerations).
  let listColumn = 0;
  columns.forEach((c, i) => {
    const letter = columnLetter(i);
    const range = `${letter}2:${letter}${ROWS}`;
    if (c.field === "unitCode" && units.length > 0) {
      validations.add(range, {
        type: "list",
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`'${UNITS_SHEET[lang]}'!$B$2:$B$${units.length + 1}`],
      });
      return;
    }
    if (!c.choices) return;
    const labels = Object.values(c.choices.values).map((l) => l[lang]);
    listColumn++;
    const listLetter = columnLetter(listColumn - 1);
    lists.getCell(1, listColumn).value = lang === "en" ? c.english : c.header;
    labels.forEach((label, r) => {
      lists.getCell(r + 2, listColumn).value = label;
    });
    lists.getColumn(listColumn).width = 30;
    validations.add(range, {
      type: "list",
      allowBlank: !c.required,
      showErrorMessage: true,
      errorTitle: lang === "en" ? "Not in the list" : "Không có trong danh sách",
      error: c.description[lang],
      formulae: [`'${LISTS_SHEET[lang]}'!$${listLetter}$2:$${listLetter}$${labels.length + 1}`],
    });
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

function exampleCell(c: ColumnSpec, example: Record<string, unknown>, lang: Lang): unknown {
  const value = example[c.field];
  if (value === undefined || value === null) return null;
  if (c.choices) {
    const label = (c.choices.values as Record<string, { vi: string; en: string }>)[String(value)];
    return label ? label[lang] : String(value);
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // dd/MM/yyyy text: what a reporter types, read the same whatever Excel's locale.
    return value.split("-").reverse().join("/");
  }
  return value;
}
