/**
 * A minimal typed event list. `on` returns its own unsubscribe; a throwing listener is reported
 * and does not stop the others.
 */
export function createEmitter<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    on(fn: (...args: A) => void) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    emit(...args: A) {
      for (const fn of [...listeners]) {
        try {
          fn(...args);
        } catch (e) {
          console.error('[consentinel] listener failed', e);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
