import { Box, Button, Tooltip, useMantineTheme, type ButtonProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ComponentPropsWithRef, ReactNode } from 'react';

type Props = ButtonProps &
  Omit<ComponentPropsWithRef<'button'>, keyof ButtonProps | 'children'> & {
    icon: ReactNode;
    /** The button's name; shown beside the icon on wide windows, as a tooltip on narrow ones. */
    label: string;
  };

/** A toolbar button that keeps its name but shows only its icon on narrow windows, so the grid keeps the width. */
export function ToolButton({ icon, label, ...rest }: Props) {
  const theme = useMantineTheme();
  const wide = useMediaQuery(`(min-width: ${theme.breakpoints.lg})`, true);
  return (
    <Tooltip label={label} disabled={wide}>
      <Button size="xs" variant="default" aria-label={label} px={10} {...rest}>
        {icon}
        <Box component="span" visibleFrom="lg" ml={6}>
          {label}
        </Box>
      </Button>
    </Tooltip>
  );
}
