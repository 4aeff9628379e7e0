import { Alert, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import type { SectorConfigJson, WeightDetail } from '../../../../shared/domain';
import { formatWeight } from '../../../../shared/sector-config';
import { notifyError, notifySuccess } from '../../api/bridge';
import { useWrite } from '../../api/use-write';
import { BusyNotice } from '../../components/BusyNotice';
import { saveOutcome } from './save-conflict';
import {
  presetDraft,
  rebalanceDraft,
  summarize,
  typeInto,
  type DraftState,
  type WeightsPreset,
} from './weights-form';

interface FormProps {
  sectorId: string;
  weights: WeightDetail[];
  /** The field to focus first (the dimension the analyst clicked). */
  focus: string | null;
  onClose: () => void;
  onSaved: (config: SectorConfigJson) => void;
  /** Someone else saved first: read the weights again (the form then shows the new values). */
  onConflict: (message: string) => void;
  /** Values already typed in and a rationale begun (a revert to rebalance), or none. */
  preset?: WeightsPreset | undefined;
}

interface InputsProps {
  draft: DraftState;
  summary: ReturnType<typeof summarize>;
  focus: string | null;
  onType: (code: string, text: string) => void;
}

/** One input per dimension, each with its saved value beside it and a mark when it changed, over the live sum. */
function WeightInputs({ draft, summary, focus, onType }: InputsProps) {
  return (
    <Table verticalSpacing={4} aria-label="Weights form">
      <Table.Tbody>
        {draft.rows.map((row) => {
          const parsed = summary.parsed.get(row.code);
          const changed = parsed?.ok === true && parsed.value !== row.saved;
          return (
            <Table.Tr key={row.code}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.name}
                </Text>
                <Text size="xs" c="dimmed">
                  saved {formatWeight(row.saved)}
                </Text>
              </Table.Td>
              <Table.Td w={150}>
                <TextInput
                  aria-label={`${row.name} weight`}
                  value={row.text}
                  onChange={(event) => onType(row.code, event.currentTarget.value)}
                  inputMode="decimal"
                  autoComplete="off"
                  data-autofocus={row.code === focus ? true : undefined}
                  error={parsed?.ok === false ? parsed.error : null}
                  styles={{
                    input: { fontFamily: 'var(--mantine-font-family-monospace)', textAlign: 'right' },
                  }}
                  rightSection={
                    changed ? (
                      <Text size="xs" c="indigo">
                        ●
                      </Text>
                    ) : null
                  }
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th>Sum</Table.Th>
          <Table.Th
            ta="right"
            ff="monospace"
            aria-label="Sum of weights"
            c={
              summary.sumsToOne
                ? 'var(--mantine-color-teal-light-color)'
                : 'var(--mantine-color-orange-light-color)'
            }
          >
            {summary.sum === null ? '—' : formatWeight(summary.sum)}
          </Table.Th>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

function WeightsFormBody({ sectorId, weights, focus, onClose, onSaved, onConflict, preset }: FormProps) {
  const [draft, setDraft] = useState<DraftState>(() => presetDraft(weights, preset));
  const [rationale, setRationale] = useState(preset?.rationale ?? '');
  const write = useWrite();
  const [rebalanceError, setRebalanceError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summary = summarize(draft);
  const ready = summary.valid && summary.changed.length > 0 && rationale.trim() !== '';

  // The text is read before the updater runs: React clears the event's currentTarget by then.
  const onType = (code: string, text: string) => setDraft((d) => typeInto(d, code, text));

  function rebalance() {
    const next = rebalanceDraft(draft);
    if ('error' in next) return setRebalanceError(next.error);
    setRebalanceError(null);
    setDraft(next);
  }

  async function save() {
    if (!ready) return;
    setSaving(true);
    // The changed weights in one transaction, each with the version it was typed over.
    const outcome = saveOutcome(
      await write.run('config:updateWeights', {
        focus_group_id: sectorId,
        weights: summary.changed,
        rationale: rationale.trim(),
      }),
    );
    setSaving(false);
    if (outcome.kind === 'conflict') return onConflict(outcome.message);
    if (outcome.kind === 'failed') return notifyError(outcome.error);
    if (outcome.kind === 'in place') return;
    const result = outcome.value;
    onSaved(result.config);
    notifySuccess(
      'Weights saved',
      `${result.changed} weight${result.changed === 1 ? '' : 's'} changed for ${result.config.group_name}; they sum to ${formatWeight(result.config.weights_sum)}.`,
    );
    onClose();
  }

  const sumText = summary.sum === null ? '—' : formatWeight(summary.sum);
  const gap = summary.sum === null ? null : 1 - summary.sum;
  return (
    <Stack gap="md">
      <WeightInputs draft={draft} summary={summary} focus={focus} onType={onType} />
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed" maw={380}>
          {summary.sumsToOne
            ? 'The weights sum to 1.000.'
            : gap === null
              ? 'Fix the weights marked in red.'
              : `${gap > 0 ? 'Short by' : 'Over by'} ${formatWeight(Math.abs(gap))}. Rebalancing scales the weights you did not type so that all sum to 1.000.`}
        </Text>
        <Button
          variant="light"
          leftSection={<IconScale size={16} />}
          onClick={rebalance}
          disabled={!summary.valid || summary.sumsToOne}
        >
          Rebalance to 1.000
        </Button>
      </Group>
      {rebalanceError !== null && (
        <Text size="sm" c="red">
          {rebalanceError}
        </Text>
      )}
      {summary.valid && !summary.sumsToOne && (
        <Alert color="orange" variant="light" title={`These weights sum to ${sumText}`}>
          Saved as they are, composite scores for this sector would be off scale.
        </Alert>
      )}
      <Textarea
        label="Rationale"
        description="Kept with every weight this save changes."
        placeholder="Why these weights?"
        value={rationale}
        onChange={(event) => setRationale(event.currentTarget.value)}
        maxLength={500}
        autosize
        minRows={2}
        required
      />
      <BusyNotice write={write} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={saving} disabled={!ready} onClick={() => void save()}>
          {summary.changed.length > 1 ? `Save ${summary.changed.length} weights` : 'Save weights'}
        </Button>
      </Group>
    </Stack>
  );
}

interface Props extends Omit<FormProps, 'weights' | 'onConflict'> {
  opened: boolean;
  sector: string;
  weights: WeightDetail[] | null;
  /** Read the sector's weights again. */
  onReload: () => void;
}

/**
 * All seven weights of a sector in one form: a live sum, a rebalance aid, one save. When another
 * analyst saved first, the form says so and starts again from the new values.
 */
export function WeightsForm({ opened, sector, weights, onReload, ...form }: Props) {
  const [conflict, setConflict] = useState<string | null>(null);
  const close = () => {
    setConflict(null);
    form.onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Edit ${sector} weights`} size="lg" centered>
      {conflict !== null && (
        <Alert color="orange" variant="light" title="Someone else saved first" mb="md" role="alert">
          {conflict}
        </Alert>
      )}
      {opened && weights !== null && (
        <WeightsFormBody
          // New versions (after a reload) start a new draft from the values now saved.
          key={weights.map((w) => w.weight_id).join()}
          weights={weights}
          {...form}
          onClose={close}
          onConflict={(message) => {
            setConflict(message);
            onReload();
          }}
        />
      )}
    </Modal>
  );
}
