// The unit field of the record forms: the unit looked at and every unit below it, by name.
import { useQuery } from "urql";
import type { FieldSpec } from "../components/RecordForm";
import { UnitOptionsQuery } from "../graphql/units";
import { useI18n } from "../lib/i18n";
import { unitKinds } from "../lib/labels";

/** The unit field of the forms: the unit looked at and every unit below it. */
export function useUnitField(unitId: string) {
  const { lang } = useI18n();
  const [result, refetch] = useQuery({ query: UnitOptionsQuery, variables: { id: unitId } });
  const data = result.data;
  const unitField: FieldSpec = {
    name: "unitId",
    label: "field.unit",
    type: "select",
    required: true,
    options: [
      ...(data?.unit ? [{ value: data.unit.id, label: data.unit.name }] : []),
      ...(data?.units.edges ?? []).map(({ node }) => ({
        value: node.id,
        label: `${node.name} (${unitKinds[node.kind]?.[lang] ?? node.kind})`,
      })),
    ],
    defaultValue: unitId,
  };
  return { result, refetch, unitField };
}
