// "Góc nhìn" in the context bar: save the view on screen (unit, page, period, filters, measure)
// under a name, and open, rename or delete the views shared with this account's scope, as
// Grafana's saved dashboards. Errors come from the API in the screen's language, beside the field.
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useClient, useQuery } from "urql";
import { useLocation } from "wouter";
import { useSession } from "../client";
import {
  DeleteViewMutation,
  RenameViewMutation,
  type SavedViewNode,
  SavedViewsQuery,
  SaveViewMutation,
} from "../graphql/saved-views";
import type { WriteError } from "../graphql/writes";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useI18n } from "../lib/i18n";
import { savedViewHref } from "../lib/savedViews";
import { DataState } from "./DataState";
import { Dialog } from "./Dialog";
import styles from "./SavedViews.module.css";

export function SavedViews() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t("views.button")}
      </button>
      <Dialog open={open} title={t("views.title")} onClose={() => setOpen(false)}>
        {open && <SavedViewsPanel onOpened={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}

function SavedViewsPanel({ onOpened }: { onOpened: () => void }) {
  const { t } = useI18n();
  const { unitId, params } = useDashboardParams();
  const [location, navigate] = useLocation();
  const [result, reexecute] = useQuery({
    query: SavedViewsQuery,
    variables: {},
    requestPolicy: "cache-and-network",
  });
  const refresh = () => reexecute({ requestPolicy: "network-only" });
  const views = result.data?.savedViews.edges.map((edge) => edge.node);
  return (
    <div className={styles.panel}>
      <SaveForm unitId={unitId} path={location} params={params} onSaved={refresh} />
      <h3 className="section-title">{t("views.list")}</h3>
      <DataState
        fetching={result.fetching && !result.data}
        error={result.error}
        data={views}
        isEmpty={(list) => list.length === 0}
        onRetry={refresh}
      >
        {(list) => (
          <ul className={styles.list}>
            {list.map((view) => (
              <ViewRow
                key={view.id}
                view={view}
                onOpen={() => {
                  navigate(savedViewHref(view));
                  onOpened();
                }}
                onChanged={refresh}
              />
            ))}
          </ul>
        )}
      </DataState>
    </div>
  );
}

/** The API's typed error as one sentence (an InputError's first issue, else its message). */
function errorText(error: WriteError): string {
  if (error.__typename === "InputError" && "issues" in error && error.issues[0]) {
    return error.issues[0].message;
  }
  return error.message;
}

function SaveForm({
  unitId,
  path,
  params,
  onSaved,
}: {
  unitId: string;
  path: string;
  params: URLSearchParams;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const [name, setName] = useState("");
  const [problem, setProblem] = useState("");
  const [saved, setSaved] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    if (!name.trim()) return setProblem(t("views.nameRequired"));
    setBusy(true);
    const query = new URLSearchParams(params);
    query.delete("unit");
    const answer = await client
      .mutation(SaveViewMutation, {
        input: {
          name,
          unitId,
          path,
          query: query.toString(),
          idempotencyKey: crypto.randomUUID(),
        },
      })
      .toPromise();
    setBusy(false);
    const outcome = answer.data?.saveView;
    if (outcome?.__typename === "MutationSaveViewSuccess") {
      setProblem("");
      setSaved(t("views.saved", { name: outcome.data.name }));
      setName("");
      onSaved();
    } else if (outcome && "message" in outcome) {
      setProblem(errorText(outcome));
    } else {
      setProblem(t("entry.failed"));
    }
  }
  return (
    <NameForm
      label={t("views.name")}
      name={name}
      onName={setName}
      problem={problem}
      submit={t("views.save")}
      busy={busy}
      onSubmit={submit}
    >
      {/* Always in the page, so the confirmation is announced; styled only when it says something. */}
      <p className={saved ? "form-success" : undefined} role="status">
        {saved}
      </p>
    </NameForm>
  );
}

/**
 * The name field of both the save form and the rename form: its label (hidden where the row says
 * what it renames), its error tied to it for screen readers, the submit button and, when renaming,
 * a cancel button.
 */
function NameForm({
  label,
  hideLabel = false,
  name,
  onName,
  problem,
  submit,
  busy = false,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  hideLabel?: boolean;
  name: string;
  onName: (name: string) => void;
  problem: string;
  submit: string;
  busy?: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  // The form that saves is the dialog's main action; renaming is one row's small one.
  const size = onCancel ? "button button-small" : "button button-primary";
  return (
    <form className={styles.save} onSubmit={onSubmit} noValidate>
      <label className={hideLabel ? "sr-only" : undefined} htmlFor={`${id}-name`}>
        {label}
      </label>
      <div className={styles.row}>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={100}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => onName(event.target.value)}
        />
        <button type="submit" className={size} disabled={busy}>
          {submit}
        </button>
        {onCancel && (
          <button type="button" className="button button-small" onClick={onCancel}>
            {t("views.cancel")}
          </button>
        )}
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
      {children}
    </form>
  );
}

function ViewRow({
  view,
  onOpen,
  onChanged,
}: {
  view: SavedViewNode;
  onOpen: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const session = useSession();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(view.name);
  const [problem, setProblem] = useState("");
  // The API decides (an administrator deletes only in their scope); this only hides what would fail.
  const mayDelete = view.mine || session?.user.role === "ADMIN";

  async function rename(event: FormEvent) {
    event.preventDefault();
    const answer = await client
      .mutation(RenameViewMutation, { input: { id: view.id, name } })
      .toPromise();
    const outcome = answer.data?.renameView;
    if (outcome?.__typename === "MutationRenameViewSuccess") {
      setRenaming(false);
      setProblem("");
      onChanged();
    } else setProblem(outcome && "message" in outcome ? errorText(outcome) : t("entry.failed"));
  }
  async function remove() {
    const answer = await client
      .mutation(DeleteViewMutation, { input: { id: view.id, idempotencyKey: crypto.randomUUID() } })
      .toPromise();
    const outcome = answer.data?.deleteView;
    if (outcome?.__typename === "MutationDeleteViewSuccess") onChanged();
    else setProblem(outcome && "message" in outcome ? errorText(outcome) : t("entry.failed"));
  }

  return (
    <li className={styles.item}>
      {renaming ? (
        <NameForm
          label={t("views.newName", { name: view.name })}
          hideLabel
          name={name}
          onName={setName}
          problem={problem}
          submit={t("views.saveName")}
          onSubmit={rename}
          onCancel={() => setRenaming(false)}
        />
      ) : (
        <div className={styles.row}>
          <button type="button" className="link" onClick={onOpen}>
            {view.name}
          </button>
          <span className="muted">
            {view.unit.name} · {view.mine ? t("views.mine") : view.ownerName}
          </span>
          <span className={styles.actions}>
            {view.mine && (
              <button
                type="button"
                className="button button-small"
                aria-label={`${t("views.rename")}: ${view.name}`}
                onClick={() => setRenaming(true)}
              >
                {t("views.rename")}
              </button>
            )}
            {mayDelete &&
              (confirming ? (
                <button
                  type="button"
                  className={`button button-small ${styles.danger}`}
                  aria-label={`${t("views.confirmDelete")}: ${view.name}`}
                  onClick={remove}
                >
                  {t("views.confirmDelete")}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`${t("views.delete")}: ${view.name}`}
                  onClick={() => setConfirming(true)}
                >
                  {t("views.delete")}
                </button>
              ))}
          </span>
        </div>
      )}
      {/* While renaming, the form shows its own problem beside the field. */}
      {problem && !renaming && <p className="field-error">{problem}</p>}
    </li>
  );
}
