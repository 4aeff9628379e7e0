import { Alert, Badge, Button, Card, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconCheck, IconDatabase, IconDatabasePlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { MigrationResult, SchemaInfo } from '../../../shared/domain';
import { call, useAction } from '../api/bridge';
import { NextStep } from '../components/NextStep';
import { SectionHeader } from '../components/SectionHeader';
import { useDbStatus } from '../state/status';
import { DdlView } from './schema/DdlView';
import { ObjectList } from './schema/ObjectList';

export function SchemaSection() {
  const { status, refresh } = useDbStatus();
  const [info, setInfo] = useState<SchemaInfo | null>(null);
  const [result, setResult] = useState<MigrationResult | null>(null);
  const [running, run] = useAction();
  const initialized = (status?.schema_version ?? 0) > 0;

  const describe = useCallback(async () => setInfo(await call('schema:describe', {})), []);
  useEffect(() => {
    if (initialized) void call('schema:describe', {}).then(setInfo);
  }, [initialized]);

  const initialize = () =>
    run(async () => {
      const applied = await call('schema:init', {});
      if (applied === null) return;
      setResult(applied);
      await Promise.all([refresh(), describe()]);
    });

  return (
    <Stack gap="lg">
      <SectionHeader icon={IconDatabase} title="Schema">
        Creates every table, index and the unified view in this database file. Migrations are numbered and
        idempotent: running them again changes nothing. Below, the tables and columns exactly as SQLite
        reports them.
      </SectionHeader>
      <Card withBorder padding="lg">
        <Group justify="space-between">
          <Stack gap={2}>
            <Text fw={600}>Migrations</Text>
            <Text size="sm" c="dimmed">
              {status === null
                ? 'Reading the database…'
                : initialized
                  ? `Schema version ${status.schema_version} of ${status.latest_version} is applied.`
                  : 'This database file is empty: no tables yet.'}
            </Text>
          </Stack>
          <Button
            leftSection={<IconDatabasePlus size={18} />}
            loading={running}
            onClick={() => void initialize()}
          >
            Initialize Database Schema
          </Button>
        </Group>
        {initialized && (
          <Group mt="md">
            <NextStep section="seeding" what="load the reference sectors, dimensions and weights" />
          </Group>
        )}
        {result !== null && (
          <Alert mt="md" color="teal" variant="light" icon={<IconCheck />} title="Schema ready">
            <Group gap="xs">
              <Text size="sm">{result.message}</Text>
              {result.applied.length > 0 && (
                <Badge variant="light">migrations {result.applied.join(', ')}</Badge>
              )}
            </Group>
          </Alert>
        )}
      </Card>
      {initialized && info !== null && (
        <Tabs defaultValue="objects" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="objects">Tables & columns ({info.objects.length})</Tabs.Tab>
            <Tabs.Tab value="ddl">DDL</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="objects" pt="md">
            <ObjectList objects={info.objects} indexes={info.indexes} />
          </Tabs.Panel>
          <Tabs.Panel value="ddl" pt="md">
            <DdlView info={info} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
