// `search` is a text to find, not a LIKE pattern: `%` and `_` match only themselves (Prisma's
// `contains` does not escape them). And a title or name must hold something a reader can see: one
// made only of zero-width or invisible characters is refused with a typed Vietnamese error, on
// every write that takes one (the import reuses the same rules).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  createAccount,
  createActivity,
  createAward,
  createCommitment,
  createModel,
  createUnit,
  DAY,
  gid,
  prepareWorld,
  signIn,
  type World,
} from "./support/world";

/** Texts with a LIKE wildcard or a backslash, and one with none: each search must find only its own. */
const TEXTS = {
  percent: "Tỷ lệ 100% tham gia",
  underscore: "ma_so dac biet",
  backslash: "Thư mục C:\\du lieu",
  plain: "Hội nghị thường kỳ",
};

const INVISIBLE = [
  "\u200B",
  "\u200B\u200C\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
  " \u200B\t\u00A0",
  "\u200E\u200F",
  "\u3164",
];

interface Edge {
  node: Record<string, string>;
}

describe.each(backends)("search text and invisible titles on %s", (backend) => {
  let server: TestServer;
  let world: World;
  let admin: string;

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareWorld(database);
      const prisma = database.db.prisma;
      const unit = world.a.cellId;
      for (const [key, text] of Object.entries(TEXTS)) {
        await createActivity(prisma, unit, text);
        await createModel(prisma, world.a.communeId, text);
        await createAward(prisma, unit, null, text);
        await createCommitment(prisma, unit, text);
        await createUnit(prisma, world.a.communeId, `S${key.length}${key[0]}`, text, "AGENCY");
        await createAccount(prisma, `search-${key}`, "VIEWER", world.a.communeId);
        await prisma.user.update({
          where: { username: `search-${key}` },
          data: { displayName: text },
        });
      }
    });
    admin = await signIn(server, "admin-p");
  });
  afterAll(async () => {
    await server?.stop();
  });

  const lists = [
    { field: "activities", text: "title" },
    { field: "models", text: "name" },
    { field: "awards", text: "recipientName" },
    { field: "commitments", text: "title" },
    { field: "units", text: "name" },
    { field: "users", text: "displayName" },
  ];

  it.each(lists)(
    "finds only the records holding a searched %, _ or \\ in $field",
    async ({ field, text }) => {
      for (const [needle, expected] of [
        ["%", TEXTS.percent],
        ["_", TEXTS.underscore],
        ["\\", TEXTS.backslash],
        ["0%", TEXTS.percent],
        ["a_s", TEXTS.underscore],
      ] as const) {
        const { body } = await server.graphql<Record<string, { edges: Edge[] }>>(
          `query($s: String) { ${field}(filter: { search: $s }, first: 100) { edges { node { ${text} } } } }`,
          { s: needle },
          admin,
        );
        expect(body.errors).toBeUndefined();
        const found = body.data?.[field]?.edges.map((e) => e.node[text]);
        expect({ needle, found }).toEqual({ needle, found: [expected] });
      }
    },
  );

  const mutation = (name: string, input: string, select = "") =>
    `mutation($input: ${input}!) { ${name}(input: $input) { __typename ... on InputError { message issues { path message } } ${select} } }`;

  function writes(w: World, title: string) {
    const unitId = gid("Unit", w.a.communeId);
    return [
      {
        query: mutation("recordActivity", "RecordActivityInput"),
        input: {
          unitId,
          kind: "CONFERENCE",
          title,
          occurredOn: DAY,
          sessions: 1,
          attendance: 10,
        },
        field: "title",
      },
      {
        query: mutation("correctActivity", "CorrectActivityInput"),
        input: { id: gid("Activity", w.a.activityId), title },
        field: "title",
      },
      {
        query: mutation("registerModel", "RegisterModelInput"),
        input: {
          unitId,
          name: title,
          sector: "ECONOMY",
          level: "COMMUNE",
          leadOrganisation: "WOMEN_UNION",
          startedOn: DAY,
        },
        field: "name",
      },
      {
        query: mutation("correctModel", "CorrectModelInput"),
        input: { id: gid("Model", w.a.modelId), name: title },
        field: "name",
      },
      {
        query: mutation("registerCommitment", "RegisterCommitmentInput"),
        input: { unitId, kind: "INITIATIVE", title, year: 2025, registeredOn: DAY },
        field: "title",
      },
      {
        query: mutation(
          "recordAward",
          "RecordAwardInput",
          "... on MutationRecordAwardSuccess { data { recipientName } }",
        ),
        input: {
          unitId,
          recipientKind: "INDIVIDUAL",
          recipientName: title,
          level: "PROVINCE",
          form: "CERTIFICATE_OF_MERIT",
          awardedOn: DAY,
        },
        field: "recipientName",
      },
      {
        query: mutation("createUnit", "CreateUnitInput"),
        input: { parentId: unitId, code: "INV-1", name: title, kind: "AGENCY" },
        field: "name",
      },
      {
        query: mutation("updateUnit", "UpdateUnitInput"),
        input: { id: gid("Unit", w.a.cellId), name: title },
        field: "name",
      },
      {
        query: mutation("createUser", "CreateUserInput"),
        input: {
          username: "vo-hinh",
          displayName: title,
          password: "mat-khau-rat-dai-01",
          role: "VIEWER",
          unitId,
        },
        field: "displayName",
      },
    ];
  }

  it("refuses a title or name made only of invisible characters, naming the field in Vietnamese", async () => {
    const prisma = server.database.db.prisma;
    const before = await prisma.activity.count();
    const wrong: string[] = [];
    for (const title of INVISIBLE) {
      for (const write of writes(world, title)) {
        const { body } = await server.graphql<
          Record<
            string,
            {
              __typename: string;
              issues?: { path: string[]; message: string }[];
              data?: Record<string, unknown>;
            }
          >
        >(write.query, { input: write.input }, admin);
        const payload = Object.values(body.data ?? {})[0];
        const refusedInVietnamese = payload?.issues?.some(
          (i) =>
            i.path.at(-1) === write.field &&
            /ký tự nhìn thấy được|Không được để trống/.test(i.message),
        );
        // An optional text that trims to nothing (U+FEFF is white space to JavaScript's trim) is
        // left out, like a blank one: nothing invisible is stored either way.
        const leftOut = payload?.data?.[write.field] === null;
        if (payload?.__typename !== "InputError" ? !leftOut : !refusedInVietnamese) {
          wrong.push(
            `${write.query.slice(9, 40)} ${JSON.stringify(title)}: ${JSON.stringify(body)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await prisma.activity.count()).toBe(before);
  });

  it("refuses an imported row whose title is only invisible characters, naming the row", async () => {
    const content = `Mã đơn vị;Loại;Tiêu đề;Ngày;Lượt người\nCB-A1;Hội nghị;Có tên;01/04/2025;10\nCB-A1;Hội nghị;\u200B\u2060;02/04/2025;10`;
    const { body } = await server.graphql<{
      importRecords: { data?: { ok: boolean; errors: { row: number; message: string }[] } };
    }>(
      `mutation($input: ImportRecordsInput!) { importRecords(input: $input) {
        ... on MutationImportRecordsSuccess { data { ok errors { row message } } } } }`,
      { input: { kind: "ACTIVITIES", format: "CSV", content, dryRun: true } },
      admin,
    );
    const report = body.data?.importRecords.data;
    expect(report?.ok).toBe(false);
    expect(report?.errors).toEqual([
      { row: 3, message: expect.stringMatching(/ký tự nhìn thấy được/) },
    ]);
  });

  it("still accepts a title with invisible characters around visible ones", async () => {
    const { body } = await server.graphql<{ recordActivity: { __typename: string } }>(
      mutation("recordActivity", "RecordActivityInput"),
      {
        input: {
          unitId: gid("Unit", world.a.communeId),
          kind: "CONFERENCE",
          title: "Hội\u00ADnghị\u200B chuyên đề",
          occurredOn: DAY,
          sessions: 1,
          attendance: 10,
        },
      },
      admin,
    );
    expect(body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
  });
});
