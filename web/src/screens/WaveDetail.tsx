import type { PickList, Wave } from '../api/types';
import { fmtDateTime, fmtMm, fmtNum } from '../lib/format';
import { useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { Link } from '../router';
import { api, session } from '../session';
import { Async, Badge, Card, PdfButton } from '../components/ui';
import { Table } from '../components/Table';
import { fulfillmentsOf, Progress } from './Waves';

export function WaveDetail({ id }: { id: number }) {
  const role = useStore(session)?.me.role;
  // The wave holds its pick lists with their lines: reading it again shows the progress.
  const wave = useResource((signal) => api.get<Wave>(`/waves/${id}`, { signal }), [id], { pollMs: 5000 });
  const fids = wave.data?.fulfillments ?? [];
  const fuls = useResource((signal) => fulfillmentsOf(fids.slice(0, 200), signal), [id, fids.length, wave.data?.pick_lists.map((l) => l.status).join()], { enabled: fids.length > 0 });

  return (
    <div class="page">
      <div class="page-head">
        <h1>
          <Link href="/waves" class="muted">
            Waves
          </Link>{' '}
          / #{id}
        </h1>
      </div>
      <Async r={wave} label="Loading the wave…">
        {(w) => (
          <>
            <Card title={`Wave #${w.id} · ${w.warehouse}`}>
              <dl class="facts">
                <dt>Created</dt>
                <dd>{fmtDateTime(w.created_at)}</dd>
                <dt>Fulfillments</dt>
                <dd>{w.fulfillments.length}</dd>
                <dt>Pick lists</dt>
                <dd>{w.pick_lists.length}</dd>
                {w.batching && (
                  <>
                    <dt>Batching</dt>
                    <dd>
                      {w.batching.method} ({w.batching.construction}) · walk {fmtMm(w.batching.route_length_mm)} vs {fmtMm(w.batching.fcfs_route_length_mm)} first come, first served
                    </dd>
                  </>
                )}
              </dl>
            </Card>
            <Card title="Pick lists">
              <Table
                testid="wave-pick-lists"
                columns={[
                  { header: 'List', cell: (pl) => `#${pl.id}` },
                  { header: 'Status', cell: (pl) => <Badge status={pl.status} /> },
                  {
                    header: 'Lines',
                    cell: (pl) => {
                      const done = pl.lines.filter((l) => l.status !== 'open').length;
                      return (
                        <>
                          <Progress done={done} total={pl.lines.length} /> {done}/{pl.lines.length}
                        </>
                      );
                    },
                  },
                  {
                    header: 'Units',
                    num: true,
                    cell: (pl) => `${fmtNum(pl.lines.reduce((n, l) => n + l.picked, 0))}/${fmtNum(pl.lines.reduce((n, l) => n + l.quantity, 0))}`,
                  },
                  { header: 'Short', num: true, class: (pl) => shortOf(pl) > 0 && 'risk', cell: (pl) => shortOf(pl) || '' },
                  {
                    header: 'Route',
                    cell: (pl) => (
                      <>
                        {pl.route ? `${fmtMm(pl.route.length_mm)}${pl.route.optimal ? ' (optimal)' : ''}` : '—'}{' '}
                        <Link href={`/map?pick_list=${pl.id}`}>map</Link>
                      </>
                    ),
                  },
                  {
                    class: 'row-actions',
                    cell: (pl) => (
                      <>
                        {pl.status === 'open' && can(role, 'picks.confirm') && (
                          <Link class="btn small primary" href={`/handheld/pick/${pl.id}`}>
                            Pick
                          </Link>
                        )}
                        <PdfButton class="btn small" path={`/pick-lists/${pl.id}/document`} label="Pick list" />
                      </>
                    ),
                  },
                ]}
                rows={w.pick_lists}
                rowKey={(pl) => pl.id}
                rowData={(pl) => ({ 'data-pick-list': pl.id })}
              />
            </Card>
            <Card title="Fulfillments">
              <Async r={fuls} label="Loading fulfillments…">
                {(fs) => (
                  <div class="chips">
                    {fs.map((f) => (
                      <span key={f.id} class="chip">
                        <Link href={`/orders/${f.order_id}`}>#{f.id}</Link> <Badge status={f.status} />
                        {f.status === 'picked' && can(role, 'fulfillments.pack') && (
                          <Link href={`/handheld/pack/${f.id}`} class="btn small">
                            Pack
                          </Link>
                        )}
                      </span>
                    ))}
                  </div>
                )}
              </Async>
            </Card>
          </>
        )}
      </Async>
    </div>
  );
}

const shortOf = (pl: PickList) => pl.lines.reduce((n, l) => n + l.short, 0);
