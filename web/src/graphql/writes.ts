// The entry forms' writes, and the corrections, deletions and status steps of the lists. Each
// answers with its Success type or a typed error (WriteErrorFields); a form needs only which of
// the two it got.
import { WriteErrorFields } from "./fragments";
import { SessionFields } from "./session";
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

export const CorrectActivityMutation = graphql(
  `
    mutation CorrectActivity($input: CorrectActivityInput!) {
      correctActivity(input: $input) {
        __typename
        ... on MutationCorrectActivitySuccess {
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

export const CorrectModelMutation = graphql(
  `
    mutation CorrectModel($input: CorrectModelInput!) {
      correctModel(input: $input) {
        __typename
        ... on MutationCorrectModelSuccess {
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

export const CorrectAwardMutation = graphql(
  `
    mutation CorrectAward($input: CorrectAwardInput!) {
      correctAward(input: $input) {
        __typename
        ... on MutationCorrectAwardSuccess {
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

export const ChangeModelStatusMutation = graphql(
  `
    mutation ChangeModelStatus($input: ChangeModelStatusInput!) {
      changeModelStatus(input: $input) {
        __typename
        ... on MutationChangeModelStatusSuccess {
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

export const DeleteActivityMutation = graphql(
  `
    mutation DeleteActivity($input: DeleteActivityInput!) {
      deleteActivity(input: $input) {
        __typename
        ... on MutationDeleteActivitySuccess {
          data
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const DeleteModelMutation = graphql(
  `
    mutation DeleteModel($input: DeleteModelInput!) {
      deleteModel(input: $input) {
        __typename
        ... on MutationDeleteModelSuccess {
          data
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const DeleteAwardMutation = graphql(
  `
    mutation DeleteAward($input: DeleteAwardInput!) {
      deleteAward(input: $input) {
        __typename
        ... on MutationDeleteAwardSuccess {
          data
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const DeleteCommitmentMutation = graphql(
  `
    mutation DeleteCommitment($input: DeleteCommitmentInput!) {
      deleteCommitment(input: $input) {
        __typename
        ... on MutationDeleteCommitmentSuccess {
          data
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields],
);

export const ChangeMyPasswordMutation = graphql(
  `
    mutation ChangeMyPassword($input: ChangeMyPasswordInput!) {
      changeMyPassword(input: $input) {
        __typename
        ... on MutationChangeMyPasswordSuccess {
          data {
            ...SessionFields
          }
        }
        ...WriteErrorFields
      }
    }
  `,
  [WriteErrorFields, SessionFields],
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

export const CorrectCommitmentMutation = graphql(
  `
    mutation CorrectCommitment($input: CorrectCommitmentInput!) {
      correctCommitment(input: $input) {
        __typename
        ... on MutationCorrectCommitmentSuccess {
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

export const CorrectModelContributionMutation = graphql(
  `
    mutation CorrectModelContribution($input: CorrectModelContributionInput!) {
      correctModelContribution(input: $input) {
        __typename
        ... on MutationCorrectModelContributionSuccess {
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

export const DeleteModelContributionMutation = graphql(
  `
    mutation DeleteModelContribution($input: DeleteModelContributionInput!) {
      deleteModelContribution(input: $input) {
        __typename
        ... on MutationDeleteModelContributionSuccess {
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
