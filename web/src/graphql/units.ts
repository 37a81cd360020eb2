// The unit tree as the navigation and the entry forms see it.
import { UnitSummaryFields } from "./fragments";
import { graphql } from "./tada";

/** Where a unit sits: its ancestors up to the account's scope and the units directly below. */
export const UnitContextQuery = graphql(
  `
    query UnitContext($id: ID!) {
      unit(id: $id) {
        ...UnitSummaryFields
        partyMembers
        childCount
        ancestors {
          ...UnitSummaryFields
        }
        children(first: 200) {
          edges {
            node {
              ...UnitSummaryFields
              childCount
              activeUntil
              successor {
                id
              }
            }
          }
        }
      }
    }
  `,
  [UnitSummaryFields],
);

/** A unit and every unit below it, by name: the choices of an entry form's unit field. */
export const UnitOptionsQuery = graphql(`
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
`);
