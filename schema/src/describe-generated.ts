// Descriptions for the types and fields the plugins generate (Relay connections, edges, page info
// and paging arguments; the errors plugin's result unions and success types), so every type, field,
// argument and enum value of the printed schema says what it is (GraphiQL's Docs pane). Written by
// shape, once, instead of at each of the ~20 connection and ~30 mutation fields; a description
// given where the field is defined always wins.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  isUnionType,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./builder";

type Described = { description?: string | null | undefined };

function describe(target: Described, text: string): void {
  if (!target.description?.trim()) target.description = text;
}

const PAGE_INFO: Record<string, string> = {
  hasNextPage:
    "Còn trang sau: true when more records follow this page (ask with `after: endCursor`).",
  hasPreviousPage:
    "Còn trang trước: true when records precede this page (ask with `before: startCursor`).",
  startCursor: "Cursor of the page's first record; null for an empty page.",
  endCursor:
    "Cursor of the page's last record (pass it as `after` for the next page); null for an empty page.",
};

const PAGING_ARGS: Record<string, string> = {
  first: `Số bản ghi: the first n records (after \`after\` when given); default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.`,
  last: `Số bản ghi cuối: the last n records (before \`before\` when given); at most ${MAX_PAGE_SIZE}.`,
  after: "Cursor: the records after this one (the previous page's endCursor).",
  before: "Cursor: the records before this one (the next page's startCursor).",
};

/** The record type a connection or edge type carries (its edges' or its own `node`). */
function nodeName(type: GraphQLNamedType): string | null {
  if (!isObjectType(type)) return null;
  const fields = type.getFields();
  const node = fields.node ?? fields.edges;
  if (!node) return null;
  const inner = getNamedType(node.type);
  return fields.node ? inner.name : nodeName(inner);
}

function describeField(typeName: string, field: GraphQLField<unknown, unknown>): void {
  const returned = getNamedType(field.type);
  if (returned.name.endsWith("Connection")) {
    for (const arg of field.args as GraphQLArgument[]) {
      const text = PAGING_ARGS[arg.name];
      if (text) describe(arg, text);
    }
  }
  if (typeName === "PageInfo") describe(field, PAGE_INFO[field.name] ?? field.name);
}

function describeType(type: GraphQLNamedType): void {
  if (type.name.startsWith("__")) return;
  if (isUnionType(type) && type.name.endsWith("Result")) {
    const members = type.getTypes().map((t) => t.name);
    describe(
      type,
      `Kết quả (result): ${members.join(" | ")}. Ask for __typename; the errors implement Error (\`... on Error { message }\`).`,
    );
    return;
  }
  if (!isObjectType(type)) return;
  const fields = type.getFields();
  if (type.name === "PageInfo") {
    describe(
      type,
      "Thông tin phân trang (Relay page info): whether more pages exist and the cursors to ask for them.",
    );
  } else if (type.name.endsWith("ConnectionEdge")) {
    const node = nodeName(type);
    describe(type, `Một ${node} của trang (one ${node} of a page, with its cursor).`);
    if (fields.node) describe(fields.node, `The ${node}.`);
    if (fields.cursor) {
      describe(
        fields.cursor,
        "Vị trí (opaque cursor of this record: pass it as `after` or `before`).",
      );
    }
  } else if (type.name.endsWith("Connection")) {
    const node = nodeName(type);
    describe(type, `Một trang ${node} (a page of ${node} records, Relay connection).`);
    if (fields.edges)
      describe(fields.edges, `The ${node} records of this page, in order, each with its cursor.`);
    if (fields.pageInfo)
      describe(fields.pageInfo, "Whether more pages exist, and the cursors to ask for them.");
    if (fields.totalCount) {
      describe(
        fields.totalCount,
        "Tổng số: every record matching the arguments (filters and scope), not only this page.",
      );
    }
  } else if (/^Mutation.+Success$/.test(type.name)) {
    const mutation = type.name.replace(/^Mutation/, "").replace(/Success$/, "");
    const name = mutation.charAt(0).toLowerCase() + mutation.slice(1);
    describe(type, `Thành công: ${name} succeeded; \`data\` is what it wrote or answered.`);
    if (fields.data) describe(fields.data, `What ${name} wrote or answered.`);
  }
  for (const field of Object.values(fields)) describeField(type.name, field);
}

/** Fills the missing descriptions of generated types and fields (see the comment above). */
export function describeGenerated(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) describeType(type);
  return schema;
}
