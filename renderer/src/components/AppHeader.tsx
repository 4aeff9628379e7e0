import {
  ActionIcon,
  Badge,
  Burger,
  Code,
  Group,
  Menu,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconBolt,
  IconChartDots3,
  IconDatabase,
  IconDeviceDesktop,
  IconMoon,
  IconSun,
} from '@tabler/icons-react';
import { formatClock } from '../format';
import { useDbStatus } from '../state/status';
import { AuthorMenu } from './AuthorMenu';

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
  /** The sidebar shows icons only. */
  collapsed: boolean;
  onToggleCollapsed: () => void;
}

function SidebarToggle({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const label = collapsed ? 'Expand sidebar' : 'Collapse sidebar';
  const Icon = collapsed ? IconLayoutSidebarLeftExpand : IconLayoutSidebarLeftCollapse;
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        onClick={onToggle}
        visibleFrom="sm"
      >
        <Icon size={20} />
      </ActionIcon>
    </Tooltip>
  );
}

/** Light, dark, or whatever the system says; Mantine remembers the choice on this computer. */
function ColorSchemeMenu() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const Icon = colorScheme === 'dark' ? IconMoon : colorScheme === 'light' ? IconSun : IconDeviceDesktop;
  const choices = [
    { value: 'light', label: 'Light', icon: IconSun },
    { value: 'dark', label: 'Dark', icon: IconMoon },
    { value: 'auto', label: 'Match the system', icon: IconDeviceDesktop },
  ] as const;
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <Tooltip label="Color scheme">
          <ActionIcon variant="default" size="lg" aria-label="Color scheme">
            <Icon size={18} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown aria-label="Color scheme">
        {choices.map((choice) => (
          <Menu.Item
            key={choice.value}
            leftSection={<choice.icon size={14} />}
            onClick={() => setColorScheme(choice.value)}
            aria-current={colorScheme === choice.value ? 'true' : undefined}
            fw={colorScheme === choice.value ? 700 : undefined}
          >
            {choice.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppHeader({ navOpened, onToggleNav, collapsed, onToggleCollapsed }: Props) {
  const { status } = useDbStatus();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label="Navigation" />
        <SidebarToggle collapsed={collapsed} onToggle={onToggleCollapsed} />
        <ThemeIcon
          size={34}
          radius="md"
          variant="gradient"
          gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}
        >
          <IconChartDots3 size={20} />
        </ThemeIcon>
        <div>
          <Title order={1} size="h4" lh={1.1}>
            Sector Studio
          </Title>
          <Text size="xs" c="dimmed" lh={1.1}>
            One Schema, Many Configurations
          </Text>
        </div>
      </Group>
      <Group gap="xs" wrap="nowrap">
        {status !== null && (
          <Group gap="xs" wrap="nowrap" visibleFrom="md">
            {/* Below 1200 px the path gives its room to the badges; the tooltip still names it. */}
            <Tooltip label={`The SQLite file this window works on: ${status.file}`}>
              <Group gap={6} wrap="nowrap">
                <IconDatabase size={16} color="var(--mantine-color-dimmed)" />
                <Code visibleFrom="lg">{status.file}</Code>
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
                {status.cache.unreachable_since === null
                  ? `cache: ${status.cache.label}`
                  : `Redis unreachable since ${formatClock(status.cache.unreachable_since)}`}
              </Badge>
            </Tooltip>
          </Group>
        )}
        <AuthorMenu />
        <ColorSchemeMenu />
      </Group>
    </Group>
  );
}
