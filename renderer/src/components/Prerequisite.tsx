import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconArrowRight, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { sectionHref } from '../navigation';
import { missingStep, type Requirement } from '../state/prerequisites';
import { useDbStatus } from '../state/status';

interface Props {
  requires: Requirement;
  children: ReactNode;
}

/** Renders its children only when the database holds what the section needs; else says what to do. */
export function Prerequisite({ requires, children }: Props) {
  const { status } = useDbStatus();
  if (status === null) return <Loader size="sm" />;
  const missing = missingStep(status, requires);
  if (missing === null) return children;
  return (
    <Alert variant="light" color="yellow" icon={<IconInfoCircle />} title="Not ready yet">
      <Group justify="space-between" gap="md">
        <Text size="sm">{missing.message}</Text>
        <Button
          component="a"
          href={sectionHref(missing.section)}
          size="xs"
          variant="light"
          color="yellow"
          rightSection={<IconArrowRight size={14} />}
        >
          {missing.action}
        </Button>
      </Group>
    </Alert>
  );
}
