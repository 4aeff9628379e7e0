import { Anchor, Card, Group, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { sectionHref, sections, type SectionId } from '../../navigation';

const summaries: Record<Exclude<SectionId, 'home'>, string> = {
  schema: 'Tables, indexes and the unified view, as SQLite reports them, and their DDL.',
  seeding: 'The 7 sectors, 7 dimensions, 49 weights and the calibrations, upserted.',
  'sector-configuration': 'One sector at a time: calibrations, weights and whether they sum to 1.0.',
  cache: 'Cache-aside fetches, invalidation, live stats and the event log.',
  organizations: 'Sample companies and the unified view of every sector’s attributes.',
  rankings: 'Org-AI-R scores ranked per sector, each one’s breakdown, and what-if weights.',
};

/**
 * A map of the app for the landing page: what each section is for. The whole card is clickable, but
 * the link is its title, so that its name is the section's (the summary is its description).
 */
export function SectionCards() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {sections
        .filter((section) => section.id !== 'home')
        .map((section) => (
          <Card key={section.id} withBorder padding="md" className="card-link">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size={36} radius="md">
                <section.icon size={20} stroke={1.6} />
              </ThemeIcon>
              <div>
                <Anchor href={sectionHref(section.id)} fw={600} c="inherit" className="card-link-target">
                  {section.label}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {summaries[section.id]}
                </Text>
              </div>
            </Group>
          </Card>
        ))}
    </SimpleGrid>
  );
}
