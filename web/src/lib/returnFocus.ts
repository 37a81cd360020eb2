// Leaving the presentation puts the viewer back where they started it (WCAG 2.4.3): the view they
// came from, with focus on the control that opened the slides, not on the page's body.

let origin: { path: string; selector: string } | null = null;

/** Called as the presentation is entered: the view it was entered from and what opened it. */
export function rememberOrigin(path: string, selector: string): void {
  origin = { path, selector };
}

/** The view to go back to ("/" when the presentation was opened directly). */
export function originPath(): string {
  return origin?.path ?? "/";
}

/** Focuses the remembered control once, after the view has drawn it. */
export function restoreFocus(): void {
  const selector = origin?.selector;
  origin = null;
  if (selector) document.querySelector<HTMLElement>(selector)?.focus();
}
