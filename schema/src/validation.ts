// The write inputs' zod rules moved to domain/rules.ts (shared with the dashboard); this path
// stays so that existing imports keep working.
export * from "./domain/rules";
