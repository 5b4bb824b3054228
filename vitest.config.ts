import { defineConfig } from 'vitest/config';
import { jsonKeys } from './scripts/json-keys.mjs';

export default defineConfig({
  plugins: [jsonKeys()],
  // JSX settings (preact, automatic runtime) come from tsconfig.json.
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    restoreMocks: true,
    // The UI imports its stylesheet as text (`?raw`); vitest blanks CSS unless told otherwise.
    css: { include: [/styles[\\/](banner|dialog)\.css/] },
  },
});
