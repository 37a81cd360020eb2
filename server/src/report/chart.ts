// Charts for the report, drawn as SVG and rendered to PNG on the server with resvg (Rust, prebuilt
// for each platform inside its npm package; no browser, no system fonts: the text uses the
// report's own Tinos). The same image goes into the Word file and the PDF.

import type { ChartSpec } from "@d05/schema/report";
import { renderAsync } from "@resvg/resvg-js";
import { FONT_FILES } from "./fonts";

/** Pixel size of a chart image; the documents scale it to the text width. */
export const CHART_WIDTH = 1600;
export const CHART_HEIGHT = 760;

// The dashboard's two series colours: the period and "cùng kỳ" (lighter).
const COLOURS = ["#1d4ed8", "#93c5fd", "#0f766e", "#fbbf24"];

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });

/** A "nice" top of the value axis: 1, 2 or 5 × 10^k at or above the largest value. */
function axisTop(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

export function chartSvg(chart: ChartSpec): string {
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const left = 140;
  const right = 40;
  const top = 110;
  const bottom = 150;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = axisTop(Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const groups = Math.max(1, chart.categories.length);
  const groupW = plotW / groups;
  const barW = (groupW * 0.75) / Math.max(1, chart.series.length);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="48" font-size="38" font-weight="bold" text-anchor="middle">${escapeXml(chart.title)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#d1d5db" stroke-width="2"/>`,
      `<text x="${left - 14}" y="${y(v) + 10}" font-size="28" text-anchor="end">${format.format(v)}</text>`,
    );
  }
  chart.categories.forEach((category, g) => {
    const x0 = left + g * groupW + groupW * 0.125;
    chart.series.forEach((s, i) => {
      const v = s.values[g] ?? 0;
      parts.push(
        `<rect x="${x0 + i * barW}" y="${y(v)}" width="${barW - 4}" height="${top + plotH - y(v)}" fill="${COLOURS[i % COLOURS.length]}"/>`,
      );
    });
    // Long sector names are wrapped on two lines under their group.
    const words = category.split(" ");
    const half = Math.ceil(words.length / 2);
    const lines =
      category.length > 18
        ? [words.slice(0, half).join(" "), words.slice(half).join(" ")]
        : [category];
    lines.forEach((line, j) => {
      parts.push(
        `<text x="${left + g * groupW + groupW / 2}" y="${top + plotH + 40 + j * 32}" font-size="${groups > 8 ? 24 : 28}" text-anchor="middle">${escapeXml(line)}</text>`,
      );
    });
  });
  chart.series.forEach((s, i) => {
    const x = left + i * 420;
    parts.push(
      `<rect x="${x}" y="${H - 46}" width="32" height="32" fill="${COLOURS[i % COLOURS.length]}"/>`,
      `<text x="${x + 44}" y="${H - 20}" font-size="30">${escapeXml(s.name)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Tinos">${parts.join("")}</svg>`;
}

/**
 * Pixels of the PNG: drawn at 1600 wide, rendered at 1000 (≈ 150 dpi across the 16.5 cm text
 * width). pdfkit re-encodes a PNG's alpha channel in JavaScript, so fewer pixels is a faster PDF.
 */
export const CHART_PIXELS = 1000;

/** PNG bytes of a chart; rendered on libuv's thread pool, off the event loop. */
export async function chartPng(chart: ChartSpec): Promise<Buffer> {
  const image = await renderAsync(chartSvg(chart), {
    fitTo: { mode: "width", value: CHART_PIXELS },
    background: "#ffffff",
    font: {
      loadSystemFonts: false,
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      defaultFontFamily: "Tinos",
    },
  });
  return image.asPng();
}
