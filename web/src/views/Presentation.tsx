// Trình chiếu: full-screen slides for a conference projector. Everything that defines what is on
// screen (unit, period, playlist, slide, interval, theme) is in the URL, so a shared link reopens
// the same slide. Space pauses, arrows step, Esc leaves.
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "urql";
import { useLocation } from "wouter";
import { awardLevelColors, recipientColors, sectorColors, series } from "../charts/config";
import { useLiveStatus } from "../client";
import { UnitContextQuery } from "../graphql/units";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useIdle } from "../hooks/useIdle";
import { useMeasuredHeight } from "../hooks/useMeasuredHeight";
import { useStage } from "../hooks/useStage";
import { type MessageKey, useI18n } from "../lib/i18n";
import { awardLevels, type Measure, recipientKinds, sectors, type UnitKind } from "../lib/labels";
import { measureLabel } from "../lib/measure";
import { slidePage } from "../lib/paging";
import { decodePeriod, encodePeriod, periodLabel, periodRange } from "../lib/period";
import { originPath } from "../lib/returnFocus";
import { BreakdownWidget } from "../widgets/BreakdownWidget";
import { ComparisonChartWidget } from "../widgets/ComparisonWidget";
import { KpiGrid } from "../widgets/KpiGrid";
import { LaggardRuleNote, useLaggardRule } from "../widgets/LaggardRule";
import { MapWidget } from "../widgets/MapWidget";
import { TrendWidget } from "../widgets/TrendWidget";
import { defaultChildLevel } from "./Comparison";
import styles from "./Presentation.module.css";
import slideStyles from "./presentation/Presentation.module.css";
import { RankLegend } from "./presentation/RankLegend";
import { RotationPicker } from "./presentation/RotationPicker";
import { entryParams, useRotation } from "./presentation/rotation";
import { SlideFilterLine } from "./presentation/SlideFilterLine";
import { slideFilters } from "./presentation/slideFilters";
import { UpdatedAt } from "./presentation/UpdatedAt";
import { ViewPicker } from "./presentation/ViewPicker";

export const SLIDES = [
  "kpi",
  "trend",
  "sectors",
  "awards",
  "recipients",
  "compare",
  "map",
] as const;
export type SlideId = (typeof SLIDES)[number];

const slideTitles: Record<SlideId, MessageKey> = {
  kpi: "overview.figures",
  trend: "overview.trend",
  sectors: "overview.modelsBySector",
  awards: "overview.awardsByLevel",
  recipients: "overview.awardsByRecipient",
  compare: "comparison.title",
  map: "map.title",
};

/** The playlist from the URL (?slides=kpi,trend), unknown names dropped; all slides by default. */
export function parsePlaylist(text: string | null): SlideId[] {
  const chosen = (text ?? "")
    .split(",")
    .filter((s): s is SlideId => (SLIDES as readonly string[]).includes(s));
  return chosen.length > 0 ? chosen : [...SLIDES];
}

export function Presentation() {
  const { t, lang } = useI18n();
  const [, navigate] = useLocation();
  const base = useDashboardParams();
  const { setParams } = base;
  // Rotating across units or saved views, the slides show the current entry's unit and settings.
  const [{ data: rootData }] = useQuery({
    query: UnitContextQuery,
    variables: { id: base.unitId },
  });
  const rotation = useRotation(
    base.unitId,
    defaultChildLevel(rootData?.unit?.kind),
    base.params,
    setParams,
  );
  const params = entryParams(base.params, rotation.current);
  const unitId = rotation.current?.unitId ?? base.unitId;
  const entryPeriod = rotation.current?.query ? params.get("p") : null;
  const period = useMemo(
    () => decodePeriod(entryPeriod) ?? base.period,
    [entryPeriod, base.period],
  );
  const range = useMemo(() => periodRange(period), [period]);
  const entries = rotation.entries.length;
  const live = useLiveStatus();
  const playlist = parsePlaylist(params.get("slides"));
  const count = playlist.length;
  const index = Math.min(Math.max(Number(params.get("slide")) || 0, 0), count - 1);
  const interval = Math.min(Math.max(Number(params.get("interval")) || 15, 3), 600);
  const theme = params.get("theme") === "light" ? "light" : "dark";
  const [paused, setPaused] = useState(params.get("paused") === "1");
  const slide = playlist[index] ?? "kpi";
  const stage = useStage();
  // Layout happens at 1/scale of the window, then the whole slide is scaled up (see useStage).
  const height = stage.height / stage.scale;
  const stageStyle =
    stage.scale > 1
      ? {
          right: "auto",
          bottom: "auto",
          width: `${stage.width / stage.scale}px`,
          height: `${height}px`,
          transform: `scale(${stage.scale})`,
          transformOrigin: "0 0",
        }
      : undefined;
  const [{ data: unitData }] = useQuery({ query: UnitContextQuery, variables: { id: unitId } });
  const unit = unitData?.unit;

  const go = useCallback(
    (next: number, page = 0) =>
      setParams(
        { slide: String((next + count) % count), page: page > 0 ? String(page) : null },
        { replace: true },
      ),
    [count, setParams],
  );

  // The comparison slide pages through every unit (ranks and "n/N" shown); the other slides
  // have one page. Its page is in the URL too, so a reload comes back to the same page.
  // Charts fill what the slide has left under its title (measured); the comparison's chart what
  // is left between its page line and its legend, at 44 px a bar.
  const [bodyRef, bodyHeight] = useMeasuredHeight();
  const [compareRef, compareHeight] = useMeasuredHeight();
  const fallback = Math.round(height * 0.6);
  const chartHeight = Math.max(240, bodyHeight ?? fallback);
  const compareChartHeight = Math.max(200, compareHeight ?? fallback);
  // On a phone-wide slide each name goes above its bar (a name column would leave no room for
  // bars): a taller row per unit.
  const stacked = stage.width < 600;
  const perPage = Math.max(3, Math.floor((compareChartHeight - 60) / (stacked ? 64 : 44)));
  const [compareTotal, setCompareTotal] = useState<number | null>(null);
  const paging =
    slide === "compare" && compareTotal !== null
      ? slidePage(compareTotal, perPage, Number(params.get("page")) || 0)
      : null;
  const pageIndex = paging?.page ?? 0;
  const pageCount = paging?.count ?? 1;
  const step = useCallback(
    (delta: 1 | -1) => {
      const nextPage = pageIndex + delta;
      if (nextPage >= 0 && nextPage < pageCount) go(index, nextPage);
      // Past the last slide of an entry comes the next entry's first, and back the reverse.
      else if (delta === 1 && index === count - 1 && entries > 1) rotation.move(1, 0);
      else if (delta === -1 && index === 0 && entries > 1) rotation.move(-1, count - 1);
      else if (delta === 1) go(index + 1);
      else go(index - 1);
    },
    [go, index, pageIndex, pageCount, count, entries, rotation.move],
  );

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => step(1), interval * 1000);
    return () => clearTimeout(timer);
  }, [paused, interval, step]);
  const idle = useIdle(3000);

  const exit = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    const keep = new URLSearchParams();
    keep.set("unit", base.unitId);
    keep.set("p", encodePeriod(base.period));
    navigate(`${originPath()}?${keep.toString()}`);
  }, [navigate, base.unitId, base.period]);

  // The key handler is bound once and reads the latest actions: a handler re-bound in an effect
  // would, between a render and its effect, page with the previous render's page count.
  const keyActions = useRef({ step, exit });
  keyActions.current = { step, exit };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const { step, exit } = keyActions.current;
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
        return;
      // Space on a focused control is that control's own key (press the button, open the list).
      if ((event.key === " " || event.key === "Spacebar") && ownsSpace(event.target)) return;
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        setPaused((p) => !p);
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

  // Focus starts on the slide (a screen reader reads its name, the keys work at once) and comes
  // back to it when a slide change removes the focused slide; a focused control keeps focus.
  const entered = useRef(false);
  const focusSlide = useCallback((element: HTMLElement | null) => {
    if (!element) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!entered.current || lost) element.focus({ preventScroll: true });
    entered.current = true;
  }, []);

  useEffect(() => {
    document.body.classList.add("presenting");
    return () => document.body.classList.remove("presenting");
  }, []);

  const compareMeasure = (params.get("m") as Measure | null) ?? "ATTENDANCE_PER_100_MEMBERS";
  const title =
    slide === "compare"
      ? // Short enough for one line at 1920 px, so the chart keeps its height.
        `${t("nav.comparison")}: ${measureLabel(compareMeasure, lang)}`
      : slide === "map"
        ? `${t("map.title")}: ${measureLabel(compareMeasure, lang)}`
        : t(slideTitles[slide]);
  const subtitle = `${unit?.name ?? ""} · ${periodLabel(period, lang)}`;
  useDocumentTitle(title, t("nav.present"));
  const childLevel = (params.get("level") as UnitKind | null) ?? defaultChildLevel(unit?.kind);
  const perCapita = params.get("pc") === "1";
  const comparisonKey = { unitId, range, measure: compareMeasure, childLevel, perCapita };
  const laggardRule = useLaggardRule(comparisonKey)?.rule;
  // The entry's drill filters, on the slides whose figures the API can narrow by them.
  const narrowed = slideFilters(params, slide);
  const breakdown = { filters: narrowed.metrics, selected: narrowed.selected, stacked };
  const slides: Record<SlideId, ReactNode> = {
    kpi: (
      <KpiGrid
        unitId={unitId}
        range={range}
        size="huge"
        measures={[
          "SESSIONS",
          "ATTENDANCE",
          "MODELS_ACTIVE",
          "CONTRIBUTION_VND",
          "AWARDS",
          "COMMITMENTS_REGISTERED",
        ]}
      />
    ),
    trend: (
      <TrendWidget
        title={t("overview.trend")}
        unitId={unitId}
        range={range}
        measure="ATTENDANCE"
        color={series.attendance.color}
        height={chartHeight}
        big
      />
    ),
    sectors: (
      <BreakdownWidget
        title={t("overview.modelsBySector")}
        unitId={unitId}
        range={range}
        measure="MODELS_ACTIVE"
        dimension="SECTOR"
        {...breakdown}
        labels={sectors}
        colors={sectorColors}
        height={chartHeight}
        big
      />
    ),
    awards: (
      <BreakdownWidget
        title={t("overview.awardsByLevel")}
        unitId={unitId}
        range={range}
        measure="AWARDS"
        dimension="AWARD_LEVEL"
        {...breakdown}
        labels={awardLevels}
        colors={awardLevelColors}
        height={chartHeight}
        big
      />
    ),
    recipients: (
      <BreakdownWidget
        title={t("overview.awardsByRecipient")}
        unitId={unitId}
        range={range}
        measure="AWARDS"
        dimension="RECIPIENT_KIND"
        {...breakdown}
        labels={recipientKinds}
        colors={recipientColors}
        kind="share"
        height={chartHeight}
        big
      />
    ),
    compare: (
      <div className={slideStyles.compare}>
        <p className={slideStyles.pageLine} data-page={pageIndex + 1} data-pages={pageCount}>
          {paging &&
            `${t("present.ranks")} ${paging.from + 1}–${paging.to}/${paging.total}` +
              (pageCount > 1 ? ` · ${t("present.page")} ${pageIndex + 1}/${pageCount}` : "")}
        </p>
        <div ref={compareRef} className={slideStyles.fill}>
          <ComparisonChartWidget
            unitId={unitId}
            range={range}
            measure={compareMeasure}
            childLevel={childLevel}
            perCapita={perCapita}
            height={compareChartHeight}
            perPage={perPage}
            page={pageIndex}
            onTotal={setCompareTotal}
            stacked={stacked}
            big
          />
        </div>
        <RankLegend rule={laggardRule} />
      </div>
    ),
    map: (
      <MapWidget
        unitId={unitId}
        range={range}
        measure={compareMeasure}
        childLevel={childLevel}
        perCapita={perCapita}
        // Room under the drawing for the note and a two-line legend (.present's font size).
        height={chartHeight - Math.round(4.6 * Math.min(34, Math.max(16, stage.width * 0.016)))}
        onSelect={(id) => setParams({ unit: id, slide: String(index), page: null })}
        big
      />
    ),
  };

  return (
    <LiveFiguresProvider unitId={unitId}>
      <section
        className={`present present-${theme}`}
        style={stageStyle}
        data-slide={slide}
        data-slide-index={index}
        aria-label={t("nav.present")}
        aria-roledescription={t("present.slideshow")}
      >
        <header className={styles.presentHeader}>
          <div>
            <p className={styles.presentProduct}>{t("product")}</p>
            <p className={styles.presentSubtitle}>{subtitle}</p>
          </div>
          <p className={styles.presentCounter} aria-live="polite">
            {rotation.current && (
              <span className={slideStyles.entry} data-entry={rotation.index + 1}>
                {t(rotation.rotation === "views" ? "present.view" : "present.unit")}{" "}
                {rotation.index + 1}/{entries}: {rotation.current.label}
              </span>
            )}
            {t("present.slide")} {index + 1}/{count}
            {/* The slide's title with its number, so a change of slide is announced by name. */}
            <span className="sr-only">: {title}</span>
            {paused && <span className="present-paused"> · {t("present.paused")}</span>}
            {live === "connected" && <span className="live-dot"> {t("live.connected")}</span>}
            <UpdatedAt className={slideStyles.stamp} />
          </p>
        </header>
        <section
          className={styles.presentSlide}
          key={`${slide}-${index}`}
          ref={focusSlide}
          tabIndex={-1}
          aria-roledescription={t("present.slideRole")}
          aria-label={`${index + 1}/${count}: ${title}`}
        >
          {/* Every slide says which rule marks the laggards of the comparison it belongs to,
            and which of the entry's filters it applies. */}
          <div>
            <h1 className="present-title">{title}</h1>
            <LaggardRuleNote {...comparisonKey} className={slideStyles.rule} />
            <SlideFilterLine filters={narrowed.filters} />
          </div>
          <div ref={bodyRef} className={styles.presentBody}>
            {slides[slide]}
          </div>
        </section>
        <footer className={`${styles.presentControls} ${idle ? slideStyles.controlsHidden : ""}`}>
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
              className="input input-narrow"
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
            onClick={() =>
              setParams({ theme: theme === "dark" ? "light" : "dark" }, { replace: true })
            }
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
              chosen={base.params.get("views")}
              onChange={(ids) =>
                setParams(
                  {
                    views: ids.length > 0 ? ids.join(",") : null,
                    entry: null,
                    slide: "0",
                    page: null,
                  },
                  { replace: true },
                )
              }
            />
          )}
          <span className={styles.presentHelp}>{t("present.help")}</span>
        </footer>
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
      </section>
    </LiveFiguresProvider>
  );
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
