import { DEFAULT_THEME, type MantineColorsTuple, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssVariablesResolver, DIMMED_LIGHT, MIN_CONTRAST, readableLightColor, theme } from './theme';

const merged = mergeMantineTheme(DEFAULT_THEME, theme);

describe('contrastRatio', () => {
  it('spans 1 (same colour) to 21 (black on white), in either order', () => {
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 1);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 1);
  });

  it("shows why Mantine's own light badge text is not enough", () => {
    const yellow = DEFAULT_THEME.colors.yellow;
    expect(contrastRatio(yellow[9], yellow[1])).toBeLessThan(MIN_CONTRAST);
  });
});

describe('readableLightColor', () => {
  it.each(Object.entries(DEFAULT_THEME.colors))('%s text reads at 4.5:1 on its light and hover backgrounds', (_name, palette) => {
    const color = readableLightColor(palette);
    expect(contrastRatio(color, palette[1])).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(color, palette[2])).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('keeps shade 9 unchanged where it already passes', () => {
    const gray = DEFAULT_THEME.colors.gray;
    expect(readableLightColor(gray)).toBe(gray[9]);
  });

  it('still returns a dark colour for a palette that never gets there', () => {
    const pale = Array(10).fill('#ffff00') as unknown as MantineColorsTuple;
    expect(contrastRatio(readableLightColor(pale), '#ffff00')).toBeGreaterThan(3);
  });
});

describe('cssVariablesResolver', () => {
  const vars = cssVariablesResolver(merged);

  it('makes dimmed text readable on white, notes and grey panels, in the light scheme only', () => {
    expect(vars.light['--mantine-color-dimmed']).toBe(DIMMED_LIGHT);
    for (const background of ['#ffffff', merged.colors.yellow[0], merged.colors.gray[0], merged.colors.gray[1]]) {
      expect(contrastRatio(DIMMED_LIGHT, background)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
    expect(vars.dark).toEqual({});
  });

  it('sets a readable light-variant text colour for every palette', () => {
    for (const [name, palette] of Object.entries(merged.colors)) {
      const color = vars.light[`--mantine-color-${name}-light-color`];
      expect(color, name).toBeDefined();
      expect(contrastRatio(color as string, palette[2])).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });
});
