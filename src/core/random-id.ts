/**
 * A random id of 32 hex digits from the platform's CSPRNG, with a fallback for old browsers: the
 * consent id of a record, and the id of each consent-log record (the service deduplicates on it).
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  try {
    crypto.getRandomValues(bytes);
  } catch {
    for (let i = 0; i < 16; i++) bytes[i] = Math.random() * 256;
  }
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
}
