import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Dimension } from '../../../../shared/domain';
import type { SectorRanking } from '../../../../shared/scoring';
import { decimalSum, formatWeight } from '../../../../shared/sector-config';
import { call, notifySuccess } from '../../api/bridge';
import { parseDraft, useWhatIf } from './use-what-if';
import { ValueInputs } from './ValueInputs';
import { valueFields, valueOverrides, valuesDraft } from './what-if-values';
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
 * Weights, calibrations and parameters typed here re-rank the sector at once, against its saved
 * configuration; nothing is saved until "Save weights" (with a reason), and leaving the section or
 * resetting discards them.
 */
export function WhatIfPanel({ ranking, onSaved }: Props) {
  const names = useDimensionNames();
  const [draft, setDraft] = useState(() => asDraft(ranking.weights));
  const [values, setValues] = useState(() => valuesDraft(ranking));
  const [rationale, setRationale] = useState('');
  const parsed = parseDraft(draft);
  const valid = parsed.weights;
  const others = valueOverrides(ranking, values);
  const overrides = valid === null || 'invalid' in others ? null : { weights: valid, ...others };
  const { result, roundTripMs } = useWhatIf(ranking.focus_group_id, overrides);
  const sum = valid === null ? null : decimalSum(Object.values(valid));
  const changed = JSON.stringify(valid) !== JSON.stringify(ranking.weights);
  const othersChanged =
    !('invalid' in others) && JSON.stringify(others) !== '{"calibrations":{},"parameters":{}}';
  const reset = () => {
    setDraft(asDraft(ranking.weights));
    setValues(valuesDraft(ranking));
  };

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
          <Title order={2} size="h4">
            What-if: weights, calibrations and parameters
          </Title>
          <Button variant="default" size="xs" disabled={!changed && !othersChanged} onClick={reset}>
            Reset to saved
          </Button>
        </Group>
        <ValueInputs
          fields={Object.keys(draft).map((code) => ({ key: code, label: names[code] ?? code }))}
          draft={draft}
          invalid={parsed.invalid}
          hint="0 to 1, 3 decimals"
          onChange={setDraft}
        />
        <ValueInputs
          fields={valueFields}
          draft={values}
          invalid={'invalid' in others ? others.invalid : null}
          hint="A number, 4 decimals at most"
          onChange={setValues}
        />
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
        <Group>
          <Text size="xs" c="dimmed">
            Calibrations are saved in Sector Configuration, platform parameters with the CLI&apos;s
            set-parameter: here they only show what a change would do.
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
