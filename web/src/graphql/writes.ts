// The entry forms' writes. Each answers with its Success type or a typed error
// (WriteErrorFields); the form needs only which of the two it got.
import { WriteErrorFields } from "./fragments";
import { graphql, type ResultOf } from "./tada";

/** A write's typed error: its message, and the fields an InputError names. */
export type WriteError = ResultOf<typeof WriteErrorFields>;

/** Any write's answer: its Success member or a typed error. */
export type WriteAnswer = { __typename: `Mutation${string}Success` } | WriteError;

export const RecordActivityMutation = graphql(
  `
    mutation RecordActivity($input: RecordActivityInput!) {
      recordActivity(input: $input) {
        __typename
        ... on MutationRecordActivitySuccess {
          data {
            id
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const RegisterModelMutation = graphql(
  `
    mutation RegisterModel($input: RegisterModelInput!) {
      registerModel(input: $input) {
        __typename
        ... on MutationRegisterModelSuccess {
          data {
            id
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const RecordAwardMutation = graphql(
  `
    mutation RecordAward($input: RecordAwardInput!) {
      recordAward(input: $input) {
        __typename
        ... on MutationRecordAwardSuccess {
          data {
            id
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const RegisterCommitmentMutation = graphql(
  `
    mutation RegisterCommitment($input: RegisterCommitmentInput!) {
      registerCommitment(input: $input) {
        __typename
        ... on MutationRegisterCommitmentSuccess {
          data {
            id
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const RecordModelContributionMutation = graphql(
  `
    mutation RecordModelContribution($input: RecordModelContributionInput!) {
      recordModelContribution(input: $input) {
        __typename
        ... on MutationRecordModelContributionSuccess {
          data {
            id
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);
