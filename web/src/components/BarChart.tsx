import { useEffect, useRef, useState } from 'preact/hooks';

/** The width an element is shown at (0 until known), kept up to date. */
export function useWidth<E extends HTMLElement>(): [{ current: E | null }, number] {
  const ref = useRef<E>(null);
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setW(Math.round(el.clientWidth));
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

export interface Bar {
  label: string;
  value: number;
  title?: string;
}

/** A plain SVG bar chart (one series). */
export function BarChart(props: { bars: Bar[]; title: string; color?: string; height?: number; unit?: string; period?: string; empty?: string; testid?: string }) {
  const { bars } = props;
  // Drawn at the size it is shown, so that the text is not stretched.
  const [ref, measured] = useWidth<HTMLElement>();
  const W = measured > 100 ? measured : 600;
  const H = props.height ?? 160;
  const padL = 34;
  const padB = 22;
  const padT = 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const nice = niceMax(max);
  const innerW = W - padL - 6;
  const innerH = H - padB - padT;
  const bw = bars.length ? innerW / bars.length : innerW;
  const total = bars.reduce((n, b) => n + b.value, 0);
  const every = Math.max(1, Math.ceil(bars.length / 8));
  return (
    <figure class="chart" data-testid={props.testid} ref={ref}>
      <figcaption>
        {props.title} <span class="muted">· {total.toLocaleString()} {props.unit ?? ''} {props.period ?? 'today'}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} style={{ height: `${H}px` }} role="img" aria-label={`${props.title}: ${total} in total`}>
        {[0, 0.5, 1].map((f) => {
          const y = padT + innerH * (1 - f);
          return (
            <g key={f}>
              <line x1={padL} x2={W - 6} y1={y} y2={y} class="grid" />
              <text x={padL - 4} y={y + 4} text-anchor="end" class="axis">
                {Math.round(nice * f)}
              </text>
            </g>
          );
        })}
        {bars.map((b, i) => {
          const h = (b.value / nice) * innerH;
          const x = padL + i * bw + bw * 0.15;
          return (
            <g key={i}>
              <rect x={x} y={padT + innerH - h} width={Math.max(1, bw * 0.7)} height={h} fill={props.color ?? '#2f6fdb'} rx={2}>
                <title>{b.title ?? `${b.label}: ${b.value}`}</title>
              </rect>
              {i % every === 0 && (
                <text x={padL + i * bw + bw / 2} y={H - 6} text-anchor="middle" class="axis">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
        {bars.length === 0 && (
          <text x={W / 2} y={H / 2} text-anchor="middle" class="axis">
            {props.empty ?? 'nothing yet today'}
          </text>
        )}
      </svg>
    </figure>
  );
}

/** A round top for the axis whose half is a whole number too. */
export function niceMax(v: number): number {
  if (v <= 2) return 2;
  if (v <= 4) return 4;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 4, 5, 10]) if (m * p >= v && (m * p) % 2 === 0) return m * p;
  return 10 * p;
}
