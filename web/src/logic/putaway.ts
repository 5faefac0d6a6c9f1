// The putaway scan: the location where the units were put.
import { norm, type Feedback } from './pickScan';

export interface PutawayLike {
  sku: string | null;
  quantity: number | null;
  from_location: string | null;
  to_location: string | null;
}

/**
 * A scanned destination: the suggested location, or another one (the server takes a pick
 * or storage location with room and records the change), never the source.
 */
export function checkPutaway(task: PutawayLike, code: string): { location?: string; feedback: Feedback } {
  const c = code.trim();
  if (!c) return { feedback: { kind: 'info', text: task.to_location ? `Go to ${task.to_location} and scan it.` : 'Scan the location you put the units in.' } };
  if (task.from_location && norm(c) === norm(task.from_location)) {
    return { feedback: { kind: 'error', text: `${c} is where the units come from: scan where you put them.`, code: 'wrong_location' } };
  }
  if (task.to_location && norm(c) !== norm(task.to_location)) {
    return { location: c, feedback: { kind: 'info', text: `${c} instead of the suggested ${task.to_location}: putting away there if it has room…` } };
  }
  return { location: task.to_location ?? c, feedback: { kind: 'info', text: `Putting away at ${task.to_location ?? c}…` } };
}

/** A quantity typed for a partial putaway: undefined for the whole task. */
export function putawayQuantity(text: string, taskQty: number | null): { quantity?: number } | { error: string } {
  const t = text.trim();
  if (!t) return {};
  const q = Number(t);
  if (!Number.isInteger(q) || q < 1) return { error: 'The quantity is a whole number of at least 1.' };
  if (taskQty !== null && q > taskQty) return { error: `The task moves ${taskQty}: put away at most that.` };
  if (taskQty !== null && q === taskQty) return {};
  return { quantity: q };
}
