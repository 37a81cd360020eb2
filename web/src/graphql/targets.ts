// Targets (chỉ tiêu): those that bear on a unit, and setting or removing one (administrators).
// Each write answers with its Success member or a typed error (WriteErrorFields).
import { WriteErrorFields } from "./fragments";
import { graphql, type ResultOf } from "./tada";

export const TargetFields = graphql(`
  fragment TargetFields on Target {
    id
    measure
    level
    sector
    value
    direction
    yearly
    setByName
    unit {
      id
      name
    }
  }
`);

export type TargetNode = ResultOf<typeof TargetFields>;

export const TargetsQuery = graphql(
  `
    query Targets($unitId: ID, $measure: Measure) {
      targets(filter: { unitId: $unitId, measure: $measure }, first: 100) {
        edges {
          node {
            ...TargetFields
          }
        }
      }
    }
  `,
  [TargetFields],
);

export const SetTargetMutation = graphql(
  `
    mutation SetTarget($input: SetTargetInput!) {
      setTarget(input: $input) {
        __typename
        ... on MutationSetTargetSuccess {
          data {
            ...TargetFields
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [TargetFields, WriteErrorFields],
);

export const RemoveTargetMutation = graphql(
  `
    mutation RemoveTarget($input: RemoveTargetInput!) {
      removeTarget(input: $input) {
        __typename
        ... on MutationRemoveTargetSuccess {
          data
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);
