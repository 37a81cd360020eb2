import { useEffect, useState } from "react";

export interface Stage {
  width: number;
  height: number;
  scale: number;
}

function measureStage(): Stage {
  const scale = Math.max(1, Math.min(window.innerWidth / 1920, window.innerHeight / 1080));
  return { width: window.innerWidth, height: window.innerHeight, scale };
}

/**
 * The window's size, and the scale the slides are drawn at: 1 up to 1920×1080 (CSS pixels), more
 * beyond (a 4K projector at 100 %), so text and charts keep the proportions they have at 1080p
 * instead of shrinking to a quarter of the screen.
 */
export function useStage(): Stage {
  const [stage, setStage] = useState(measureStage);
  useEffect(() => {
    const update = () => setStage(measureStage());
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);
  return stage;
}
