import { Link } from '../router';
import { useStore } from '../lib/store';
import { session, warehouse } from '../session';
import { BoxIcon, CartIcon, CountIcon, ReturnIcon, ShelfIcon, TruckIcon } from '../components/icons';

export function HandheldHome() {
  const s = useStore(session);
  const wh = useStore(warehouse);
  return (
    <div class="hh">
      <div class="hh-head">
        <h1>Handheld</h1>
        <span class="muted">
          {s?.me.name} · {wh}
        </span>
      </div>
      <div class="hh-menu">
        <Link href="/handheld/pick" class="hh-tile">
          <span class="hh-tile-icon"><CartIcon /></span>Pick
        </Link>
        <Link href="/handheld/pack" class="hh-tile">
          <span class="hh-tile-icon"><BoxIcon /></span>Pack &amp; ship
        </Link>
        <Link href="/handheld/receive" class="hh-tile">
          <span class="hh-tile-icon"><TruckIcon /></span>Receive
        </Link>
        <Link href="/handheld/putaway" class="hh-tile">
          <span class="hh-tile-icon"><ShelfIcon /></span>Put away
        </Link>
        <Link href="/handheld/count" class="hh-tile">
          <span class="hh-tile-icon"><CountIcon /></span>Count
        </Link>
        <Link href="/handheld/returns" class="hh-tile">
          <span class="hh-tile-icon"><ReturnIcon /></span>Returns
        </Link>
      </div>
    </div>
  );
}
