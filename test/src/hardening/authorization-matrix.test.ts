// Authorization matrix: every mutation × every role × inside/outside the caller's scope, and every
// query, analytics and subscription field against a unit outside it. The lists of fields come from
// the built schema, so a new field without an entry here fails the test instead of going untested.
import { schema } from "@d05/schema";
import { strFromU8, unzipSync } from "fflate";
import type { GraphQLField } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, liveClient } from "../live/helpers";
import { startTestServer, type TestServer } from "../support/server";
import {
  ACCOUNTS,
  type Account,
  B_SECRETS,
  createAccount,
  createActivity,
  createAward,
  createCommitment,
  createModel,
  createUnit,
  DAY,
  gid,
  PASSWORD,
  prepareWorld,
  signIn,
  tableFingerprints,
  unique,
  vietnamDay,
  type World,
} from "./support/world";

type Caller = Account | "anonymous";
type Scope = "inside" | "outside";
type Outcome = "Success" | "ForbiddenError" | "NotFoundError" | "UNAUTHENTICATED";

/**
 * Where a case's targets live. `inside` is commune A, `outside` commune B, `missing` a side whose
 * ids exist nowhere: an out-of-scope record must be refused exactly like a missing one.
 */
interface SideMaker {
  label: "A" | "B" | "missing";
  unit: string;
  cell: string;
  cellCode: string;
  activity(): Promise<string>;
  model(): Promise<string>;
  award(): Promise<string>;
  commitment(): Promise<string>;
  /** A contribution to a fresh model of the side's commune. */
  contribution(): Promise<string>;
  /** A fresh target set by the side's commune for its own level. */
  target(): Promise<string>;
  /** A fresh account scoped to the side (its global id). */
  user(): Promise<string>;
  /** A fresh chi bộ under the side's commune. */
  freshCell(): Promise<string>;
  /** A fresh agency under the side's commune (a province may be imported under it). */
  agency(): Promise<string>;
}

type Input = Record<string, unknown>;
/** One way to call a mutation: targets on `side`, anything else on A's side (`home`). */
type Variant = ((side: SideMaker, home: SideMaker) => Promise<Input>) & {
  /** What P's administrator gets on B's side when it is not Success (a rule, not scope). */
  adminP?: Outcome | "InputError";
};

function crossing(variant: Variant): Variant {
  return Object.assign(variant, { adminP: "InputError" as const });
}

interface MutationCase {
  /** open: anyone; self: any signed-in account; write: ADMIN, REPORTER; admin: ADMIN only. */
  policy: "open" | "self" | "write" | "admin";
  variants: Variant[];
  /** Selection on the success type, beyond __typename. */
  success?: string;
  /** For an import: out of scope is a report with ok false, not a NotFoundError. */
  refusedAsReport?: boolean;
}

const MISSING = 999_999;

/** A valid input for every mutation, in scope (side A) and out of scope (side B). */
const MUTATIONS: Record<string, MutationCase> = {
  login: { policy: "open", variants: [] },
  changeMyPassword: { policy: "self", variants: [] },
  recordActivity: {
    policy: "write",
    variants: [
      async (s) => ({
        unitId: s.cell,
        kind: "CONFERENCE",
        title: "Hội nghị mới",
        occurredOn: DAY,
        attendance: 10,
      }),
    ],
  },
  correctActivity: {
    policy: "write",
    variants: [
      async (s) => ({ id: await s.activity(), attendance: 11 }),
      async (s, home) => ({ id: await home.activity(), unitId: s.cell }),
    ],
  },
  deleteActivity: { policy: "write", variants: [async (s) => ({ id: await s.activity() })] },
  registerModel: {
    policy: "write",
    variants: [
      async (s) => ({
        unitId: s.unit,
        name: "Mô hình mới",
        sector: "ECONOMY",
        level: "COMMUNE",
        leadOrganisation: "YOUTH_UNION",
        startedOn: DAY,
      }),
    ],
  },
  correctModel: {
    policy: "write",
    variants: [
      async (s) => ({ id: await s.model(), name: "Tên mới" }),
      async (s, home) => ({ id: await home.model(), unitId: s.cell }),
    ],
  },
  changeModelStatus: {
    policy: "write",
    variants: [async (s) => ({ modelId: await s.model(), status: "MAINTAINED", effectiveOn: DAY })],
  },
  recordModelContribution: {
    policy: "write",
    variants: [async (s) => ({ modelId: await s.model(), recordedOn: DAY, participants: 5 })],
  },
  correctModelContribution: {
    policy: "write",
    variants: [async (s) => ({ id: await s.contribution(), participants: 7 })],
  },
  deleteModelContribution: {
    policy: "write",
    variants: [async (s) => ({ id: await s.contribution() })],
  },
  deleteModel: { policy: "write", variants: [async (s) => ({ id: await s.model() })] },
  recordAward: {
    policy: "write",
    variants: [
      async (s) => ({
        unitId: s.cell,
        recipientKind: "COLLECTIVE",
        recipientCount: 2,
        level: "COMMUNE",
        form: "COMMENDATION",
        awardedOn: DAY,
      }),
      // A's unit with B's model: for P's administrator a rule violation, not a scope one.
      crossing(async (s, home) => ({
        unitId: home.unit,
        modelId: await s.model(),
        recipientKind: "INDIVIDUAL",
        level: "COMMUNE",
        form: "COMMENDATION",
        awardedOn: DAY,
      })),
    ],
  },
  correctAward: {
    policy: "write",
    variants: [
      async (s) => ({ id: await s.award(), reason: "Sửa lý do" }),
      async (s, home) => ({ id: await home.award(), unitId: s.cell }),
    ],
  },
  deleteAward: { policy: "write", variants: [async (s) => ({ id: await s.award() })] },
  registerCommitment: {
    policy: "write",
    variants: [
      async (s) => ({
        unitId: s.cell,
        year: 2025,
        kind: "PLEDGE",
        title: "Đăng ký mới",
        registeredOn: "2025-02-01",
      }),
    ],
  },
  completeCommitment: {
    policy: "write",
    variants: [async (s) => ({ id: await s.commitment(), completedOn: DAY })],
  },
  correctCommitment: {
    policy: "write",
    variants: [
      async (s) => ({ id: await s.commitment(), title: "Sửa tên đề tài" }),
      async (s, home) => ({ id: await home.commitment(), unitId: s.cell }),
    ],
  },
  deleteCommitment: { policy: "write", variants: [async (s) => ({ id: await s.commitment() })] },
  importRecords: {
    policy: "write",
    refusedAsReport: true,
    success: "... on MutationImportRecordsSuccess { data { ok created errors { message } } }",
    variants: [
      async (s) => ({
        kind: "ACTIVITIES",
        format: "CSV",
        content: `Mã đơn vị;Loại;Tiêu đề;Ngày;Lượt người\n${s.cellCode};Hội nghị;${unique("Nhập")};15/03/2025;10`,
      }),
    ],
  },
  createUnit: {
    policy: "admin",
    variants: [
      async (s) => ({
        parentId: s.unit,
        code: unique("NEW"),
        name: "Chi bộ mới",
        kind: "PARTY_CELL",
      }),
    ],
  },
  recordPartyMembership: {
    policy: "admin",
    variants: [async (s) => ({ unitId: s.cell, effectiveOn: vietnamDay(0), partyMembers: 12 })],
  },
  updateUnit: {
    policy: "admin",
    variants: [async (s) => ({ id: await s.freshCell(), name: "Tên đơn vị mới" })],
  },
  moveUnit: {
    policy: "admin",
    variants: [
      async (s) => ({ id: await s.freshCell(), newParentId: s.cell }),
      async (s, home) => ({ id: await home.freshCell(), newParentId: s.unit }),
      async (s, home) => ({ id: await s.freshCell(), newParentId: home.unit }),
    ],
  },
  mergeUnit: {
    policy: "admin",
    variants: [
      async (s) => ({
        id: await s.freshCell(),
        intoUnitId: await s.freshCell(),
        effectiveOn: vietnamDay(0),
      }),
      async (s, home) => ({
        id: await home.freshCell(),
        intoUnitId: await s.freshCell(),
        effectiveOn: vietnamDay(0),
      }),
    ],
  },
  importUnits: {
    policy: "admin",
    success: "... on MutationImportUnitsSuccess { data { ok errors { message } } }",
    variants: [
      async (s) => {
        const code = unique("NP");
        return {
          format: "VN_ADMIN_UNITS_2025_JSON",
          parentId: await s.agency(),
          dryRun: true,
          content: JSON.stringify([
            {
              Code: code,
              FullName: "Tỉnh Nhập Mới",
              Wards: [{ Code: unique("NW"), FullName: "Xã Nhập Mới", ProvinceCode: code }],
            },
          ]),
        };
      },
    ],
  },
  createUser: {
    policy: "admin",
    variants: [
      async (s) => ({
        username: unique("nguoi-moi"),
        displayName: "Người mới",
        password: "mat-khau-moi-01",
        role: "REPORTER",
        unitId: s.unit,
      }),
    ],
  },
  updateUser: {
    policy: "admin",
    variants: [
      async (s) => ({ id: await s.user(), displayName: "Tên mới" }),
      async (s, home) => ({ id: await home.user(), unitId: s.unit }),
    ],
  },
  resetPassword: {
    policy: "admin",
    variants: [async (s) => ({ id: await s.user(), newPassword: "mat-khau-dat-lai-01" })],
  },
  revokeTokens: { policy: "admin", variants: [async (s) => ({ userId: await s.user() })] },
  // Any signed-in account keeps views; their scope rules are proved in api/saved-views.test.ts.
  saveView: { policy: "self", variants: [] },
  renameView: { policy: "self", variants: [] },
  deleteView: { policy: "self", variants: [] },
  setTarget: {
    policy: "admin",
    variants: [
      async (s) => ({ unitId: s.unit, measure: "MODELS_ACTIVE", level: "COMMUNE", value: 1 }),
    ],
  },
  removeTarget: { policy: "admin", variants: [async (s) => ({ id: await s.target() })] },
};

const CALLERS: Caller[] = ["anonymous", ...(Object.keys(ACCOUNTS) as Account[])].filter(
  (c) => c !== "reporter-b",
) as Caller[];

function expectedOutcome(policy: MutationCase["policy"], caller: Caller, scope: Scope): Outcome {
  if (policy === "open") return "Success";
  if (caller === "anonymous") return "UNAUTHENTICATED";
  if (policy === "self") return "Success";
  const role = ACCOUNTS[caller].role;
  const allowed = policy === "write" ? role === "ADMIN" || role === "REPORTER" : role === "ADMIN";
  if (!allowed) return "ForbiddenError";
  // The administrator of P holds B in scope too.
  if (caller === "admin-p" || scope === "inside") return "Success";
  return "NotFoundError";
}

function mutationDocument(name: string, field: GraphQLField<unknown, unknown>, extra = "") {
  const input = field.args.find((a) => a.name === "input");
  if (!input) throw new Error(`${name} takes no input argument`);
  return `mutation($input: ${input.type.toString()}) { ${name}(input: $input) {
    __typename
    ... on Error { message }
    ... on NotFoundError { entity entityId }
    ... on InputError { issues { path message } }
    ${extra}
  } }`;
}

interface Payload {
  __typename: string;
  message?: string;
  entityId?: string;
  issues?: unknown[];
  data?: { ok?: boolean; errors?: { message: string }[] };
}

/** The message with the id it names replaced, so messages about different ids can be compared. */
function shape(payload: Payload): string {
  const message = payload.message ?? "";
  return payload.entityId ? message.split(payload.entityId).join("<id>") : message;
}

/** No name or code of B's subtree in `value`, except those the caller sent itself (`sent`). */
function expectNoSecrets(value: unknown, sent?: unknown) {
  const text = JSON.stringify(value);
  const echoed = JSON.stringify(sent ?? null);
  for (const secret of B_SECRETS) {
    if (!echoed.includes(secret)) expect(text, `leaks "${secret}"`).not.toContain(secret);
  }
}

describe("authorization matrix on postgres", () => {
  let server: TestServer;
  let world: World;
  const tokens: Partial<Record<Account, string>> = {};
  const sides = {} as Record<"A" | "B" | "missing", SideMaker>;

  const prisma = () => server.database.db.prisma;

  function maker(label: "A" | "B", communeId: number, cellId: number): SideMaker {
    const p = () => prisma();
    return {
      label,
      unit: gid("Unit", communeId),
      cell: gid("Unit", cellId),
      cellCode: `CB-${label}1`,
      activity: async () => gid("Activity", await createActivity(p(), cellId)),
      model: async () => gid("Model", await createModel(p(), communeId)),
      award: async () => gid("Award", await createAward(p(), cellId)),
      commitment: async () => gid("Commitment", await createCommitment(p(), cellId)),
      contribution: async () => {
        const modelId = await createModel(p(), communeId);
        const row = await p().modelContribution.findFirstOrThrow({ where: { modelId } });
        return gid("ModelContribution", row.id);
      },
      target: async () => {
        const setBy = await p().user.findFirstOrThrow({ select: { id: true } });
        // One target per (unit, measure, level, sector): the previous call's gives way.
        await p().target.deleteMany({ where: { unitId: communeId, measure: "AWARDS" } });
        const created = await p().target.create({
          data: {
            unitId: communeId,
            measure: "AWARDS",
            level: "COMMUNE",
            value: 1,
            sector: null,
            setById: setBy.id,
            direction: "AT_LEAST",
          },
        });
        return gid("Target", created.id);
      },
      user: async () => gid("User", await createAccount(p(), unique("tk"), "REPORTER", communeId)),
      freshCell: async () =>
        gid("Unit", await createUnit(p(), communeId, unique("CB"), "Chi bộ tạm", "PARTY_CELL")),
      agency: async () =>
        gid("Unit", await createUnit(p(), communeId, unique("AG"), "Cơ quan tạm", "AGENCY")),
    };
  }

  beforeAll(async () => {
    server = await startTestServer(
      "postgres",
      async (database) => {
        world = await prepareWorld(database);
      },
      { limits: { rateLimitPerMinute: 0, anonymousRateLimitPerMinute: 0 } },
    );
    for (const account of Object.keys(ACCOUNTS) as Account[]) {
      tokens[account] = await signIn(server, account);
    }
    sides.A = maker("A", world.a.communeId, world.a.cellId);
    sides.B = maker("B", world.b.communeId, world.b.cellId);
    const ghost = async (type: string) => gid(type, MISSING);
    sides.missing = {
      label: "missing",
      unit: gid("Unit", MISSING),
      cell: gid("Unit", MISSING),
      cellCode: "KHONG-CO",
      activity: () => ghost("Activity"),
      model: () => ghost("Model"),
      award: () => ghost("Award"),
      commitment: () => ghost("Commitment"),
      contribution: () => ghost("ModelContribution"),
      target: () => ghost("Target"),
      user: () => ghost("User"),
      freshCell: () => ghost("Unit"),
      agency: () => ghost("Unit"),
    };
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const mutationFields = () => schema.getMutationType()?.getFields() ?? {};

  it("has an entry for every mutation of the schema, and none for a mutation that is gone", () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual(Object.keys(mutationFields()).sort());
    for (const [name, c] of Object.entries(MUTATIONS)) {
      if (c.policy === "write" || c.policy === "admin") {
        expect(c.variants.length, name).toBeGreaterThan(0);
      }
    }
  });

  async function call(name: string, c: MutationCase, input: Input, caller: Caller) {
    const field = mutationFields()[name];
    if (!field) throw new Error(`no mutation ${name}`);
    const token = caller === "anonymous" ? undefined : tokens[caller];
    const { status, body } = await server.graphql<Record<string, Payload>>(
      mutationDocument(name, field, c.success),
      { input },
      token,
    );
    return { status, body, payload: body.data?.[name] ?? null };
  }

  const writes = Object.entries(MUTATIONS).filter(
    ([, c]) => c.policy === "write" || c.policy === "admin",
  );

  describe.each(writes)("%s", (name, c) => {
    it.each(CALLERS)(
      "answers %s as the role and scope allow, and a refusal writes nothing",
      async (caller) => {
        for (const [index, variant] of c.variants.entries()) {
          for (const scope of ["inside", "outside"] as Scope[]) {
            const label = `${name} #${index} by ${caller}, ${scope}`;
            const input = await variant(scope === "inside" ? sides.A : sides.B, sides.A);
            let expected: Outcome | "InputError" = expectedOutcome(c.policy, caller, scope);
            if (caller === "admin-p" && scope === "outside" && variant.adminP) {
              expected = variant.adminP;
            }
            // The same call with ids that exist nowhere, prepared before the snapshot.
            const ghostInput =
              expected === "NotFoundError" ? await variant(sides.missing, sides.A) : null;
            const before = expected === "Success" ? null : await tableFingerprints(prisma());
            const { status, body, payload } = await call(name, c, input, caller);
            expectNoSecrets(body, input);

            if (expected === "UNAUTHENTICATED") {
              expect(body.errors?.[0]?.extensions?.code, label).toBe("UNAUTHENTICATED");
              expect(payload, label).toBeNull();
            } else if (expected === "NotFoundError" && c.refusedAsReport) {
              expect(payload?.__typename, label).toBe(
                `Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success`,
              );
              expect(payload?.data?.ok, label).toBe(false);
              // Refused exactly like a code that exists nowhere.
              const ghost = await call(name, c, ghostInput as Input, caller);
              expect(payload?.data?.errors?.[0]?.message.replace("CB-B1", "<code>"), label).toBe(
                ghost.payload?.data?.errors?.[0]?.message.replace("KHONG-CO", "<code>"),
              );
            } else {
              expect(status, label).toBe(200);
              expect(body.errors, label).toBeUndefined();
              if (expected === "Success") {
                expect(payload?.__typename, `${label}: ${JSON.stringify(payload)}`).toMatch(
                  /Success$/,
                );
                if (payload?.data && "ok" in payload.data)
                  expect(payload.data.ok, label).toBe(true);
              } else {
                expect(payload?.__typename, `${label}: ${JSON.stringify(payload)}`).toBe(expected);
              }
              if (expected === "NotFoundError") {
                // Out of scope reads exactly like an id that exists nowhere.
                const ghost = await call(name, c, ghostInput as Input, caller);
                expect(ghost.payload?.__typename, label).toBe("NotFoundError");
                expect(shape(payload as Payload), label).toBe(shape(ghost.payload as Payload));
              }
            }
            if (before) expect(await tableFingerprints(prisma()), label).toEqual(before);
          }
        }
      },
    );
  });

  it("lets anyone sign in, and refuses nothing else to anonymous callers but health and me", async () => {
    const { body } = await server.graphql<{ login: Payload }>(
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename } }`,
      { u: "reporter-a", p: PASSWORD },
    );
    expect(body.data?.login.__typename).toBe("MutationLoginSuccess");
    const open = await server.graphql<{ health: boolean; me: unknown }>("{ health me { id } }");
    expect(open.body.data).toEqual({ health: true, me: null });
  });

  it.each(CALLERS)("lets %s change their own password only when signed in", async (caller) => {
    const field = mutationFields().changeMyPassword;
    if (!field) throw new Error("no changeMyPassword");
    const doc = mutationDocument("changeMyPassword", field);
    const input = { currentPassword: PASSWORD, newPassword: "mat-khau-doi-moi-01" };
    if (caller === "anonymous") {
      const before = await tableFingerprints(prisma());
      const { body } = await server.graphql(doc, { input });
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(await tableFingerprints(prisma())).toEqual(before);
      return;
    }
    // A fresh account of the same role: changing the password ends the caller's sessions.
    const username = unique("doi-mk");
    const unitId = ACCOUNTS[caller].unit === "P" ? world.provinceId : world.a.communeId;
    await createAccount(prisma(), username, ACCOUNTS[caller].role, unitId);
    const token = await signIn(server, username);
    const { body } = await server.graphql<{ changeMyPassword: Payload }>(doc, { input }, token);
    expect(body.data?.changeMyPassword.__typename).toBe("MutationChangeMyPasswordSuccess");
  });
  // ───────────── Reads: every Query field against B's records, as accounts of A ─────────────

  interface ReadProbe {
    as: Account;
    query: (w: World) => string;
    /** Checks the data (errors are never expected). */
    check: (data: Record<string, unknown>, w: World) => void;
  }
  const nodeIds = (w: World) => [
    gid("Unit", w.b.communeId),
    gid("Unit", w.b.cellId),
    gid("Activity", w.b.activityId),
    gid("Model", w.b.modelId),
    gid("Award", w.b.awardId),
    gid("Commitment", w.b.commitmentId),
    gid("ModelContribution", bContributionId),
    gid("ModelStatusChange", bStatusChangeId),
    gid("SavedView", bSavedViewId),
    gid("User", w.users["reporter-b"] as number),
  ];
  let bContributionId = 0;
  let bStatusChangeId = 0;
  let bSavedViewId = 0;
  const nullOf = (field: string) => (data: Record<string, unknown>) =>
    expect(data[field], field).toBeNull();
  const emptyConnection = (field: string) => (data: Record<string, unknown>) =>
    expect(data[field], field).toEqual({ totalCount: 0, edges: [] });
  const period = `{ from: "2025-01-01", to: "2025-12-31" }`;
  const notFound = (field: string) => (data: Record<string, unknown>) =>
    expect((data[field] as { __typename: string }).__typename, field).toBe("NotFoundError");
  const list = (field: string, filter: string, sel = "id") => ({
    as: "reporter-a" as Account,
    query: () => `{ ${field}(${filter}) { totalCount edges { node { ${sel} } } } }`,
    check: emptyConnection(field),
  });

  /** Every Query field: "open" (no unit data), "shared" (the same for everyone), or probes. */
  const READS: Record<string, "open" | "shared" | ReadProbe[]> = {
    health: "open",
    me: "open",
    themes: "shared",
    recordImportColumns: "shared",
    theme: [
      {
        as: "reporter-a",
        query: (w) => `{ theme(id: "${gid("Theme", w.themeId)}") {
          activities { totalCount edges { node { title } } } awards { totalCount } } }`,
        check: (data) => {
          // B's activity carries the theme too: only A's count.
          const theme = data.theme as {
            activities: { totalCount: number };
            awards: { totalCount: number };
          };
          expect(theme.activities.totalCount).toBe(1);
          expect(theme.awards.totalCount).toBe(0);
        },
      },
    ],
    activity: [
      {
        as: "reporter-a",
        query: (w) => `{ activity(id: "${gid("Activity", w.b.activityId)}") { title } }`,
        check: nullOf("activity"),
      },
    ],
    award: [
      {
        as: "reporter-a",
        query: (w) => `{ award(id: "${gid("Award", w.b.awardId)}") { recipientName } }`,
        check: nullOf("award"),
      },
    ],
    commitment: [
      {
        as: "reporter-a",
        query: (w) => `{ commitment(id: "${gid("Commitment", w.b.commitmentId)}") { title } }`,
        check: nullOf("commitment"),
      },
    ],
    model: [
      {
        as: "reporter-a",
        query: (w) => `{ model(id: "${gid("Model", w.b.modelId)}") { name } }`,
        check: nullOf("model"),
      },
    ],
    unit: [
      {
        as: "reporter-a",
        query: (w) => `{ unit(id: "${gid("Unit", w.b.communeId)}") { name } }`,
        check: nullOf("unit"),
      },
    ],
    recordImportTemplate: [
      {
        // The template's second sheet lists the caller's units: A's, never B's.
        as: "reporter-a",
        query: () => `{ recordImportTemplate(kind: ACTIVITIES) }`,
        check: (data) => {
          const parts = unzipSync(Buffer.from(data.recordImportTemplate as string, "base64"));
          const text = Object.values(parts)
            .map((bytes) => strFromU8(bytes))
            .join("\n");
          expect(text).toContain("X-A");
          expectNoSecrets(text);
        },
      },
    ],
    unitByCode: [
      {
        as: "reporter-a",
        query: () => `{ unitByCode(code: "X-B") { name } }`,
        check: nullOf("unitByCode"),
      },
    ],
    user: [
      {
        as: "admin-a",
        query: (w) =>
          `{ user(id: "${gid("User", w.users["reporter-b"] as number)}") { username } }`,
        check: nullOf("user"),
      },
    ],
    node: [
      {
        as: "reporter-a",
        query: (w) =>
          `{ ${nodeIds(w)
            .map((id, i) => `n${i}: node(id: "${id}") { id __typename }`)
            .join(" ")} }`,
        check: (data) =>
          expect(
            Object.values(data).every((v) => v === null),
            JSON.stringify(data),
          ).toBe(true),
      },
    ],
    nodes: [
      {
        as: "reporter-a",
        query: (w) => `{ nodes(ids: ${JSON.stringify(nodeIds(w))}) { id __typename } }`,
        check: (data) => expect((data.nodes as unknown[]).every((v) => v === null)).toBe(true),
      },
    ],
    activities: [
      list("activities", `filter: { underUnitId: "${"@B"}" }`),
      list("activities", `filter: { search: "Bí mật B" }`),
    ],
    awards: [
      list("awards", `filter: { underUnitId: "@B" }`),
      list("awards", `filter: { search: "Bí mật B" }`),
    ],
    commitments: [
      list("commitments", `filter: { underUnitId: "@B" }`),
      list("commitments", `filter: { search: "Bí mật B" }`),
    ],
    models: [
      list("models", `filter: { underUnitId: "@B" }`),
      list("models", `filter: { search: "Bí mật B" }`),
    ],
    units: [
      list("units", `filter: { underUnitId: "@B" }`),
      list("units", `filter: { search: "Bình Minh" }`),
    ],
    users: [
      { ...list("users", `filter: { unitId: "@B" }`), as: "admin-a" },
      { ...list("users", `filter: { search: "reporter-b" }`), as: "admin-a" },
    ],
    auditLog: [
      { ...list("auditLog", `filter: { entity: "Activity", entityId: "@BACT" }`), as: "admin-a" },
      {
        as: "admin-a",
        query: () =>
          `{ auditLog(first: 500) { edges { node { action entity entityId after user { username } } } } }`,
        check: (data) => {
          const edges = (
            data.auditLog as { edges: { node: { user: { username: string } | null } }[] }
          ).edges;
          expect(edges.filter((e) => e.node.user?.username === "reporter-b")).toEqual([]);
        },
      },
    ],
    metrics: [
      {
        as: "reporter-a",
        query: () =>
          `{ metrics(input: { unitId: "@B", measures: [ATTENDANCE], period: ${period} }) { __typename ... on Error { message } } }`,
        check: notFound("metrics"),
      },
      {
        as: "reporter-a",
        query: () =>
          `{ metrics(input: { unitId: "@P", measures: [ATTENDANCE], period: ${period} }) { __typename ... on Error { message } } }`,
        check: notFound("metrics"),
      },
    ],
    overview: [
      {
        as: "reporter-a",
        query: () =>
          `{ overview(unitId: "@B", period: ${period}) { __typename ... on Error { message } } }`,
        check: notFound("overview"),
      },
      {
        as: "analyst-a",
        query: () =>
          `{ overview(unitId: "@P", period: ${period}) { __typename ... on Error { message } } }`,
        check: notFound("overview"),
      },
    ],
    comparison: [
      {
        as: "reporter-a",
        query: () =>
          `{ comparison(unitId: "@B", childLevel: PARTY_CELL, measure: ATTENDANCE, period: ${period}) { __typename ... on Error { message } } }`,
        check: notFound("comparison"),
      },
      {
        as: "viewer-a",
        query: () =>
          `{ comparison(unitId: "@P", childLevel: COMMUNE, measure: ATTENDANCE, period: ${period}) { __typename ... on Error { message } } }`,
        check: notFound("comparison"),
      },
    ],
    trend: [
      {
        as: "reporter-a",
        query: () =>
          `{ trend(unitId: "@B", measure: ATTENDANCE, granularity: MONTH, period: ${period}) { __typename ... on Error { message } } }`,
        check: notFound("trend"),
      },
    ],
    targets: [list("targets", `filter: { unitId: "@B" }`, "value")],
    savedViews: [
      list("savedViews", `filter: { underUnitId: "@B" }`, "name"),
      list("savedViews", "filter: { mine: false }", "name"),
    ],
  };

  const substitute = (text: string, w: World) =>
    text
      .replaceAll("@BACT", gid("Activity", w.b.activityId))
      .replaceAll("@B", gid("Unit", w.b.communeId))
      .replaceAll("@P", gid("Unit", w.provinceId));

  it("has an entry for every query field of the schema", () => {
    const fields = Object.keys(schema.getQueryType()?.getFields() ?? {}).sort();
    expect(Object.keys(READS).sort()).toEqual(fields);
  });

  describe("reads by accounts of A", () => {
    beforeAll(async () => {
      const p = prisma();
      // B's records tied to the shared theme, and one write by B's reporter in the audit log.
      await p.activity.update({
        where: { id: world.b.activityId },
        data: { themeId: world.themeId },
      });
      await p.activity.update({
        where: { id: world.a.activityId },
        data: { themeId: world.themeId },
      });
      bContributionId = (
        await p.modelContribution.findFirstOrThrow({ where: { modelId: world.b.modelId } })
      ).id;
      bStatusChangeId = (
        await p.modelStatusChange.findFirstOrThrow({ where: { modelId: world.b.modelId } })
      ).id;
      // A view B's reporter saved of B's commune.
      const ownerB = await p.user.findUniqueOrThrow({ where: { username: "reporter-b" } });
      bSavedViewId = (
        await p.savedView.create({
          data: {
            name: "Bí mật B",
            unitId: world.b.communeId,
            path: "/",
            query: "p=2025",
            ownerId: ownerB.id,
          },
        })
      ).id;
      const token = await signIn(server, "reporter-b");
      const { body } = await server.graphql(
        `mutation($i: CorrectActivityInput!) { correctActivity(input: $i) { __typename } }`,
        { i: { id: gid("Activity", world.b.activityId), notes: "Bí mật B" } },
        token,
      );
      expect(body.data).toEqual({
        correctActivity: { __typename: "MutationCorrectActivitySuccess" },
      });
    });

    const probes = Object.entries(READS).flatMap(([field, entry]) =>
      Array.isArray(entry) ? entry.map((probe, i) => [`${field} #${i}`, probe] as const) : [],
    );
    it.each(probes)("%s shows nothing of B", async (_label, probe) => {
      const query = substitute(probe.query(world), world);
      const { status, body } = await server.graphql(query, {}, tokens[probe.as]);
      expect(status).toBe(200);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      probe.check(body.data as Record<string, unknown>, world);
      expectNoSecrets(body, query);
    });

    it("never lists B's records in unfiltered lists", async () => {
      const { body } = await server.graphql(
        `{ activities(first: 100) { edges { node { title notes unit { name } } } }
           awards(first: 100) { edges { node { recipientName unit { name } } } }
           commitments(first: 100) { edges { node { title unit { name } } } }
           models(first: 100) { edges { node { name unit { name } contributionTotals { records } } } }
           units(first: 100) { edges { node { name code breadcrumb parent { name } children(first: 20) { edges { node { name } } } } } } }`,
        {},
        tokens["reporter-a"],
      );
      expect(body.errors).toBeUndefined();
      expect(JSON.stringify(body)).toContain("Công khai A");
      expectNoSecrets(body);
    });

    it("gives analytics with root A the figures of A's subtree only, equal to plain SQL", async () => {
      const [{ attendance, sessions }] = (await prisma().$queryRaw<
        { attendance: number; sessions: number }[]
      >`
        SELECT coalesce(sum(a.attendance), 0)::int AS attendance, coalesce(sum(a.sessions), 0)::int AS sessions
          FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId"
         WHERE c."ancestorId" = ${world.a.communeId}
           AND a."occurredOn" BETWEEN '2025-01-01'::date AND '2025-12-31'::date`) as [
        { attendance: number; sessions: number },
      ];
      const a = gid("Unit", world.a.communeId);
      const { body } = await server.graphql<{
        overview: { figures: { measure: string; value: number }[] };
        metrics: { rows: { keys: { key: string }[]; values: number[] }[] };
        trend: { points: { value: number }[] };
        comparison: { rows: { unit: { id: string }; value: number }[] };
      }>(
        `query($a: ID!) {
          overview(unitId: $a, period: ${period}) { ... on Overview { figures { measure value } } }
          metrics(input: { measures: [ATTENDANCE, SESSIONS], dimensions: [UNIT], unitLevel: PARTY_CELL, period: ${period} }) {
            ... on Metrics { rows { keys { key } values } } }
          trend(unitId: $a, measure: ATTENDANCE, granularity: MONTH, period: ${period}) { ... on Trend { points { value } } }
          comparison(unitId: $a, childLevel: PARTY_CELL, measure: ATTENDANCE, period: ${period}) {
            ... on Comparison { rows { unit { id } value } } }
        }`,
        { a },
        tokens["analyst-a"],
      );
      expect(body.errors).toBeUndefined();
      const figure = (m: string) => body.data?.overview.figures.find((f) => f.measure === m)?.value;
      expect(figure("ATTENDANCE")).toBe(attendance);
      expect(figure("SESSIONS")).toBe(sessions);
      const trendTotal = body.data?.trend.points.reduce((t, p) => t + (p.value ?? 0), 0);
      expect(trendTotal).toBe(attendance);
      const aCells = (
        await prisma().unit.findMany({
          where: { kind: "PARTY_CELL", ancestors: { some: { ancestorId: world.a.communeId } } },
        })
      ).map((u) => gid("Unit", u.id));
      for (const row of body.data?.metrics.rows ?? []) expect(aCells).toContain(row.keys[0]?.key);
      for (const row of body.data?.comparison.rows ?? []) expect(aCells).toContain(row.unit.id);
      expect(body.data?.comparison.rows.map((r) => r.unit.id)).not.toContain(
        gid("Unit", world.b.cellId),
      );
      expectNoSecrets(body);
    });

    it.each([
      ["liveFigures", `subscription($u: ID!) { liveFigures(unitId: $u) { kind } }`],
      [
        "activityFeed",
        `subscription($u: ID!) { activityFeed(unitId: $u) { entries { summary } } }`,
      ],
    ])(
      "refuses a %s subscription to B over graphql-ws, like a missing unit",
      async (_name, query) => {
        const client = liveClient(server.url, bearer(tokens["reporter-a"] as string));
        try {
          const messages: string[] = [];
          for (const unit of [gid("Unit", world.b.communeId), gid("Unit", MISSING)]) {
            const sub = client.subscribe(query, { u: unit });
            const result = await sub.results.nth(0);
            expect(result.data ?? null).toBeNull();
            expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
            messages.push(String(result.errors?.[0]?.message).replace(unit, "<id>"));
            expectNoSecrets(result);
            await sub.done;
          }
          expect(messages[0]).toBe(messages[1]);
        } finally {
          await client.dispose();
        }
      },
    );
  });
});
