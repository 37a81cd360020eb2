// Shapes several operations select alike.
import { graphql } from "./tada";

/** What a breadcrumb, a picker or a table row shows of a unit. */
export const UnitSummaryFields = graphql(`
  fragment UnitSummaryFields on Unit {
    id
    name
    kind
    code
  }
`);

/** What a screen shows of a figure's typed error (InputError, NotFoundError): its message. */
export const ProblemFields = graphql(`
  fragment ProblemFields on Error {
    message
  }
`);

/**
 * A write's typed error (plugin-errors unions): its message, and for an InputError the fields it
 * names, which the form puts under its inputs.
 */
export const WriteErrorFields = graphql(`
  fragment WriteErrorFields on Error {
    __typename
    message
    ... on InputError {
      issues {
        path
        message
      }
    }
  }
`);
