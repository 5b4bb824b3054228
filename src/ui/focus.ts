/** The focused element, looking inside open shadow roots (the opener may be a reopen button). */
export function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

const FOCUSABLE = 'a[href],button:not([disabled]),summary,input:not([disabled]),[tabindex="0"]';

/**
 * Keeps Tab inside `box`: past the last control back to the first and the other way round.
 * Focus outside the box (a click on the backdrop drops it on the body) is brought back in.
 */
export function trapTab(e: KeyboardEvent, box: HTMLElement): void {
  const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const i = items.indexOf((box.getRootNode() as ShadowRoot).activeElement as HTMLElement);
  const last = items.length - 1;
  const to = e.shiftKey ? (i < 1 ? last : -1) : i < 0 || i == last ? 0 : -1;
  if (to >= 0) {
    e.preventDefault();
    items[to].focus();
  }
}
