import { GraphQLError, Kind } from "graphql";
import { builder } from "./builder";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): Date {
  if (typeof value !== "string" || !ISO_DATE.test(value)) {
    throw new GraphQLError(
      `Date must be a string in the form YYYY-MM-DD (got ${JSON.stringify(value)}).`,
    );
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date ${value} does not exist in the calendar.`);
  }
  return date;
}

builder.scalarType("Date", {
  description: "A calendar day, ISO 8601 (YYYY-MM-DD). Ngày.",
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 with time zone. Thời điểm.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (typeof value !== "string" || Number.isNaN(date.getTime())) {
      throw new GraphQLError(`DateTime must be an ISO 8601 string (got ${JSON.stringify(value)}).`);
    }
    return date;
  },
});

function parseVnd(value: unknown): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d{1,19}$/.test(value)) return BigInt(value);
  throw new GraphQLError(
    `Vnd must be a whole number of đồng, as an integer or a string of digits (got ${JSON.stringify(value)}).`,
  );
}

builder.scalarType("Vnd", {
  description:
    "An exact amount of Vietnamese đồng (VND). Serialised as a JSON number; accepted as a number or a string of digits.",
  serialize: (value) => {
    const n = typeof value === "bigint" ? value : BigInt(value);
    if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new GraphQLError("Amount exceeds the exactly representable range of a JSON number.");
    }
    return Number(n);
  },
  parseValue: parseVnd,
  parseLiteral: (ast) =>
    parseVnd(ast.kind === Kind.INT || ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType("JSON", {
  description: "Arbitrary JSON (audit snapshots).",
  serialize: (value) => value,
  parseValue: (value) => value,
});
