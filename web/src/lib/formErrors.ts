// Maps the API's InputError.issues[].path to the form's fields: ["input", "attendance"] →
// "attendance"; issues that name no field of the form go to the form as a whole.

export interface FieldIssue {
  path: readonly string[];
  message: string;
}

export interface FormErrors {
  fields: Record<string, string>;
  form: string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, form: [] };

export function mapIssues(
  issues: readonly FieldIssue[],
  fieldNames: readonly string[],
  argumentName = "input",
): FormErrors {
  const known = new Set(fieldNames);
  const result: FormErrors = { fields: {}, form: [] };
  for (const issue of issues) {
    const path = issue.path[0] === argumentName ? issue.path.slice(1) : issue.path;
    const name = path.join(".");
    const field = known.has(name) ? name : path[0] && known.has(path[0]) ? path[0] : null;
    if (field) {
      // Several rules can fail on one field; the first is the one to fix first.
      result.fields[field] ??= issue.message;
    } else {
      result.form.push(issue.message);
    }
  }
  return result;
}
