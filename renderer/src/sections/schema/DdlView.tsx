import { Code, CopyButton, Button, Group, Paper, ScrollArea } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { SchemaInfo } from '../../../../shared/domain';

export function DdlView({ info }: { info: SchemaInfo }) {
  const ddl = [...info.objects.map((object) => object.sql), ...info.indexes.map((index) => index.sql)]
    .filter((sql) => sql.trim() !== '')
    .map((sql) => `${sql.trim()};`)
    .join('\n\n');
  return (
    <Paper withBorder p="md">
      <Group justify="flex-end" mb="xs">
        <CopyButton value={ddl}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              onClick={copy}
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            >
              {copied ? 'Copied' : 'Copy DDL'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <ScrollArea.Autosize
        mah={560}
        viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'DDL of every table, view and index' }}
      >
        <Code block>{ddl}</Code>
      </ScrollArea.Autosize>
    </Paper>
  );
}
