import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, darken, luminance, type MantineColorsTuple } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 6 (#4c6ef5) is 4.32:1 on white, under WCAG AA's 4.5:1 for body text; 7 (#4263eb) passes.
  primaryShade: { light: 7, dark: 6 },
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
});

/** WCAG AA for normal-size text; badges and dimmed captions are small, so nothing less will do. */
export const MIN_CONTRAST = 4.5;

/** WCAG contrast ratio of two CSS colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/**
 * Text colour of the `light` variant (badges, nav links, alert titles). Mantine uses shade 9 on
 * shade 1 (shade 2 on hover), which is under 4.5:1 for yellow, orange, green, red, teal and others;
 * shade 9 is darkened just enough to read on the hover background, the darker of the two.
 */
export function readableLightColor(palette: MantineColorsTuple): string {
  for (let step = 0; step <= 12; step += 1) {
    const color = step === 0 ? palette[9] : darken(palette[9], step * 0.05);
    if (contrastRatio(color, palette[2]) >= MIN_CONTRAST) return color;
  }
  return darken(palette[9], 0.7);
}

/**
 * Mantine's light "dimmed" text is gray 6 (#868e96), 3.3:1 on white and under 3:1 on note and
 * bubble backgrounds. #5f6670 stays above 5:1 on all of them.
 */
export const DIMMED_LIGHT = '#5f6670';

/** Light-scheme colour variables that axe-core flagged on the ticket screens, made readable. */
export const cssVariablesResolver: CSSVariablesResolver = (current) => {
  const colors = { ...DEFAULT_THEME.colors, ...current.colors };
  const lightColors = Object.fromEntries(
    Object.entries(colors).map(([name, palette]) => [`--mantine-color-${name}-light-color`, readableLightColor(palette)]),
  );
  return { variables: {}, light: { '--mantine-color-dimmed': DIMMED_LIGHT, ...lightColors }, dark: {} };
};
