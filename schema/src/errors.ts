/** Expected failures, returned to clients as typed GraphQL errors (plugin-errors). */
export class DomainError extends Error {
  override name = "DomainError";
}

export interface FieldIssue {
  /** Path of the offending input field, e.g. ["input", "attendance"]. */
  path: string[];
  message: string;
}

/** Input that breaks a rule; names each field and what is wrong with it. Nothing was written. */
export class InputError extends DomainError {
  override name = "InputError";
  constructor(
    public readonly issues: FieldIssue[],
    message = issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "),
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(
    public readonly entity: string,
    public readonly entityId: string,
  ) {
    super(`${entity} ${entityId} does not exist or is outside your scope.`);
  }
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
}

export class AuthenticationError extends DomainError {
  override name = "AuthenticationError";
}
