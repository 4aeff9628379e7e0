import { Badge, Burger, Code, Group, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconChartDots3, IconDatabase } from '@tabler/icons-react';
import { useDbStatus } from '../state/status';

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
}

export function AppHeader({ navOpened, onToggleNav }: Props) {
  const { status } = useDbStatus();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label="Navigation" />
        <ThemeIcon
          size={34}
          radius="md"
          variant="gradient"
          gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}
        >
          <IconChartDots3 size={20} />
        </ThemeIcon>
        <div>
          <Title order={4} lh={1.1}>
            Sector Studio
          </Title>
          <Text size="xs" c="dimmed" lh={1.1}>
            One Schema, Many Configurations
          </Text>
        </div>
      </Group>
      {status !== null && (
        <Group gap="xs" wrap="nowrap" visibleFrom="md">
          <Tooltip label="The SQLite file this window works on">
            <Group gap={6} wrap="nowrap">
              <IconDatabase size={16} color="var(--mantine-color-dimmed)" />
              <Code>{status.file}</Code>
            </Group>
          </Tooltip>
          <Badge variant="light" color={status.schema_version === 0 ? 'gray' : 'teal'}>
            {status.schema_version === 0 ? 'no schema' : `schema v${status.schema_version}`}
          </Badge>
        </Group>
      )}
    </Group>
  );
}
