import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { simulatedLatencies, type SimulatedLatency } from '../../../../shared/domain';
import { call } from '../../api/bridge';

const label = (ms: SimulatedLatency) => (ms === 0 ? 'Off' : `${ms} ms`);

/**
 * The lab's "simulated database latency": every database load of a miss waits this long first,
 * never a hit, so that hit versus miss shows as plainly as with a database across a network.
 */
export function LatencySetting() {
  const [value, setValue] = useState<SimulatedLatency | null>(null);
  useEffect(() => {
    void call('cache:settings', {}).then(
      (settings) => settings !== null && setValue(settings.simulated_latency_ms),
    );
  }, []);
  async function change(next: string) {
    const ms = simulatedLatencies.find((option) => String(option) === next);
    if (ms === undefined) return;
    const settings = await call('cache:setSimulatedLatency', { simulated_latency_ms: ms });
    if (settings !== null) setValue(settings.simulated_latency_ms);
  }
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="simulated-latency-label">
        Simulated database latency
      </Text>
      <SegmentedControl
        aria-labelledby="simulated-latency-label"
        value={value === null ? '0' : String(value)}
        onChange={(next) => void change(next)}
        disabled={value === null}
        data={simulatedLatencies.map((ms) => ({ value: String(ms), label: label(ms) }))}
      />
      <Text size="xs" c="dimmed">
        Added to every load a miss makes from SQLite, never to a hit: a laptop&apos;s database answers in well
        under a millisecond, a server across a network does not.
      </Text>
    </Stack>
  );
}
