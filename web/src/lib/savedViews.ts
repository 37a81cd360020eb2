// A saved view's address: its page, its unit and the rest of the parameters it was saved with.
export function savedViewHref(view: { path: string; query: string; unit: { id: string } }): string {
  const params = new URLSearchParams(view.query);
  params.set("unit", view.unit.id);
  return `${view.path}?${params.toString()}`;
}
