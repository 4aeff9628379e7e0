import type { Channel, EventName } from '../../shared/contract';

/**
 * Shared by the main process and the preload, and free of any Electron import so that main can
 * use it without pulling in the preload's contextBridge side effects.
 */

/** The one property the preload adds to the renderer's `window`. */
export const bridgeGlobalName = 'sectorStudio';

// Namespaced so that no contract name can collide with a channel Electron or a library uses.
export function invokeChannel(channel: Channel): string {
  return `sector-studio:invoke:${channel}`;
}

export function eventChannel(event: EventName): string {
  return `sector-studio:event:${event}`;
}
