// Loading, error and empty states, the same everywhere a component loads data.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { type Translate, useI18n } from "../lib/i18n";

interface Props<T> {
  fetching: boolean;
  error?: CombinedError | undefined;
  /** A typed error the API answered with (InputError, NotFoundError...). */
  problem?: string | undefined;
  data: T | null | undefined;
  isEmpty?: (data: T) => boolean;
  onRetry?: () => void;
  /** Height kept while loading so the page does not jump. */
  minHeight?: number;
  children: (data: T) => ReactNode;
}

export function DataState<T>({
  fetching,
  error,
  problem,
  data,
  isEmpty,
  onRetry,
  minHeight = 120,
  children,
}: Props<T>) {
  const { t } = useI18n();
  if ((error || problem) && (data === null || data === undefined)) {
    return (
      <div className="state state-error" role="alert" style={{ minHeight }}>
        <strong>{t("state.error")}</strong>
        <span className="state-detail">{problem ?? (error ? errorMessage(error, t) : "")}</span>
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t("state.retry")}
          </button>
        )}
      </div>
    );
  }
  if (data === null || data === undefined) {
    return (
      <div className="state state-loading" role="status" aria-live="polite" style={{ minHeight }}>
        <span className="spinner" aria-hidden="true" />
        {fetching ? t("state.loading") : t("state.empty")}
      </div>
    );
  }
  if (isEmpty?.(data)) {
    return (
      <div className="state state-empty" style={{ minHeight }}>
        {t("state.empty")}
      </div>
    );
  }
  return <>{children(data)}</>;
}

/** What went wrong, for people: the browser's own network messages are English, so not those. */
export function errorMessage(error: CombinedError, t: Translate): string {
  if (error.networkError) return t("state.offline");
  return error.graphQLErrors.map((e) => e.message).join("; ") || error.message;
}
