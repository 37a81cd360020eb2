// A model's page (/mo-hinh?model=<id>): its details, what people gave to it kept apart as reports
// give it (land m² and its value, cash, in kind, workdays; the total derived by the API), and the
// form that records a new contribution.
import { useClient } from "urql";
import { useSession } from "../client";
import { columnsOf } from "../components/columns";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { KpiCard } from "../components/KpiCard";
import { type FieldSpec, RecordForm } from "../components/RecordForm";
import { type ModelPageData, ModelPageQuery } from "../graphql/records";
import { useFreshQuery } from "../hooks/live";
import { useTitleDetail } from "../hooks/useDocumentTitle";
import { formatDate, formatMoney, formatNumber } from "../lib/format";
import { type MessageKey, useI18n } from "../lib/i18n";
import { label, modelStatuses, sectors } from "../lib/labels";
import { sendWrite, type WriteOutcome } from "../lib/sendWrite";
import styles from "./ModelPage.module.css";

type Model = Extract<NonNullable<ModelPageData["node"]>, { __typename: "Model" }>;
type Contribution = Model["contributions"]["edges"][number]["node"];

/** The figures of a contribution, in the order reports give them; money in đồng. */
const FIGURES = [
  { name: "participants", label: "field.participants", money: false },
  { name: "landM2", label: "field.landM2", money: false },
  { name: "landValueVnd", label: "field.landValueVnd", money: true },
  { name: "cashVnd", label: "field.cashVnd", money: true },
  { name: "inKindVnd", label: "field.inKindVnd", money: true },
  { name: "workdays", label: "field.workdays", money: false },
] as const satisfies readonly { name: string; label: MessageKey; money: boolean }[];

// Figures are typed the Vietnamese way ("1.051.980.000") and read by the form (parseInteger).
const FIELDS: FieldSpec[] = [
  { name: "recordedOn", label: "field.recordedOn", type: "date", required: true },
  ...FIGURES.map((f): FieldSpec => ({ name: f.name, label: f.label, type: "number" })),
  { name: "note", label: "field.notes", type: "textarea" },
];

export function ModelPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useI18n();
  const [result, reexecute] = useFreshQuery({ query: ModelPageQuery, variables: { id } });
  const node = result.data?.node;
  const model = node?.__typename === "Model" ? node : undefined;
  // The window title names the model (WCAG 2.4.2): "<model> — Mô hình — Chỉ thị 05".
  useTitleDetail(model?.name);
  return (
    <>
      <p>
        <button type="button" className="button" onClick={onBack}>
          {t("models.back")}
        </button>
      </p>
      <DataState
        fetching={result.fetching}
        error={result.error}
        problem={result.data && !model ? t("models.notFound") : undefined}
        data={model}
        onRetry={() => reexecute({ requestPolicy: "network-only" })}
      >
        {(m) => (
          <ModelDetails model={m} onSaved={() => reexecute({ requestPolicy: "network-only" })} />
        )}
      </DataState>
    </>
  );
}

function ModelDetails({ model, onSaved }: { model: Model; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const client = useClient();
  const canWrite = session?.user.role === "ADMIN" || session?.user.role === "REPORTER";
  const totals = model.contributionTotals;
  const column = columnsOf<Contribution>(lang);

  async function submit(input: Record<string, unknown>): Promise<WriteOutcome> {
    const outcome = await sendWrite(
      client,
      "recordModelContribution",
      { ...input, modelId: model.id },
      t,
    );
    if (outcome.ok) onSaved();
    return outcome;
  }

  return (
    <>
      <h1 className={`page-title ${styles.header}`}>
        {model.name}
        <span className={`badge badge-status-${model.status.toLowerCase()}`}>
          {label(modelStatuses, model.status, lang)}
        </span>
      </h1>
      <p className="muted">
        {model.unit.name} · {label(sectors, model.sector, lang)}
        {model.programme ? ` · ${model.programme}` : ""} · {t("models.started")}{" "}
        {formatDate(model.startedOn)}
      </p>
      <section aria-label={t("models.contributionTotals")}>
        <h2 className="section-title">{t("models.contributionTotals")}</h2>
        <div className="kpi-grid">
          {FIGURES.map((f) => (
            <KpiCard
              key={f.name}
              label={t(f.label)}
              value={
                f.money ? formatMoney(totals[f.name], lang) : formatNumber(totals[f.name], lang)
              }
            />
          ))}
          <KpiCard label={t("models.totalVnd")} value={formatMoney(totals.totalVnd, lang)} />
        </div>
      </section>
      {canWrite && (
        <RecordForm key={lang} title={t("models.contribute")} fields={FIELDS} submit={submit} />
      )}
      <DataTable<Contribution>
        title={t("models.contributionList")}
        rows={model.contributions.edges.map((e) => e.node)}
        rowKey={(c) => c.id}
        columns={[
          column.date("recordedOn", t("field.recordedOn"), (c) => c.recordedOn),
          // Đồng as plain vi-VN numbers: the headers say "(đồng)".
          ...FIGURES.map((f) => column.number(f.name, t(f.label), (c) => c[f.name])),
          column.number("totalVnd", t("models.totalVnd"), (c) => c.totalVnd),
          column.text("note", t("models.note"), (c) => c.note),
        ]}
      />
    </>
  );
}
