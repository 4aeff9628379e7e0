import { Group, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  icon: Icon;
  title: string;
  children: ReactNode;
  /** One line of description beside a smaller icon, for sections whose work area needs the height. */
  compact?: boolean;
  /** Tools shown at the right end of the header. */
  actions?: ReactNode;
}

export function SectionHeader({ icon: SectionIcon, title, children, compact = false, actions }: Props) {
  return (
    <Group align={compact ? 'center' : 'flex-start'} gap={compact ? 'sm' : 'md'} wrap="nowrap">
      <ThemeIcon size={compact ? 34 : 44} radius="md" variant="light">
        <SectionIcon size={compact ? 20 : 26} stroke={1.6} />
      </ThemeIcon>
      <Stack gap={compact ? 0 : 4}>
        <Title order={2} size={compact ? 'h3' : undefined}>
          {title}
        </Title>
        {compact ? (
          // One line beside the tools; the whole of it on hover.
          <Tooltip label={children} multiline w={420} openDelay={300}>
            <Text c="dimmed" size="sm" lineClamp={1} visibleFrom="md">
              {children}
            </Text>
          </Tooltip>
        ) : (
          <Text c="dimmed" maw={760}>
            {children}
          </Text>
        )}
      </Stack>
      {actions !== undefined && (
        <Group gap="xs" ml="auto" wrap="nowrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}
