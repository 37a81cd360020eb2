// The account menu as the WAI-ARIA menu button pattern: Enter, Space or ArrowDown opens it with
// focus on its first item, arrows move between items, Esc closes it and gives focus back to the
// button, Tab or a click elsewhere closes it. The button's name holds its visible text (2.5.3).
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { signOut, useSession } from "../client";
import { useI18n } from "../lib/i18n";
import { label, roles } from "../lib/labels";
import styles from "./Layout.module.css";

const items = (panel: HTMLElement | null) => [
  ...(panel?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []),
];

/** `onChangePassword` opens the password dialog (Layout owns it: it outlives the closed menu). */
export function AccountMenu({ onChangePassword }: { onChangePassword: () => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = useId();

  useEffect(() => {
    if (!open) return;
    items(panel.current)[0]?.focus();
    const away = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [open]);

  if (!session) return null;
  const { user } = session;

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent) {
    const list = items(panel.current);
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      list[(index + list.length) % list.length]?.focus();
    };
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(list.length - 1);
    else if (event.key === "Tab") setOpen(false);
  }

  return (
    <div className={styles.userMenu}>
      <button
        ref={button}
        id={buttonId}
        type="button"
        className={styles.userMenuButton}
        aria-label={`${t("user.menu")}: ${user.displayName}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {/* The initial is drawn by CSS: as text it would be a visible word missing from the name. */}
        <span
          className={styles.avatar}
          data-initial={user.displayName.trim().split(/\s+/).at(-1)?.[0] ?? "?"}
        />
        <span className={styles.userName}>{user.displayName}</span>
      </button>
      {/* Who is signed in sits beside the menu, not in it: a menu holds only its items. */}
      <div ref={panel} className={styles.userMenuPanel} hidden={!open}>
        <p>
          <strong>{user.displayName}</strong>
          <br />
          <span className="muted">
            {user.username} · {label(roles, user.role, lang)}
          </span>
          <br />
          <span className="muted">{user.scope.name}</span>
        </p>
        <div id={menuId} role="menu" aria-labelledby={buttonId} onKeyDown={onMenuKey}>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="button"
            onClick={() => {
              setOpen(false);
              onChangePassword();
            }}
          >
            {t("account.password")}
          </button>
          <button type="button" role="menuitem" tabIndex={-1} className="button" onClick={signOut}>
            {t("user.logout")}
          </button>
        </div>
      </div>
    </div>
  );
}
