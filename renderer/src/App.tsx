import { AppShell, Container } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { AppHeader } from './components/AppHeader';
import { AppNavbar } from './components/AppNavbar';
import { useSection, type SectionId } from './navigation';
import { CacheSection } from './sections/CacheSection';
import { HomeSection } from './sections/HomeSection';
import { OrganizationsSection } from './sections/OrganizationsSection';
import { SchemaSection } from './sections/SchemaSection';
import { SectorConfigSection } from './sections/SectorConfigSection';
import { SeedingSection } from './sections/SeedingSection';

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
