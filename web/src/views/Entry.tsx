import { lazy, Suspense } from "react";
import type { TypedDocumentNode } from "urql";
import { useClient, useQuery } from "urql";
import { useSession } from "../client";
import { DataState, errorMessage } from "../components/DataState";
import { PageLoading } from "../components/PageLoading";
import { type FieldSpec, RecordForm, type WriteOutcome } from "../components/RecordForm";
import { UnitOptionsQuery } from "../graphql/units";
import {
  RecordActivityMutation,
  RecordAwardMutation,
  RegisterCommitmentMutation,
  RegisterModelMutation,
  type WriteAnswer,
} from "../graphql/writes";
import { useDashboardParams } from "../hooks/useDashboardParams";
import type { Lang } from "../lib/format";
import { type MessageKey, useI18n } from "../lib/i18n";
import {
  activityKinds,
  awardForms,
  awardLevels,
  commitmentKinds,
  leadOrganisations,
  modelLevels,
  recipientKinds,
  sectors,
  unitKinds,
} from "../lib/labels";
import styles from "./Entry.module.css";

type FormKind = "activity" | "model" | "award" | "commitment";
type Tab = FormKind | "import";

const tabs: { kind: Tab; label: MessageKey }[] = [
  { kind: "activity", label: "entry.activity" },
  { kind: "model", label: "entry.model" },
  { kind: "award", label: "entry.award" },
  { kind: "commitment", label: "entry.commitment" },
  { kind: "import", label: "entry.importTab" },
];

const ImportPanel = lazy(() => import("./Import").then((m) => ({ default: m.ImportPanel })));

function options(table: Record<string, { vi: string; en: string }>, lang: Lang) {
  return Object.entries(table).map(([value, label]) => ({ value, label: label[lang] }));
}

export function Entry() {
  const { t, lang } = useI18n();
  const session = useSession();
  const client = useClient();
  const { unitId, params, setParams } = useDashboardParams();
  const tab = (params.get("form") as Tab | null) ?? "activity";
  const kind: FormKind = tab === "import" ? "activity" : tab;
  const [{ data, fetching, error }, refetchUnits] = useQuery({
    query: UnitOptionsQuery,
    variables: { id: unitId },
  });

  const canWrite = session?.user.role === "ADMIN" || session?.user.role === "REPORTER";
  const unitOptions = [
    ...(data?.unit ? [{ value: data.unit.id, label: data.unit.name }] : []),
    ...(data?.units.edges ?? []).map(({ node }) => ({
      value: node.id,
      label: `${node.name} (${unitKinds[node.kind]?.[lang] ?? node.kind})`,
    })),
  ];
  const unitField: FieldSpec = {
    name: "unitId",
    label: "field.unit",
    type: "select",
    required: true,
    options: unitOptions,
    defaultValue: unitId,
  };

  const forms: Record<
    FormKind,
    { fields: FieldSpec[]; run: (input: Record<string, unknown>) => Promise<WriteOutcome> }
  > = {
    activity: {
      fields: [
        unitField,
        {
          name: "kind",
          label: "field.kind",
          type: "select",
          required: true,
          options: options(activityKinds, lang),
        },
        { name: "title", label: "field.title", type: "text", required: true },
        { name: "occurredOn", label: "field.occurredOn", type: "date", required: true },
        { name: "sessions", label: "field.sessions", type: "number", defaultValue: 1 },
        { name: "attendance", label: "field.attendance", type: "number", required: true },
        { name: "notes", label: "field.notes", type: "textarea" },
      ],
      run: (input) => write(RecordActivityMutation, "recordActivity", input),
    },
    model: {
      fields: [
        unitField,
        { name: "name", label: "field.name", type: "text", required: true },
        {
          name: "sector",
          label: "field.sector",
          type: "select",
          required: true,
          options: options(sectors, lang),
        },
        {
          name: "level",
          label: "field.level",
          type: "select",
          required: true,
          options: options(modelLevels, lang),
        },
        {
          name: "leadOrganisation",
          label: "field.leadOrganisation",
          type: "select",
          required: true,
          options: options(leadOrganisations, lang),
        },
        { name: "programme", label: "field.programme", type: "text" },
        { name: "startedOn", label: "field.startedOn", type: "date", required: true },
        { name: "description", label: "field.description", type: "textarea" },
      ],
      run: (input) => write(RegisterModelMutation, "registerModel", input),
    },
    award: {
      fields: [
        unitField,
        {
          name: "recipientKind",
          label: "field.recipientKind",
          type: "select",
          required: true,
          options: options(recipientKinds, lang),
        },
        { name: "recipientName", label: "field.recipientName", type: "text" },
        { name: "recipientCount", label: "field.recipientCount", type: "number", defaultValue: 1 },
        {
          name: "level",
          label: "field.level",
          type: "select",
          required: true,
          options: options(awardLevels, lang),
        },
        {
          name: "form",
          label: "field.form",
          type: "select",
          required: true,
          options: options(awardForms, lang),
        },
        { name: "issuer", label: "field.issuer", type: "text" },
        { name: "awardedOn", label: "field.awardedOn", type: "date", required: true },
        { name: "reason", label: "field.reason", type: "textarea" },
      ],
      run: (input) => write(RecordAwardMutation, "recordAward", input),
    },
    commitment: {
      fields: [
        unitField,
        {
          name: "year",
          label: "field.year",
          type: "number",
          required: true,
          defaultValue: new Date().getFullYear(),
        },
        {
          name: "kind",
          label: "field.kind",
          type: "select",
          required: true,
          options: options(commitmentKinds, lang),
        },
        { name: "title", label: "field.title", type: "text", required: true },
        { name: "registeredOn", label: "field.registeredOn", type: "date", required: true },
      ],
      run: (input) => write(RegisterCommitmentMutation, "registerCommitment", input),
    },
  };

  // The form's values are checked by the API (InputError), not by TypeScript.
  async function write<Field extends string, Input>(
    document: TypedDocumentNode<Record<Field, WriteAnswer>, { input: Input }>,
    field: Field,
    input: Record<string, unknown>,
  ): Promise<WriteOutcome> {
    const result = await client.mutation(document, { input: input as Input }).toPromise();
    const answer = result.data?.[field];
    if (answer?.__typename.endsWith("Success")) return { ok: true };
    if (answer && "message" in answer) return { ok: false, error: answer };
    return { ok: false, message: result.error ? errorMessage(result.error, t) : t("state.error") };
  }

  const current = forms[kind] ?? forms.activity;
  const showTab = (next: Tab) => setParams({ form: next }, { replace: true });
  return (
    <>
      <h1 className="page-title">{t("entry.title")}</h1>
      {!canWrite && (
        <p className="banner banner-warning" role="status">
          {t("entry.notAllowed")}
        </p>
      )}
      <div className="tabs tabs-inner" role="tablist" aria-label={t("entry.title")}>
        {tabs.map((item) => (
          <button
            key={item.kind}
            type="button"
            role="tab"
            aria-selected={tab === item.kind}
            className={`tab ${tab === item.kind ? "tab-active" : ""}`}
            onClick={() => showTab(item.kind)}
          >
            {t(item.label)}
          </button>
        ))}
      </div>
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
                title={t(tabs.find((item) => item.kind === kind)?.label ?? "entry.activity")}
                fields={current.fields}
                submit={current.run}
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
    </>
  );
}
