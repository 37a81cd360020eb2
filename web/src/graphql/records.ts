// The record lists (models, awards, activities): one page of a connection under a unit,
// with its total for the caption.
import { graphql, type ResultOf, type VariablesOf } from "./tada";

export const ModelsQuery = graphql(`
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
`);

export type ModelNode = ResultOf<typeof ModelsQuery>["models"]["edges"][number]["node"];

export const AwardsQuery = graphql(`
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
`);

export type AwardNode = ResultOf<typeof AwardsQuery>["awards"]["edges"][number]["node"];

export const ActivitiesQuery = graphql(`
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
`);

export type ActivityNode = ResultOf<typeof ActivitiesQuery>["activities"]["edges"][number]["node"];

/** The list's filter as the Models page builds it from the address. */
export type ModelFilter = NonNullable<VariablesOf<typeof ModelsQuery>["filter"]>;
