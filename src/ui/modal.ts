import { setStyles } from './page';

/** The focused element, looking inside open shadow roots (the opener may be a reopen button). */
export function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

// What the dialog holds: links, buttons (not the disabled switches) and summaries.
const FOCUSABLE = 'a[href],button:not([disabled]),summary';

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

/**
 * A ref callback that makes its element a modal box while it is rendered: focus moves in, Tab
 * stays inside, Escape calls `onClose`, and when it goes away focus returns to the element that
 * had it. Give it one stable callback per box: Preact calls it on mount and its cleanup on unmount.
 */
export const modal =
  (onClose: () => void) =>
  (box: HTMLElement | null): (() => void) => {
    const opener = deepActiveElement();
    const onKey = (e: KeyboardEvent) => {
      // A page that removed our host without unmounting must get its keyboard back.
      if (!box!.isConnected) return;
      if (e.key == 'Escape') onClose();
      if (e.key == 'Tab') trapTab(e, box!);
    };
    box!.focus();
    // On the document, so that keys still work after a click on the backdrop dropped focus.
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // After this render: the banner under the dialog is still inert now, and an inert element
      // cannot take focus.
      queueMicrotask(() => opener?.isConnected && opener.focus());
    };
  };

/**
 * While the modal dialog is open the page behind it does not scroll (a wheel or a swipe over
 * the backdrop, or the dialog's own scroll running past its end). The page does not shift
 * either: the space of the scrollbar that goes away stays reserved (`scrollbar-gutter`).
 * @returns undo
 */
export function lockPageScroll(): () => void {
  const html = document.documentElement;
  const hadScrollbar = window.innerWidth > html.clientWidth;
  return setStyles(html, { overflow: 'hidden', ...(hadScrollbar ? { 'scrollbar-gutter': 'stable' } : {}) });
}

/**
 * The ref callback of the preferences dialog: modal (focus, Tab, Escape) and the page's scroll
 * locked while it is rendered. One stable callback per dialog, as `modal` needs.
 */
export function modalDialog(onClose: () => void) {
  const makeModal = modal(onClose);
  return (box: HTMLElement | null): (() => void) => {
    const undoModal = makeModal(box);
    const unlock = lockPageScroll();
    return () => {
      unlock();
      undoModal();
    };
  };
}
