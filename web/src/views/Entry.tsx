import { lazy, Suspense } from "react";
import { useClient } from "urql";
import { useSession } from "../client";
import { DataState } from "../components/DataState";
import { PageLoading } from "../components/PageLoading";
import { RecordForm, type SubmitOutcome } from "../components/RecordForm";
import { Tabs } from "../components/Tabs";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useUnitField } from "../hooks/useUnitField";
import { type MessageKey, useI18n } from "../lib/i18n";
import { type RecordKind, recordFields } from "../lib/recordFields";
import { sendOrQueue } from "../lib/sendOrQueue";
import type { WriteOp } from "../lib/sendWrite";
import styles from "./Entry.module.css";

type Tab = RecordKind | "import";

const tabs: { kind: Tab; label: MessageKey }[] = [
  { kind: "activity", label: "entry.activity" },
  { kind: "model", label: "entry.model" },
  { kind: "award", label: "entry.award" },
  { kind: "commitment", label: "entry.commitment" },
  { kind: "import", label: "entry.importTab" },
];

/** The write that creates each kind. */
const CREATE: Record<RecordKind, WriteOp> = {
  activity: "recordActivity",
  model: "registerModel",
  award: "recordAward",
  commitment: "registerCommitment",
};

const ImportPanel = lazy(() => import("./Import").then((m) => ({ default: m.ImportPanel })));

export function Entry() {
  const { t, lang } = useI18n();
  const session = useSession();
  const client = useClient();
  const { unitId, params, setParams } = useDashboardParams();
  const asked = params.get("form");
  const tab: Tab = tabs.find((item) => item.kind === asked)?.kind ?? "activity";
  const kind: RecordKind = tab === "import" ? "activity" : tab;
  const {
    result: { data, fetching, error },
    refetch: refetchUnits,
    unitField,
  } = useUnitField(unitId);

  const canWrite = session?.user.role === "ADMIN" || session?.user.role === "REPORTER";
  const fields = recordFields(kind, lang, unitField);
  const title = t(tabs.find((item) => item.kind === kind)?.label ?? "entry.activity");

  // Sent at once when the network allows; otherwise kept, with its idempotency key, until it does.
  function submit(input: Record<string, unknown>): Promise<SubmitOutcome> {
    return sendOrQueue(client, CREATE[kind], input, t, {
      username: session?.user.username,
      label: `${title}: ${String(input.title ?? input.name ?? input.recipientName ?? "")}`,
    });
  }

  const showTab = (next: Tab) => setParams({ form: next }, { replace: true });
  return (
    <>
      <h1 className="page-title">{t("entry.title")}</h1>
      {!canWrite && tab === "import" && (
        <p className="banner banner-warning" role="status">
          {t("entry.notAllowed")}
        </p>
      )}
      <Tabs
        label={t("entry.title")}
        tabs={tabs.map((item) => ({ id: item.kind, label: t(item.label) }))}
        selected={tab}
        onSelect={showTab}
      >
        {tab === "import" ? (
          <Suspense fallback={<PageLoading />}>
            <ImportPanel canWrite={canWrite} />
          </Suspense>
        ) : (
          <div className={styles.entryLayout}>
            {/* The form appears once its units are known and is not remounted after: what a
              reporter has typed must never be reset by data arriving late. */}
            <DataState
              fetching={fetching}
              error={error}
              data={data}
              onRetry={() => refetchUnits({ requestPolicy: "network-only" })}
              minHeight={320}
            >
              {() => (
                <RecordForm
                  key={`${kind}-${lang}`}
                  title={title}
                  fields={fields}
                  submit={submit}
                  readOnlyReason={canWrite ? undefined : t("entry.notAllowed")}
                />
              )}
            </DataState>
            <aside className={`card ${styles.importCallout}`} aria-label={t("entry.import")}>
              <h2 className="card-title">{t("entry.import")}</h2>
              <p className="muted">{t("entry.importHint")}</p>
              <button type="button" className="button" onClick={() => showTab("import")}>
                {t("entry.importOpen")} →
              </button>
            </aside>
          </div>
        )}
      </Tabs>
    </>
  );
}
