// The commitments and initiatives registered under the unit for the period's years (đăng ký làm
// theo), as a record list: each row corrected, deleted after a confirmation, and its history
// read by administrators, like the activities and awards.
import { columnsOf } from "../components/columns";
import { RecordActions } from "../components/RecordActions";
import { RecordList } from "../components/RecordList";
import { type CommitmentNode, CommitmentsQuery } from "../graphql/records";
import { useI18n } from "../lib/i18n";
import { commitmentKinds, commitmentStatuses } from "../lib/labels";

export function CommitmentList({
  unitId,
  from,
  to,
  caption,
}: {
  unitId: string;
  from: string;
  to: string;
  caption: string;
}) {
  const { t, lang } = useI18n();
  const column = columnsOf<CommitmentNode>(lang);
  return (
    <RecordList
      query={CommitmentsQuery}
      variables={{ filter: { underUnitId: unitId, from, to } }}
      page={(data) => data.commitments}
      title={`${t("commitments.title")} — ${caption}`}
      rowKey={(c) => c.id}
      columns={[
        column.text("year", t("field.year"), (c) => String(c.year)),
        column.text("title", t("field.title"), (c) => c.title),
        column.label("kind", t("field.kind"), commitmentKinds, (c) => c.kind),
        column.label("status", t("field.status"), commitmentStatuses, (c) => c.status),
        column.date("registeredOn", t("field.registeredOn"), (c) => c.registeredOn),
        column.text("unit", t("field.unit"), (c) => c.unit.name),
      ]}
      actions={(c, refresh) => (
        <RecordActions
          kind="commitment"
          row={c}
          name={c.title}
          unitId={unitId}
          onChanged={refresh}
        />
      )}
    />
  );
}
