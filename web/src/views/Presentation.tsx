// Trình chiếu: full-screen slides for a conference projector. Everything that defines what is on
// screen (unit, period, playlist, slide, interval, theme) is in the URL, so a shared link reopens
// the same slide. Space pauses, arrows step, Esc leaves. The slides, their content, the keys, the
// comparison's pages and the controls are in presentation/.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "urql";
import { useLocation } from "wouter";
import { LiveDot } from "../components/LiveDot";
import { UnitContextQuery } from "../graphql/units";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { useIdle } from "../hooks/useIdle";
import { useMeasuredHeight } from "../hooks/useMeasuredHeight";
import { useStage } from "../hooks/useStage";
import { useI18n } from "../lib/i18n";
import type { Measure, UnitKind } from "../lib/labels";
import { measureLabel } from "../lib/measure";
import { decodePeriod, encodePeriod, periodLabel, periodRange } from "../lib/period";
import { originPath } from "../lib/returnFocus";
import { LaggardRuleNote, useLaggardRule } from "../widgets/LaggardRule";
import { defaultChildLevel } from "./Comparison";
import styles from "./Presentation.module.css";
import { Controls, SlideDots } from "./presentation/Controls";
import { entryParams, useRotation } from "./presentation/rotation";
import { SlideContent } from "./presentation/SlideContent";
import { SlideFilterLine } from "./presentation/SlideFilterLine";
import { slideFilters } from "./presentation/slideFilters";
import { parsePlaylist, slideTitles } from "./presentation/slides";
import { UpdatedAt } from "./presentation/UpdatedAt";
import { useComparePaging } from "./presentation/useComparePaging";
import { useSlideKeys } from "./presentation/useSlideKeys";

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

  // Charts fill what the slide has left under its title (measured).
  const [bodyRef, bodyHeight] = useMeasuredHeight();
  const fallback = Math.round(height * 0.6);
  const chartHeight = Math.max(240, bodyHeight ?? fallback);
  // On a phone-wide slide each name goes above its bar (a name column would leave no room for
  // bars): a taller row per unit.
  const stacked = stage.width < 600;
  const compare = useComparePaging({
    active: slide === "compare",
    page: Number(params.get("page")) || 0,
    fallback,
    stacked,
  });
  const pageIndex = compare.index;
  const pageCount = compare.count;
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

  useSlideKeys({ step, exit, togglePause: () => setPaused((p) => !p) });

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

  return (
    <LiveFiguresProvider unitId={unitId}>
      <section
        className={`present present-${theme} ${styles.present} ${theme === "light" ? styles.light : ""}`}
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
              <span className={styles.entry} data-entry={rotation.index + 1}>
                {t(rotation.rotation === "views" ? "present.view" : "present.unit")}{" "}
                {rotation.index + 1}/{entries}: {rotation.current.label}
              </span>
            )}
            {t("present.slide")} {index + 1}/{count}
            {/* The slide's title with its number, so a change of slide is announced by name. */}
            <span className="sr-only">: {title}</span>
            {paused && (
              <span className={`present-paused ${styles.presentPaused}`}>
                {" "}
                · {t("present.paused")}
              </span>
            )}
            <LiveDot className={styles.liveDot} />
            <UpdatedAt className={styles.stamp} />
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
            <h1 className={`present-title ${styles.presentTitle}`}>{title}</h1>
            <LaggardRuleNote {...comparisonKey} className={styles.rule} />
            <SlideFilterLine filters={narrowed.filters} />
          </div>
          <div ref={bodyRef} className={styles.presentBody}>
            <SlideContent
              slide={slide}
              comparison={comparisonKey}
              compare={compare}
              laggardRule={laggardRule}
              narrowed={narrowed}
              chartHeight={chartHeight}
              // Room under the drawing for the note and a two-line legend (.present's font size).
              mapHeight={
                chartHeight - Math.round(4.6 * Math.min(34, Math.max(16, stage.width * 0.016)))
              }
              stacked={stacked}
              onMapSelect={(id) => setParams({ unit: id, slide: String(index), page: null })}
            />
          </div>
        </section>
        <Controls
          idle={idle}
          paused={paused}
          setPaused={setPaused}
          step={step}
          exit={exit}
          interval={interval}
          theme={theme}
          playlist={playlist}
          rotation={rotation}
          chosenViews={base.params.get("views")}
          setParams={setParams}
        />
        <SlideDots playlist={playlist} index={index} go={go} />
      </section>
    </LiveFiguresProvider>
  );
}
