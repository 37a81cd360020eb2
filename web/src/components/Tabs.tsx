// Tabs as the WAI-ARIA Authoring Practices describe them: one tab stop for the whole list (the
// selected tab; the others tabindex -1), ←/→ move to the previous/next tab and wrap, Home/End to
// the first/last, and the tab that gets focus is selected (automatic activation: the panels draw
// at once). Every tab names the panel it controls and every panel is labelled by its tab; the
// panels of unselected tabs stay in the page, empty and hidden, so no `aria-controls` points at
// nothing. A control inside a panel that selects another tab leaves focus on the new tab.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";
import styles from "./Tabs.module.css";

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

interface Props<T extends string> {
  /** The list's name ("Nhập liệu"). */
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  /** The selected tab's panel; the other panels are empty. */
  children: ReactNode;
  /** Between the tab list and the panel (something that belongs to every tab). */
  between?: ReactNode;
}

export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
  between,
}: Props<T>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = (id: T) => `${base}-panel-${id}`;

  // A control inside the old panel that chose another tab ("Nhập từ tệp →") goes with its panel:
  // focus moves to the new tab rather than falling to the page's body.
  const shown = useRef(selected);
  useEffect(() => {
    if (shown.current === selected) return;
    shown.current = selected;
    if (!document.activeElement || document.activeElement === document.body) {
      list.current?.querySelector<HTMLElement>("[aria-selected=true]")?.focus();
    }
  }, [selected]);

  function onKey(event: KeyboardEvent) {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const target =
      event.key === "ArrowRight"
        ? (at + 1) % tabs.length
        : event.key === "ArrowLeft"
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? tabs.length - 1
              : null;
    const next = target === null ? undefined : tabs[target];
    if (!next) return;
    event.preventDefault();
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`[id="${tabId(next.id)}"]`)?.focus();
  }

  return (
    <>
      <div
        ref={list}
        className={`${styles.tabs} ${styles.inner}`}
        role="tablist"
        aria-label={label}
        onKeyDown={onKey}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={tabId(tab.id)}
            type="button"
            role="tab"
            aria-selected={tab.id === selected}
            aria-controls={panelId(tab.id)}
            tabIndex={tab.id === selected ? 0 : -1}
            className={`${styles.tab} ${tab.id === selected ? styles.active : ""}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {between}
      {tabs.map((tab) => (
        <div
          key={tab.id}
          id={panelId(tab.id)}
          role="tabpanel"
          aria-labelledby={tabId(tab.id)}
          hidden={tab.id !== selected}
        >
          {tab.id === selected && children}
        </div>
      ))}
    </>
  );
}
