// Signing in: the session the dashboard keeps (client.ts) is the login's answer as it came.
import { graphql, type ResultOf } from "./tada";

export const SessionFields = graphql(`
  fragment SessionFields on Session {
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
`);

export type SessionData = ResultOf<typeof SessionFields>;

export const LoginMutation = graphql(
  `
    mutation Login($username: String!, $password: String!) {
      login(username: $username, password: $password) {
        __typename
        ... on MutationLoginSuccess {
          data {
            ...SessionFields
          }
        }
        ... on Error {
          message
        }
      }
    }
  `,
  [SessionFields],
);
