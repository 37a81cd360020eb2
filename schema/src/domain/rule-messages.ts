// The messages of the input rules and the typed errors, in both languages (the data behind
// messages.ts, which words a zod issue from them; a request's own refusals are in
// request-messages.ts). Each takes the parameters its text names.
import type { Text } from "./messages";

/** What a NotFoundError's entity is called. */
const ENTITY_NAMES: Record<string, Text> = {
  Unit: { vi: "đơn vị", en: "Unit" },
  User: { vi: "tài khoản", en: "User" },
  Activity: { vi: "hoạt động", en: "Activity" },
  Model: { vi: "mô hình", en: "Model" },
  Award: { vi: "khen thưởng", en: "Award" },
  Commitment: { vi: "đăng ký", en: "Commitment" },
  Theme: { vi: "chuyên đề", en: "Theme" },
  SavedView: { vi: "góc nhìn đã lưu", en: "Saved view" },
  Target: { vi: "chỉ tiêu", en: "Target" },
};

/** "2024-03-01" → "01/03/2024". */
function dmy(isoDay: string): string {
  const [y, m, d] = isoDay.split("-");
  return `${d}/${m}/${y}`;
}

const viNumber = (n: number | bigint) => n.toLocaleString("vi-VN");
const enNumber = (n: number | bigint) => n.toLocaleString("en");

/** The rules' and the typed errors' messages, with their parameters. */
export const RULE_MESSAGES = {
  empty: () => ({ vi: "Không được để trống.", en: "Must not be empty." }),
  invisible: () => ({
    vi: "Phải có ký tự nhìn thấy được, không chỉ khoảng trắng hay ký tự vô hình (U+200B, U+FEFF, gạch nối mềm…).",
    en: "Must contain a visible character, not only spaces or zero-width characters (U+200B, U+FEFF, soft hyphen…).",
  }),
  unstorable: () => ({
    vi: "Ký tự không hợp lệ: không được chứa NUL (U+0000), nửa cặp ký tự thay thế hay byte không phải UTF-8 (U+FFFD).",
    en: "Invalid character: must not contain NUL (U+0000), lone surrogates or invalid UTF-8 (U+FFFD).",
  }),
  whole: () => ({ vi: "Phải là số nguyên.", en: "Must be a whole number." }),
  atLeast: (p: { min: number | bigint }) => ({
    vi: `Không được nhỏ hơn ${viNumber(p.min)}.`,
    en: `Must be at least ${enNumber(p.min)}.`,
  }),
  atMost: (p: { max: number | bigint }) => ({
    vi: `Quá lớn: tối đa ${viNumber(p.max)}.`,
    en: `Too large: must be at most ${enNumber(p.max)}.`,
  }),
  tooLong: (p: { max: number }) => ({
    vi: `Quá dài: tối đa ${viNumber(p.max)} ký tự.`,
    en: `Too long: at most ${enNumber(p.max)} characters.`,
  }),
  tooShort: (p: { min: number }) => ({
    vi: `Quá ngắn: ít nhất ${viNumber(p.min)} ký tự.`,
    en: `Too short: at least ${enNumber(p.min)} characters.`,
  }),
  tooMany: (p: { max: number }) => ({
    vi: `Quá nhiều: tối đa ${viNumber(p.max)} mục.`,
    en: `Too many: at most ${enNumber(p.max)} items.`,
  }),
  dayTooEarly: (p: { day: string }) => ({
    vi: `Ngày quá xa: phải từ ngày ${dmy(p.day)} trở đi.`,
    en: `Date too early: must be on or after ${p.day}.`,
  }),
  dayInFuture: () => ({
    vi: "Ngày trong tương lai: không được sau hôm nay (giờ Việt Nam).",
    en: "Date in the future: must not be after today (Vietnam time).",
  }),
  yearTooEarly: (p: { year: number }) => ({
    vi: `Năm không hợp lệ: phải từ năm ${p.year} trở đi.`,
    en: `Invalid year: must be ${p.year} or later.`,
  }),
  yearTooLate: (p: { year: number }) => ({
    vi: `Năm không hợp lệ: không được sau năm ${p.year}.`,
    en: `Invalid year: must be ${p.year} or earlier.`,
  }),
  yearInFuture: () => ({
    vi: "Năm trong tương lai: không được sau năm nay.",
    en: "Year in the future: must not be after the current year.",
  }),
  oneOf: (p: { values: readonly string[] }) => ({
    vi: `Giá trị không hợp lệ: phải là một trong ${p.values.join(", ")}.`,
    en: `Invalid value: expected one of ${p.values.join(", ")}.`,
  }),
  invalid: () => ({ vi: "Giá trị không hợp lệ.", en: "Invalid value." }),
  emptyFile: () => ({ vi: "Tệp rỗng: không có dữ liệu.", en: "The file is empty." }),
  unitCode: () => ({
    vi: "Mã đơn vị gồm 1–32 ký tự A–Z a–z 0–9 . _ -.",
    en: "Must be 1–32 characters of A–Z a–z 0–9 . _ -.",
  }),
  username: () => ({
    vi: "Tên đăng nhập gồm 3–50 ký tự a–z 0–9 . _ - (chữ thường).",
    en: "Must be 3–50 characters of a–z 0–9 . _ - (lower case).",
  }),
  readOnlyRole: () => ({
    vi: "Chỉ quản trị viên và cán bộ nhập liệu được ghi dữ liệu.",
    en: "Only administrators and reporters may write data (read-only role).",
  }),
  adminOnly: () => ({
    vi: "Chỉ quản trị viên được làm việc này.",
    en: "Only administrators may do this.",
  }),
  notAllowed: () => ({ vi: "Không có quyền.", en: "Not allowed." }),
  nothingToRecord: () => ({
    vi: "Không có gì để ghi: cần ít nhất một số liệu lớn hơn 0 (người tham gia, đất, tiền, hiện vật hoặc ngày công).",
    en: "Nothing to record: at least one figure must be above 0 (participants, land, cash, in kind or workdays).",
  }),
  noMembers: (p: { units: string; day: string }) => ({
    vi: `Chưa có số đảng viên của ${p.units} vào ngày ${dmy(p.day)}: không tính được tỷ lệ trên 100 đảng viên.`,
    en: `No party membership recorded for ${p.units} on ${p.day}: no per-100-members figure.`,
  }),
  zeroMembers: (p: { units: string; day: string }) => ({
    vi: `${p.units} có 0 đảng viên vào ngày ${dmy(p.day)}: không tính được tỷ lệ trên 100 đảng viên.`,
    en: `${p.units} had 0 party members on ${p.day}: no per-100-members figure.`,
  }),
  signInFirst: () => ({ vi: "Cần đăng nhập.", en: "Sign in first." }),
  notFound: (p: { entity: string; id: string }) => ({
    vi: `Không tìm thấy ${ENTITY_NAMES[p.entity]?.vi ?? p.entity} ${p.id}, hoặc nó nằm ngoài phạm vi của bạn.`,
    en: `${ENTITY_NAMES[p.entity]?.en ?? p.entity} ${p.id} does not exist or is outside your scope.`,
  }),
  wrongKindOfId: (p: { entity: string }) => ({
    vi: `Mã không hợp lệ: không phải mã của một ${ENTITY_NAMES[p.entity]?.vi ?? p.entity}.`,
    en: `Invalid id: not the id of a ${ENTITY_NAMES[p.entity]?.en ?? p.entity}.`,
  }),
  modelOutsideUnit: () => ({
    vi: "Mô hình không thuộc đơn vị: mô hình phải thuộc đơn vị được khen hoặc một đơn vị cấp dưới.",
    en: "The model must belong to the award's unit or a unit under it.",
  }),
  noSuchTheme: () => ({ vi: "Chuyên đề không tồn tại.", en: "No such theme." }),
  keyReused: (p: { key: string }) => ({
    vi: `Khóa chống gửi trùng "${p.key}" đã được dùng cho một thao tác khác; hãy dùng khóa mới.`,
    en: `Idempotency key "${p.key}" was already used for another operation; use a new key.`,
  }),
  beforeModelStarted: (p: { day: string }) => ({
    vi: `Trước ngày bắt đầu của mô hình (${dmy(p.day)}).`,
    en: `Must not be before the model started (${p.day}).`,
  }),
  registeredOnlyFirst: () => ({
    vi: "Trạng thái “Đăng ký” chỉ dùng cho bước đầu tiên, khi đăng ký mô hình.",
    en: "REGISTERED is only the first step of a lifecycle.",
  }),
  discontinuedOnlyRevived: () => ({
    vi: "Mô hình đã ngừng chỉ có thể chuyển lại sang “Duy trì”.",
    en: "A discontinued model can only become maintained again.",
  }),
  statusUnchanged: () => ({
    vi: "Mô hình đã ở trạng thái này vào ngày đó (không đổi).",
    en: "The model already has this status on that day.",
  }),
  completedBeforeRegistered: () => ({
    vi: "Trước ngày đăng ký: ngày hoàn thành không được trước ngày đăng ký.",
    en: "Before the registration day: completion must not precede registration.",
  }),
  alreadyReplicated: () => ({
    vi: "Đã tổng kết nhân rộng rồi.",
    en: "Already reviewed and replicated.",
  }),
  alreadyCompleted: () => ({ vi: "Đã hoàn thành rồi.", en: "Already completed." }),
  replicatedBeforeCompleted: () => ({
    vi: "Trước ngày hoàn thành: không thể nhân rộng trước khi hoàn thành.",
    en: "Before the completion day: replication cannot precede completion.",
  }),
  registeredOnOutsideYear: () => ({
    vi: "Ngày đăng ký phải thuộc năm đăng ký (hoặc tháng 12 năm trước).",
    en: "The registration day must fall in that year (or the December before).",
  }),
  namedIndividualOne: () => ({
    vi: "Khen cá nhân có tên chỉ tính đúng 1 người.",
    en: "An individual award with a name honours exactly 1 recipient.",
  }),
  usernameTaken: (p: { username: string }) => ({
    vi: `Tên đăng nhập "${p.username}" đã có người dùng.`,
    en: `"${p.username}" is already taken.`,
  }),
  ownAccountActive: () => ({
    vi: "Không thể tự khóa tài khoản của chính mình.",
    en: "You cannot disable your own account.",
  }),
  ownAdminRole: () => ({
    vi: "Không thể tự bỏ quyền quản trị của chính mình.",
    en: "You cannot remove your own ADMIN role.",
  }),
  ownScope: () => ({
    vi: "Không thể tự đổi phạm vi của chính mình.",
    en: "You cannot change your own scope.",
  }),
  unitCodeTaken: (p: { code: string }) => ({
    vi: `Mã đơn vị "${p.code}" đã được dùng.`,
    en: `Code "${p.code}" is already used.`,
  }),
  ownRootMove: () => ({
    vi: "Không thể chuyển đơn vị gốc trong phạm vi của bạn.",
    en: "The root of your own scope cannot be moved.",
  }),
  moveUnderItself: () => ({
    vi: "Không thể chuyển một đơn vị vào chính nó hay đơn vị cấp dưới của nó.",
    en: "A unit cannot move under itself or its own descendants.",
  }),
  ownRootMerge: () => ({
    vi: "Không thể sáp nhập đơn vị gốc trong phạm vi của bạn.",
    en: "The root of your own scope cannot be merged.",
  }),
  alreadyCeased: () => ({
    vi: "Đơn vị đã giải thể hoặc đã sáp nhập.",
    en: "The unit has already ceased or merged.",
  }),
  mergeKind: (p: { kind: Text; into: Text }) => ({
    vi: `${p.kind.vi} chỉ sáp nhập được vào một ${p.kind.vi.toLowerCase()} khác, không vào ${p.into.vi.toLowerCase()}.`,
    en: `A ${p.kind.en} can only merge into another ${p.kind.en}, not a ${p.into.en}.`,
  }),
  mergeIntoItself: () => ({
    vi: "Không thể sáp nhập một đơn vị vào chính nó hay đơn vị cấp dưới của nó.",
    en: "A unit cannot merge into itself or one of its descendants.",
  }),
  successorCeased: () => ({
    vi: "Đơn vị nhận sáp nhập đã giải thể trước ngày sáp nhập có hiệu lực.",
    en: "The successor has itself ceased before the merger takes effect.",
  }),
  mergeTooEarly: () => ({
    vi: "Ngày sáp nhập phải sau ngày thành lập đơn vị.",
    en: "The merger cannot take effect before the day after the unit was founded.",
  }),
  wrongPassword: () => ({
    vi: "Mật khẩu hiện tại không đúng.",
    en: "The current password is wrong.",
  }),
  samePassword: () => ({
    vi: "Mật khẩu mới phải khác mật khẩu hiện tại.",
    en: "Must differ from the current password.",
  }),
  viewNameTaken: (p: { name: string }) => ({
    vi: `Bạn đã có một góc nhìn tên "${p.name}"; hãy chọn tên khác.`,
    en: `You already have a saved view named "${p.name}"; choose another name.`,
  }),
  notOwnView: () => ({
    vi: "Chỉ người lưu góc nhìn này (hoặc quản trị viên trong phạm vi) mới được đổi tên hay xóa nó.",
    en: "Only the account that saved this view (or an administrator of its scope) may change or delete it.",
  }),
  targetNoSector: (p: { measure: string }) => ({
    vi: `Chỉ số ${p.measure} không chia theo lĩnh vực mô hình: bỏ trống lĩnh vực.`,
    en: `${p.measure} is not split by model sector: leave the sector empty.`,
  }),
  targetNotNegative: () => ({
    vi: "Chỉ tiêu phải là một số không âm.",
    en: "A target must be a number of zero or more.",
  }),
  targetRateAbove100: () => ({
    vi: "Chỉ tiêu tỷ lệ tính theo phần trăm: từ 0 đến 100.",
    en: "A rate's target is a percentage: 0 to 100.",
  }),
  targetLevelAbove: (p: { level: string; unit: string }) => ({
    vi: `Đơn vị ${p.unit} không thể đặt chỉ tiêu cho cấp ${p.level} ở trên nó: chọn cấp của nó hoặc thấp hơn.`,
    en: `${p.unit} cannot set a target for the ${p.level} level above it: choose its own level or a lower one.`,
  }),
  // The period of an analytics answer.
  periodStartsOnFirst: () => ({
    vi: "Kỳ phải bắt đầu từ ngày 1 của tháng.",
    en: "A period must start on the first day of a month.",
  }),
  periodEndsOnLast: () => ({
    vi: "Kỳ phải kết thúc vào ngày cuối tháng.",
    en: "A period must end on the last day of a month.",
  }),
  periodEndsBeforeStart: () => ({
    vi: "Ngày kết thúc trước ngày bắt đầu.",
    en: "The period ends before it starts.",
  }),
  periodTooLong: (p: { months: number }) => ({
    vi: `Kỳ quá dài: tối đa ${p.months} tháng.`,
    en: `The period is too long: at most ${p.months} months.`,
  }),
  periodTwice: () => ({
    vi: "Chọn kỳ cố định hoặc kỳ tương đối, không cả hai.",
    en: "Give period or relativePeriod, not both.",
  }),
  periodMissing: () => ({
    vi: "Thiếu kỳ báo cáo: chọn kỳ cố định hoặc kỳ tương đối.",
    en: "No period: give period or relativePeriod.",
  }),
  // The questions of metrics and comparison.
  cannotSplit: (p: { measure: string; dimension: string }) => ({
    vi: `Chỉ số ${p.measure} không chia theo chiều ${p.dimension} được.`,
    en: `Measure ${p.measure} cannot be split by dimension ${p.dimension}.`,
  }),
  orderByUnaskedMeasure: () => ({
    vi: "Chỉ sắp xếp được theo một chỉ số đã chọn.",
    en: "Order by one of the measures asked for.",
  }),
  orderByUnaskedDimension: () => ({
    vi: "Chỉ sắp xếp được theo một chiều đã chọn.",
    en: "Order by one of the dimensions asked for.",
  }),
  changeWithTimeDimension: () => ({
    vi: "Không so sánh với kỳ trước theo từng kỳ con: hỏi xu hướng theo thời gian để có số từng tháng, quý, năm.",
    en: "Change is not given with a time dimension: ask trend for bucket-by-bucket figures.",
  }),
  rateNotPerMember: (p: { measures: string }) => ({
    vi: `${p.measures} là tỷ lệ, không chia theo số đảng viên.`,
    en: `${p.measures} is a rate, not divided by party members.`,
  }),
  limitBetween: (p: { max: number }) => ({
    vi: `Giới hạn số dòng từ 1 đến ${p.max.toLocaleString("vi-VN")}.`,
    en: `The limit must be 1 to ${p.max.toLocaleString("en")}.`,
  }),
  noLowerLevel: (p: { unit: string; level: string }) => ({
    vi: `${p.unit} đã là cấp ${p.level}: không có đơn vị cùng cấp ở bên dưới để so sánh, chọn cấp thấp hơn.`,
    en: `${p.unit} is itself at the ${p.level} level: choose a level below it to compare.`,
  }),
} as const;
