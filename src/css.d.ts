/** `import css from './x.css?raw'`: the file's text (Vite does it natively; rollup.config.mjs has a plugin). */
declare module '*.css?raw' {
  const css: string;
  export default css;
}

/** The banner's English only (scripts/json-keys.mjs picks those keys of en.json). */
declare module '*/en.json?keys=banner,notice.json' {
  export const banner: (typeof import('./i18n/en.json'))['banner'];
  export const notice: (typeof import('./i18n/en.json'))['notice'];
}
