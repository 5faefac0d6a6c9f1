import { ApiError, newIdempotencyKey } from '../api/client';

/**
 * Holds the Idempotency-Key of one user action. Sending the same action again after a
 * network error or a timeout reuses the key, so the server answers the replay from its
 * store instead of doing the work twice; after an answer (success or refusal), or when
 * the action changes, a new key is made.
 */
export class KeyKeeper {
  private current: { key: string; sig: string } | null = null;
  constructor(private make: () => string = newIdempotencyKey) {}

  keyFor(signature: string): string {
    if (this.current && this.current.sig === signature) return this.current.key;
    this.current = { key: this.make(), sig: signature };
    return this.current.key;
  }

  settle(error?: unknown) {
    if (error instanceof ApiError && error.retryable) return; // keep for the retry
    this.current = null;
  }

  get pending(): string | null {
    return this.current?.key ?? null;
  }
}
