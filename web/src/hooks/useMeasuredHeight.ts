import { useCallback, useRef, useState } from "react";

/**
 * The height an element really has (ResizeObserver), through a callback ref: a slide gives its
 * chart the space left under the title at any window size, measured rather than guessed.
 */
export function useMeasuredHeight(): [(element: HTMLElement | null) => void, number | null] {
  const [height, setHeight] = useState<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setHeight(Math.floor(entry.contentRect.height));
    });
    observer.current.observe(element);
  }, []);
  return [ref, height];
}
