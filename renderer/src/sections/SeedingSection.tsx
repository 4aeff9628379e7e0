import { SimpleGrid, Stack } from '@mantine/core';
import { TitledCard } from '../components/TitledCard';
import { IconPlant2 } from '@tabler/icons-react';
import { Prerequisite } from '../components/Prerequisite';
import { SectionHeader } from '../components/SectionHeader';
import { plural } from '../format';
import { useDbStatus } from '../state/status';
import { SectorTable } from './seeding/SectorTable';
import { SeedStep } from './seeding/SeedStep';
import { Superscripted } from './sector-config/labels';
import { NextStep } from '../components/NextStep';

export function SeedingSection() {
  const { status } = useDbStatus();
  const firstDone = (status?.focus_groups ?? 0) > 0;
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconPlant2} title="Seeding">
        Loads the reference configuration: 7 PE sectors, 7 AI-readiness dimensions, 49 dimension weights and
        the sector calibrations. Each step is one transaction of upserts, so running it twice changes nothing.
      </SectionHeader>
      <Prerequisite requires="schema">
        {status !== null && (
          <>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <SeedStep
                step={1}
                channel="seed:sectorsDimensions"
                label="Seed Initial Focus Groups & Dimensions"
                description="The sectors (focus groups) an analyst works in and the dimensions every sector is scored on."
                holds={`${plural(status.focus_groups, 'focus group')} · ${plural(status.dimensions, 'dimension')}`}
              />
              <SeedStep
                step={2}
                channel="seed:weightsCalibrations"
                label="Seed All Weights and Calibrations"
                description={
                  <Superscripted text="How much each dimension weighs in each sector, and the sector's H^R baseline, EBITDA multiplier and thresholds." />
                }
                holds={`${plural(status.weights, 'weight')} · ${plural(status.calibrations, 'calibration')}`}
                blockedBy={
                  firstDone ? undefined : 'Run step 1 first: weights refer to focus groups and dimensions.'
                }
              />
            </SimpleGrid>
            {status.weights > 0 && status.calibrations > 0 && (
              <NextStep section="sector-configuration" what="pick a sector and see its configuration" />
            )}
            {firstDone && (
              <TitledCard title="Focus groups">
                <SectorTable />
              </TitledCard>
            )}
          </>
        )}
      </Prerequisite>
    </Stack>
  );
}
