import { Anchor, Group, List, Loader, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { TitledCard } from '../components/TitledCard';
import { IconCircleCheck, IconCircleDashed, IconHome } from '@tabler/icons-react';
import type { DbStatus } from '../../../shared/domain';
import { SectionHeader } from '../components/SectionHeader';
import { StatCard } from '../components/StatCard';
import { plural } from '../format';
import { sectionHref, type SectionId } from '../navigation';
import { useDbStatus } from '../state/status';
import { SectionCards } from './home/SectionCards';

interface Step {
  label: string;
  section: SectionId;
  done: (status: DbStatus) => boolean;
  detail: (status: DbStatus) => string;
}

const steps: Step[] = [
  {
    label: 'Initialize the database schema',
    section: 'schema',
    done: (s) => s.schema_version > 0,
    detail: (s) => `schema version ${s.schema_version} of ${s.latest_version}`,
  },
  {
    label: 'Seed focus groups & dimensions',
    section: 'seeding',
    done: (s) => s.focus_groups > 0 && s.dimensions > 0,
    detail: (s) => `${plural(s.focus_groups, 'sector')}, ${plural(s.dimensions, 'dimension')}`,
  },
  {
    label: 'Seed weights & calibrations',
    section: 'seeding',
    done: (s) => s.weights > 0 && s.calibrations > 0,
    detail: (s) => `${plural(s.weights, 'weight')}, ${plural(s.calibrations, 'calibration')}`,
  },
  {
    label: 'Insert sample organizations',
    section: 'organizations',
    done: (s) => s.organizations > 0,
    detail: (s) => plural(s.organizations, 'organization'),
  },
];

function Checklist({ status }: { status: DbStatus }) {
  return (
    <List spacing="sm" center>
      {steps.map((step) => {
        const done = step.done(status);
        return (
          <List.Item
            key={step.label}
            icon={
              <ThemeIcon
                color={done ? 'teal' : 'gray'}
                variant={done ? 'filled' : 'light'}
                size={24}
                radius="xl"
              >
                {done ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
              </ThemeIcon>
            }
          >
            <Group gap="xs">
              <Anchor href={sectionHref(step.section)} fw={500} c={done ? 'dimmed' : undefined}>
                {step.label}
              </Anchor>
              <Text size="sm" c="dimmed">
                — {step.detail(status)}
              </Text>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}

export function HomeSection() {
  const { status } = useDbStatus();
  return (
    <Stack gap="lg">
      <SectionHeader icon={IconHome} title="Welcome to Sector Studio">
        One SQLite schema for every private-equity sector. Sector differences live as data — dimension weights
        and calibrations — behind a cached configuration service, and each organization's sector-specific
        facts meet in one unified view. Walk the sections on the left from top to bottom.
      </SectionHeader>
      {status === null ? (
        <Loader />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <StatCard label="Focus groups" value={status.focus_groups} />
            <StatCard label="Dimensions" value={status.dimensions} />
            <StatCard label="Weights" value={status.weights} />
            <StatCard label="Calibrations" value={status.calibrations} />
            <StatCard label="Organizations" value={status.organizations.toLocaleString()} />
          </SimpleGrid>
          <TitledCard title="Getting started">
            <Checklist status={status} />
          </TitledCard>
          <SectionCards />
        </>
      )}
    </Stack>
  );
}
