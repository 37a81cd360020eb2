// A row's buttons in the record lists: correct it (the entry form's fields, filled in), delete it
// after a confirmation, change a model's status, and for administrators its audited history
// (before/after of each write). The figures and the list follow through the live updates.
import { useState } from "react";
import { useClient, useQuery } from "urql";
import { useSession } from "../client";
import { RecordHistoryQuery } from "../graphql/records";
import { useUnitField } from "../hooks/useUnitField";
import { formatDate, formatDateTime, formatNumber, type Lang } from "../lib/format";
import { type MessageKey, useI18n } from "../lib/i18n";
import {
  activityKinds,
  awardForms,
  awardLevels,
  commitmentKinds,
  leadOrganisations,
  modelLevels,
  modelStatuses,
  recipientKinds,
  sectors,
} from "../lib/labels";
import { type RecordKind, recordFields, statusFields } from "../lib/recordFields";
import { sendWrite, type WriteOp } from "../lib/sendWrite";
import { DataState } from "./DataState";
import { Dialog, dialogStyles } from "./Dialog";
import styles from "./RecordActions.module.css";
import { RecordForm } from "./RecordForm";

const CORRECT: Partial<Record<RecordKind, WriteOp>> = {
  activity: "correctActivity",
  model: "correctModel",
  award: "correctAward",
};
const DELETE: Record<RecordKind, WriteOp> = {
  activity: "deleteActivity",
  model: "deleteModel",
  award: "deleteAward",
  commitment: "deleteCommitment",
};
/** What the audit log calls each kind. */
const ENTITY: Record<RecordKind, string> = {
  activity: "Activity",
  model: "Model",
  award: "Award",
  commitment: "Commitment",
};
/** Fields a correction cannot change (a model's start is a step of its lifecycle). */
const FIXED: Partial<Record<RecordKind, string[]>> = { model: ["startedOn"] };

interface Props {
  kind: RecordKind;
  /** The record as its list row holds it (the correction starts from these values). */
  row: { id: string; unit: { id: string } } & Record<string, unknown>;
  /** What it is called, for the dialogs' titles. */
  name: string;
  /** The unit the list is under: the correction may move the record to any unit below it. */
  unitId: string;
  /** Asks the list again (a deletion leaves no record for the cache to follow). */
  onChanged: () => void;
}

type Open = "edit" | "delete" | "status" | "history" | null;

/** The row id inside a global id ("Activity:12" in base64), as the audit log names it. */
function rowIdOf(globalId: string): string {
  try {
    return atob(globalId).split(":")[1] ?? globalId;
  } catch {
    return globalId;
  }
}

export function RecordActions({ kind, row, name, unitId, onChanged }: Props) {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState<Open>(null);
  const role = session?.user.role;
  const canWrite = role === "ADMIN" || role === "REPORTER";
  const close = () => setOpen(null);
  const correct = CORRECT[kind];
  if (!canWrite) return null;
  return (
    <div className={styles.rowActions}>
      {correct && (
        <button type="button" className="button button-small" onClick={() => setOpen("edit")}>
          {t("record.edit")}
        </button>
      )}
      {kind === "model" && (
        <button type="button" className="button button-small" onClick={() => setOpen("status")}>
          {t("record.status")}
        </button>
      )}
      {role === "ADMIN" && (
        <button type="button" className="button button-small" onClick={() => setOpen("history")}>
          {t("record.history")}
        </button>
      )}
      <button
        type="button"
        className={`button button-small ${styles.danger}`}
        onClick={() => setOpen("delete")}
      >
        {t("record.delete")}
      </button>
      {correct && (
        <Dialog open={open === "edit"} title={t("record.editTitle", { name })} onClose={close}>
          <CorrectForm
            kind={kind}
            op={correct}
            row={row}
            unitId={unitId}
            onDone={() => {
              close();
              onChanged();
            }}
            onCancel={close}
          />
        </Dialog>
      )}
      {kind === "model" && (
        <Dialog open={open === "status"} title={t("record.statusTitle", { name })} onClose={close}>
          <StatusForm
            modelId={row.id}
            onDone={() => {
              close();
              onChanged();
            }}
            onCancel={close}
          />
        </Dialog>
      )}
      <Dialog
        open={open === "delete"}
        title={t("record.deleteTitle")}
        onClose={close}
        narrow
        role="alertdialog"
      >
        <DeleteConfirm
          op={DELETE[kind]}
          id={row.id}
          name={name}
          onDone={() => {
            close();
            onChanged();
          }}
          onCancel={close}
        />
      </Dialog>
      {role === "ADMIN" && (
        <Dialog
          open={open === "history"}
          title={t("record.historyTitle", { name })}
          onClose={close}
        >
          <History entity={ENTITY[kind]} entityId={rowIdOf(row.id)} />
        </Dialog>
      )}
    </div>
  );
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button" onClick={onCancel}>
      {t("record.cancel")}
    </button>
  );
}

function CorrectForm({
  kind,
  op,
  row,
  unitId,
  onDone,
  onCancel,
}: {
  kind: RecordKind;
  op: WriteOp;
  row: Props["row"];
  unitId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { result, refetch, unitField } = useUnitField(unitId);
  const fixed = FIXED[kind] ?? [];
  const fields = recordFields(kind, lang, unitField).filter((f) => !fixed.includes(f.name));
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={result.data}
      onRetry={() => refetch({ requestPolicy: "network-only" })}
    >
      {() => (
        <RecordForm
          title={t("record.edit")}
          fields={fields}
          initial={{ ...row, unitId: row.unit.id }}
          mode="correct"
          submit={(input) => sendWrite(client, op, { ...input, id: row.id }, t)}
          onSaved={onDone}
          extraActions={<CancelButton onCancel={onCancel} />}
          quietTitle
        />
      )}
    </DataState>
  );
}

function StatusForm({
  modelId,
  onDone,
  onCancel,
}: {
  modelId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const client = useClient();
  return (
    <RecordForm
      title={t("record.status")}
      fields={statusFields(lang)}
      submit={(input) => sendWrite(client, "changeModelStatus", { ...input, modelId }, t)}
      onSaved={onDone}
      extraActions={<CancelButton onCancel={onCancel} />}
      quietTitle
    />
  );
}

function DeleteConfirm({
  op,
  id,
  name,
  onDone,
  onCancel,
}: {
  op: WriteOp;
  id: string;
  name: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function remove() {
    setBusy(true);
    const outcome = await sendWrite(client, op, { id, idempotencyKey: crypto.randomUUID() }, t);
    setBusy(false);
    if (outcome.ok) onDone();
    else
      setProblem(
        "error" in outcome
          ? outcome.error.message
          : "offline" in outcome
            ? t("state.offline")
            : outcome.message,
      );
  }
  return (
    <>
      <p>{t("record.deleteConfirm", { name })}</p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className={dialogStyles.actions}>
        <CancelButton onCancel={onCancel} />
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void remove()}
        >
          {t("record.delete")}
        </button>
      </div>
    </>
  );
}

/** What a write did, by its operation's name (the audit log keeps the mutation's name). */
function actionKey(operation: string): MessageKey | null {
  if (operation === "changeModelStatus") return "record.status";
  if (/^(record|register)/.test(operation)) return "audit.created";
  if (operation.startsWith("correct")) return "audit.updated";
  if (operation.startsWith("delete")) return "audit.deleted";
  return null;
}

/** What each field of a record is called on screen, from the forms' fields (audit keys are the API's). */
function fieldLabels(lang: Lang): Record<string, MessageKey> {
  const unitField = { name: "unitId", label: "field.unit", type: "text" } as const;
  const kinds: RecordKind[] = ["activity", "model", "award", "commitment"];
  return Object.fromEntries(
    [...kinds.flatMap((kind) => recordFields(kind, lang, unitField)), ...statusFields(lang)].map(
      (f) => [f.name, f.label],
    ),
  );
}

/** Bookkeeping columns a reader does not need to see change. */
const HIDDEN = new Set(["id", "createdAt", "updatedAt", "createdById", "change"]);

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
] as Record<string, { vi: string; en: string }>[];

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

function History({ entity, entityId }: { entity: string; entityId: string }) {
  const { t, lang } = useI18n();
  const labels = fieldLabels(lang);
  const [result, reexecute] = useQuery({
    query: RecordHistoryQuery,
    variables: { entity, entityId },
    requestPolicy: "network-only",
  });
  const edges = result.data?.auditLog.edges;
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={edges}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(entries) =>
        entries.length === 0 ? (
          <p className="muted">{t("record.noHistory")}</p>
        ) : (
          <ol className={styles.history}>
            {entries.map(({ node }) => {
              const before = (node.before ?? {}) as Record<string, unknown>;
              const after = (node.after ?? {}) as Record<string, unknown>;
              // Only what changed: a correction of one field lists that field.
              const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
                (key) => !HIDDEN.has(key) && shown(before[key], lang) !== shown(after[key], lang),
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
                              <td>{shown(before[key], lang)}</td>
                              <td>{shown(after[key], lang)}</td>
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
