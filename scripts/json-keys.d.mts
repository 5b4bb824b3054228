/** Types of json-keys.mjs for vitest.config.ts. */
export declare const jsonKeys: () => import('vite').Plugin;
