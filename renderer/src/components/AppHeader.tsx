import { Badge, Burger, Code, Group, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconBolt, IconChartDots3, IconDatabase } from '@tabler/icons-react';
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
          <Tooltip
            multiline
            w={320}
            label={
              status.cache.warning ??
              (status.cache.kind === 'redis'
                ? 'Sector configurations are cached in this Redis, shared with other instances (REDIS_URL)'
                : 'Sector configurations are cached in memory, in this app (set REDIS_URL to share a Redis)')
            }
          >
            <Badge
              variant="light"
              color={status.cache.warning ? 'orange' : 'indigo'}
              leftSection={status.cache.warning ? <IconAlertTriangle size={12} /> : <IconBolt size={12} />}
            >
              cache: {status.cache.label}
            </Badge>
          </Tooltip>
        </Group>
      )}
    </Group>
  );
}
