export interface InterruptDeps {
  on(handler: () => void): void;
  off(handler: () => void): void;
  now(): number;
  say(text: string): void;
  exit(code: number): void;
}

const processDeps: InterruptDeps = {
  on: (handler) => process.on('SIGINT', handler),
  off: (handler) => process.off('SIGINT', handler),
  now: () => performance.now(),
  say: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/** Repeats closer than this are one Ctrl-C that reached the process twice. */
export const REPEAT_MS = 300;

/**
 * The first Ctrl-C cancels the running work (which then reports what it kept); a second one, a
 * moment later, quits at once. Under `npm run`, tsx may deliver one Ctrl-C twice within a few
 * milliseconds (from the terminal and relayed), so repeats within REPEAT_MS count as one.
 */
export function onInterrupt(cancel: () => void, deps: InterruptDeps = processDeps): () => void {
  let first: number | null = null;
  const handler = () => {
    const now = deps.now();
    if (first === null) {
      first = now;
      deps.say('\nCancelling… (press Ctrl-C again to quit at once)\n');
      cancel();
    } else if (now - first > REPEAT_MS) {
      deps.exit(130);
    }
  };
  deps.on(handler);
  return () => deps.off(handler);
}
