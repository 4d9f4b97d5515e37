/** Escape %, _ and \ so user input matches literally inside a LIKE / ILIKE pattern (default escape \). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
