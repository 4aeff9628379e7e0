import { Card, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered panel with a heading one level below the section's; `fill` stretches it to its grid cell's height. */
export function TitledCard({
  title,
  fill = false,
  children,
}: {
  title: string;
  fill?: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" h={fill ? '100%' : undefined}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
