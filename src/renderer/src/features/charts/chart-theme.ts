import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions } from 'lightweight-charts';

/** Chart colours read from the CSS theme variables, so charts follow dark/light. */
export function chartThemeOptions(): DeepPartial<ChartOptions> {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string): string => css.getPropertyValue(name).trim();
  return {
    layout: {
      background: { type: ColorType.Solid, color: v('--bg-panel') },
      textColor: v('--text-dim'),
      fontFamily: v('--font-mono'),
      fontSize: 11,
      attributionLogo: false,
      panes: { separatorColor: v('--border'), separatorHoverColor: v('--border-strong'), enableResize: true },
    },
    grid: { vertLines: { color: v('--grid') }, horzLines: { color: v('--grid') } },
    crosshair: { mode: CrosshairMode.Normal, vertLine: { color: v('--text-faint'), labelBackgroundColor: v('--bg-active') }, horzLine: { color: v('--text-faint'), labelBackgroundColor: v('--bg-active') } },
    rightPriceScale: { borderColor: v('--border') },
    timeScale: { borderColor: v('--border'), timeVisible: true, secondsVisible: false, rightOffset: 6 },
  };
}

export function seriesColors(): { up: string; down: string; line: string; accent: string; palette: string[] } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string): string => css.getPropertyValue(name).trim();
  return { up: v('--up'), down: v('--down'), line: v('--focus'), accent: v('--accent'), palette: ['#f0b429', '#4c9aff', '#c678dd', '#56b6c2', '#e5c07b', '#98c379'] };
}
