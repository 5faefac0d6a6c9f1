import { demand, forecast } from '../api/endpoints';
import { isProblem } from '../api/client';
import type { Demand, Forecast } from '../api/types';
import { fmtNum } from '../lib/format';
import { useResource } from '../lib/hooks';
import { useStore } from '../lib/store';
import { forecastSeries } from '../logic/planning';
import { warehouse } from '../session';
import { LineChart } from '../components/LineChart';
import { Async, Card, Empty } from '../components/ui';

const HISTORY_DAYS = 56;
const HORIZON = 28;

async function load(sku: string, wh: string | null, signal: AbortSignal): Promise<{ d: Demand; f: Forecast | null; why: string | null }> {
  const d = await demand(sku, wh, HISTORY_DAYS, signal);
  try {
    return { d, f: await forecast(sku, wh, signal, HORIZON), why: null };
  } catch (e) {
    // Too little history is an answer, not a failure.
    if (isProblem(e) && (e.code === 'empty_series' || e.code === 'series_too_short')) return { d, f: null, why: e.detail || e.code };
    throw e;
  }
}

const dayLabel = (x: number) => new Date(x).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Units ordered per day and the forecast that follows, with its 80 % interval. */
export function ForecastCard({ sku }: { sku: string }) {
  const wh = useStore(warehouse);
  const r = useResource((signal) => load(sku, wh, signal), [sku, wh]);
  return (
    <Card title={`Demand and forecast${wh ? ` · ${wh}` : ''}`}>
      <Async r={r} label="Reading the demand history…">
        {({ d, f, why }) => {
          const s = forecastSeries(d, f);
          if (s.history.length === 0 && !f) return <Empty>No demand in the last {HISTORY_DAYS} days: nothing to forecast.</Empty>;
          return (
            <>
              <LineChart
                testid="forecast-chart"
                title={
                  <>
                    Units per day <span class="muted">· last {HISTORY_DAYS} days and the next {HORIZON}</span>
                  </>
                }
                xLabel={dayLabel}
                series={[
                  { name: 'ordered', color: '#2f6fdb', points: s.history },
                  { name: 'forecast', color: '#6b4fc8', points: s.forecast, dashed: true },
                  { name: 'stock-out day (censored)', color: '#c93c37', points: s.stockOuts, dotsOnly: true },
                ]}
                band={f ? { name: '80 % interval', color: '#6b4fc8', lower: s.lower, upper: s.upper } : undefined}
              />
              {f ? (
                <p class="muted small" data-testid="forecast-facts">
                  Model {f.model}
                  {f.variant ? ` (${f.variant})` : ''} on {f.history_days} days of history
                  {f.stock_out_days ? `, ${f.stock_out_days} stock-out days filled` : ''}
                  {f.backtest_mase !== null ? ` · backtest MASE ${f.backtest_mase.toFixed(2)}` : ''} · {fmtNum(Math.round(f.total))} units expected in {HORIZON} days.
                </p>
              ) : (
                <p class="muted small">No forecast: {why}</p>
              )}
            </>
          );
        }}
      </Async>
    </Card>
  );
}
