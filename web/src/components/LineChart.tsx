import type { ComponentChildren } from 'preact';
import { areaPath, bandPath, extent, linear, linePath, spread, type Pt } from '../logic/chart';
import { niceMax, useWidth } from './BarChart';

export interface LineSeries {
  name: string;
  color: string;
  points: Pt[];
  dashed?: boolean;
  /** Fill the area under the line. */
  area?: boolean;
  /** Draw the points as dots only (no line). */
  dotsOnly?: boolean;
}

export interface Band {
  name: string;
  color: string;
  lower: Pt[];
  upper: Pt[];
}

export interface Marker {
  x: number;
  label: string;
  color?: string;
}

/** A plain SVG line chart on a time (or any numeric) x axis. */
export function LineChart(props: {
  title: ComponentChildren;
  series: LineSeries[];
  band?: Band;
  markers?: Marker[];
  xLabel: (x: number) => string;
  height?: number;
  testid?: string;
  empty?: string;
}) {
  // Drawn at the size it is shown, so that the text is not stretched.
  const [ref, measured] = useWidth<HTMLElement>();
  const W = measured > 100 ? measured : 600;
  const H = props.height ?? 180;
  const padL = 40;
  const padR = 10;
  const padT = 10;
  const padB = 22;
  const sets = [...props.series.map((s) => s.points), ...(props.band ? [props.band.lower, props.band.upper] : [])];
  const ext = extent(sets);
  const minX = Math.min(ext.minX, ...(props.markers ?? []).map((m) => m.x).filter((x) => x >= ext.minX));
  const maxX = Math.max(ext.maxX, ...(props.markers ?? []).map((m) => m.x).filter((x) => x <= ext.maxX));
  const top = niceMax(Math.max(1, ext.maxY));
  const sx = linear(minX, maxX, padL, W - padR);
  const sy = linear(0, top, H - padB, padT);
  const empty = props.series.every((s) => s.points.length === 0);
  return (
    <figure class="chart line-chart" data-testid={props.testid} ref={ref}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} style={{ height: `${H}px` }} role="img" aria-label={typeof props.title === 'string' ? props.title : 'chart'}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={padL} x2={W - padR} y1={sy(top * f)} y2={sy(top * f)} class="grid" />
            <text x={padL - 4} y={sy(top * f) + 4} text-anchor="end" class="axis">
              {Math.round(top * f).toLocaleString()}
            </text>
          </g>
        ))}
        {!empty &&
          spread(minX, maxX, 5).map((x, i) => (
            <text key={i} x={sx(x)} y={H - 6} text-anchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'} class="axis">
              {props.xLabel(x)}
            </text>
          ))}
        {props.band && <path d={bandPath(props.band.lower, props.band.upper, sx, sy)} fill={props.band.color} opacity={0.25} stroke="none" />}
        {props.series.map((s) =>
          s.dotsOnly ? (
            <g key={s.name}>
              {s.points.map((p, i) => (
                <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={3.5} fill="#fff" stroke={s.color} stroke-width={2}>
                  <title>
                    {s.name}: {props.xLabel(p.x)} {Math.round(p.y * 10) / 10}
                  </title>
                </circle>
              ))}
            </g>
          ) : (
            <g key={s.name}>
              {s.area && <path d={areaPath(s.points, sx, sy)} fill={s.color} opacity={0.18} stroke="none" />}
              <path d={linePath(s.points, sx, sy)} fill="none" stroke={s.color} stroke-width={2} stroke-dasharray={s.dashed ? '6 4' : undefined} />
            </g>
          ),
        )}
        {(props.markers ?? [])
          .filter((m) => m.x >= minX && m.x <= maxX)
          .map((m, i) => (
            <g key={i}>
              <line x1={sx(m.x)} x2={sx(m.x)} y1={padT} y2={H - padB} stroke={m.color ?? '#c93c37'} stroke-dasharray="3 3" />
              <text x={Math.min(sx(m.x) + 3, W - padR - 40)} y={padT + 10} class="axis marker-label">
                {m.label}
              </text>
            </g>
          ))}
        {empty && (
          <text x={W / 2} y={H / 2} text-anchor="middle" class="axis">
            {props.empty ?? 'no data'}
          </text>
        )}
      </svg>
      <div class="legend">
        {props.series.map((s) => (
          <span key={s.name}>
            <i style={{ background: s.color }} /> {s.name}
          </span>
        ))}
        {props.band && (
          <span>
            <i style={{ background: props.band.color, opacity: 0.4 }} /> {props.band.name}
          </span>
        )}
      </div>
    </figure>
  );
}
