// Labels for the API's enums, in both languages, and how each measure is written. The enum
// tables come from the domain module the server uses too; each covers its schema enum exactly
// (SchemaEnum): a value added to the schema fails tsc here.

import * as domain from "@d05/schema/domain";
import {
  type ActivityKind,
  type AwardForm,
  type AwardGround,
  type AwardLevel,
  type CommitmentKind,
  type CommitmentStatus,
  type EnumTable,
  type LeadOrganisation,
  labelOf,
  type ModelLevel,
  type ModelSector,
  type ModelStatus,
  type RecipientKind,
  type Role,
  type UnitKind,
} from "@d05/schema/domain";
import type { SchemaEnum } from "../graphql/tada";
import type { Lang } from "./format";

type Labels<K extends string> = Record<K, { vi: string; en: string }>;

export type Measure = SchemaEnum<"Measure">;

export type { MeasureFormat } from "@d05/schema/domain";

/** The domain's measure table as it is; `Same` fails tsc when it and the schema's enum differ. */
function measureTable<_Check extends true>(table: typeof domain.measureLabels) {
  return table;
}

/** The measures' names: the domain table the server's files and descriptions use too. */
export const measures = measureTable<Same<domain.Measure, Measure>>(domain.measureLabels);

export const MEASURES = Object.keys(measures) as Measure[];

export type Dimension = SchemaEnum<"Dimension">;

/**
 * A domain table as the dashboard shows it: the compact Vietnamese name where there is one. The
 * tables live in `@d05/schema/domain` (one source for the server and the dashboard); `Same` fails
 * tsc when the schema's enum and Prisma's differ.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function shown<E extends string, _Check extends true>(table: EnumTable<E>): Labels<E> {
  const out = {} as Labels<E>;
  for (const value of Object.keys(table.values) as E[]) {
    out[value] = {
      vi: labelOf(table, value, "vi", { short: true }),
      en: labelOf(table, value, "en"),
    };
  }
  return out;
}

export const unitKinds = shown<UnitKind, Same<UnitKind, SchemaEnum<"UnitKind">>>(domain.unitKinds);
export const sectors = shown<ModelSector, Same<ModelSector, SchemaEnum<"ModelSector">>>(
  domain.modelSectors,
);
export const modelStatuses = shown<ModelStatus, Same<ModelStatus, SchemaEnum<"ModelStatus">>>(
  domain.modelStatuses,
);
export const modelLevels = shown<ModelLevel, Same<ModelLevel, SchemaEnum<"ModelLevel">>>(
  domain.modelLevels,
);
export const leadOrganisations = shown<
  LeadOrganisation,
  Same<LeadOrganisation, SchemaEnum<"LeadOrganisation">>
>(domain.leadOrganisations);
export const activityKinds = shown<ActivityKind, Same<ActivityKind, SchemaEnum<"ActivityKind">>>(
  domain.activityKinds,
);
export const recipientKinds = shown<
  RecipientKind,
  Same<RecipientKind, SchemaEnum<"RecipientKind">>
>(domain.recipientKinds);
export const awardLevels = shown<AwardLevel, Same<AwardLevel, SchemaEnum<"AwardLevel">>>(
  domain.awardLevels,
);
export const awardForms = shown<AwardForm, Same<AwardForm, SchemaEnum<"AwardForm">>>(
  domain.awardForms,
);
export const commitmentKinds = shown<
  CommitmentKind,
  Same<CommitmentKind, SchemaEnum<"CommitmentKind">>
>(domain.commitmentKinds);
export const commitmentStatuses = shown<
  CommitmentStatus,
  Same<CommitmentStatus, SchemaEnum<"CommitmentStatus">>
>(domain.commitmentStatuses);
export const roles = shown<Role, Same<Role, SchemaEnum<"Role">>>(domain.roles);
export const awardGrounds = shown<AwardGround, Same<AwardGround, SchemaEnum<"AwardGround">>>(
  domain.awardGrounds,
);

export type {
  ActivityKind,
  AwardForm,
  AwardGround,
  AwardLevel,
  CommitmentKind,
  CommitmentStatus,
  LeadOrganisation,
  ModelLevel,
  ModelSector,
  ModelStatus,
  RecipientKind,
  UnitKind,
};

/** The label of an enum value; an unknown value (a newer server) shows as itself. */
export function label(
  table: Record<string, { vi: string; en: string }>,
  value: string | null | undefined,
  lang: Lang,
): string {
  if (!value) return "—";
  return table[value]?.[lang] ?? value;
}
