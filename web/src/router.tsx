// History-API routing: `navigate()` pushes a path, `<Link>` intercepts clicks.
import type { ComponentChildren, JSX } from 'preact';
import { Store, useStore } from './lib/store';

function current(): string {
  return typeof location === 'undefined' ? '/' : location.pathname + location.search;
}

export const path = new Store<string>(current());

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => path.set(current()));
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (to === current()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.set(current());
  if (!opts.replace) window.scrollTo?.(0, 0);
}

export function useLocation(): { pathname: string; query: URLSearchParams } {
  const p = useStore(path);
  const i = p.indexOf('?');
  return { pathname: i < 0 ? p : p.slice(0, i), query: new URLSearchParams(i < 0 ? '' : p.slice(i + 1)) };
}

/** Matches `/orders/:id` against a path; returns the parameters or null. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = pathname.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith(':')) out[a[i].slice(1)] = decodeURIComponent(b[i]);
    else if (a[i] !== b[i]) return null;
  }
  return out;
}

/** Replaces some query parameters of the current path (filters, cursors). */
export function setQuery(patch: Record<string, string | null | undefined>, opts: { replace?: boolean } = { replace: true }) {
  const p = path.get();
  const i = p.indexOf('?');
  const q = new URLSearchParams(i < 0 ? '' : p.slice(i + 1));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate((i < 0 ? p : p.slice(0, i)) + (s ? `?${s}` : ''), opts);
}

export function Link(props: { href: string; children: ComponentChildren; class?: string } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { href, children, ...rest } = props;
  return (
    <a
      {...rest}
      href={href}
      onClick={(e: MouseEvent) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
