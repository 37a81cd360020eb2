// The presentation's keys: Space pauses, arrows and Page Up/Down step, Esc leaves, F toggles
// full screen. A key typed in a field, or Space on a focused control, stays that control's own.
import { useEffect, useRef } from "react";

interface Actions {
  step: (delta: 1 | -1) => void;
  exit: () => void;
  togglePause: () => void;
}

export function useSlideKeys(actions: Actions) {
  // The handler is bound once and reads the latest actions: a handler re-bound in an effect
  // would, between a render and its effect, page with the previous render's page count.
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const { step, exit, togglePause } = latest.current;
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
        return;
      // Space on a focused control is that control's own key (press the button, open the list).
      if ((event.key === " " || event.key === "Spacebar") && ownsSpace(event.target)) return;
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        togglePause();
      } else if (event.key === "ArrowRight" || event.key === "PageDown") {
        event.preventDefault();
        step(1);
      } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
        event.preventDefault();
        step(-1);
      } else if (event.key === "Escape" && !document.fullscreenElement) {
        exit();
      } else if (event.key === "f" || event.key === "F") {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => {});
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** Whether Space belongs to the focused element (a button, link, field or summary) itself. */
function ownsSpace(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest(
      "button, a[href], input, select, textarea, summary, [role=button], [contenteditable=true]",
    ) !== null
  );
}
