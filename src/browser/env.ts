/** True in a browser. Checked inside functions only, so importing stays safe in Node (SSR). */
export const isBrowser = () => typeof document !== 'undefined' && typeof window !== 'undefined';

/** True on an https page: cookies written there get `Secure`. */
export const isSecurePage = () => location.protocol === 'https:';
