// Collects the demo as plain rows with ids assigned here, so every relation is known before the
// first write and the whole data set goes to the database in one INSERT per table (write.ts).
import type {
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
  Prisma,
  RecipientKind,
  UnitKind,
} from "../generated/client.ts";
import { AS_OF, addDays, enteredAt, within } from "./calendar";

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  /** Code of the parent; none for the province. */
  parent?: string;
  /** For leaves (chi bộ, agencies); a parent's count is the sum of its children's. */
  partyMembers?: number;
  /** For communes; a parent without one gets the sum of its children's. */
  population?: number;
  activeFrom?: Date;
  activeUntil?: Date;
  /** Code of the unit this one merged into; it must be declared before this one. */
  successor?: string;
}

export interface ActivityInput {
  unit: string;
  kind: ActivityKind;
  title: string;
  occurredOn: Date;
  sessions?: number;
  attendance: number;
  themeYear?: number;
  notes?: string;
}

export interface StatusStep {
  status: ModelStatus;
  on: Date;
  note?: string;
}

export interface ContributionInput {
  on: Date;
  participants?: number;
  landM2?: number;
  landValueVnd?: bigint;
  cashVnd?: bigint;
  inKindVnd?: bigint;
  workdays?: number;
  note?: string;
}

export interface ModelInput {
  unit: string;
  name: string;
  sector: ModelSector;
  level: ModelLevel;
  programme?: string;
  leadOrganisation: LeadOrganisation;
  description?: string;
  /** Every lifecycle step in order; the first is the registration, its day is startedOn. */
  history: StatusStep[];
  contributions?: ContributionInput[];
}

export interface CommitmentInput {
  unit: string;
  year: number;
  kind: CommitmentKind;
  title: string;
  status?: CommitmentStatus;
  registeredOn: Date;
  completedOn?: Date;
  replicatedOn?: Date;
}

export interface AwardInput {
  unit: string;
  recipientKind: RecipientKind;
  recipientName?: string;
  recipientCount?: number;
  level: AwardLevel;
  form: AwardForm;
  issuer?: string;
  awardedOn: Date;
  reason?: string;
  themeYear?: number;
  modelId?: number;
  /** Emulation year honoured (năm thi đua); default: the theme's year, else the decision's. */
  emulationYear?: number;
  /** Default: the year's theme with a theme, a model or programme with a model, else other. */
  ground?: AwardGround;
}

export interface ThemeInput {
  year: number;
  title: string;
  description?: string;
}

/** The whole demo as rows typed like Prisma's createMany input, ids included. */
export interface DemoData {
  units: Prisma.UnitCreateManyInput[];
  closures: Prisma.UnitClosureCreateManyInput[];
  themes: Prisma.ThemeCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  models: Prisma.ModelCreateManyInput[];
  statusChanges: Prisma.ModelStatusChangeCreateManyInput[];
  contributions: Prisma.ModelContributionCreateManyInput[];
  commitments: Prisma.CommitmentCreateManyInput[];
  awards: Prisma.AwardCreateManyInput[];
  /** Party members per unit from each day its figure changed (a merger adds chi bộ). */
  memberships: Prisma.UnitMembershipCreateManyInput[];
}

interface UnitRow extends Prisma.UnitCreateManyInput {
  id: number;
  path: string;
  depth: number;
  partyMembers: number;
}

export class DemoBuilder {
  private readonly unitsByCode = new Map<string, UnitRow>();
  private readonly units: UnitRow[] = [];
  private readonly explicitMembers = new Set<number>();
  private readonly ancestorsById = new Map<number, [ancestorId: number, distance: number][]>();
  private readonly themeIds = new Map<number, number>();
  private readonly data: DemoData = {
    units: [],
    closures: [],
    themes: [],
    activities: [],
    models: [],
    statusChanges: [],
    contributions: [],
    commitments: [],
    awards: [],
    memberships: [],
  };

  unit(input: UnitInput): number {
    if (this.unitsByCode.has(input.code)) throw new Error(`unit ${input.code} declared twice`);
    const parent = input.parent === undefined ? undefined : this.unitRow(input.parent);
    const successor = input.successor === undefined ? undefined : this.unitRow(input.successor);
    const id = this.units.length + 1;
    const row: UnitRow = {
      id,
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      partyMembers: input.partyMembers ?? 0,
      population: input.population ?? null,
      activeFrom: input.activeFrom ?? null,
      activeUntil: input.activeUntil ?? null,
      successorId: successor?.id ?? null,
    };
    if (input.partyMembers !== undefined) this.explicitMembers.add(id);
    const ancestors: [number, number][] = [[id, 0]];
    for (const [ancestorId, distance] of parent ? (this.ancestorsById.get(parent.id) ?? []) : []) {
      ancestors.push([ancestorId, distance + 1]);
    }
    this.ancestorsById.set(id, ancestors);
    this.unitsByCode.set(input.code, row);
    this.units.push(row);
    return id;
  }

  unitId(code: string): number {
    return this.unitRow(code).id;
  }

  /** Name, kind and active window of a declared unit. */
  unitInfo(code: string): Readonly<UnitRow> {
    return this.unitRow(code);
  }

  /** Code of the direct child of `parent` called `name`. */
  childNamed(parent: string, name: string): string {
    const parentId = this.unitId(parent);
    const child = this.units.find((u) => u.parentId === parentId && u.name === name);
    if (!child) throw new Error(`${parent} has no child named ${name}`);
    return child.code;
  }

  /** Codes of the direct children of a unit, in declaration order. */
  childrenOf(code: string, kind?: UnitKind): string[] {
    const parentId = this.unitId(code);
    return this.units
      .filter((u) => u.parentId === parentId && (kind === undefined || u.kind === kind))
      .map((u) => u.code);
  }

  theme(input: ThemeInput): void {
    const id = this.data.themes.length + 1;
    this.themeIds.set(input.year, id);
    this.data.themes.push({
      id,
      year: input.year,
      title: input.title,
      description: input.description ?? null,
    });
  }

  activity(input: ActivityInput): void {
    const unit = this.recordUnit(input.unit, input.occurredOn, "activity");
    if (input.attendance < 0 || (input.sessions ?? 1) < 1)
      throw new Error(`bad activity figures: ${input.title}`);
    this.data.activities.push({
      id: this.data.activities.length + 1,
      unitId: unit.id,
      themeId: this.themeId(input.themeYear),
      kind: input.kind,
      title: input.title,
      occurredOn: input.occurredOn,
      sessions: input.sessions ?? 1,
      attendance: input.attendance,
      notes: input.notes ?? null,
      ...this.stamps(input.occurredOn, this.data.activities.length),
    });
  }

  /** Adds a model with its status history and contributions; returns its id. */
  model(input: ModelInput): number {
    const first = input.history[0];
    const last = input.history[input.history.length - 1];
    if (!first || !last || first.status !== "REGISTERED") {
      throw new Error(`model "${input.name}" must start with REGISTERED`);
    }
    const unit = this.recordUnit(input.unit, first.on, "model");
    const id = this.data.models.length + 1;
    let previous = first.on;
    for (const step of input.history) {
      if (step.on < previous) throw new Error(`model "${input.name}": history out of order`);
      this.checkDate(step.on, `status of ${input.name}`);
      if (!within(step.on, unit.activeFrom as Date | null, unit.activeUntil as Date | null)) {
        throw new Error(`model "${input.name}": a step after ${unit.code} ceased to exist`);
      }
      previous = step.on;
      this.data.statusChanges.push({
        id: this.data.statusChanges.length + 1,
        modelId: id,
        status: step.status,
        effectiveOn: step.on,
        note: step.note ?? null,
        createdAt: enteredAt(step.on, 1),
      });
    }
    this.data.models.push({
      id,
      unitId: unit.id,
      name: input.name,
      sector: input.sector,
      level: input.level,
      programme: input.programme ?? null,
      leadOrganisation: input.leadOrganisation,
      startedOn: first.on,
      status: last.status,
      description: input.description ?? null,
      createdAt: enteredAt(first.on, 2),
      updatedAt: enteredAt(last.on, 2),
    });
    for (const contribution of input.contributions ?? []) {
      this.checkDate(contribution.on, `contribution to ${input.name}`);
      if (contribution.on < first.on)
        throw new Error(`contribution to "${input.name}" before it started`);
      this.data.contributions.push({
        id: this.data.contributions.length + 1,
        modelId: id,
        recordedOn: contribution.on,
        participants: contribution.participants ?? 0,
        landM2: contribution.landM2 ?? 0,
        landValueVnd: contribution.landValueVnd ?? 0n,
        cashVnd: contribution.cashVnd ?? 0n,
        inKindVnd: contribution.inKindVnd ?? 0n,
        workdays: contribution.workdays ?? 0,
        note: contribution.note ?? null,
        createdAt: enteredAt(contribution.on, 3),
      });
    }
    return id;
  }

  commitment(input: CommitmentInput): void {
    const unit = this.recordUnit(input.unit, input.registeredOn, "commitment");
    for (const date of [input.completedOn, input.replicatedOn]) {
      if (!date) continue;
      this.checkDate(date, input.title);
      if (date < input.registeredOn)
        throw new Error(`commitment "${input.title}" ends before it starts`);
    }
    const status =
      input.status ??
      (input.replicatedOn ? "REPLICATED" : input.completedOn ? "COMPLETED" : "REGISTERED");
    const lastStep = input.replicatedOn ?? input.completedOn ?? input.registeredOn;
    this.data.commitments.push({
      id: this.data.commitments.length + 1,
      unitId: unit.id,
      year: input.year,
      kind: input.kind,
      title: input.title,
      status,
      registeredOn: input.registeredOn,
      completedOn: input.completedOn ?? null,
      replicatedOn: input.replicatedOn ?? null,
      createdAt: enteredAt(input.registeredOn, 2),
      updatedAt: enteredAt(lastStep, 2),
    });
  }

  award(input: AwardInput): void {
    const unit = this.recordUnit(input.unit, input.awardedOn, "award");
    if ((input.recipientCount ?? 1) < 1)
      throw new Error(`award without recipients: ${input.reason}`);
    if (input.modelId !== undefined && input.modelId > this.data.models.length) {
      throw new Error(`award for unknown model ${input.modelId}`);
    }
    this.data.awards.push({
      id: this.data.awards.length + 1,
      unitId: unit.id,
      recipientKind: input.recipientKind,
      recipientName: input.recipientName ?? null,
      recipientCount: input.recipientCount ?? 1,
      level: input.level,
      form: input.form,
      issuer: input.issuer ?? null,
      awardedOn: input.awardedOn,
      reason: input.reason ?? null,
      themeId: this.themeId(input.themeYear),
      modelId: input.modelId ?? null,
      emulationYear: input.emulationYear ?? input.themeYear ?? input.awardedOn.getUTCFullYear(),
      ground:
        input.ground ??
        (input.themeYear !== undefined
          ? "YEAR_THEME"
          : input.modelId !== undefined
            ? "MODEL_PROGRAMME"
            : "OTHER"),
      ...this.stamps(input.awardedOn, this.data.awards.length),
    });
  }

  /**
   * Each unit's party members from its first day and from every day a unit below it began or
   * ended (the 2025 mergers), as the sum over the chi bộ active that day: so a commune's 2024
   * rate divides by its 2024 members, not by those that came with a merger.
   */
  private membershipHistory(): Prisma.UnitMembershipCreateManyInput[] {
    const children = new Map<number, UnitRow[]>();
    for (const u of this.units) {
      if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
    }
    const boundaries = new Set<number>();
    for (const u of this.units) {
      if (u.activeFrom) boundaries.add((u.activeFrom as Date).getTime());
      if (u.activeUntil) boundaries.add(addDays(u.activeUntil as Date, 1).getTime());
    }
    const days = [...boundaries].sort((a, b) => a - b).map((t) => new Date(t));
    const membersOn = (unit: UnitRow, on: Date): number => {
      const below = children.get(unit.id);
      if (!below || this.explicitMembers.has(unit.id)) return unit.partyMembers;
      return below
        .filter((c) => within(on, c.activeFrom as Date | null, c.activeUntil as Date | null))
        .reduce((sum, c) => sum + membersOn(c, on), 0);
    };
    const rows: Prisma.UnitMembershipCreateManyInput[] = [];
    for (const unit of this.units) {
      const start = (unit.activeFrom as Date | null) ?? new Date(Date.UTC(1, 0, 1));
      const last = (unit.activeUntil as Date | null) ?? AS_OF;
      let previous: number | null = null;
      for (const on of [start, ...days.filter((d) => d > start && d <= last)]) {
        const members = membersOn(unit, on);
        if (members !== previous)
          rows.push({ unitId: unit.id, effectiveOn: on, partyMembers: members });
        previous = members;
      }
    }
    return rows;
  }

  /** Rolls party members up the tree and hands over the rows. */
  finish(): DemoData {
    // Children always have larger ids than their parent, so one pass from the leaves up suffices.
    const members = new Map<number, number>();
    const population = new Map<number, number>();
    for (let i = this.units.length - 1; i >= 0; i--) {
      const unit = this.units[i] as UnitRow;
      const memberSum = members.get(unit.id);
      if (memberSum !== undefined && !this.explicitMembers.has(unit.id)) {
        unit.partyMembers = memberSum;
      }
      const populationSum = population.get(unit.id);
      if (populationSum !== undefined && (unit.population ?? null) === null) {
        unit.population = populationSum;
      }
      if (unit.parentId === null || unit.parentId === undefined) continue;
      const parent = this.units[unit.parentId - 1] as UnitRow;
      // A parent counts what it had on its own last day: a merged commune's chi bộ count for it
      // until the merger, and for the commune they moved to from then on.
      const parentLastDay = (parent.activeUntil as Date | null) ?? AS_OF;
      if (!within(parentLastDay, unit.activeFrom as Date | null, unit.activeUntil as Date | null)) {
        continue;
      }
      members.set(parent.id, (members.get(parent.id) ?? 0) + unit.partyMembers);
      if (typeof unit.population === "number") {
        population.set(parent.id, (population.get(parent.id) ?? 0) + unit.population);
      }
    }
    this.data.units = this.units.map((u) => ({ ...u }));
    this.data.memberships = this.membershipHistory();
    this.data.closures = [];
    for (const [descendantId, ancestors] of this.ancestorsById) {
      for (const [ancestorId, distance] of ancestors)
        this.data.closures.push({ ancestorId, descendantId, distance });
    }
    return this.data;
  }

  private unitRow(code: string): UnitRow {
    const row = this.unitsByCode.get(code);
    if (!row) throw new Error(`unknown unit ${code}`);
    return row;
  }

  private themeId(year: number | undefined): number | null {
    if (year === undefined) return null;
    const id = this.themeIds.get(year);
    if (id === undefined) throw new Error(`no theme for ${year}`);
    return id;
  }

  /** A record's unit must exist on the record's day: merged communes keep only their past. */
  private recordUnit(code: string, date: Date, what: string): UnitRow {
    const unit = this.unitRow(code);
    this.checkDate(date, `${what} of ${code}`);
    if (!within(date, unit.activeFrom as Date | null, unit.activeUntil as Date | null)) {
      throw new Error(
        `${what} of ${code} dated ${date.toISOString().slice(0, 10)} outside its life`,
      );
    }
    return unit;
  }

  private checkDate(date: Date, what: string): void {
    if (date > AS_OF) throw new Error(`${what} is dated after the demo's today`);
  }

  private stamps(date: Date, sequence: number): { createdAt: Date; updatedAt: Date } {
    const at = enteredAt(date, sequence % 5);
    return { createdAt: at, updatedAt: at };
  }
}
