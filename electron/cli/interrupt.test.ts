import { describe, expect, it, vi } from 'vitest';
import { onInterrupt, REPEAT_MS, type InterruptDeps } from './interrupt';

function fakeProcess() {
  let handler: (() => void) | null = null;
  let clock = 0;
  const deps: InterruptDeps = {
    on: (h) => (handler = h),
    off: () => (handler = null),
    now: () => clock,
    say: vi.fn(),
    exit: vi.fn(),
  };
  return {
    deps,
    press: (at: number) => {
      clock = at;
      handler?.();
    },
    listening: () => handler !== null,
  };
}

describe('Ctrl-C in the CLI', () => {
  it('cancels once, counts a repeat in the same instant as the same press, and quits on a second press', () => {
    const fake = fakeProcess();
    const cancel = vi.fn();
    onInterrupt(cancel, fake.deps);
    fake.press(1000);
    fake.press(1000 + 5);
    expect(cancel).toHaveBeenCalledOnce();
    expect(fake.deps.exit).not.toHaveBeenCalled();
    expect(fake.deps.say).toHaveBeenCalledWith(
      expect.stringMatching(/Cancelling… \(press Ctrl-C again to quit at once\)/),
    );
    fake.press(1000 + REPEAT_MS + 1);
    expect(fake.deps.exit).toHaveBeenCalledExactlyOnceWith(130);
  });

  it('stops listening when the work is done', () => {
    const fake = fakeProcess();
    const stop = onInterrupt(() => {}, fake.deps);
    expect(fake.listening()).toBe(true);
    stop();
    expect(fake.listening()).toBe(false);
  });
});
