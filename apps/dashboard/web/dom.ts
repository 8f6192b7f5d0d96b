// A ten-line hyperscript: enough DOM building for four views, no framework.

type Child = Node | string | number | null | undefined | false;

/** Create an element with attributes (`on*` functions become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(typeof child === 'number' ? String(child) : child);
  return el;
}

/** Navigate inside the app without a reload. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** A link handled by the app's router. */
export function link(path: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: path, onclick: (e: MouseEvent) => (e.preventDefault(), navigate(path)) }, ...children);
}

/** Format epoch seconds for tables. */
export const fmtTime = (s: number) => new Date(s * 1000).toLocaleString();
