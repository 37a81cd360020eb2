// Hoạt động: a live ticker of what reporters record under the unit (graphql-ws), and the
// activities of the period as a table that refreshes when figures change.
import { useState } from "react";
import { useSubscription } from "urql";
import { useLiveStatus } from "../client";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { type ActivityFeedPush, ActivityFeedSubscription, type FeedEntry } from "../graphql/live";
import { ActivitiesQuery, type ActivityNode } from "../graphql/records";
import { LiveFiguresProvider, useFreshQuery } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { formatDate, formatDateTime, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { activityKinds, label } from "../lib/labels";
import { periodLabel } from "../lib/period";

const FEED_SIZE = 30;

interface Feed {
  entries: FeedEntry[];
  /** Ids that arrived after the backlog: highlighted as new. */
  fresh: string[];
  mayHaveMissed: boolean;
}

/** Folds pushes into the ticker, newest first, without duplicates. */
export function foldFeed(previous: Feed | undefined, push: ActivityFeedPush): Feed {
  const batch = push.activityFeed;
  const incoming = [...batch.entries].reverse();
  const seen = new Set<string>();
  const entries = [...incoming, ...(previous?.entries ?? [])]
    .filter((e) => {
      const key = `${e.entity}:${e.id}:${e.action}:${e.at}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, FEED_SIZE);
  return {
    entries,
    fresh: batch.initial ? [] : [...incoming.map((e) => e.id), ...(previous?.fresh ?? [])],
    mayHaveMissed: batch.mayHaveMissed || (previous?.mayHaveMissed ?? false),
  };
}

export function Activities() {
  const { t, lang } = useI18n();
  const { unitId, range, period } = useDashboardParams();
  const live = useLiveStatus();
  const [{ data: feed, error }] = useSubscription(
    { query: ActivityFeedSubscription, variables: { unitId, recent: 15 }, pause: !unitId },
    foldFeed,
  );

  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.activities")}{" "}
        {live === "connected" && <span className="live-dot">{t("live.connected")}</span>}
      </h1>
      <div className="grid grid-activities">
        <section className="card" aria-labelledby="feed-title">
          <header className="card-header">
            <div>
              <h2 className="card-title" id="feed-title">
                {t("activities.title")}
              </h2>
              <p className="card-subtitle">{t("activities.live")}</p>
            </div>
          </header>
          <DataState
            fetching={!feed}
            error={error}
            data={feed}
            isEmpty={(f) => f.entries.length === 0}
          >
            {(f) => (
              <ol className="feed" aria-live="polite" aria-label={t("activities.title")}>
                {f.entries.map((entry) => (
                  <li
                    key={`${entry.entity}:${entry.id}:${entry.at}`}
                    className={`feed-item ${f.fresh.includes(entry.id) ? "feed-item-new" : ""}`}
                  >
                    <div className="feed-date">
                      <strong>{formatDateTime(entry.at)}</strong>
                      <span className="muted">{entry.unitName}</span>
                    </div>
                    <p className="feed-title">{entry.summary}</p>
                  </li>
                ))}
              </ol>
            )}
          </DataState>
        </section>
        <PeriodActivities
          unitId={unitId}
          from={range.from}
          to={range.to}
          caption={periodLabel(period, lang)}
        />
      </div>
    </LiveFiguresProvider>
  );
}

function PeriodActivities({
  unitId,
  from,
  to,
  caption,
}: {
  unitId: string;
  from: string;
  to: string;
  caption: string;
}) {
  const { t, lang } = useI18n();
  const [pages, setPages] = useState(1);
  const [result, reexecute] = useFreshQuery({
    query: ActivitiesQuery,
    variables: { filter: { underUnitId: unitId, from, to }, first: 50 * pages },
  });
  const connection = result.data?.activities;
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={connection}
      isEmpty={(c) => c.edges.length === 0}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(c) => (
        <DataTable<ActivityNode>
          title={`${t("nav.activities")} — ${caption}`}
          caption={t("table.records", { count: c.totalCount ?? c.edges.length })}
          rows={c.edges.map((e) => e.node)}
          rowKey={(a) => a.id}
          columns={[
            {
              key: "date",
              header: t("activities.date"),
              render: (a) => formatDate(a.occurredOn),
              csv: (a) => formatDate(a.occurredOn),
            },
            {
              key: "title",
              header: t("activities.name"),
              render: (a) => a.title,
              csv: (a) => a.title,
            },
            {
              key: "unit",
              header: t("activities.unit"),
              render: (a) => a.unit.name,
              csv: (a) => a.unit.name,
            },
            {
              key: "kind",
              header: t("activities.kind"),
              render: (a) => label(activityKinds, a.kind, lang),
              csv: (a) => label(activityKinds, a.kind, lang),
            },
            {
              key: "sessions",
              header: t("activities.sessions"),
              numeric: true,
              render: (a) => formatNumber(a.sessions, lang),
              csv: (a) => a.sessions,
            },
            {
              key: "attendance",
              header: t("activities.attendance"),
              numeric: true,
              render: (a) => formatNumber(a.attendance, lang),
              csv: (a) => a.attendance,
            },
          ]}
          footer={
            c.pageInfo.hasNextPage ? (
              <div className="table-footer">
                <button type="button" className="button" onClick={() => setPages(pages + 1)}>
                  {t("models.more")}
                </button>
              </div>
            ) : undefined
          }
        />
      )}
    </DataState>
  );
}
