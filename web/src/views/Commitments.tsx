// The commitments and initiatives registered under the unit for the period's years (đăng ký làm
// theo), as a record list: each row corrected, deleted after a confirmation, and its history
// read by administrators, like the activities and awards.
import { RecordList } from "../components/RecordList";
import { CommitmentsQuery } from "../graphql/records";
import { useI18n } from "../lib/i18n";
import { commitmentKinds, commitmentStatuses } from "../lib/labels";

interface Props {
  /** The unit and the period's days. */
  filter: { underUnitId: string; from: string; to: string };
  unitId: string;
  caption: string;
}

export function CommitmentList({ filter, unitId, caption }: Props) {
  const { t } = useI18n();
  return (
    <RecordList
      query={CommitmentsQuery}
      filter={filter}
      page={(data) => data.commitments}
      title={`${t("commitments.title")} — ${caption}`}
      kind="commitment"
      name={(c) => c.title}
      unitId={unitId}
      columns={(column) => [
        column.text("year", t("field.year"), (c) => String(c.year)),
        column.text("title", t("field.title"), (c) => c.title),
        column.label("kind", t("field.kind"), commitmentKinds, (c) => c.kind),
        column.label("status", t("field.status"), commitmentStatuses, (c) => c.status),
        column.date("registeredOn", t("field.registeredOn"), (c) => c.registeredOn),
        column.text("unit", t("field.unit"), (c) => c.unit.name),
      ]}
    />
  );
}
