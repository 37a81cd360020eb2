// The GraphQL enums of the domain, each built from its table in domain/enums.ts (values from
// Prisma, descriptions from the table), so a value is written once.
import { builder } from "../builder";
import {
  activityKinds,
  awardForms,
  awardGrounds,
  awardLevels,
  commitmentKinds,
  commitmentStatuses,
  type EnumTable,
  leadOrganisations,
  modelLevels,
  modelSectors,
  modelStatuses,
  recipientKinds,
  roles,
  unitKinds,
} from "../domain/enums";

function enumOf<E extends string>(table: EnumTable<E>) {
  const values = Object.fromEntries(
    Object.entries(table.values).map(([value, label]) => [
      value,
      { description: (label as { doc: string }).doc },
    ]),
  ) as Record<E, { description: string }>;
  return builder.enumType(table.name, { description: table.doc, values });
}

export const UnitKindEnum = enumOf(unitKinds);
export const ActivityKindEnum = enumOf(activityKinds);
export const ModelSectorEnum = enumOf(modelSectors);
export const ModelLevelEnum = enumOf(modelLevels);
export const LeadOrganisationEnum = enumOf(leadOrganisations);
export const ModelStatusEnum = enumOf(modelStatuses);
export const RecipientKindEnum = enumOf(recipientKinds);
export const AwardLevelEnum = enumOf(awardLevels);
export const AwardFormEnum = enumOf(awardForms);
export const AwardGroundEnum = enumOf(awardGrounds);
export const CommitmentKindEnum = enumOf(commitmentKinds);
export const CommitmentStatusEnum = enumOf(commitmentStatuses);
export const RoleEnum = enumOf(roles);
