// The record lists (models, awards, activities, commitments): one page of a connection under a unit, with its
// total for the caption. Each list asks the same page shape (RecordPageFields) and says only
// which fields of its record it shows.
import { graphql, type ResultOf, type VariablesOf } from "./tada";

/** Whether a list has more, and what a unit is called in a row. */
const RecordPageFields = graphql(`
  fragment RecordPageFields on PageInfo {
    hasNextPage
    endCursor
  }
`);

/** A row of a record connection. */
type RowOf<Connection extends { edges: readonly { node: unknown }[] }> =
  Connection["edges"][number]["node"];

const RecordUnitFields = graphql(`
  fragment RecordUnitFields on Unit {
    id
    name
  }
`);

const ModelRowFields = graphql(
  `
    fragment ModelRowFields on Model {
      id
      name
      sector
      level
      status
      programme
      leadOrganisation
      startedOn
      description
      unit { ...RecordUnitFields }
    }
  `,
  [RecordUnitFields],
);

export const ModelsQuery = graphql(
  `
    query Models($filter: ModelFilter, $first: Int!, $after: String) {
      models(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo { ...RecordPageFields }
        edges { node { ...ModelRowFields } }
      }
    }
  `,
  [RecordPageFields, ModelRowFields],
);

export type ModelNode = ResultOf<typeof ModelRowFields>;

export const AwardsQuery = graphql(
  `
    query Awards($filter: AwardFilter, $first: Int!, $after: String) {
      awards(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo { ...RecordPageFields }
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
            reason
            unit { ...RecordUnitFields }
          }
        }
      }
    }
  `,
  [RecordPageFields, RecordUnitFields],
);

export type AwardNode = RowOf<ResultOf<typeof AwardsQuery>["awards"]>;

export const ActivitiesQuery = graphql(
  `
    query Activities($filter: ActivityFilter, $first: Int!) {
      activities(filter: $filter, first: $first) {
        totalCount
        pageInfo { ...RecordPageFields }
        edges {
          node {
            id
            kind
            title
            occurredOn
            sessions
            attendance
            notes
            createdAt
            unit { ...RecordUnitFields }
          }
        }
      }
    }
  `,
  [RecordPageFields, RecordUnitFields],
);

export type ActivityNode = RowOf<ResultOf<typeof ActivitiesQuery>["activities"]>;

/** The list's filter as the Models page builds it from the address. */
export type ModelFilter = NonNullable<VariablesOf<typeof ModelsQuery>["filter"]>;

/** What people gave to a model, kept apart as reported; the total is derived by the API. */
const ContributionFigures = graphql(`
  fragment ContributionFigures on ContributionTotals {
    records
    participants
    landM2
    landValueVnd
    cashVnd
    inKindVnd
    workdays
    totalVnd
  }
`);

/** A model's page: its details, its contribution totals and its latest contributions. */
export const ModelPageQuery = graphql(
  `
    query ModelPage($id: ID!) {
      node(id: $id) {
        __typename
        ... on Model {
          ...ModelRowFields
          contributionTotals { ...ContributionFigures }
          contributions(last: 20) {
            edges {
              node {
                id
                recordedOn
                participants
                landM2
                landValueVnd
                cashVnd
                inKindVnd
                workdays
                totalVnd
                note
              }
            }
          }
        }
      }
    }
  `,
  [ModelRowFields, ContributionFigures],
);

export type ModelPageData = ResultOf<typeof ModelPageQuery>;

/** A record's audited writes, newest first: what an administrator sees as its history. */
export const RecordHistoryQuery = graphql(`
  query RecordHistory($entityId: ID!) {
    auditLog(filter: { entityId: $entityId }, first: 20) {
      edges {
        node {
          id
          action
          at
          before
          after
          user { displayName }
        }
      }
    }
  }
`);

/** What the records an audit entry names by row id are called (units, themes, models). */
export const RecordNamesQuery = graphql(`
  query RecordNames($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Unit { name }
      ... on Theme { title }
      ... on Model { name }
    }
  }
`);

export const CommitmentsQuery = graphql(
  `
    query Commitments($filter: CommitmentFilter, $first: Int!) {
      commitments(filter: $filter, first: $first) {
        totalCount
        pageInfo { ...RecordPageFields }
        edges {
          node {
            id
            year
            kind
            title
            status
            registeredOn
            completedOn
            unit { ...RecordUnitFields }
          }
        }
      }
    }
  `,
  [RecordPageFields, RecordUnitFields],
);

export type CommitmentNode = RowOf<ResultOf<typeof CommitmentsQuery>["commitments"]>;
