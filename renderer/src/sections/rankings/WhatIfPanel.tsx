import { Alert, Button, Card, Group, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Dimension } from '../../../../shared/domain';
import type { SectorRanking } from '../../../../shared/scoring';
import { decimalSum, formatWeight } from '../../../../shared/sector-config';
import { call, notifySuccess } from '../../api/bridge';
import { parseDraft, useWhatIf } from './use-what-if';
import { WhatIfResults } from './WhatIfResults';

const asDraft = (weights: Record<string, number>) =>
  Object.fromEntries(Object.entries(weights).map(([code, w]) => [code, formatWeight(w)]));

function useDimensionNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void call('dimensions:list', {}).then((list: Dimension[] | null) => {
      if (list) setNames(Object.fromEntries(list.map((d) => [d.dimension_code, d.dimension_name])));
    });
  }, []);
  return names;
}

interface Props {
  ranking: SectorRanking;
  onSaved: () => void;
}

/**
 * Weights typed here re-rank the sector at once, against its saved configuration; nothing is saved
 * until "Save weights" (with a reason), and leaving the section or resetting discards them.
 */
export function WhatIfPanel({ ranking, onSaved }: Props) {
  const names = useDimensionNames();
  const [draft, setDraft] = useState(() => asDraft(ranking.weights));
  const [rationale, setRationale] = useState('');
  const parsed = parseDraft(draft);
  const valid = 'invalid' in parsed ? null : parsed;
  const { result, roundTripMs } = useWhatIf(ranking.focus_group_id, valid);
  const sum = valid === null ? null : decimalSum(Object.values(valid));
  const changed = JSON.stringify(valid) !== JSON.stringify(ranking.weights);

  async function save() {
    if (valid === null) return;
    const weights = Object.entries(valid).map(([dimension_code, weight]) => ({ dimension_code, weight }));
    const saved = await call('config:updateWeights', {
      focus_group_id: ranking.focus_group_id,
      weights,
      rationale,
    });
    if (saved === null) return;
    notifySuccess('Weights saved', `${saved.changed} weight(s) of ${ranking.group_name} changed`);
    setRationale('');
    onSaved();
  }

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>What-if: weights</Title>
          <Button
            variant="default"
            size="xs"
            disabled={!changed}
            onClick={() => setDraft(asDraft(ranking.weights))}
          >
            Reset to saved
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4, lg: 7 }}>
          {Object.entries(draft).map(([code, text]) => (
            <TextInput
              key={code}
              label={names[code] ?? code}
              value={text}
              inputMode="decimal"
              error={'invalid' in parsed && parsed.invalid === code ? '0 to 1, 3 decimals' : undefined}
              onChange={(event) => setDraft({ ...draft, [code]: event.currentTarget.value })}
            />
          ))}
        </SimpleGrid>
        {sum !== null && sum !== 1 && (
          <Alert color="yellow" variant="light">
            The weights sum to {sum.toFixed(3)}: the ranking below divides by the sum, but saving needs 1.000.
          </Alert>
        )}
        {result && <WhatIfResults result={result} roundTripMs={roundTripMs} />}
        <Group align="flex-end">
          <TextInput
            label="Why these weights?"
            placeholder="A reason is kept with the new version"
            value={rationale}
            onChange={(event) => setRationale(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button disabled={!changed || sum !== 1 || rationale.trim() === ''} onClick={() => void save()}>
            Save weights
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
