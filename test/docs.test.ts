// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { configReference } from '../scripts/config-reference.mjs';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('has the configuration reference generated from the JSON Schema (run `node scripts/config-reference.mjs --write`)', () => {
    const schema = JSON.parse(readFileSync('schema/consentinel.schema.json', 'utf8'));
    expect(readme).toContain(configReference(schema));
  });

  it('shows the two commands a newcomer needs', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
