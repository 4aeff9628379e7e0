import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props {
  icon: Icon;
  title: string;
  children: ReactNode;
}

export function SectionHeader({ icon: SectionIcon, title, children }: Props) {
  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <ThemeIcon size={44} radius="md" variant="light">
        <SectionIcon size={26} stroke={1.6} />
      </ThemeIcon>
      <Stack gap={4}>
        <Title order={2}>{title}</Title>
        <Text c="dimmed" maw={760}>
          {children}
        </Text>
      </Stack>
    </Group>
  );
}
