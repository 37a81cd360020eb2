// "Chỉ tiêu" on the comparison page, for administrators: set the target of the measure and level
// on screen for the units under the current unit (optionally one model sector), and remove the
// ones this unit set. The API decides who may (administrators of the unit's scope) and answers
// refusals in the screen's language, shown beside the form. A change reaches every open view of
// the units concerned live, this page included.
import { type FormEvent, useId, useState } from "react";
import { useClient, useQuery } from "urql";
import { useSession } from "../client";
import { RemoveTargetMutation, SetTargetMutation, TargetsQuery } from "../graphql/targets";
import type { WriteError } from "../graphql/writes";
import { useI18n } from "../lib/i18n";
import {
  label,
  type Measure,
  type ModelSector,
  sectors,
  type UnitKind,
  unitKinds,
} from "../lib/labels";
import { measureLabel } from "../lib/measure";
import { targetText } from "../lib/targets";
import styles from "./TargetsPanel.module.css";

interface Props {
  unitId: string;
  unitName: string;
  measure: Measure;
  level: UnitKind;
  sector: ModelSector | null;
}

function errorText(error: WriteError): string {
  if (error.__typename === "InputError" && "issues" in error && error.issues[0]) {
    return error.issues[0].message;
  }
  return error.message;
}

export function TargetsPanel(props: Props) {
  const session = useSession();
  // Only administrators may set targets; for anyone else the panel would only fail.
  if (session?.user.role !== "ADMIN") return null;
  return <TargetsForm {...props} />;
}

function TargetsForm({ unitId, unitName, measure, level, sector }: Props) {
  const { t, lang } = useI18n();
  const client = useClient();
  const id = useId();
  const [value, setValue] = useState("");
  const [direction, setDirection] = useState<"AT_LEAST" | "AT_MOST">("AT_LEAST");
  const [problem, setProblem] = useState("");
  const [status, setStatus] = useState("");
  const [{ data }, refetch] = useQuery({
    query: TargetsQuery,
    variables: { unitId, measure },
    requestPolicy: "cache-and-network",
  });
  const own = (data?.targets.edges ?? [])
    .map((e) => e.node)
    .filter((n) => n.unit.id === unitId && n.level === level && n.sector === sector);
  const reload = () => refetch({ requestPolicy: "network-only" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus("");
    const number = Number(value.replace(/\./g, "").replace(",", "."));
    if (value.trim() === "" || !Number.isFinite(number) || number < 0) {
      setProblem(t("target.valueRequired"));
      return;
    }
    const answer = await client
      .mutation(SetTargetMutation, {
        input: {
          unitId,
          measure,
          level,
          sector,
          value: number,
          direction,
          idempotencyKey: crypto.randomUUID(),
        },
      })
      .toPromise();
    const outcome = answer.data?.setTarget;
    if (outcome?.__typename === "MutationSetTargetSuccess") {
      setProblem("");
      setStatus(t("target.saved"));
      reload();
    } else setProblem(outcome && "message" in outcome ? errorText(outcome) : t("entry.failed"));
  }

  async function remove(targetId: string) {
    setStatus("");
    const answer = await client
      .mutation(RemoveTargetMutation, {
        input: { id: targetId, idempotencyKey: crypto.randomUUID() },
      })
      .toPromise();
    const outcome = answer.data?.removeTarget;
    if (outcome?.__typename === "MutationRemoveTargetSuccess") {
      setProblem("");
      setStatus(t("target.removed"));
      reload();
    } else setProblem(outcome && "message" in outcome ? errorText(outcome) : t("entry.failed"));
  }

  const levelName = label(unitKinds, level, lang);
  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t("target.panel")}: {measureLabel(measure, lang)}
        {sector ? ` · ${label(sectors, sector, lang)}` : ""}
      </h2>
      <p className="muted">{t("target.panelIntro", { level: levelName, unit: unitName })}</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <label className="field">
          <span>{t("target.direction")}</span>
          <select
            className="select"
            value={direction}
            onChange={(e) => setDirection(e.target.value as "AT_LEAST" | "AT_MOST")}
          >
            <option value="AT_LEAST">{t("target.directionAtLeast")}</option>
            <option value="AT_MOST">{t("target.directionAtMost")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("target.value")}</span>
          <input
            className="input"
            inputMode="decimal"
            value={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary">
          {t("target.set")}
        </button>
      </form>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p role="status" className={status ? "form-success" : "sr-only"}>
        {status}
      </p>
      <h3 className={styles.listTitle}>{t("target.list")}</h3>
      {own.length === 0 ? (
        <p className="muted">{t("target.none")}</p>
      ) : (
        <ul className={styles.list}>
          {own.map((target) => {
            const name = `${levelName} ${targetText(target, measure, lang, t)}`;
            return (
              <li key={target.id} className={styles.item}>
                <span data-target-item>
                  {name}{" "}
                  <span className="muted">
                    ({t(target.yearly ? "target.yearly" : "target.level")})
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t("target.removeNamed", { name })}
                  onClick={() => remove(target.id)}
                >
                  {t("target.remove")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
