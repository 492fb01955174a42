import type { BridgeEvent, BridgeEventPayload } from '#shared/contract/bridge';

/** Typed pub/sub for the bridge's pushed events. A throwing listener never breaks the core. */
export class BridgeEvents {
  private readonly listeners = new Map<BridgeEvent, Set<(p: never) => void>>();

  on<E extends BridgeEvent>(event: E, listener: (p: BridgeEventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (p: never) => void);
    return () => void set.delete(listener as (p: never) => void);
  }

  emit<E extends BridgeEvent>(event: E, payload: BridgeEventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (p: BridgeEventPayload<E>) => void)(payload);
      } catch (err) {
        console.error(`[console] listener for ${event} failed:`, err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
