// Chart → PNG: serialise the chart's SVG, draw it on a canvas at twice the size (sharp on
// slides and in Word reports) over a solid background, and hand back the PNG.

export async function svgToPng(
  svg: SVGSVGElement,
  {
    scale = 2,
    background,
    title,
  }: {
    scale?: number /** The card's colour (a token, read by the caller). */;
    background: string;
    title?: string;
  },
): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const titleHeight = title ? 48 : 0;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  // Stylesheet colours (dark slides, themed axes, the var(--chart-…) fills) do not travel with
  // the markup: inline them as computed.
  const painted = "text, tspan, line, path, circle, rect";
  const originals = svg.querySelectorAll<SVGElement>(painted);
  const copies = clone.querySelectorAll<SVGElement>(painted);
  originals.forEach((original, index) => {
    const copy = copies[index];
    if (!copy) return;
    const style = getComputedStyle(original);
    for (const property of ["fill", "stroke", "font-size", "font-weight"]) {
      const value = style.getPropertyValue(property);
      if (value) copy.style.setProperty(property, value);
    }
  });
  // Text inherits its font from the page; outside it the SVG needs it spelled out.
  clone.setAttribute("font-family", getComputedStyle(svg).fontFamily || "sans-serif");
  const source = new XMLSerializer().serializeToString(clone);
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;

  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("could not render the chart"));
    image.src = url;
  });

  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + titleHeight) * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no canvas");
  context.scale(scale, scale);
  context.fillStyle = background;
  context.fillRect(0, 0, width, height + titleHeight);
  if (title) {
    context.fillStyle = getComputedStyle(svg).color;
    context.font = `600 20px ${getComputedStyle(svg).fontFamily || "sans-serif"}`;
    context.fillText(title, 12, 30);
  }
  context.drawImage(image, 0, titleHeight, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"),
  );
}
