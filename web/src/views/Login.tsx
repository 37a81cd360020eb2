import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { signIn } from "../client";
import { errorMessage } from "../components/DataState";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { LoginMutation } from "../graphql/session";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useI18n } from "../lib/i18n";
import styles from "./Login.module.css";

export function Login() {
  const { t } = useI18n();
  useDocumentTitle(t("login.title"));
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setMessage(null);
    const result = await login({
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    const answer = result.data?.login;
    if (answer?.__typename === "MutationLoginSuccess") signIn(answer.data);
    else if (answer) setMessage(answer.message);
    else if (result.error) setMessage(errorMessage(result.error, t));
  }

  return (
    <main className={styles.login}>
      <form className={`card ${styles.loginCard}`} onSubmit={submit} aria-labelledby="login-title">
        <div className={styles.loginBrand}>
          <span className={styles.loginMark} aria-hidden="true">
            ★
          </span>
          <div>
            <p className={styles.loginProduct}>{t("product")}</p>
            <p className="muted">{t("login.intro")}</p>
          </div>
        </div>
        <h1 id="login-title">{t("login.title")}</h1>
        <label className="field">
          <span>{t("login.username")}</span>
          <input className="input" name="username" autoComplete="username" required />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </label>
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={fetching}>
          {fetching ? t("login.busy") : t("login.submit")}
        </button>
        <LanguageSwitch long />
      </form>
    </main>
  );
}
