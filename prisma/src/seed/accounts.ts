// Demo accounts, one per role plus scoped reporters and a scoped viewer. The README lists them;
// the passwords are public by design and only ever belong to the demo data set.
import type { Prisma, Role } from "../generated/client.ts";
import { hashPassword } from "../password";
import { DEMO } from "./demo";

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  unitCode: string;
  displayName: string;
}

export const DEMO_ACCOUNTS = [
  {
    username: "admin",
    password: "demo-admin-05",
    role: "ADMIN",
    unitCode: DEMO.province,
    displayName: "Quản trị hệ thống (Tỉnh Minh Họa)",
  },
  {
    username: "analyst",
    password: "demo-analyst-05",
    role: "ANALYST",
    unitCode: DEMO.province,
    displayName: "Chuyên viên phân tích, Ban Tuyên giáo và Dân vận Tỉnh ủy",
  },
  {
    username: "viewer",
    password: "demo-viewer-05",
    role: "VIEWER",
    unitCode: DEMO.province,
    displayName: "Lãnh đạo Ban Tuyên giáo và Dân vận Tỉnh ủy",
  },
  {
    username: "reporter",
    password: "demo-reporter-05",
    role: "REPORTER",
    unitCode: DEMO.communes.longBinh,
    displayName: "Cán bộ nhập liệu, Đảng ủy xã Long Bình",
  },
  {
    username: "chibo",
    password: "demo-chibo-05",
    role: "REPORTER",
    unitCode: `${DEMO.communes.longBinh}-CB01`,
    displayName: "Bí thư Chi bộ ấp Phú Trung (xã Long Bình)",
  },
  {
    username: "hanhson",
    password: "demo-hanhson-05",
    role: "VIEWER",
    unitCode: DEMO.communes.hanhSon,
    displayName: "Đảng ủy xã Hạnh Sơn",
  },
] as const satisfies readonly DemoAccount[];

/** User rows with explicit ids; the hashes are salted, so they differ between runs (on purpose). */
export async function accountRows(
  unitId: (code: string) => number,
): Promise<Prisma.UserCreateManyInput[]> {
  return Promise.all(
    DEMO_ACCOUNTS.map(async (account, i) => ({
      id: i + 1,
      username: account.username,
      displayName: account.displayName,
      passwordHash: await hashPassword(account.password),
      role: account.role,
      unitId: unitId(account.unitCode),
    })),
  );
}
