// "Đổi mật khẩu" in the account menu: the account changes its own password. The API ends the
// account's other sessions and answers with a fresh one, which replaces the current token.
import { useState } from "react";
import { useClient } from "urql";
import { signIn } from "../client";
import { ChangeMyPasswordMutation } from "../graphql/writes";
import { useI18n } from "../lib/i18n";
import type { WriteOutcome } from "../lib/sendWrite";
import { Dialog } from "./Dialog";
import { type FieldSpec, RecordForm } from "./RecordForm";

const fields: FieldSpec[] = [
  { name: "currentPassword", label: "field.currentPassword", type: "password", required: true },
  { name: "newPassword", label: "field.newPassword", type: "password", required: true },
];

export function PasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [changed, setChanged] = useState(false);

  async function submit(input: Record<string, unknown>): Promise<WriteOutcome> {
    const result = await client
      .mutation(ChangeMyPasswordMutation, {
        input: {
          currentPassword: String(input.currentPassword),
          newPassword: String(input.newPassword),
        },
      })
      .toPromise();
    const answer = result.data?.changeMyPassword;
    if (answer?.__typename === "MutationChangeMyPasswordSuccess") {
      signIn(answer.data);
      return { ok: true };
    }
    if (answer && "message" in answer) return { ok: false, error: answer };
    return result.error?.networkError
      ? { ok: false, offline: true }
      : { ok: false, message: t("entry.failed") };
  }

  return (
    <Dialog
      open={open}
      title={t("account.password")}
      onClose={() => {
        setChanged(false);
        onClose();
      }}
      narrow
    >
      {changed ? (
        <p className="form-success" role="status">
          {t("account.changed")}
        </p>
      ) : (
        <RecordForm
          title={t("account.password")}
          fields={fields}
          submit={submit}
          onSaved={() => setChanged(true)}
          quietTitle
        />
      )}
    </Dialog>
  );
}
