import { type ReactNode, useEffect, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useLiveStatus } from "../client";
import { TitleDetailContext, useDocumentTitle } from "../hooks/useDocumentTitle";
import { type MessageKey, useI18n } from "../lib/i18n";
import { rememberOrigin, restoreFocus } from "../lib/returnFocus";
import { AccountMenu } from "./AccountMenu";
import { LanguageSwitch } from "./LanguageSwitch";
import styles from "./Layout.module.css";
import { OutboxPanel, OutboxSync } from "./Outbox";
import { PasswordDialog } from "./PasswordDialog";
import { PeriodPicker } from "./PeriodPicker";
import { ReportButton } from "./ReportButton";
import { SavedViews } from "./SavedViews";
import tabStyles from "./Tabs.module.css";
import { UnitPicker } from "./UnitPicker";

export const views: { path: string; key: MessageKey }[] = [
  { path: "/", key: "nav.overview" },
  { path: "/so-sanh", key: "nav.comparison" },
  { path: "/mo-hinh", key: "nav.models" },
  { path: "/khen-thuong", key: "nav.awards" },
  { path: "/hoat-dong", key: "nav.activities" },
  { path: "/trinh-chieu", key: "nav.present" },
  { path: "/nhap-lieu", key: "nav.entry" },
];

/** Unit and period travel with every link, so switching views keeps what is being looked at. */
export function keep(search: string): string {
  const current = new URLSearchParams(search);
  const next = new URLSearchParams();
  for (const key of ["unit", "p"]) {
    const value = current.get(key);
    if (value) next.set(key, value);
  }
  const text = next.toString();
  return text ? `?${text}` : "";
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const live = useLiveStatus();
  const [location] = useLocation();
  const search = useSearch();
  const query = keep(search);
  const current = views.find((view) => view.path === location);
  const [passwordOpen, setPasswordOpen] = useState(false);
  // A view may name what it shows before its own name (a model's page names the model).
  const [titleDetail, setTitleDetail] = useState<string | null>(null);
  useDocumentTitle(titleDetail, current && t(current.key));
  // Back from the presentation: focus on the tab that opened it.
  useEffect(restoreFocus, []);

  return (
    <div className={styles.app}>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className={styles.topbar}>
        <div className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true">
            ★
          </span>
          <span className={`${styles.brandName} ${styles.brandNameLong}`}>{t("product")}</span>
          <span className={`${styles.brandName} ${styles.brandNameShort}`}>
            {t("productShort")}
          </span>
        </div>
        <div className={styles.topbarTools}>
          <LanguageSwitch />
          <a className={styles.topbarLink} href="/graphql" target="_blank" rel="noreferrer">
            {t("nav.graphiql")}
          </a>
          <AccountMenu onChangePassword={() => setPasswordOpen(true)} />
          <PasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
          <OutboxSync />
        </div>
      </header>
      <nav className={tabStyles.tabs} aria-label={t("nav.main")}>
        {views.map((view) => (
          <Link
            key={view.path}
            href={`${view.path}${query}`}
            className={`${tabStyles.tab} ${location === view.path ? tabStyles.active : ""}`}
            aria-current={location === view.path ? "page" : undefined}
            data-view={view.path}
            onClick={() => {
              if (view.path === "/trinh-chieu") {
                rememberOrigin(location, `a[data-view="${view.path}"]`);
              }
            }}
          >
            {t(view.key)}
          </Link>
        ))}
      </nav>
      <div className={styles.contextBar}>
        <UnitPicker />
        <div className={styles.contextTools}>
          <PeriodPicker />
          <ReportButton />
          <SavedViews />
        </div>
      </div>
      {live === "reconnecting" && (
        <div className="banner banner-warning" role="status" aria-live="polite">
          {t("live.reconnecting")}
        </div>
      )}
      <main id="main" className={styles.content}>
        {/* What waits to be sent is said on every page: a correction made offline in a list
          waits as an entry made in the form does. */}
        <OutboxPanel />
        <TitleDetailContext.Provider value={setTitleDetail}>{children}</TitleDetailContext.Provider>
      </main>
    </div>
  );
}
