// Who issues a unit's report and how its header reads (Nghị định 30/2020/NĐ-CP for state bodies;
// the Party's own header, "ĐẢNG CỘNG SẢN VIỆT NAM", for party committees), chosen by unit kind.
import type { Unit, UnitKind } from "@d05/prisma";
import type { ReportHeader } from "./document";

/** Name prefixes of unit names, longest first, to find the place name ("Xã Long Bình" → "Long Bình"). */
const PREFIXES = [
  "Thành phố",
  "Đặc khu",
  "Thị xã",
  "Thị trấn",
  "Phường",
  "Huyện",
  "Quận",
  "Tỉnh",
  "Xã",
];

export function placeName(unit: Pick<Unit, "name">): string {
  for (const prefix of PREFIXES) {
    if (unit.name.startsWith(`${prefix} `)) return unit.name.slice(prefix.length + 1).trim();
  }
  return unit.name;
}

const upper = (s: string) => s.toLocaleUpperCase("vi-VN");
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi-VN") + s.slice(1);

/** Kinds whose reports are a party committee's (Ban Tuyên giáo, Đảng ủy, chi bộ). */
const PARTY_KINDS: readonly UnitKind[] = ["PROVINCE", "DISTRICT", "COMMUNE", "PARTY_CELL"];

interface Issuer {
  style: ReportHeader["style"];
  parentBody: string | null;
  issuer: string;
  /** Symbol after "-BC/" (party) or "/BC-" (state). */
  symbol: string;
  /** The signer's capacity line above the title ("T/M ĐẢNG ỦY", "T/M BAN TUYÊN GIÁO"). */
  capacity: string;
  signerTitle: string;
  /** How the text names the issuer ("Đảng ủy xã Long Bình"). */
  inSentence: string;
}

export function issuerOf(unit: Unit, parent: Unit | null): Issuer {
  const place = upper(placeName(unit));
  const parentBody = parent ? `ĐẢNG BỘ ${upper(parent.name)}` : null;
  switch (unit.kind) {
    case "PROVINCE":
    case "DISTRICT": {
      // The Ban Tuyên giáo of the Tỉnh ủy (symbol BTGTU) or of the Huyện ủy (BTGHU).
      const [committee, letter] = unit.kind === "PROVINCE" ? ["Tỉnh ủy", "T"] : ["Huyện ủy", "H"];
      return {
        style: "party",
        parentBody: `${upper(committee)} ${place}`,
        issuer: "BAN TUYÊN GIÁO",
        symbol: `BTG${letter}U`,
        capacity: "T/M BAN TUYÊN GIÁO",
        signerTitle: "TRƯỞNG BAN",
        inSentence: `Ban Tuyên giáo ${committee} ${placeName(unit)}`,
      };
    }
    case "COMMUNE":
      return {
        style: "party",
        parentBody,
        issuer: `ĐẢNG ỦY ${upper(unit.name)}`,
        symbol: "ĐU",
        capacity: "T/M ĐẢNG ỦY",
        signerTitle: "BÍ THƯ",
        inSentence: `Đảng ủy ${lowerFirst(unit.name)}`,
      };
    case "PARTY_CELL":
      return {
        style: "party",
        parentBody,
        issuer: upper(unit.name),
        symbol: "CB",
        capacity: "T/M CHI BỘ",
        signerTitle: "BÍ THƯ",
        inSentence: unit.name,
      };
    default:
      return {
        style: PARTY_KINDS.includes(unit.kind) ? "party" : "state",
        parentBody: parent ? upper(parent.name) : null,
        issuer: upper(unit.name),
        symbol: initials(unit.name),
        capacity: `T/M ${upper(unit.name)}`,
        signerTitle: "THỦ TRƯỞNG",
        inSentence: unit.name,
      };
  }
}

/** "Hội Liên hiệp Phụ nữ xã Hạnh Sơn" → "HLHPNXHS": the state symbol when none is set. */
function initials(name: string): string {
  return upper(
    name
      .split(/\s+/)
      .map((w) => w.charAt(0))
      .join(""),
  ).replace(/[^A-ZĐ]/gu, "");
}

/** "Long Bình, ngày 02 tháng 12 năm 2026": the place of the unit, or of its commune. */
export function placeAndDate(unit: Unit, parent: Unit | null, day: Date): string {
  const territorial: UnitKind[] = ["PROVINCE", "DISTRICT", "COMMUNE"];
  const place = territorial.includes(unit.kind) || !parent ? unit : parent;
  const dd = String(day.getUTCDate()).padStart(2, "0");
  const mm = String(day.getUTCMonth() + 1).padStart(2, "0");
  return `${placeName(place)}, ngày ${dd} tháng ${mm} năm ${day.getUTCFullYear()}`;
}

export function reportHeader(unit: Unit, parent: Unit | null, day: Date): ReportHeader {
  const who = issuerOf(unit, parent);
  return {
    style: who.style,
    parentBody: who.parentBody,
    issuer: who.issuer,
    // The number is given by the office's register: left blank, as drafts are.
    number: who.style === "party" ? `Số       -BC/${who.symbol}` : `Số:       /BC-${who.symbol}`,
    placeAndDate: placeAndDate(unit, parent, day),
  };
}
