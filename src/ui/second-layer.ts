/** What the second layer's module holds (dialog-layer.ts). */
export type SecondLayer = typeof import('./dialog-layer');

let loaded: SecondLayer | undefined;
let loading: Promise<SecondLayer> | undefined;

/**
 * The dialog and the cookie tables, fetched once per page: at idle after the banner shows, when
 * the visitor shows intent (a pointer over or focus on "Preferences"), or when first needed. A
 * bundler makes it a chunk of its own; the script-tag build a file beside the UI file. A failed
 * fetch is tried again on the next call.
 */
export function loadSecondLayer(): Promise<SecondLayer> {
  loading ||= import('./dialog-layer').then(
    (module) => (loaded = module),
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The second layer if it has arrived, else undefined. */
export const secondLayer = (): SecondLayer | undefined => loaded;

/** Runs `task` when the page is idle (after a short timer where requestIdleCallback is missing: Safari). */
export function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 500);
}
