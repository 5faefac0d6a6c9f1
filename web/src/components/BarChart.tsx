export interface Bar {
  label: string;
  value: number;
  title?: string;
}

/** A plain SVG bar chart (one series). */
export function BarChart(props: { bars: Bar[]; title: string; color?: string; height?: number; unit?: string }) {
  const { bars } = props;
  const W = 600;
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
    <figure class="chart">
      <figcaption>
        {props.title} <span class="muted">· {total.toLocaleString()} {props.unit ?? ''} today</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${total} in total`} preserveAspectRatio="none">
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
            nothing yet today
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
