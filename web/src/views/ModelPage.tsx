// A model's page (/mo-hinh?model=<id>): its details and status (corrected, its status changed or
// deleted from here), what people gave to it kept apart as reports give it (land m² and its
// value, cash, in kind, workdays; the total derived by the API), each contribution corrected or
// deleted from its row, and the form that records a new one. Writes made offline wait in the
// outbox (sendOrQueue).
import { useClient } from "urql";
import { useSession } from "../client";
import { columnsOf } from "../components/columns";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { KpiCard, KpiRow } from "../components/KpiCard";
import { RecordActions } from "../components/RecordActions";
import { RecordForm, type SubmitOutcome } from "../components/RecordForm";
import { type ModelPageData, ModelPageQuery } from "../graphql/records";
import { useFreshQuery } from "../hooks/live";
import { useTitleDetail } from "../hooks/useDocumentTitle";
import { formatDate, formatMoney, formatMoneyShort, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { label, sectors } from "../lib/labels";
import { CONTRIBUTION_FIGURES, contributionFields } from "../lib/recordFields";
import { sendOrQueue } from "../lib/sendOrQueue";
import styles from "./ModelPage.module.css";
import { StatusBadge } from "./models/StatusBadge";

type Model = Extract<NonNullable<ModelPageData["node"]>, { __typename: "Model" }>;
type Contribution = Model["contributions"]["edges"][number]["node"];

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
          <ModelDetails
            model={m}
            onSaved={() => reexecute({ requestPolicy: "network-only" })}
            onDeleted={onBack}
          />
        )}
      </DataState>
    </>
  );
}

/** Money on a card: the short form ("5,21 tỷ đ") that fits a phone, the exact figure on hover and for screen readers. */
function money(value: number, lang: "vi" | "en") {
  return { value: formatMoneyShort(value, lang), exact: formatMoney(value, lang) };
}

function ModelDetails({
  model,
  onSaved,
  onDeleted,
}: {
  model: Model;
  onSaved: () => void;
  onDeleted: () => void;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const client = useClient();
  const canWrite = session?.user.role === "ADMIN" || session?.user.role === "REPORTER";
  const totals = model.contributionTotals;
  const column = columnsOf<Contribution>(lang);

  async function submit(input: Record<string, unknown>): Promise<SubmitOutcome> {
    const outcome = await sendOrQueue(
      client,
      "recordModelContribution",
      { ...input, modelId: model.id },
      t,
      { username: session?.user.username, label: `${t("models.contribute")}: ${model.name}` },
    );
    if (outcome.ok && !("queued" in outcome)) onSaved();
    return outcome;
  }

  /** A contribution's name in its dialogs: its day and its total. */
  const nameOf = (c: Contribution) =>
    t("models.contributionName", {
      day: formatDate(c.recordedOn),
      total: formatMoney(c.totalVnd, lang),
    });

  return (
    <>
      <div className={styles.titleRow}>
        <h1 className={`page-title ${styles.header}`}>
          {model.name}
          <StatusBadge status={model.status} />
        </h1>
        <RecordActions
          kind="model"
          row={model}
          name={model.name}
          unitId={model.unit.id}
          onChanged={onSaved}
          onDeleted={onDeleted}
        />
      </div>
      <p className="muted">
        {model.unit.name} · {label(sectors, model.sector, lang)}
        {model.programme ? ` · ${model.programme}` : ""} · {t("models.started")}{" "}
        {formatDate(model.startedOn)}
      </p>
      <section aria-label={t("models.contributionTotals")}>
        <h2 className="section-title">{t("models.contributionTotals")}</h2>
        <KpiRow>
          {CONTRIBUTION_FIGURES.map((f) => (
            <KpiCard
              key={f.name}
              label={t(f.label)}
              {...(f.money
                ? money(totals[f.name], lang)
                : { value: formatNumber(totals[f.name], lang) })}
            />
          ))}
          <KpiCard label={t("models.totalVnd")} {...money(totals.totalVnd, lang)} />
        </KpiRow>
      </section>
      {canWrite && (
        <RecordForm
          key={lang}
          title={t("models.contribute")}
          fields={contributionFields()}
          submit={submit}
        />
      )}
      <DataTable<Contribution>
        title={t("models.contributionList")}
        rows={model.contributions.edges.map((e) => e.node)}
        rowKey={(c) => c.id}
        columns={[
          column.date("recordedOn", t("field.recordedOn"), (c) => c.recordedOn),
          // Đồng as plain vi-VN numbers: the headers say "(đồng)".
          ...CONTRIBUTION_FIGURES.map((f) => column.number(f.name, t(f.label), (c) => c[f.name])),
          column.number("totalVnd", t("models.totalVnd"), (c) => c.totalVnd),
          column.text("note", t("models.note"), (c) => c.note),
          ...(canWrite
            ? [
                {
                  key: "actions",
                  header: t("record.actions"),
                  render: (c: Contribution) => (
                    <RecordActions
                      kind="contribution"
                      row={c}
                      name={nameOf(c)}
                      unitId={model.unit.id}
                      onChanged={onSaved}
                    />
                  ),
                  csv: () => null,
                  screenOnly: true,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
