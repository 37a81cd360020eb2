// A row's buttons in the record lists: correct it (the entry form's fields, filled in), delete it
// after a confirmation, change a model's status, and for administrators its audited history
// (before/after of each write, RecordHistory). Every write goes through sendOrQueue: made
// offline, it waits in the outbox like a new entry. The figures and the list follow through the
// live updates.
import { useState } from "react";
import { useClient } from "urql";
import { useSession } from "../client";
import { useUnitField } from "../hooks/useUnitField";
import { useI18n } from "../lib/i18n";
import {
  contributionFields,
  type RecordKind,
  recordFields,
  statusFields,
} from "../lib/recordFields";
import { type SendOutcome, sendOrQueue } from "../lib/sendOrQueue";
import type { WriteOp } from "../lib/sendWrite";
import { DataState } from "./DataState";
import { Dialog, dialogStyles } from "./Dialog";
import styles from "./RecordActions.module.css";
import { RecordForm } from "./RecordForm";
import { RecordHistory } from "./RecordHistory";

/** What a row may be: a record of the lists, or a model's contribution (on the model's page). */
export type ActionKind = RecordKind | "contribution";

const CORRECT: Record<ActionKind, WriteOp> = {
  activity: "correctActivity",
  model: "correctModel",
  award: "correctAward",
  commitment: "correctCommitment",
  contribution: "correctModelContribution",
};
const DELETE: Record<ActionKind, WriteOp> = {
  activity: "deleteActivity",
  model: "deleteModel",
  award: "deleteAward",
  commitment: "deleteCommitment",
  contribution: "deleteModelContribution",
};
/** What the audit log calls each kind (a contribution's writes are in its model's history). */
const ENTITY: Partial<Record<ActionKind, string>> = {
  activity: "Activity",
  model: "Model",
  award: "Award",
  commitment: "Commitment",
};
/** Fields a correction cannot change (a model's start is a step of its lifecycle). */
const FIXED: Partial<Record<ActionKind, string[]>> = { model: ["startedOn"] };

interface Props {
  kind: ActionKind;
  /** The record as its row holds it (the correction starts from these values). */
  row: { id: string; unit?: { id: string } } & Record<string, unknown>;
  /** What it is called, for the dialogs' titles. */
  name: string;
  /** The unit the list is under: the correction may move the record to any unit below it. */
  unitId: string;
  /** Asks the list again (a deletion leaves no record for the cache to follow). */
  onChanged: () => void;
  /** After a deletion, when the page was about the record itself (a model's page). */
  onDeleted?: () => void;
}

type Open = "edit" | "delete" | "status" | "history" | null;

/** sendOrQueue for this account, with the label the outbox lists a waiting write under. */
function useSend() {
  const { t } = useI18n();
  const client = useClient();
  const username = useSession()?.user.username;
  return (op: WriteOp, input: Record<string, unknown>, label: string): Promise<SendOutcome> =>
    sendOrQueue(client, op, input, t, { username, label });
}

export function RecordActions({ kind, row, name, unitId, onChanged, onDeleted }: Props) {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState<Open>(null);
  const role = session?.user.role;
  const canWrite = role === "ADMIN" || role === "REPORTER";
  const close = () => setOpen(null);
  // A write waiting in the outbox changed nothing yet: asking again would only fail offline.
  const done = (queued: boolean) => {
    close();
    if (!queued) onChanged();
  };
  const entity = ENTITY[kind];
  if (!canWrite) return null;
  return (
    <div className={styles.rowActions}>
      <button
        type="button"
        className="button button-small"
        aria-label={`${t("record.edit")}: ${name}`}
        onClick={() => setOpen("edit")}
      >
        {t("record.edit")}
      </button>
      {kind === "model" && (
        <button type="button" className="button button-small" onClick={() => setOpen("status")}>
          {t("record.status")}
        </button>
      )}
      {role === "ADMIN" && entity && (
        <button type="button" className="button button-small" onClick={() => setOpen("history")}>
          {t("record.history")}
        </button>
      )}
      <button
        type="button"
        className={`button button-small ${styles.danger}`}
        aria-label={`${t("record.delete")}: ${name}`}
        onClick={() => setOpen("delete")}
      >
        {t("record.delete")}
      </button>
      <Dialog open={open === "edit"} title={t("record.editTitle", { name })} onClose={close}>
        <CorrectForm
          kind={kind}
          row={row}
          name={name}
          unitId={unitId}
          onDone={done}
          onCancel={close}
        />
      </Dialog>
      {kind === "model" && (
        <Dialog open={open === "status"} title={t("record.statusTitle", { name })} onClose={close}>
          <StatusForm modelId={row.id} name={name} onDone={done} onCancel={close} />
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
          onDone={(queued) => {
            close();
            if (!queued) (onDeleted ?? onChanged)();
          }}
          onCancel={close}
        />
      </Dialog>
      {role === "ADMIN" && entity && (
        <Dialog
          open={open === "history"}
          title={t("record.historyTitle", { name })}
          onClose={close}
        >
          <RecordHistory entityId={row.id} />
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
  row,
  name,
  unitId,
  onDone,
  onCancel,
}: {
  kind: ActionKind;
  row: Props["row"];
  name: string;
  unitId: string;
  onDone: (queued: boolean) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const send = useSend();
  // A contribution belongs to its model, not to a unit of its own: no unit to choose.
  const { result, refetch, unitField } = useUnitField(unitId);
  const fixed = FIXED[kind] ?? [];
  const fields =
    kind === "contribution"
      ? contributionFields()
      : recordFields(kind, lang, unitField).filter((f) => !fixed.includes(f.name));
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
          initial={{ ...row, unitId: row.unit?.id }}
          mode="correct"
          submit={(input) =>
            send(CORRECT[kind], { ...input, id: row.id }, t("record.editTitle", { name }))
          }
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
  name,
  onDone,
  onCancel,
}: {
  modelId: string;
  name: string;
  onDone: (queued: boolean) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const send = useSend();
  return (
    <RecordForm
      title={t("record.status")}
      fields={statusFields(lang)}
      submit={(input) =>
        send("changeModelStatus", { ...input, modelId }, t("record.statusTitle", { name }))
      }
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
  onDone: (queued: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const send = useSend();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function remove() {
    setBusy(true);
    const outcome = await send(op, { id }, t("record.deleteLabel", { name }));
    setBusy(false);
    // Queued offline, it waits in the outbox (shown on every page): the dialog's work is done.
    if (outcome.ok) onDone("queued" in outcome);
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
