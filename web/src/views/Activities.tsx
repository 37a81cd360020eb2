// Hoạt động: a live ticker of what reporters record under the unit (graphql-ws), the activities
// of the period as a table that refreshes when figures change, and the commitments registered
// for the period's years (Commitments.tsx).
import { useSubscription } from "urql";
import { DataState } from "../components/DataState";
import { LiveDot } from "../components/LiveDot";
import { RecordList } from "../components/RecordList";
import { type ActivityFeedPush, ActivityFeedSubscription, type FeedEntry } from "../graphql/live";
import { ActivitiesQuery } from "../graphql/records";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { formatDateTime } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { activityKinds } from "../lib/labels";
import { periodLabel } from "../lib/period";
import styles from "./Activities.module.css";
import { CommitmentList } from "./Commitments";

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
  const span = { underUnitId: unitId, from: range.from, to: range.to };
  const caption = periodLabel(period, lang);
  const [{ data: feed, error }] = useSubscription(
    { query: ActivityFeedSubscription, variables: { unitId, recent: 15 }, pause: !unitId },
    foldFeed,
  );

  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.activities")} <LiveDot />
      </h1>
      <div className={`grid ${styles.gridActivities}`}>
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
              <ol className={styles.feed} aria-live="polite" aria-label={t("activities.title")}>
                {f.entries.map((entry) => (
                  <li
                    key={`${entry.entity}:${entry.id}:${entry.at}`}
                    className={`${styles.feedItem} ${f.fresh.includes(entry.id) ? styles.feedItemNew : ""}`}
                  >
                    <div className={styles.feedDate}>
                      <strong>{formatDateTime(entry.at)}</strong>
                      <span className="muted">{entry.unitName}</span>
                    </div>
                    <p className={styles.feedTitle}>{entry.summary}</p>
                  </li>
                ))}
              </ol>
            )}
          </DataState>
        </section>
        <RecordList
          query={ActivitiesQuery}
          filter={span}
          page={(data) => data.activities}
          title={`${t("nav.activities")} — ${caption}`}
          kind="activity"
          name={(a) => a.title}
          unitId={unitId}
          columns={(column) => [
            column.date("date", t("activities.date"), (a) => a.occurredOn),
            column.text("title", t("activities.name"), (a) => a.title),
            column.text("unit", t("activities.unit"), (a) => a.unit.name),
            column.label("kind", t("activities.kind"), activityKinds, (a) => a.kind),
            column.number("sessions", t("activities.sessions"), (a) => a.sessions),
            column.number("attendance", t("activities.attendance"), (a) => a.attendance),
          ]}
        />
      </div>
      <CommitmentList filter={span} unitId={unitId} caption={caption} />
    </LiveFiguresProvider>
  );
}
