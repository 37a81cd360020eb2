// Colour arithmetic for the contrast tests (WCAG 2.1): relative luminance, contrast ratio, a
// translucent colour laid over an opaque one, a stylesheet rule's declarations, and custom
// properties resolved through their var() chains, so a test reads the colours the browser paints.

export type Rgb = readonly [number, number, number];

export interface Rgba {
  rgb: Rgb;
  alpha: number;
}

/** A colour as tokens.css writes one: #rrggbb, #rgb, or the rgb function with an optional "/ alpha". */
export function parseColour(text: string): Rgba {
  const hex = text.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    const n = Number.parseInt(full, 16);
    return { rgb: [n >> 16, (n >> 8) & 255, n & 255], alpha: 1 };
  }
  const m = text
    .trim()
    .match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[/,]\s*([\d.]+))?\s*\)$/);
  if (!m) throw new Error(`unreadable colour ${text}`);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: m[4] ? Number(m[4]) : 1 };
}

/** A colour (possibly translucent) painted over an opaque one. */
export function over(top: Rgba, bottom: Rgb): Rgb {
  const [r, g, b] = top.rgb.map((v, i) => v * top.alpha + (bottom[i] ?? 0) * (1 - top.alpha));
  return [r ?? 0, g ?? 0, b ?? 0];
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The contrast ratio of two opaque colours (or #hex strings), 1 to 21. */
export function contrast(a: Rgb | string, b: Rgb | string): number {
  const opaque = (c: Rgb | string) => (typeof c === "string" ? parseColour(c).rgb : c);
  const [hi, lo] = [luminance(opaque(a)), luminance(opaque(b))].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/**
 * The declarations of the first rule whose selector is `selector` (whitespace ignored:
 * ".a, .b"), custom properties included: "border" → "2px solid var(--muted)".
 */
export function declarations(css: string, selector: string): Map<string, string> {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const wanted = selector.replace(/\s+/g, " ").trim();
  for (const rule of plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if ((rule[1] ?? "").replace(/\s+/g, " ").trim() !== wanted) continue;
    return new Map(
      [...(rule[2] ?? "").matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [
        m[1] ?? "",
        (m[2] ?? "").trim(),
      ]),
    );
  }
  throw new Error(`no rule ${selector}`);
}

/**
 * Custom properties as an element inside all of `layers` sees them (outermost first, as nested
 * rules apply), each `var(--x)` followed to a colour where it is declared: a property declared at
 * :root as var(--muted) keeps :root's --muted even where a slide redefines --muted, as in CSS.
 */
export function resolver(...layers: Map<string, string>[]): (name: string) => string {
  let inherited = new Map<string, string>();
  for (const layer of layers) {
    const parent = inherited;
    const resolve = (name: string, seen: string[]): string => {
      const value = layer.get(name);
      if (value === undefined) {
        const from = parent.get(name);
        if (from === undefined) throw new Error(`no custom property ${name}`);
        return from;
      }
      const alias = value.match(/^var\((--[\w-]+)\)$/)?.[1];
      if (!alias) return value;
      if (seen.includes(alias)) throw new Error(`var() cycle: ${[...seen, alias].join(" → ")}`);
      return resolve(alias, [...seen, alias]);
    };
    const next = new Map(parent);
    for (const name of layer.keys()) next.set(name, resolve(name, [name]));
    inherited = next;
  }
  const scope = inherited;
  return (name) => {
    const value = scope.get(name);
    if (value === undefined) throw new Error(`no custom property ${name}`);
    return value;
  };
}
