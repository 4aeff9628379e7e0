import { AppShell, Container } from '@mantine/core';
import { useDisclosure, useLocalStorage } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { AppHeader } from './components/AppHeader';
import { AppNavbar } from './components/AppNavbar';
import { mainId, SkipLinks } from './components/SkipLinks';
import { sections, useSection, type SectionId } from './navigation';
import { CacheSection } from './sections/CacheSection';
import { HomeSection } from './sections/HomeSection';
import { OrganizationsSection } from './sections/OrganizationsSection';
import { RankingsSection } from './sections/RankingsSection';
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
  rankings: RankingsSection,
};

/** Sections whose work area fills the window (one scrollbar, the grid's) rather than scrolling the page. */
const fullHeight: ReadonlySet<SectionId> = new Set(['organizations']);

export function App() {
  const active = useSection();
  const [navOpened, nav] = useDisclosure(false);
  // Icons only, to give a small window's width to the work: remembered on this computer.
  const [collapsed, setCollapsed] = useLocalStorage({
    key: 'sector-studio:sidebar-collapsed',
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  const { refresh } = useDbStatus();
  // A section mounts on its first visit and then stays, hidden while another is shown, so that its
  // filters, selections and rows are where the analyst left them.
  const [visited, setVisited] = useState<SectionId[]>([active]);
  if (!visited.includes(active)) setVisited([...visited, active]);
  // The CLI or a second window may have changed the file meanwhile: each section opens on fresh counts.
  useEffect(() => {
    void refresh();
  }, [active, refresh]);
  const full = fullHeight.has(active);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: collapsed ? 64 : 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={full ? 'sm' : 'lg'}
    >
      <SkipLinks active={active} />
      <AppShell.Header>
        <AppHeader
          navOpened={navOpened}
          onToggleNav={nav.toggle}
          collapsed={collapsed}
          onToggleCollapsed={() => setCollapsed(!collapsed)}
        />
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppNavbar active={active} onNavigate={nav.close} collapsed={collapsed} />
      </AppShell.Navbar>
      <AppShell.Main id={mainId} tabIndex={-1} className={full ? 'main-full' : undefined}>
        {sections
          .filter((section) => visited.includes(section.id))
          .map(({ id }) => {
            const View = views[id];
            return fullHeight.has(id) ? (
              <div key={id} hidden={id !== active} className="section-full">
                <View />
              </div>
            ) : (
              <Container key={id} size="xl" px={0} hidden={id !== active}>
                <View />
              </Container>
            );
          })}
      </AppShell.Main>
    </AppShell>
  );
}
