// The mapping step of "Nhập liệu" (ghép cột): each column of the file with the field it feeds,
// which the person may change, ignore, or give to a numeric field another column already feeds
// (the two are summed); below, the fields the file has no column for, each with a value for every
// row (a picker for enumerations). Every change is checked again by the API's dry run.
import { useId } from "react";
import type { RecordImportColumnSpec, RecordImportReport } from "../graphql/imports";
import { useI18n } from "../lib/i18n";
import { columnName, fieldsWithoutColumn, type MappingChoice } from "../lib/importMapping";
import styles from "./Import.module.css";

export function MappingEditor({
  report,
  specs,
  choice,
  disabled,
  onChange,
}: {
  report: RecordImportReport;
  specs: RecordImportColumnSpec[];
  choice: MappingChoice;
  disabled: boolean;
  /** `settled`: the change is complete (a pick, or a typed value left), worth checking again. */
  onChange(choice: MappingChoice, settled: boolean): void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const nameOf = (spec: RecordImportColumnSpec) => columnName(spec, lang);
  const byField = new Map(specs.map((s) => [s.field, s]));
  const count = (field: string | null) => choice.columns.filter((f) => f === field).length;
  const missing = fieldsWithoutColumn(
    choice,
    specs.map((s) => s.field),
  ).flatMap((f) => byField.get(f) ?? []);
  const sample = report.preview[0]?.cells ?? [];
  const title = t("import.mapping");

  function setColumn(index: number, field: string | null) {
    const columns = [...choice.columns];
    columns[index] = field;
    onChange({ ...choice, columns }, true);
  }

  function setConstant(field: string, value: string, settled: boolean) {
    onChange({ ...choice, constants: { ...choice.constants, [field]: value } }, settled);
  }

  return (
    <section className="card" aria-label={title}>
      <header className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          <p className="card-subtitle">{t("import.mappingHint")}</p>
        </div>
      </header>
      <div className="table-scroll">
        <table className={`table ${styles.mappingTable}`}>
          <thead>
            <tr>
              <th scope="col">{t("import.fileColumn")}</th>
              <th scope="col">{t("import.firstValue")}</th>
              <th scope="col">{t("import.readAs")}</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((column, index) => {
              const field = choice.columns[index] ?? null;
              const spec = field ? byField.get(field) : undefined;
              const label = t("import.fieldFor", { column: column.header || "—" });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a header may repeat
                <tr key={`${column.header}-${index}`}>
                  <th scope="row">{column.header || "—"}</th>
                  <td className="muted">{sample[index] ?? ""}</td>
                  <td>
                    <select
                      className="input"
                      aria-label={label}
                      value={field ?? ""}
                      disabled={disabled}
                      onChange={(event) => setColumn(index, event.target.value || null)}
                    >
                      <option value="">{t("import.ignore")}</option>
                      {specs.map((s) => (
                        <option key={s.field} value={s.field}>
                          {nameOf(s)}
                          {s.required ? ` (${t("import.required")})` : ""}
                        </option>
                      ))}
                    </select>
                    {spec && count(field) > 1 && (
                      <span className={`badge ${spec.numeric ? "badge-status" : "badge-danger"}`}>
                        {spec.numeric ? t("import.summed") : t("import.notSummable")}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && (
        <div className={styles.mappingConstants}>
          <h3 className={styles.mappingConstantsTitle}>{t("import.constants")}</h3>
          <p className="muted">{t("import.constantsHint")}</p>
          <div className={styles.mappingConstantsGrid}>
            {missing.map((spec) => {
              const inputId = `${id}-${spec.field}`;
              const value = choice.constants[spec.field] ?? "";
              return (
                <div key={spec.field} className={styles.mappingConstant}>
                  <label htmlFor={inputId}>
                    {nameOf(spec)}
                    {spec.required && (
                      <span className="badge badge-danger">{t("import.required")}</span>
                    )}
                  </label>
                  {spec.choices.length > 0 ? (
                    <select
                      id={inputId}
                      className="input"
                      value={value}
                      disabled={disabled}
                      onChange={(event) => setConstant(spec.field, event.target.value, true)}
                    >
                      <option value="">{t("import.noConstant")}</option>
                      {spec.choices.map((c) => (
                        <option key={c.value} value={c.value}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={inputId}
                      className="input"
                      value={value}
                      disabled={disabled}
                      placeholder={t("import.constantPlaceholder")}
                      onChange={(event) => setConstant(spec.field, event.target.value, false)}
                      onBlur={(event) => setConstant(spec.field, event.target.value, true)}
                      onKeyDown={(event) => {
                        if (event.key === "Enter") {
                          setConstant(spec.field, event.currentTarget.value, true);
                        }
                      }}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
