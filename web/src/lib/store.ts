import { useEffect, useState } from 'preact/hooks';

/** A tiny observable value shared across components. */
export class Store<T> {
  private listeners = new Set<(v: T) => void>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  set(v: T) {
    if (Object.is(v, this.value)) return;
    this.value = v;
    for (const l of [...this.listeners]) l(v);
  }
  update(f: (v: T) => T) {
    this.set(f(this.value));
  }
  subscribe(l: (v: T) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export function useStore<T>(s: Store<T>): T {
  const [v, setV] = useState(s.get());
  useEffect(() => {
    setV(s.get());
    return s.subscribe(setV);
  }, [s]);
  return v;
}

/** A signal other parts listen to (e.g. "the server is back: reload"). */
export class Bus {
  private listeners = new Set<() => void>();
  emit() {
    for (const l of [...this.listeners]) l();
  }
  on(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
