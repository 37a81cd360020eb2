// The figures: headline numbers, units ranked, a measure over time, and the generic
// measures × dimensions query. Each answers with its result or a typed error (see answers.ts).
import { ProblemFields, UnitSummaryFields } from "./fragments";
import { graphql, type ResultOf, type SchemaEnum } from "./tada";

export const OverviewQuery = graphql(
  `
    query Overview($unitId: ID!, $period: PeriodInput!) {
      overview(unitId: $unitId, period: $period) {
        __typename
        ... on Overview {
          unit {
            ...UnitSummaryFields
          }
          period {
            from
            to
          }
          previousPeriod {
            from
            to
          }
          asOf
          periodEnded
          comparedSameSpan
          figures {
            measure
            value
            previousValue
            change
            underTarget
            targetBasis
            target {
              value
              direction
            }
            combinedTarget {
              value
              direction
              rule
              level
              units
            }
          }
          members {
            on
            partyMembers
          }
        }
        ...ProblemFields
      }
    }
  `,
  [UnitSummaryFields, ProblemFields],
);

/** One headline figure: value, the same span of the previous period, and the relative change. */
export type Figure = Extract<
  ResultOf<typeof OverviewQuery>["overview"],
  { __typename: "Overview" }
>["figures"][number];

export const ComparisonQuery = graphql(
  `
    query Comparison(
      $unitId: ID!
      $childLevel: UnitKind!
      $measure: Measure!
      $period: PeriodInput!
      $perCapita: Boolean
      $sector: ModelSector
    ) {
      comparison(
        unitId: $unitId
        childLevel: $childLevel
        measure: $measure
        period: $period
        perCapita: $perCapita
        sector: $sector
      ) {
        __typename
        ... on Comparison {
          laggardRule
          targetBasis
          targetNote
          target {
            value
            direction
          }
          asOf
          comparedSameSpan
          previousPeriod {
            from
            to
          }
          rows {
            unit {
              ...UnitSummaryFields
            }
            members {
              partyMembers
            }
            value
            perHundredMembers
            previousValue
            change
            rank
            quartile
            reported
            laggard
            underTarget
            target {
              value
              direction
            }
          }
        }
        ...ProblemFields
      }
    }
  `,
  [UnitSummaryFields, ProblemFields],
);

/** The answer of a comparison: its rows, the laggard rule and the target line. */
export type ComparisonAnswer = Extract<
  ResultOf<typeof ComparisonQuery>["comparison"],
  { __typename: "Comparison" }
>;

/** One unit's line in a comparison (quartile 4 holds the lowest and the units without a figure). */
export type ComparisonRow = Extract<
  ResultOf<typeof ComparisonQuery>["comparison"],
  { __typename: "Comparison" }
>["rows"][number];

export type Granularity = SchemaEnum<"Granularity">;

export const TrendQuery = graphql(
  `
    query Trend($unitId: ID!, $measure: Measure!, $granularity: Granularity!, $period: PeriodInput!) {
      trend(unitId: $unitId, measure: $measure, granularity: $granularity, period: $period) {
        __typename
        ... on Trend {
          points {
            key
            start
            to
            label
            value
            reported
            complete
            previousLabel
            previousValue
          }
        }
        ...ProblemFields
      }
    }
  `,
  [ProblemFields],
);

export const MetricsQuery = graphql(
  `
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
        ...ProblemFields
      }
    }
  `,
  [ProblemFields],
);
