import type { EventMap, EventName } from '../../shared/contract';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** Typed fan-out of backend events to transports (IPC, SSE, CLI). */
export class EventBus {
  private readonly listeners: { [E in EventName]: Set<Listener<E>> } = {
    'cache:log': new Set(),
    'cache:status': new Set(),
    progress: new Set(),
    'write:busy': new Set(),
  };

  subscribe<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  hasListeners(event: EventName): boolean {
    return this.listeners[event].size > 0;
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners[event] as Set<Listener<E>>) listener(payload);
  }
}
