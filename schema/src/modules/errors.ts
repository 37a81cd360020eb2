import { builder } from "../builder";
import {
  AuthenticationError,
  DomainError,
  type FieldIssue,
  ForbiddenError,
  InputError,
  NotFoundError,
} from "../errors";

/** Every expected failure implements this interface. */
export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "An expected failure: the operation did nothing and says why. Lỗi.",
  fields: (t) => ({
    message: t.string({
      // Vietnamese, or English when the request's Accept-Language asks for it.
      description: "What went wrong, for people.",
      resolve: (error, _args, ctx) => error.messageIn(ctx.lang ?? "vi"),
    }),
  }),
});

builder.objectType(DomainError, {
  name: "BaseError",
  description: "A failure with only a message.",
  interfaces: [ErrorInterface],
});

const FieldIssueRef = builder.objectRef<FieldIssue>("FieldIssue").implement({
  description: "One problem with one input field.",
  fields: (t) => ({
    path: t.exposeStringList("path", {
      description: 'Path of the field, e.g. ["input", "attendance"].',
    }),
    message: t.string({
      description: "What is wrong with it.",
      resolve: (issue, _args, ctx) =>
        ctx.lang === "en" ? (issue.en ?? issue.message) : issue.message,
    }),
  }),
});

builder.objectType(InputError, {
  name: "InputError",
  description: "The input broke one or more rules; each issue names a field. Dữ liệu không hợp lệ.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      description: "Each problem, naming its field.",
      resolve: (e) => e.issues,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "The record does not exist, or is outside the caller's scope. Không tìm thấy.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    entity: t.exposeString("entity", { description: "Kind of record looked for." }),
    entityId: t.id({
      description: "Global id looked for.",
      resolve: (error) => error.globalId,
    }),
  }),
});

builder.objectType(ForbiddenError, {
  name: "ForbiddenError",
  description: "The caller's role or scope does not allow this. Không có quyền.",
  interfaces: [ErrorInterface],
});

builder.objectType(AuthenticationError, {
  name: "AuthenticationError",
  description: "Wrong credentials, or an expired or revoked token. Sai thông tin đăng nhập.",
  interfaces: [ErrorInterface],
});

/** Error types every mutation may return. */
export const mutationErrors = [InputError, NotFoundError, ForbiddenError] as const;
