// The presentation's controls (they fade while the mouse rests): step, pause, the interval, the
// theme, full screen, leave, which slides play and what the slides rotate across; and the dots,
// one per slide of the playlist.
import type { DashboardParams } from "../../hooks/useDashboardParams";
import { useI18n } from "../../lib/i18n";
import styles from "../Presentation.module.css";
import { RotationPicker } from "./RotationPicker";
import type { RotationState } from "./rotation";
import { SLIDES, type SlideId, slideTitles } from "./slides";
import { ViewPicker } from "./ViewPicker";

interface Props {
  idle: boolean;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  step: (delta: 1 | -1) => void;
  exit: () => void;
  interval: number;
  theme: "dark" | "light";
  playlist: SlideId[];
  rotation: RotationState;
  /** The saved views chosen for the rotation (?views=). */
  chosenViews: string | null;
  setParams: DashboardParams["setParams"];
}

export function Controls({
  idle,
  paused,
  setPaused,
  step,
  exit,
  interval,
  theme,
  playlist,
  rotation,
  chosenViews,
  setParams,
}: Props) {
  const { t } = useI18n();
  return (
    <footer className={`${styles.presentControls} ${idle ? styles.controlsHidden : ""}`}>
      <button
        type="button"
        className="button"
        onClick={() => step(-1)}
        aria-label={t("present.previous")}
      >
        <span aria-hidden="true">←</span>
      </button>
      {/* A toggle (WAI-ARIA APG): the name stays "Tạm dừng", aria-pressed says it is paused
          now; the tooltip says what a press does. */}
      <button
        type="button"
        className="button"
        onClick={() => setPaused(!paused)}
        aria-label={t("present.pause")}
        aria-pressed={paused}
        title={paused ? t("present.resume") : t("present.pause")}
      >
        <span aria-hidden="true">{paused ? "▶" : "❚❚"}</span>
      </button>
      <button
        type="button"
        className="button"
        onClick={() => step(1)}
        aria-label={t("present.next")}
      >
        <span aria-hidden="true">→</span>
      </button>
      <label className="field-inline">
        <span>{t("present.interval")}</span>
        <input
          className={`input ${styles.narrowInput}`}
          type="number"
          min={3}
          max={600}
          value={interval}
          onChange={(e) => setParams({ interval: e.target.value }, { replace: true })}
        />
      </label>
      <button
        type="button"
        className="button"
        onClick={() => setParams({ theme: theme === "dark" ? "light" : "dark" }, { replace: true })}
      >
        {t("present.theme")}: {theme === "dark" ? t("present.dark") : t("present.light")}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
      >
        {t("present.fullscreen")}
      </button>
      <button type="button" className="button" onClick={exit}>
        {t("present.exit")}
      </button>
      <details className={styles.presentPlaylist}>
        <summary className="button">{t("present.playlist")}</summary>
        <fieldset>
          <legend className="sr-only">{t("present.playlist")}</legend>
          {SLIDES.map((id) => (
            <label key={id} className="field-inline">
              <input
                type="checkbox"
                checked={playlist.includes(id)}
                onChange={(event) => {
                  const next = event.target.checked
                    ? SLIDES.filter((s) => s === id || playlist.includes(s))
                    : playlist.filter((s) => s !== id);
                  if (next.length === 0) return;
                  setParams({ slides: next.join(","), slide: "0" }, { replace: true });
                }}
              />
              {t(slideTitles[id])}
            </label>
          ))}
        </fieldset>
      </details>
      <RotationPicker
        value={rotation.rotation}
        onChange={(value) =>
          setParams({ rotate: value, entry: null, slide: "0", page: null }, { replace: true })
        }
      />
      {rotation.rotation === "views" && (
        <ViewPicker
          views={rotation.views}
          chosen={chosenViews}
          onChange={(ids) =>
            setParams(
              { views: ids.length > 0 ? ids.join(",") : null, entry: null, slide: "0", page: null },
              { replace: true },
            )
          }
        />
      )}
      <span className={styles.presentHelp}>{t("present.help")}</span>
    </footer>
  );
}

/** One dot per slide of the playlist: where the show is, and a way to jump. */
export function SlideDots({
  playlist,
  index,
  go,
}: {
  playlist: SlideId[];
  index: number;
  go: (index: number) => void;
}) {
  const { t } = useI18n();
  return (
    <ol className={styles.presentDots} aria-label={t("present.playlist")}>
      {playlist.map((id, i) => (
        <li key={id}>
          <button
            type="button"
            className={`${styles.dot} ${i === index ? styles.dotActive : ""}`}
            aria-label={`${i + 1}: ${t(slideTitles[id])}`}
            aria-current={i === index ? "step" : undefined}
            onClick={() => go(i)}
          />
        </li>
      ))}
    </ol>
  );
}
