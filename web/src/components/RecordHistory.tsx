// A record's audited writes for administrators (Lịch sử): who changed what and when, each
// correction as the fields it changed, before and after. Values read as on screen: enumerations
// by their label, days dd/mm/yyyy, and the units, themes and models a record points to by their
// names, not the row ids the audit log keeps.
import { useQuery } from "urql";
import { RecordHistoryQuery, RecordNamesQuery } from "../graphql/records";
import { formatDate, formatDateTime, formatNumber, type Lang } from "../lib/format";
import { type MessageKey, useI18n } from "../lib/i18n";
import {
  activityKinds,
  awardForms,
  awardLevels,
  commitmentKinds,
  commitmentStatuses,
  leadOrganisations,
  modelLevels,
  modelStatuses,
  recipientKinds,
  sectors,
} from "../lib/labels";
import {
  contributionFields,
  type RecordKind,
  recordFields,
  statusFields,
} from "../lib/recordFields";
import { DataState } from "./DataState";
import styles from "./RecordActions.module.css";

/** What a write did, by its operation's name (the audit log keeps the mutation's name). */
function actionKey(operation: string): MessageKey | null {
  if (operation === "changeModelStatus") return "record.status";
  if (operation === "recordModelContribution") return "audit.contributionAdded";
  if (operation === "correctModelContribution") return "audit.contributionCorrected";
  if (operation === "deleteModelContribution") return "audit.contributionDeleted";
  if (/^(record|register)/.test(operation)) return "audit.created";
  if (operation.startsWith("correct")) return "audit.updated";
  if (operation.startsWith("complete")) return "audit.completed";
  if (operation.startsWith("delete")) return "audit.deleted";
  return null;
}

/** What each field of a record is called on screen, from the forms' fields (audit keys are the API's). */
function fieldLabels(lang: Lang): Record<string, MessageKey> {
  const unitField = { name: "unitId", label: "field.unit", type: "text" } as const;
  const kinds: RecordKind[] = ["activity", "model", "award", "commitment"];
  return {
    ...Object.fromEntries(
      [
        ...kinds.flatMap((kind) => recordFields(kind, lang, unitField)),
        ...statusFields(lang),
        ...contributionFields(),
      ].map((f) => [f.name, f.label]),
    ),
    themeId: "field.theme",
    modelId: "field.model",
    completedOn: "field.completedOn",
    replicatedOn: "field.replicatedOn",
  };
}

/** Bookkeeping columns a reader does not need to see change. */
const HIDDEN = new Set(["id", "createdAt", "updatedAt", "createdById", "change"]);

/** Columns holding another record's row id, and the type its global id is built with. */
const REFERENCES: Record<string, string> = { unitId: "Unit", themeId: "Theme", modelId: "Model" };

const ENUM_LABELS = [
  sectors,
  modelStatuses,
  modelLevels,
  leadOrganisations,
  activityKinds,
  recipientKinds,
  awardLevels,
  awardForms,
  commitmentKinds,
  commitmentStatuses,
] as Record<string, { vi: string; en: string }>[];

/** A Relay global id, as the API builds it: base64 of "Type:id". */
const globalId = (type: string, id: unknown) => btoa(`${type}:${String(id)}`);

/** A stored value as a reader says it: enumerations by their label, days as dd/mm/yyyy. */
function shown(value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return formatNumber(value, lang);
  if (typeof value === "string") {
    const label = ENUM_LABELS.find((table) => table[value])?.[value];
    if (label) return label[lang];
    if (/^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/.test(value)) return formatDate(value);
    return value;
  }
  return JSON.stringify(value);
}

/** A snapshot's fields; a contribution write keeps the contribution under `contribution`. */
function fieldsOf(snapshot: unknown): Record<string, unknown> {
  const record = (snapshot ?? {}) as Record<string, unknown>;
  const { contribution, ...rest } = record;
  if (!contribution || typeof contribution !== "object") return record;
  // The contribution's own modelId is its model, which the history is already about.
  const { modelId: _model, ...figures } = contribution as Record<string, unknown>;
  return { ...rest, ...figures };
}

/** The names of every unit, theme and model the entries point to, by global id. */
function useReferencedNames(snapshots: Record<string, unknown>[]): Map<string, string> {
  const ids = [
    ...new Set(
      snapshots.flatMap((snapshot) =>
        Object.entries(REFERENCES)
          .filter(([key]) => snapshot[key] !== null && snapshot[key] !== undefined)
          .map(([key, type]) => globalId(type, snapshot[key])),
      ),
    ),
  ].slice(0, 100);
  const [result] = useQuery({
    query: RecordNamesQuery,
    variables: { ids },
    pause: ids.length === 0,
  });
  const names = new Map<string, string>();
  for (const node of result.data?.nodes ?? []) {
    if (!node) continue;
    const name = "name" in node ? node.name : "title" in node ? node.title : undefined;
    if (typeof name === "string") names.set(node.id, name);
  }
  return names;
}

/** The history of the record whose global id is `entityId`. */
export function RecordHistory({ entityId }: { entityId: string }) {
  const { t, lang } = useI18n();
  const labels = fieldLabels(lang);
  const [result, reexecute] = useQuery({
    query: RecordHistoryQuery,
    variables: { entityId },
    requestPolicy: "network-only",
  });
  const edges = result.data?.auditLog.edges ?? [];
  const snapshots = edges.flatMap(({ node }) => [fieldsOf(node.before), fieldsOf(node.after)]);
  const names = useReferencedNames(snapshots);
  /** A value as said on screen: a reference by its name (its number only while it loads, or when it is gone). */
  const say = (key: string, value: unknown) => {
    const type = REFERENCES[key];
    if (type && value !== null && value !== undefined) {
      return names.get(globalId(type, value)) ?? `#${String(value)}`;
    }
    // A year is not a quantity: 2025, not 2.025.
    if (/year$/i.test(key) && typeof value === "number") return String(value);
    // Amounts in đồng are kept as text in the log (they may exceed a double's exact range).
    if (key.endsWith("Vnd") && typeof value === "string" && /^\d+$/.test(value)) {
      return `${formatNumber(Number(value), lang)} đ`;
    }
    return shown(value, lang);
  };
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={result.data?.auditLog.edges}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(entries) =>
        entries.length === 0 ? (
          <p className="muted">{t("record.noHistory")}</p>
        ) : (
          <ol className={styles.history}>
            {entries.map(({ node }) => {
              const before = fieldsOf(node.before);
              const after = fieldsOf(node.after);
              // Only what changed: a correction of one field lists that field.
              const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
                (key) => !HIDDEN.has(key) && say(key, before[key]) !== say(key, after[key]),
              );
              const action = actionKey(node.action);
              return (
                <li key={node.id}>
                  <p>
                    <strong>{action ? t(action) : node.action}</strong> · {formatDateTime(node.at)}{" "}
                    · {node.user?.displayName ?? "—"}
                  </p>
                  {keys.length > 0 && (
                    <div className="table-scroll">
                      <table className="table">
                        <thead>
                          <tr>
                            <th scope="col">{t("record.field")}</th>
                            <th scope="col">{t("record.before")}</th>
                            <th scope="col">{t("record.after")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {keys.map((key) => (
                            <tr key={key}>
                              <th scope="row">{labels[key] ? t(labels[key]) : key}</th>
                              <td>{say(key, before[key])}</td>
                              <td>{say(key, after[key])}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        )
      }
    </DataState>
  );
}
