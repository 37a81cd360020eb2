// The fields of each record kind a reporter writes, once: the entry forms and the lists'
// correction dialogs show the same fields with the same labels and rules.
import type { FieldSpec } from "../components/RecordForm";
import type { Lang } from "./format";
import type { MessageKey } from "./i18n";
import {
  activityKinds,
  awardForms,
  awardLevels,
  commitmentKinds,
  leadOrganisations,
  modelLevels,
  modelStatuses,
  recipientKinds,
  sectors,
} from "./labels";

export type RecordKind = "activity" | "model" | "award" | "commitment";

type LabelTable = Record<string, { vi: string; en: string }>;
/** A record's field named `x` is labelled by the message `field.x`. */
type FieldName = MessageKey extends infer Key
  ? Key extends `field.${infer Name}`
    ? Name
    : never
  : never;

function options(table: LabelTable, lang: Lang) {
  return Object.entries(table).map(([value, label]) => ({ value, label: label[lang] }));
}

/** A required choice from an enumeration, labelled in the interface's language. */
function choice(name: FieldName, table: LabelTable, lang: Lang): FieldSpec {
  return {
    name,
    label: `field.${name}`,
    type: "select",
    required: true,
    options: options(table, lang),
  };
}

/** The fields of a kind, after its unit field (the units the account may write to). */
export function recordFields(kind: RecordKind, lang: Lang, unitField: FieldSpec): FieldSpec[] {
  switch (kind) {
    case "activity":
      return [
        unitField,
        choice("kind", activityKinds, lang),
        { name: "title", label: "field.title", type: "text", required: true },
        { name: "occurredOn", label: "field.occurredOn", type: "date", required: true },
        { name: "sessions", label: "field.sessions", type: "number", defaultValue: 1 },
        { name: "attendance", label: "field.attendance", type: "number", required: true },
        { name: "notes", label: "field.notes", type: "textarea" },
      ];
    case "model":
      return [
        unitField,
        { name: "name", label: "field.name", type: "text", required: true },
        choice("sector", sectors, lang),
        choice("level", modelLevels, lang),
        choice("leadOrganisation", leadOrganisations, lang),
        { name: "programme", label: "field.programme", type: "text" },
        { name: "startedOn", label: "field.startedOn", type: "date", required: true },
        { name: "description", label: "field.description", type: "textarea" },
      ];
    case "award":
      return [
        unitField,
        choice("recipientKind", recipientKinds, lang),
        { name: "recipientName", label: "field.recipientName", type: "text" },
        {
          name: "recipientCount",
          label: "field.recipientCount",
          type: "number",
          defaultValue: 1,
          min: 1,
        },
        choice("level", awardLevels, lang),
        choice("form", awardForms, lang),
        { name: "issuer", label: "field.issuer", type: "text" },
        { name: "awardedOn", label: "field.awardedOn", type: "date", required: true },
        { name: "reason", label: "field.reason", type: "textarea" },
      ];
    case "commitment":
      return [
        unitField,
        {
          name: "year",
          label: "field.year",
          type: "number",
          required: true,
          defaultValue: new Date().getFullYear(),
          grouped: false,
        },
        choice("kind", commitmentKinds, lang),
        { name: "title", label: "field.title", type: "text", required: true },
        { name: "registeredOn", label: "field.registeredOn", type: "date", required: true },
      ];
  }
}

/** A step of a model's lifecycle: REGISTERED is only the first one, so it is not offered. */
export function statusFields(lang: Lang): FieldSpec[] {
  return [
    {
      name: "status",
      label: "field.status",
      type: "select",
      required: true,
      options: options(modelStatuses, lang).filter((o) => o.value !== "REGISTERED"),
    },
    { name: "effectiveOn", label: "field.effectiveOn", type: "date", required: true },
    { name: "note", label: "field.note", type: "textarea" },
  ];
}

/** The figures of a contribution, in the order reports give them; money in đồng. */
export const CONTRIBUTION_FIGURES = [
  { name: "participants", label: "field.participants", money: false },
  { name: "landM2", label: "field.landM2", money: false },
  { name: "landValueVnd", label: "field.landValueVnd", money: true },
  { name: "cashVnd", label: "field.cashVnd", money: true },
  { name: "inKindVnd", label: "field.inKindVnd", money: true },
  { name: "workdays", label: "field.workdays", money: false },
] as const satisfies readonly { name: string; label: FieldSpec["label"]; money: boolean }[];

/** A contribution's fields: figures typed the Vietnamese way ("1.051.980.000"). */
export function contributionFields(): FieldSpec[] {
  return [
    { name: "recordedOn", label: "field.recordedOn", type: "date", required: true },
    ...CONTRIBUTION_FIGURES.map(
      (f): FieldSpec => ({ name: f.name, label: f.label, type: "number" }),
    ),
    { name: "note", label: "field.note", type: "textarea" },
  ];
}
