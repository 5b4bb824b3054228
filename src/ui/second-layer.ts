/** What the second layer's module holds (dialog-layer.ts). */
export type SecondLayer = typeof import('./dialog-layer');

/**
 * The dialog and the cookie tables: fetched at idle after the banner shows, when the visitor
 * shows intent (a pointer over or focus on "Preferences"), or when first needed. A bundler makes
 * it a chunk of its own, the script-tag build a file beside the UI file; the browser fetches a
 * module once per page, however often it is imported.
 */
export const loadSecondLayer = (): Promise<SecondLayer> => import('./dialog-layer');

/** Runs `task` when the page is idle (after a short timer where requestIdleCallback is missing: Safari). */
export function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 500);
}
