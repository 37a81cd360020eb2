import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import type { TestServer } from "../support/server";
import { login, PASSWORD, startTreeServer, unitGid, userGid } from "./units-fixtures";

type Payload = {
  __typename: string;
  data?: { id: string; username: string; role: string; active: boolean; scope: { code: string } };
  message?: string;
  issues?: { path: string[]; message: string }[];
};

const USER_FIELDS = "id username role active scope { code }";
function mutation(name: string, inputType: string) {
  return `mutation($input: ${inputType}!) { result: ${name}(input: $input) {
    __typename ... on Error { message } ... on InputError { issues { path message } }
    ... on Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success { data { ${USER_FIELDS} } } } }`;
}
const CREATE_USER = mutation("createUser", "CreateUserInput");
const UPDATE_USER = mutation("updateUser", "UpdateUserInput");
const RESET_PASSWORD = mutation("resetPassword", "ResetPasswordInput");
const REVOKE_TOKENS = mutation("revokeTokens", "RevokeTokensInput");
const CHANGE_MY_PASSWORD = `mutation($input: ChangeMyPasswordInput!) { result: changeMyPassword(input: $input) {
  __typename ... on Error { message } ... on InputError { issues { path message } }
  ... on MutationChangeMyPasswordSuccess { data { token user { username } } } } }`;

describe.each(backends)("accounts on %s", (backend) => {
  let server: TestServer;
  let ids: Record<string, number>;
  let admin: string;
  beforeAll(async () => {
    ({ server, ids, token: admin } = await startTreeServer(backend, "admin-p1"));
  });
  afterAll(() => server.stop());

  const prisma = () => server.database.db.prisma;
  const unit = (code: string) => unitGid(ids[code] as number);
  const user = (name: string) => userGid(ids[name] as number);
  async function run(query: string, input: Record<string, unknown>, token = admin) {
    const { body } = await server.graphql<{ result: Payload }>(query, { input }, token);
    expect(body.errors).toBeUndefined();
    return body.data?.result as Payload;
  }
  async function signInAttempt(username: string, password: string) {
    const { body } = await server.graphql<{ login: { __typename: string } }>(
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename } }`,
      { u: username, p: password },
    );
    return body.data?.login.__typename;
  }
  async function unitCount(token: string) {
    return server.graphql<{ units: { totalCount: number } }>(`{ units { totalCount } }`, {}, token);
  }

  it("creates an account, which signs in; revoking its tokens refuses the old token", async () => {
    const created = await run(CREATE_USER, {
      username: "can-bo-c1",
      displayName: "Nguyễn Văn An",
      password: "mot-mat-khau-dai",
      role: "REPORTER",
      unitId: unit("C1"),
    });
    expect(created.__typename).toBe("MutationCreateUserSuccess");
    expect(created.data).toMatchObject({
      username: "can-bo-c1",
      role: "REPORTER",
      scope: { code: "C1" },
    });
    ids["can-bo-c1"] = (
      await prisma().user.findUniqueOrThrow({ where: { username: "can-bo-c1" } })
    ).id;
    // The account's id is a global id, as every other record's.
    expect(created.data?.id).toBe(user("can-bo-c1"));

    const token = await login(server, "can-bo-c1", "mot-mat-khau-dai");
    expect((await unitCount(token)).body.data?.units.totalCount).toBe(3);
    // node(id:) reads an account as it reads any record: the administrator and the holder see it,
    // another account of the subtree does not.
    const nodeAs = async (as: string) =>
      (
        await server.graphql<{ node: { username: string } | null }>(
          `query($id: ID!) { node(id: $id) { ... on User { username } } }`,
          { id: created.data?.id },
          as,
        )
      ).body.data?.node ?? null;
    expect(await nodeAs(admin)).toEqual({ username: "can-bo-c1" });
    expect(await nodeAs(token)).toEqual({ username: "can-bo-c1" });
    expect(await nodeAs(await login(server, "reporter-c1"))).toBeNull();

    const revoked = await run(REVOKE_TOKENS, { userId: created.data?.id });
    expect(revoked.__typename).toBe("MutationRevokeTokensSuccess");
    const refused = await unitCount(token);
    expect(refused.body.data?.units).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const me = await server.graphql<{ me: null }>(`{ me { username } }`, {}, token);
    expect(me.body.data?.me).toBeNull();

    const fresh = await login(server, "can-bo-c1", "mot-mat-khau-dai");
    expect((await unitCount(fresh)).body.data?.units.totalCount).toBe(3);
  });

  it("changes the holder's own password: a wrong current password is refused, then old sessions end", async () => {
    const token = await login(server, "can-bo-c1", "mot-mat-khau-dai");
    const wrong = await run(
      CHANGE_MY_PASSWORD,
      { currentPassword: "not-the-password", newPassword: "mat-khau-moi-hon" },
      token,
    );
    expect(wrong.__typename).toBe("InputError");
    expect(wrong.issues?.[0]?.path).toEqual(["input", "currentPassword"]);
    const { body } = await server.graphql<{
      result: { __typename: string; data: { token: string; user: { username: string } } };
    }>(
      CHANGE_MY_PASSWORD,
      { input: { currentPassword: "mot-mat-khau-dai", newPassword: "mat-khau-moi-hon" } },
      token,
    );
    expect(body.data?.result.data.user.username).toBe("can-bo-c1");
    expect((await unitCount(token)).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(
      (await unitCount(body.data?.result.data.token as string)).body.data?.units.totalCount,
    ).toBe(3);
    expect(await signInAttempt("can-bo-c1", "mot-mat-khau-dai")).toBe("AuthenticationError");
    expect(await signInAttempt("can-bo-c1", "mat-khau-moi-hon")).toBe("MutationLoginSuccess");
  });

  it("resets a password and disables an account", async () => {
    const id = user("can-bo-c1");
    const reset = await run(RESET_PASSWORD, { id, newPassword: "dat-lai-mat-khau" });
    expect(reset.__typename).toBe("MutationResetPasswordSuccess");
    expect(await signInAttempt("can-bo-c1", "dat-lai-mat-khau")).toBe("MutationLoginSuccess");
    const token = await login(server, "can-bo-c1", "dat-lai-mat-khau");
    const disabled = await run(UPDATE_USER, {
      id,
      active: false,
      displayName: "Nguyễn Văn An (nghỉ)",
    });
    expect(disabled.data?.active).toBe(false);
    expect(await signInAttempt("can-bo-c1", "dat-lai-mat-khau")).toBe("AuthenticationError");
    expect((await unitCount(token)).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses bad account input, naming the fields", async () => {
    const before = await prisma().user.count();
    const short = await run(CREATE_USER, {
      username: "X y",
      displayName: "Ai đó",
      password: "short",
      role: "VIEWER",
      unitId: unit("C2"),
    });
    expect(short.__typename).toBe("InputError");
    expect(short.issues?.map((i) => i.path.join(".")).sort()).toEqual([
      "input.password",
      "input.username",
    ]);
    const taken = await run(CREATE_USER, {
      username: "reporter-c1",
      displayName: "Trùng tên",
      password: "mot-mat-khau-dai",
      role: "VIEWER",
      unitId: unit("C2"),
    });
    expect(taken.issues?.[0]?.path).toEqual(["input", "username"]);
    const self = await run(UPDATE_USER, {
      id: user("admin-p1"),
      active: false,
      role: "VIEWER",
    });
    expect(self.issues?.map((i) => i.path.join(".")).sort()).toEqual([
      "input.active",
      "input.role",
    ]);
    expect(await prisma().user.count()).toBe(before);
  });

  it("keeps administrators inside their subtree", async () => {
    const outside = await run(CREATE_USER, {
      username: "ngoai-pham-vi",
      displayName: "Ngoài phạm vi",
      password: "mot-mat-khau-dai",
      role: "ADMIN",
      unitId: unit("P2"),
    });
    expect(outside.__typename).toBe("NotFoundError");
    const upward = await run(UPDATE_USER, { id: user("reporter-c1"), unitId: unit("TW") });
    expect(upward.__typename).toBe("NotFoundError");
    const notMine = await run(REVOKE_TOKENS, { userId: user("admin") });
    expect(notMine.__typename).toBe("NotFoundError");

    const { body } = await server.graphql<{
      users: { totalCount: number; edges: { node: { username: string } }[] };
      user: null;
    }>(
      `query($id: ID!) { users { totalCount edges { node { username } } } user(id: $id) { username } }`,
      { id: user("admin") },
      admin,
    );
    expect(body.data?.users.edges.map((e) => e.node.username)).toEqual([
      "admin-p1",
      "analyst-p1",
      "can-bo-c1",
      "reporter-c1",
      "viewer-p1",
    ]);
    expect(body.data?.user).toBeNull();
  });

  it("lets only administrators manage accounts or read the audit log", async () => {
    for (const username of ["reporter-c1", "viewer-p1", "analyst-p1"]) {
      const token = await login(server, username);
      const create = await run(
        CREATE_USER,
        {
          username: `by-${username}`,
          displayName: "X",
          password: PASSWORD,
          role: "ADMIN",
          unitId: unit("C1"),
        },
        token,
      );
      expect(create.__typename).toBe("ForbiddenError");
      const revoke = await run(REVOKE_TOKENS, { userId: user("viewer-p1") }, token);
      expect(revoke.__typename).toBe("ForbiddenError");
      for (const query of ["{ users { totalCount } }", "{ auditLog { totalCount } }"]) {
        const { body } = await server.graphql(query, {}, token);
        expect(body.data).toBeNull();
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
      }
    }
  });

  it("audits every account write, without passwords or their hashes", async () => {
    const { body } = await server.graphql<{
      auditLog: {
        totalCount: number;
        edges: {
          node: {
            action: string;
            entity: string;
            entityId: string;
            user: { username: string };
            before: unknown;
            after: unknown;
          };
        }[];
      };
    }>(
      `query($id: ID) { auditLog(filter: { entityId: $id }) { totalCount
          edges { node { action entity entityId user { username } before after } } } }`,
      { id: userGid(ids["can-bo-c1"] ?? 0) },
      admin,
    );
    expect(body.errors).toBeUndefined();
    const actions = body.data?.auditLog.edges.map((e) => e.node.action) ?? [];
    // And the two refused sign-ins above: the old password after a change, a disabled account.
    expect(actions.sort()).toEqual([
      "changeMyPassword",
      "createUser",
      "loginFailed",
      "loginFailed",
      "resetPassword",
      "revokeTokens",
      "updateUser",
    ]);
    // Every entry names the account by its global id, as `node(id:)` takes it.
    expect(new Set(body.data?.auditLog.edges.map((e) => e.node.entityId))).toEqual(
      new Set([userGid(ids["can-bo-c1"] ?? 0)]),
    );
    const created = body.data?.auditLog.edges.find((e) => e.node.action === "createUser")?.node;
    expect(created?.user.username).toBe("admin-p1");
    expect(created?.after).toMatchObject({ username: "can-bo-c1", role: "REPORTER" });
    const stored = JSON.stringify(
      await prisma().auditLog.findMany({ select: { before: true, after: true } }),
    );
    expect(stored).not.toMatch(
      /passwordHash|scrypt\$|\$argon2|mot-mat-khau-dai|mat-khau-moi-hon|dat-lai-mat-khau/,
    );
  });
});
