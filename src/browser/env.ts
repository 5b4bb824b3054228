/** True in a browser. Checked inside functions only, so importing stays safe in Node (SSR). */
export const isBrowser = () => typeof document !== 'undefined' && typeof window !== 'undefined';
