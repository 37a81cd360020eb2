// Every GraphQL operation the dashboard sends, as named module-level constants with hand-written
// result and variable types. operations.test.ts validates each document against
// schema/schema.graphql, so a renamed field fails a test instead of a screen.
import { gql, type TypedDocumentNode } from "urql";
import type { Role } from "../client";
import type {
  ActivityKind,
  AwardForm,
  AwardLevel,
  CommitmentKind,
  Dimension,
  LeadOrganisation,
  Measure,
  ModelLevel,
  ModelSector,
  ModelStatus,
  RecipientKind,
  UnitKind,
} from "../lib/labels";
import type { PeriodInput } from "../lib/period";

// ───────────── Shared shapes ─────────────

export interface UnitSummary {
  id: string;
  name: string;
  kind: UnitKind;
  code: string;
}

export interface FieldIssue {
  path: string[];
  message: string;
}

/** Every mutation answers with its success type or one of these (plugin-errors unions). */
export type MutationError =
  | { __typename: "InputError"; message: string; issues: FieldIssue[] }
  | {
      __typename: "AuthenticationError" | "ForbiddenError" | "NotFoundError" | "BaseError";
      message: string;
    };

interface Connection<Node> {
  totalCount?: number | null;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Node }[];
}

// ───────────── Session ─────────────

export interface LoginResult {
  login:
    | {
        __typename: "MutationLoginSuccess";
        data: {
          token: string;
          expiresAt: string;
          user: {
            id: string;
            username: string;
            displayName: string;
            role: Role;
            scope: { id: string; name: string; kind: UnitKind };
          };
        };
      }
    | { __typename: "AuthenticationError" | "InputError"; message: string };
}

export const LoginMutation: TypedDocumentNode<LoginResult, { username: string; password: string }> =
  gql`
    mutation Login($username: String!, $password: String!) {
      login(username: $username, password: $password) {
        __typename
        ... on MutationLoginSuccess {
          data {
            token
            expiresAt
            user {
              id
              username
              displayName
              role
              scope {
                id
                name
                kind
              }
            }
          }
        }
        ... on Error {
          message
        }
      }
    }
  `;

// ───────────── Units ─────────────

export interface UnitContext {
  unit:
    | (UnitSummary & {
        partyMembers: number;
        childCount: number;
        ancestors: UnitSummary[];
        children: { edges: { node: UnitSummary & { childCount: number } }[] };
      })
    | null;
}

export const UnitContextQuery: TypedDocumentNode<UnitContext, { id: string }> = gql`
  query UnitContext($id: ID!) {
    unit(id: $id) {
      id
      name
      kind
      code
      partyMembers
      childCount
      ancestors {
        id
        name
        kind
        code
      }
      children(first: 200) {
        edges {
          node {
            id
            name
            kind
            code
            childCount
          }
        }
      }
    }
  }
`;

// ───────────── Analytics ─────────────

export interface Figure {
  measure: Measure;
  value: number | null;
  previousValue: number | null;
  /** (value − previous) / previous; null when previous is 0 or null. */
  change: number | null;
}

/** Analytics answer with their result or a typed error (InputError, NotFoundError). */
export type Answer<Typename extends string, T> =
  | ({ __typename: Typename } & T)
  | { __typename: "InputError" | "NotFoundError"; message: string };

export interface OverviewResult {
  overview: Answer<
    "Overview",
    {
      unit: UnitSummary;
      period: PeriodInput;
      previousPeriod: PeriodInput;
      figures: Figure[];
    }
  >;
}

export const OverviewQuery: TypedDocumentNode<
  OverviewResult,
  { unitId: string; period: PeriodInput }
> = gql`
  query Overview($unitId: ID!, $period: Period!) {
    overview(unitId: $unitId, period: $period) {
      __typename
      ... on Overview {
        unit {
          id
          name
          kind
          code
        }
        period {
          from
          to
        }
        previousPeriod {
          from
          to
        }
        figures {
          measure
          value
          previousValue
          change
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export interface ComparisonRow {
  unit: UnitSummary & { partyMembers: number };
  value: number | null;
  perHundredMembers: number | null;
  previousValue: number | null;
  change: number | null;
  rank: number;
  /** 1 (top quarter) to 4 (lowest quarter, and units without a figure). */
  quartile: number;
  reported: boolean;
}

export interface ComparisonResult {
  comparison: Answer<"Comparison", { rows: ComparisonRow[] }>;
}

export const ComparisonQuery: TypedDocumentNode<
  ComparisonResult,
  {
    unitId: string;
    childLevel: UnitKind;
    measure: Measure;
    period: PeriodInput;
    perCapita?: boolean;
  }
> = gql`
  query Comparison(
    $unitId: ID!
    $childLevel: UnitKind!
    $measure: Measure!
    $period: Period!
    $perCapita: Boolean
  ) {
    comparison(
      unitId: $unitId
      childLevel: $childLevel
      measure: $measure
      period: $period
      perCapita: $perCapita
    ) {
      __typename
      ... on Comparison {
        rows {
          unit {
            id
            name
            kind
            code
            partyMembers
          }
          value
          perHundredMembers
          previousValue
          change
          rank
          quartile
          reported
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export type Granularity = "MONTH" | "QUARTER" | "YEAR";

export interface TrendResult {
  trend: Answer<
    "Trend",
    { points: { key: string; start: string; label: string; value: number | null }[] }
  >;
}

export const TrendQuery: TypedDocumentNode<
  TrendResult,
  { unitId: string; measure: Measure; granularity: Granularity; period: PeriodInput }
> = gql`
  query Trend($unitId: ID!, $measure: Measure!, $granularity: Granularity!, $period: Period!) {
    trend(unitId: $unitId, measure: $measure, granularity: $granularity, period: $period) {
      __typename
      ... on Trend {
        points {
          key
          start
          label
          value
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

export interface MetricsResult {
  metrics: Answer<
    "Metrics",
    {
      rows: {
        keys: { dimension: Dimension; key: string; label: string }[];
        values: (number | null)[];
      }[];
    }
  >;
}

export interface MetricsVariables {
  input: {
    unitId: string;
    measures: Measure[];
    dimensions: Dimension[];
    period: PeriodInput;
    unitLevel?: UnitKind;
    limit?: number;
  };
}

export const MetricsQuery: TypedDocumentNode<MetricsResult, MetricsVariables> = gql`
  query Metrics($input: MetricsInput!) {
    metrics(input: $input) {
      __typename
      ... on Metrics {
        rows {
          keys {
            dimension
            key
            label
          }
          values
        }
      }
      ... on Error {
        message
      }
    }
  }
`;

// ───────────── Lists ─────────────

export interface ModelNode {
  id: string;
  name: string;
  sector: ModelSector;
  level: ModelLevel;
  status: ModelStatus;
  programme: string | null;
  leadOrganisation: LeadOrganisation;
  startedOn: string;
  unit: { id: string; name: string };
}

export interface ModelsResult {
  models: Connection<ModelNode>;
}

export interface ModelFilterInput {
  underUnitId?: string;
  sector?: ModelSector;
  status?: ModelStatus;
  programme?: string;
  search?: string;
  /** Started on or before this day. */
  to?: string;
}

export const ModelsQuery: TypedDocumentNode<
  ModelsResult,
  { filter: ModelFilterInput; first: number; after?: string | null }
> = gql`
  query Models($filter: ModelFilter, $first: Int!, $after: String) {
    models(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          sector
          level
          status
          programme
          leadOrganisation
          startedOn
          unit {
            id
            name
          }
        }
      }
    }
  }
`;

export interface AwardNode {
  id: string;
  recipientKind: RecipientKind;
  recipientName: string | null;
  recipientCount: number;
  level: AwardLevel;
  form: AwardForm;
  issuer: string | null;
  awardedOn: string;
  unit: { id: string; name: string };
}

export interface AwardsResult {
  awards: Connection<AwardNode>;
}

export const AwardsQuery: TypedDocumentNode<
  AwardsResult,
  {
    filter: { underUnitId?: string; from?: string; to?: string };
    first: number;
    after?: string | null;
  }
> = gql`
  query Awards($filter: AwardFilter, $first: Int!, $after: String) {
    awards(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          recipientKind
          recipientName
          recipientCount
          level
          form
          issuer
          awardedOn
          unit {
            id
            name
          }
        }
      }
    }
  }
`;

export interface ActivityNode {
  id: string;
  kind: ActivityKind;
  title: string;
  occurredOn: string;
  sessions: number;
  attendance: number;
  createdAt: string;
  unit: { id: string; name: string };
}

export interface ActivitiesResult {
  activities: Connection<ActivityNode>;
}

export const ActivitiesQuery: TypedDocumentNode<
  ActivitiesResult,
  { filter: { underUnitId?: string; from?: string; to?: string }; first: number }
> = gql`
  query Activities($filter: ActivityFilter, $first: Int!) {
    activities(filter: $filter, first: $first) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          occurredOn
          sessions
          attendance
          createdAt
          unit {
            id
            name
          }
        }
      }
    }
  }
`;

// ───────────── Writes ─────────────

export interface RecordActivityInput {
  unitId: string;
  kind: ActivityKind;
  title: string;
  occurredOn: string;
  sessions?: number;
  attendance: number;
  notes?: string;
  idempotencyKey?: string;
}

export interface RecordActivityResult {
  recordActivity:
    | { __typename: "MutationRecordActivitySuccess"; data: { id: string } }
    | MutationError;
}

const errorFields = `
  ... on Error {
    message
  }
  ... on InputError {
    issues {
      path
      message
    }
  }
`;

export const RecordActivityMutation: TypedDocumentNode<
  RecordActivityResult,
  { input: RecordActivityInput }
> = gql`
  mutation RecordActivity($input: RecordActivityInput!) {
    recordActivity(input: $input) {
      __typename
      ... on MutationRecordActivitySuccess {
        data {
          id
        }
      }
      ${errorFields}
    }
  }
`;

export interface RegisterModelInput {
  unitId: string;
  name: string;
  sector: ModelSector;
  level: ModelLevel;
  programme?: string;
  leadOrganisation: LeadOrganisation;
  startedOn: string;
  description?: string;
  idempotencyKey?: string;
}

export interface RegisterModelResult {
  registerModel:
    | { __typename: "MutationRegisterModelSuccess"; data: { id: string } }
    | MutationError;
}

export const RegisterModelMutation: TypedDocumentNode<
  RegisterModelResult,
  { input: RegisterModelInput }
> = gql`
  mutation RegisterModel($input: RegisterModelInput!) {
    registerModel(input: $input) {
      __typename
      ... on MutationRegisterModelSuccess {
        data {
          id
        }
      }
      ${errorFields}
    }
  }
`;

export interface RecordAwardInput {
  unitId: string;
  recipientKind: RecipientKind;
  recipientName?: string;
  recipientCount?: number;
  level: AwardLevel;
  form: AwardForm;
  issuer?: string;
  awardedOn: string;
  reason?: string;
  idempotencyKey?: string;
}

export interface RecordAwardResult {
  recordAward: { __typename: "MutationRecordAwardSuccess"; data: { id: string } } | MutationError;
}

export const RecordAwardMutation: TypedDocumentNode<
  RecordAwardResult,
  { input: RecordAwardInput }
> = gql`
    mutation RecordAward($input: RecordAwardInput!) {
      recordAward(input: $input) {
        __typename
        ... on MutationRecordAwardSuccess {
          data {
            id
          }
        }
        ${errorFields}
      }
    }
  `;

export interface RegisterCommitmentInput {
  unitId: string;
  year: number;
  kind: CommitmentKind;
  title: string;
  registeredOn: string;
  idempotencyKey?: string;
}

export interface RegisterCommitmentResult {
  registerCommitment:
    | { __typename: "MutationRegisterCommitmentSuccess"; data: { id: string } }
    | MutationError;
}

export const RegisterCommitmentMutation: TypedDocumentNode<
  RegisterCommitmentResult,
  { input: RegisterCommitmentInput }
> = gql`
  mutation RegisterCommitment($input: RegisterCommitmentInput!) {
    registerCommitment(input: $input) {
      __typename
      ... on MutationRegisterCommitmentSuccess {
        data {
          id
        }
      }
      ${errorFields}
    }
  }
`;

// ───────────── Live ─────────────

export interface FeedEntry {
  id: string;
  action: "CREATED" | "UPDATED" | "DELETED";
  entity: "ACTIVITY" | "AWARD" | "COMMITMENT" | "MODEL" | "UNIT";
  summary: string;
  unitId: string;
  unitName: string;
  at: string;
}

export interface ActivityFeedResult {
  activityFeed: {
    initial: boolean;
    mayHaveMissed: boolean;
    droppedCount: number;
    entries: FeedEntry[];
  };
}

export const ActivityFeedSubscription: TypedDocumentNode<
  ActivityFeedResult,
  { unitId: string; recent?: number }
> = gql`
  subscription ActivityFeed($unitId: ID!, $recent: Int) {
    activityFeed(unitId: $unitId, recent: $recent) {
      initial
      mayHaveMissed
      droppedCount
      entries {
        id
        action
        entity
        summary
        unitId
        unitName
        at
      }
    }
  }
`;

export interface FiguresChangedResult {
  liveFigures: { unitId: string; kind: string; changedAt: string; coalescedChanges: number };
}

/** Pushed whenever figures under the unit change (coalesced by the server). */
export const FiguresChangedSubscription: TypedDocumentNode<
  FiguresChangedResult,
  { unitId: string }
> = gql`
  subscription FiguresChanged($unitId: ID!) {
    liveFigures(unitId: $unitId) {
      unitId
      kind
      changedAt
      coalescedChanges
    }
  }
`;

export interface ModelStatusCounts {
  registered: { totalCount: number | null };
  maintained: { totalCount: number | null };
  replicated: { totalCount: number | null };
  discontinued: { totalCount: number | null };
}

/** How many models are in each status: four exact counts in one request. */
export const ModelStatusCountsQuery: TypedDocumentNode<
  ModelStatusCounts,
  { underUnitId: string; programme?: string | null; to?: string | null }
> = gql`
  query ModelStatusCounts($underUnitId: ID!, $programme: String, $to: Date) {
    registered: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, status: REGISTERED }, first: 1) {
      totalCount
    }
    maintained: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, status: MAINTAINED }, first: 1) {
      totalCount
    }
    replicated: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, status: REPLICATED }, first: 1) {
      totalCount
    }
    discontinued: models(filter: { underUnitId: $underUnitId, programme: $programme, to: $to, status: DISCONTINUED }, first: 1) {
      totalCount
    }
  }
`;

export interface UnitOptionsResult {
  unit: { id: string; name: string; kind: UnitKind } | null;
  units: { edges: { node: { id: string; name: string; kind: UnitKind; depth: number } }[] };
}

export const UnitOptionsQuery: TypedDocumentNode<UnitOptionsResult, { id: string }> = gql`
  query UnitOptions($id: ID!) {
    unit(id: $id) {
      id
      name
      kind
    }
    units(filter: { underUnitId: $id }, orderBy: NAME_ASC, first: 500) {
      edges {
        node {
          id
          name
          kind
          depth
        }
      }
    }
  }
`;

/** Splits an analytics answer into its result or the message of its typed error. */
export function unwrap<Typename extends string, T>(
  answer: Answer<Typename, T> | null | undefined,
  typename: Typename,
): { value?: { __typename: Typename } & T; problem?: string } {
  if (!answer) return {};
  if (answer.__typename === typename) return { value: answer as { __typename: Typename } & T };
  return { problem: (answer as { message: string }).message };
}

// ───────────── Models by sector, narrowed like the list ─────────────

const SECTOR_KEYS = [
  "ECONOMY",
  "CULTURE_SOCIETY",
  "SECURITY_ORDER",
  "PARTY_BUILDING",
  "ENVIRONMENT",
] as const satisfies readonly ModelSector[];

/** Per sector: models started by `to` (alias = sector key) and those of them discontinued. */
export type ModelSectorCounts = Record<string, { totalCount: number | null }>;

function sectorCountFields(): string {
  return SECTOR_KEYS.map((sector) => {
    const where = `underUnitId: $underUnitId, programme: $programme, to: $to, sector: ${sector}`;
    return `${sector}: models(filter: { ${where} }, first: 1) { totalCount }
    ${sector}_DISCONTINUED: models(filter: { ${where}, status: DISCONTINUED }, first: 1) { totalCount }`;
  }).join("\n    ");
}

/**
 * Models of a programme by sector. The analytics have no programme filter, so when the list is
 * narrowed to a programme the sector chart counts the same models the list shows: started by the
 * end of the period and not discontinued (current status).
 */
export const ModelSectorCountsQuery: TypedDocumentNode<
  ModelSectorCounts,
  { underUnitId: string; programme: string; to: string }
> = gql(`
  query ModelSectorCounts($underUnitId: ID!, $programme: String!, $to: Date!) {
    ${sectorCountFields()}
  }
`);

/** The chart's categories from ModelSectorCountsQuery's answer: active = started − discontinued. */
export function activeBySector(data: ModelSectorCounts): { key: ModelSector; value: number }[] {
  return SECTOR_KEYS.map((key) => ({
    key,
    value: Math.max(
      0,
      (data[key]?.totalCount ?? 0) - (data[`${key}_DISCONTINUED`]?.totalCount ?? 0),
    ),
  }));
}

// ───────────── Spreadsheet import ─────────────

export type RecordImportKind = "ACTIVITIES" | "MODELS" | "AWARDS";
export type RecordImportFormat = "CSV" | "XLSX";

export interface RecordImportColumnSpec {
  field: string;
  header: string;
  english: string;
  description: string;
  required: boolean;
}

export const RecordImportColumnsQuery: TypedDocumentNode<
  { recordImportColumns: RecordImportColumnSpec[] },
  { kind: RecordImportKind }
> = gql`
  query RecordImportColumns($kind: RecordImportKind!) {
    recordImportColumns(kind: $kind) {
      field
      header
      english
      description
      required
    }
  }
`;

export interface RecordImportIssue {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}

export interface RecordImportReport {
  ok: boolean;
  dryRun: boolean;
  kind: RecordImportKind;
  format: RecordImportFormat;
  rowsRead: number;
  created: number;
  errorCount: number;
  errors: RecordImportIssue[];
  columns: { header: string; field: string | null }[];
  preview: { row: number; cells: string[]; ok: boolean }[];
  fileHash: string;
}

export interface ImportRecordsInput {
  kind: RecordImportKind;
  format: RecordImportFormat;
  content: string;
  dryRun: boolean;
  idempotencyKey?: string;
}

export interface ImportRecordsResult {
  importRecords:
    | { __typename: "MutationImportRecordsSuccess"; data: RecordImportReport }
    | MutationError;
}

export const ImportRecordsMutation: TypedDocumentNode<
  ImportRecordsResult,
  { input: ImportRecordsInput }
> = gql`
  mutation ImportRecords($input: ImportRecordsInput!) {
    importRecords(input: $input) {
      __typename
      ... on MutationImportRecordsSuccess {
        data {
          ok
          dryRun
          kind
          format
          rowsRead
          created
          errorCount
          errors {
            row
            column
            field
            message
          }
          columns {
            header
            field
          }
          preview {
            row
            cells
            ok
          }
          fileHash
        }
      }
      ${errorFields}
    }
  }
`;
