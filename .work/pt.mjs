import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
const b = await rollup({ input: '.work/a.mjs', plugins: [resolve()] });
const { output } = await b.generate({ format: 'es', plugins: [terser({ ecma: 2020, compress: { passes: 3 } })] });
const { gzipSync } = await import('node:zlib');
console.log(output[0].code.length, gzipSync(output[0].code, { level: 9 }).length);
