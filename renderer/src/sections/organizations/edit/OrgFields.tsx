import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Sector } from '../../../../../shared/domain';
import { FieldInput } from './FieldInput';
import type { OrgForm } from './use-org-form';

interface Props {
  form: OrgForm;
  sectors: Sector[];
  /** Focus the sector first (a new organization), or the name (an edit). */
  focus: 'sector' | 'name';
}

/** The sector, then the organization's own fields, then the chosen sector's attributes. */
export function OrgFields({ form, sectors, focus }: Props) {
  const sectorName = sectors.find((s) => s.focus_group_id === form.sector)?.group_name ?? 'Sector';
  const input = (name: string) => {
    const spec = form.shown.find((f) => f.name === name);
    if (spec === undefined) return null;
    return (
      <FieldInput
        key={name}
        spec={spec}
        value={form.values[name]}
        error={form.errors[name]}
        sectors={sectors}
        onChange={(value) => form.set(name, value)}
        onBlur={() => form.check(name)}
        autoFocus={
          (focus === 'sector' && name === 'focus_group_id') || (focus === 'name' && name === 'legal_name')
        }
      />
    );
  };
  const own = form.shown
    .filter((f) => f.sector === null && f.kind !== 'sector' && f.assessment !== true)
    .map((f) => f.name);
  const assessment = form.shown.filter((f) => f.assessment === true).map((f) => f.name);
  const attributes = form.shown.filter((f) => f.sector !== null).map((f) => f.name);
  return (
    <Stack gap="md">
      {input('focus_group_id')}
      {form.sector !== null && (
        <>
          <Title order={3} size="h5">
            Organization
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
            {own.map(input)}
          </SimpleGrid>
          {attributes.length > 0 && (
            <>
              <Title order={3} size="h5">
                {sectorName} attributes
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
                {attributes.map(input)}
              </SimpleGrid>
            </>
          )}
          {assessment.length > 0 && (
            <>
              <Title order={3} size="h5">
                Assessment
              </Title>
              <Text size="sm" c="dimmed" id="assessment-rule">
                All or nothing: every dimension score, TC and the date, or leave the scores and TC empty for
                no assessment (the organization then has no Org-AI-R). Emptying them removes an assessment.
              </Text>
              <SimpleGrid
                cols={{ base: 1, sm: 2 }}
                spacing="sm"
                verticalSpacing="xs"
                role="group"
                aria-label="Assessment"
                aria-describedby="assessment-rule"
              >
                {assessment.map(input)}
              </SimpleGrid>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
