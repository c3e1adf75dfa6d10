// ANSI styling for terminal output. Whether to use it is the CLI's decision (TTY, NO_COLOR);
// renderers take a palette and stay pure. With colour off every style is the identity.

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

function style(open: number, close: number): (s: string) => string {
  return (s) => (s === "" ? s : `\u001b[${open}m${s}\u001b[${close}m`);
}

const COLORS: Palette = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  green: style(32, 39),
  yellow: style(33, 39),
  cyan: style(36, 39),
  magenta: style(35, 39),
};

const identity = (s: string) => s;
const PLAIN: Palette = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  magenta: identity,
};

export function palette(color: boolean): Palette {
  return color ? COLORS : PLAIN;
}
