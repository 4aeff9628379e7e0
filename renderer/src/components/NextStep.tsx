import { Button, Text, Group } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { sectionHref, sections, type SectionId } from '../navigation';

/** The way on once a setup step is done, so that the lab reads as one path. */
export function NextStep({ section, what }: { section: SectionId; what: string }) {
  const label = sections.find((s) => s.id === section)?.label ?? section;
  return (
    <Group gap="sm">
      <Button component="a" href={sectionHref(section)} rightSection={<IconArrowRight size={16} />}>
        Next: {label}
      </Button>
      <Text size="sm" c="dimmed">
        {what}
      </Text>
    </Group>
  );
}
