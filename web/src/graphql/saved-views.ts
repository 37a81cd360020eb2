// Saved views (góc nhìn đã lưu): the list the account may open, and saving, renaming and deleting
// one. Each write answers with its Success member or a typed error (WriteErrorFields).
import { WriteErrorFields } from "./fragments";
import { graphql, type ResultOf } from "./tada";

export const SavedViewFields = graphql(`
  fragment SavedViewFields on SavedView {
    id
    name
    path
    query
    mine
    ownerName
    unit {
      id
      name
    }
  }
`);

export type SavedViewNode = ResultOf<typeof SavedViewFields>;

export const SavedViewsQuery = graphql(
  `
    query SavedViews($underUnitId: ID) {
      savedViews(filter: { underUnitId: $underUnitId }, first: 100) {
        totalCount
        edges {
          node {
            ...SavedViewFields
          }
        }
      }
    }
  `,
  [SavedViewFields],
);

export const SaveViewMutation = graphql(
  `
    mutation SaveView($input: SaveViewInput!) {
      saveView(input: $input) {
        __typename
        ... on MutationSaveViewSuccess {
          data {
            ...SavedViewFields
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [SavedViewFields, WriteErrorFields],
);

export const RenameViewMutation = graphql(
  `
    mutation RenameView($input: RenameViewInput!) {
      renameView(input: $input) {
        __typename
        ... on MutationRenameViewSuccess {
          data {
            ...SavedViewFields
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [SavedViewFields, WriteErrorFields],
);

export const DeleteViewMutation = graphql(
  `
    mutation DeleteView($input: DeleteViewInput!) {
      deleteView(input: $input) {
        __typename
        ... on MutationDeleteViewSuccess {
          data
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);
