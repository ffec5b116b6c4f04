/**
 * Colours shared by the server-drawn charts and the page's script, so a fault kind has the same
 * shade everywhere. Fault shades are light and translucent: they sit behind operations.
 */
export const FAULT_COLORS: readonly string[] = ['#f4a3a3', '#a9c8f0', '#f5cf7a', '#b9e0a5', '#d3b5ec', '#9fded8', '#f2b8d9', '#cfcfcf'];

/** The shade of the fault kind at `index` in the report's sorted list of kinds. */
export function faultColor(index: number): string {
  return FAULT_COLORS[((index % FAULT_COLORS.length) + FAULT_COLORS.length) % FAULT_COLORS.length] as string;
}
