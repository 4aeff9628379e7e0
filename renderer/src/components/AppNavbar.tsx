import { Badge, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { IconCircleCheckFilled } from '@tabler/icons-react';
import type { DbStatus } from '../../../shared/domain';
import { sectionHref, sections, type SectionId } from '../navigation';
import { useDbStatus } from '../state/status';

/**
 * A small marker per entry: which setup steps are done, how many organizations exist. It is decoration
 * (Home says the same in words), hidden from the link's name so that the name is the section's.
 */
function marker(id: SectionId, status: DbStatus | null) {
  if (status === null) return null;
  const done = <IconCircleCheckFilled size={16} color="var(--mantine-color-teal-6)" aria-hidden />;
  if (id === 'schema' && status.schema_version > 0) return done;
  if (id === 'seeding' && status.weights > 0) return done;
  if (id === 'organizations' && status.organizations > 0) {
    return (
      <Badge size="xs" variant="light" circle={false} aria-hidden>
        {status.organizations.toLocaleString()}
      </Badge>
    );
  }
  return null;
}

interface Props {
  active: SectionId;
  onNavigate: () => void;
  /** Icons only, each with its section's name as its tooltip and accessible name. */
  collapsed: boolean;
}

export function AppNavbar({ active, onNavigate, collapsed }: Props) {
  const { status } = useDbStatus();
  return (
    <Stack gap={4}>
      {!collapsed && (
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm" pb={4}>
          Sections
        </Text>
      )}
      {sections.map((section) => (
        <Tooltip key={section.id} label={section.label} position="right" disabled={!collapsed}>
          <NavLink
            href={sectionHref(section.id)}
            label={collapsed ? null : section.label}
            aria-label={collapsed ? section.label : undefined}
            leftSection={<section.icon size={18} stroke={1.6} />}
            rightSection={collapsed ? null : marker(section.id, status)}
            active={section.id === active}
            aria-current={section.id === active ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
          />
        </Tooltip>
      ))}
    </Stack>
  );
}
