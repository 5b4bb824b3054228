/** `import css from './x.css?raw'`: the file's text (Vite does it natively; rollup.config.mjs has a plugin). */
declare module '*.css?raw' {
  const css: string;
  export default css;
}
