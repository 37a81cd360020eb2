// A modal dialog on the native <dialog> (focus kept inside, Esc closes): the record lists'
// corrections, deletions and status steps, and the password change, open in one.
import { type ReactNode, useEffect, useId, useRef } from "react";
import { useI18n } from "../lib/i18n";
import styles from "./Dialog.module.css";

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  narrow?: boolean;
  /** alertdialog for a question that needs an answer (a deletion). */
  role?: "dialog" | "alertdialog";
}

export function Dialog({ open, title, onClose, children, narrow, role }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`${styles.dialog} ${narrow ? styles.narrow : ""}`}
      aria-labelledby={titleId}
      role={role}
      onClose={onClose}
    >
      {open && (
        <>
          <header className={styles.header}>
            <h2 id={titleId} className="card-title">
              {title}
            </h2>
            <button type="button" className="button button-small" onClick={onClose}>
              {t("record.close")}
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}

export const dialogStyles = styles;
