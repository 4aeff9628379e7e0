import { AppShell, Container } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { AppNavbar } from './components/AppNavbar';
import { useSection, type SectionId } from './navigation';
import { CacheSection } from './sections/CacheSection';
import { HomeSection } from './sections/HomeSection';
import { OrganizationsSection } from './sections/OrganizationsSection';
import { SchemaSection } from './sections/SchemaSection';
import { SectorConfigSection } from './sections/SectorConfigSection';
import { SeedingSection } from './sections/SeedingSection';
import { useDbStatus } from './state/status';

const views: Record<SectionId, () => React.JSX.Element> = {
  home: HomeSection,
  schema: SchemaSection,
  seeding: SeedingSection,
  'sector-configuration': SectorConfigSection,
  cache: CacheSection,
  organizations: OrganizationsSection,
};

export function App() {
  const active = useSection();
  const [navOpened, nav] = useDisclosure(false);
  const { refresh } = useDbStatus();
  // The CLI or a second window may have changed the file meanwhile: each section opens on fresh counts.
  useEffect(() => {
    void refresh();
  }, [active, refresh]);
  const View = views[active];
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppNavbar active={active} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Container size="xl" px={0}>
          <View key={active} />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
