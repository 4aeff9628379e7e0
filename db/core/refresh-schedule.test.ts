import { afterEach, describe, expect, it, vi } from 'vitest';
import { refreshSchedule } from './refresh-schedule';

describe('the scores refresh schedule', () => {
  afterEach(() => vi.useRealTimers());

  it('folds the requests made during a run into one more run, after resting twice as long as it took', async () => {
    vi.useFakeTimers();
    const releases: (() => void)[] = [];
    const run = vi.fn(() => new Promise<void>((resolve) => releases.push(resolve)));
    const schedule = refreshSchedule(run, () => {});
    schedule.request();
    expect(run).toHaveBeenCalledTimes(1);
    schedule.request();
    schedule.request();
    await vi.advanceTimersByTimeAsync(100);
    releases[0]?.();
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    releases[1]?.();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    await schedule.stop();
  });

  it('tries a failed run once more a second later, then waits for the next request', async () => {
    vi.useFakeTimers();
    const failures: unknown[] = [];
    const run = vi.fn(async () => {
      throw new Error('busy');
    });
    const schedule = refreshSchedule(run, (error) => failures.push(error));
    schedule.request();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(failures).toHaveLength(2);
    schedule.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(run).toHaveBeenCalledTimes(3);
    await schedule.stop();
    schedule.request();
    expect(run).toHaveBeenCalledTimes(3);
  });
});
