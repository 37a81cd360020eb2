// The server's refusals of a request as such (limits, CSRF, sessions, the database away, the
// WebSocket, /export and /report), in both languages. They join the rule messages in MESSAGES
// (messages.ts), so every user-visible message of the server is in one table, chosen by the
// request's language; this file only keeps that table short.
import type { Text } from "./messages";

const viNumber = (n: number | bigint) => n.toLocaleString("vi-VN");
const enNumber = (n: number | bigint) => n.toLocaleString("en");

export const REQUEST_MESSAGES = {
  queryTooDeep: (p: { found: number | null; max: number }) => ({
    vi: `Truy vấn quá sâu: ${p.found === null ? "quá nhiều" : viNumber(p.found)} cấp lồng nhau, tối đa ${viNumber(p.max)} cấp.`,
    en: `Query too deep: the query is ${p.found === null ? "too many" : enNumber(p.found)} levels deep; at most ${enNumber(p.max)} are allowed.`,
  }),
  tooManyAliases: (p: { found: number | null; max: number }) => ({
    vi: `Quá nhiều bí danh: truy vấn dùng ${p.found === null ? "quá nhiều" : viNumber(p.found)} bí danh, tối đa ${viNumber(p.max)}.`,
    en: `Too many aliases: the query uses ${p.found === null ? "too many" : enNumber(p.found)} aliases; at most ${enNumber(p.max)} are allowed.`,
  }),
  tooManyDirectives: (p: { found: number | null; max: number }) => ({
    vi: `Quá nhiều chỉ thị: truy vấn dùng ${p.found === null ? "quá nhiều" : viNumber(p.found)} chỉ thị, tối đa ${viNumber(p.max)}.`,
    en: `Too many directives: the query uses ${p.found === null ? "too many" : enNumber(p.found)} directives; at most ${enNumber(p.max)} are allowed.`,
  }),
  queryTooLong: (p: { max: number }) => ({
    vi: `Truy vấn quá dài: vượt quá ${viNumber(p.max)} ký hiệu.`,
    en: `Query too long: the document has more than ${enNumber(p.max)} tokens.`,
  }),
  queryTooCostly: (p: { cost: number; max: number }) => ({
    vi: `Truy vấn quá nặng: chi phí ${viNumber(p.cost)}, vượt hạn mức ${viNumber(p.max)}. Hãy hỏi ít trường hơn, ít mã hơn hoặc trang nhỏ hơn (tham số "first"/"last").`,
    en: `Query too costly: the query costs ${enNumber(p.cost)}; the budget is ${enNumber(p.max)}. Ask for fewer fields, fewer ids or smaller pages (first/last).`,
  }),
  queryTimeout: (p: { seconds: number }) => ({
    vi: `Truy vấn chạy quá lâu: đã dừng sau ${viNumber(p.seconds)} giây. Hãy thu hẹp kỳ hoặc đơn vị, hoặc hỏi ít số liệu hơn.`,
    en: `Query took too long: it was stopped after ${enNumber(p.seconds)} s. Narrow the period or the units, or ask for less.`,
  }),
  liveUpdateTimeout: (p: { seconds: number }) => ({
    vi: `Cập nhật trực tiếp chạy quá lâu: lần cập nhật này đã dừng sau ${viNumber(p.seconds)} giây. Đăng ký vẫn mở; lần cập nhật sau sẽ đọc lại số liệu.`,
    en: `Live update took too long: this update was stopped after ${enNumber(p.seconds)} s. The subscription stays open; the next update reads the figures again.`,
  }),
  pageTooLarge: (p: { max: number; asked: number }) => ({
    vi: `Trang quá lớn: mỗi trang tối đa ${viNumber(p.max)} bản ghi (đã hỏi ${viNumber(p.asked)}); hãy xem lần lượt từng trang (tham số "after"/"before").`,
    en: `Page too large: first/last may be at most ${enNumber(p.max)} (asked for ${enNumber(p.asked)}); page through with after/before.`,
  }),
  requestTooLarge: (p: { bytes: number; max: number }) => ({
    vi: `Yêu cầu quá lớn: ${viNumber(p.bytes)} byte, tối đa ${viNumber(p.max)} byte (biến "MAX_BODY_BYTES"). Hãy chia tệp nhập lớn thành nhiều tệp.`,
    en: `Request too large: the body has ${enNumber(p.bytes)} bytes; at most ${enNumber(p.max)} are accepted (MAX_BODY_BYTES). Split a large import into several files.`,
  }),
  rateLimited: (p: { limit: number; perAccount: boolean; seconds: number }) => ({
    vi: `Quá nhiều yêu cầu: tối đa ${viNumber(p.limit)} thao tác mỗi phút ${p.perAccount ? "cho mỗi tài khoản" : "cho mỗi địa chỉ chưa đăng nhập"}; hãy thử lại sau ${viNumber(p.seconds)} giây.`,
    en: `Too many requests: at most ${enNumber(p.limit)} operations a minute ${p.perAccount ? "per account" : "per address without sign-in"}; try again in ${enNumber(p.seconds)} s.`,
  }),
  csrfRefused: () => ({
    vi: 'Yêu cầu bị từ chối để chống giả mạo (CSRF): hãy gửi kèm tiêu đề "X-GraphQL-Yoga-CSRF: 1" (hoặc tiêu đề "Authorization"), hoặc gửi POST dạng "application/json".',
    en: "Request refused (CSRF): send the header X-GraphQL-Yoga-CSRF: 1 (or an Authorization header), or POST application/json.",
  }),
  introspectionOff: () => ({
    vi: 'Máy chủ này đã tắt việc tra cứu lược đồ GraphQL (biến "INTROSPECTION=off").',
    en: "Introspection is turned off on this server (INTROSPECTION=off).",
  }),
  introspectionForAnalysts: () => ({
    vi: 'Chỉ phân tích viên và quản trị viên đã đăng nhập mới được tra cứu lược đồ GraphQL. Trong trình khám phá GraphQL, thêm tiêu đề "Authorization: Bearer <mã phiên>" ở thẻ "Headers".',
    en: 'Introspection (the schema explorer) is for signed-in analysts and administrators. In GraphiQL, put {"Authorization": "Bearer <token>"} in the Headers tab.',
  }),
  databaseUnavailable: () => ({
    vi: "Cơ sở dữ liệu tạm thời không truy cập được. Hãy thử lại sau vài giây; một lần ghi gửi lại với cùng khóa chống gửi trùng chỉ được lưu một lần.",
    en: "Database unavailable. Try again in a few seconds; a write retried with the same idempotencyKey is saved at most once.",
  }),
  databaseBusy: () => ({
    vi: "Máy chủ đang bận: cơ sở dữ liệu không kịp xử lý yêu cầu này (quá tải, hoặc vướng một lần ghi khác). Chưa có gì được lưu; hãy thử lại sau giây lát (với cùng khóa chống gửi trùng nếu là lần ghi).",
    en: "Server busy: the database could not complete this request in time (overloaded, or a conflicting write). It was not saved; try again in a moment (with the same idempotencyKey for a write).",
  }),
  /** A WebSocket close reason: at most 123 bytes in UTF-8. */
  databaseUnavailableClose: () => ({
    vi: "Cơ sở dữ liệu tạm thời không truy cập được; hãy thử lại sau.",
    en: "Database unavailable; try again later.",
  }),
  unexpected: () => ({ vi: "Lỗi ngoài dự kiến.", en: "Unexpected error." }),
  /** Also a WebSocket close reason: at most 123 bytes in UTF-8. */
  sessionExpired: () => ({
    vi: "Phiên đăng nhập đã hết hạn: hãy đăng nhập lại.",
    en: "Session expired: sign in again (token expired).",
  }),
  /** Also a WebSocket close reason: at most 123 bytes in UTF-8. */
  sessionRevoked: () => ({
    vi: "Phiên đăng nhập đã bị thu hồi hoặc tài khoản bị khóa: hãy đăng nhập lại.",
    en: "Session revoked: sign in again (token revoked or account disabled).",
  }),
  wrongCredentials: () => ({
    vi: "Sai tên đăng nhập hoặc mật khẩu.",
    en: "Wrong username or password.",
  }),
  sessionInvalid: () => ({
    vi: "Phiên đăng nhập không hợp lệ: hãy đăng nhập lại.",
    en: "Sign in first (invalid token).",
  }),
  tooManySubscriptionsOnSocket: (p: { limit: number }) => ({
    vi: `Quá nhiều đăng ký trên một kết nối: kết nối này đã giữ ${viNumber(p.limit)} đăng ký cập nhật trực tiếp, mức tối đa (biến "MAX_SUBSCRIPTIONS_PER_SOCKET"). Hãy hủy một đăng ký trước.`,
    en: `Too many subscriptions on one connection: this connection already holds ${enNumber(p.limit)} open subscriptions, the most allowed (MAX_SUBSCRIPTIONS_PER_SOCKET). Unsubscribe from one first.`,
  }),
  tooManySubscriptionsOnAccount: (p: { limit: number }) => ({
    vi: `Quá nhiều đăng ký cập nhật trực tiếp: tài khoản này đã giữ ${viNumber(p.limit)} đăng ký, mức tối đa (biến "MAX_SUBSCRIPTIONS_PER_ACCOUNT"). Hãy đóng bớt một thẻ hay một màn hình, hoặc hủy đăng ký, rồi thử lại.`,
    en: `Too many live subscriptions: this account already holds ${enNumber(p.limit)} open subscriptions, the most allowed (MAX_SUBSCRIPTIONS_PER_ACCOUNT). Close a tab or a screen, or unsubscribe, then try again.`,
  }),
  invalidId: (p: { value: string }) => ({
    vi: `Mã không hợp lệ: ${p.value} không phải mã do máy chủ này cấp (mã toàn cục như API trả về).`,
    en: `Invalid id: ${p.value} is not an id issued by this server (a global id such as the API returns).`,
  }),
  invalidCursor: (p: { value: string }) => ({
    vi: `Con trỏ trang không hợp lệ: ${p.value} không phải con trỏ do máy chủ này cấp (hãy dùng "pageInfo.endCursor" hay "startCursor" như đã nhận).`,
    en: `Invalid cursor: ${p.value} is not a cursor issued by this server (use pageInfo.endCursor / startCursor as returned).`,
  }),
  methodNotAllowed: (p: { methods: string }) => ({
    vi: `Chỉ nhận phương thức ${p.methods}.`,
    en: `Use ${p.methods}.`,
  }),
  exportNoSuchFile: () => ({
    vi: 'Không có tệp này: hãy dùng "/export/{overview|comparison|trend|metrics}.{csv|xlsx}?args={…}".',
    en: "No such file: use /export/{overview|comparison|trend|metrics}.{csv|xlsx}?args={…}.",
  }),
  argsNotJson: () => ({
    vi: 'Tham số "args" không phải JSON hợp lệ: cần một đối tượng JSON.',
    en: "The args parameter is not JSON: args must be a JSON object.",
  }),
  argsNotObject: () => ({
    vi: 'Tham số "args" phải là một đối tượng JSON.',
    en: "args must be a JSON object.",
  }),
  noResult: () => ({ vi: "Không có kết quả.", en: "No result." }),
  bodyNotJson: () => ({
    vi: "Nội dung yêu cầu không phải JSON hợp lệ.",
    en: "The body is not valid JSON.",
  }),
  bodyTooLarge: (p: { kib: number }) => ({
    vi: `Yêu cầu quá lớn: tối đa ${viNumber(p.kib)} KiB.`,
    en: `Request too large: at most ${enNumber(p.kib)} KiB.`,
  }),
  reportUnitNotFound: () => ({
    vi: "Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của tài khoản.",
    en: "The unit does not exist or is outside your scope.",
  }),
  reportTemplateNotFound: () => ({
    vi: "Không tìm thấy mẫu báo cáo, hoặc mẫu không thuộc đơn vị này hay đơn vị cấp trên.",
    en: "The report template does not exist or does not serve this unit.",
  }),
  templateIdPositive: () => ({
    vi: "Mã mẫu báo cáo phải là số nguyên dương.",
    en: "The template id must be a positive whole number.",
  }),
  templateUploadAdminOnly: () => ({
    vi: "Chỉ quản trị viên được tải lên mẫu báo cáo.",
    en: "Only administrators may upload report templates.",
  }),
  templateDeleteAdminOnly: () => ({
    vi: "Chỉ quản trị viên được xóa mẫu báo cáo.",
    en: "Only administrators may delete report templates.",
  }),
  templateName: () => ({
    vi: "Tên mẫu phải có từ 1 đến 200 ký tự.",
    en: "The template name must have 1 to 200 characters.",
  }),
  templateMissing: () => ({ vi: "Chưa có tệp mẫu (.docx).", en: "No template file (.docx)." }),
  templateTooLarge: () => ({ vi: "Tệp mẫu lớn hơn 5 MB.", en: "The template file is over 5 MB." }),
  templateWordOnly: () => ({
    vi: "Mẫu tải lên chỉ dùng cho tệp Word (.docx); tệp PDF dùng mẫu mặc định.",
    en: "An uploaded template only serves Word files (.docx); a PDF uses the default layout.",
  }),
  reportPeriodNotStarted: () => ({
    vi: "Kỳ báo cáo chưa bắt đầu.",
    en: "The report period has not started yet.",
  }),
  emptyReport: (p: { unit: string; span: string; from: string; to: string }) => ({
    vi: `${p.unit} chưa có số liệu nào trong kỳ ${p.span}: không lập báo cáo rỗng. Hãy chọn kỳ khác hoặc nhập số liệu trước.`,
    en: `${p.unit} has no figures for ${p.from} to ${p.to}: no empty report is written. Choose another period or enter figures first.`,
  }),
  reportFailed: () => ({
    vi: "Lỗi ngoài dự kiến khi lập báo cáo.",
    en: "Unexpected error while writing the report.",
  }),
  reportsBusy: () => ({
    vi: "Máy chủ đang lập nhiều báo cáo, hãy thử lại sau ít phút.",
    en: "The server is writing many reports; try again in a few minutes.",
  }),
} satisfies Record<string, (p: never) => Text>;
