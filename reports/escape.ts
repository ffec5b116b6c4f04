/**
 * Escaping for everything a report prints from a history, a trace or a file name: keys and values
 * are data written by whoever produced the history, so `<script>` in a key must stay text.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * JSON that is safe inside an inline `<script>` element: `<`, `>` and `&` become `\u003c`-style
 * escapes so no `</script>` or `<!--` can end or alter the element, and U+2028/U+2029 are escaped
 * because older JavaScript parsers treat them as line ends. JSON.parse reads the result unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
