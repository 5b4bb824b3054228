/*
 * What the UI sets on the page itself, only while it is needed, and undoes after (README, "What
 * Consentinel sets on your page"). Everything else stays inside the shadow root.
 */

/** Inline style properties of an element, set now and put back as they were on `restore()`. */
export function setStyles(el: HTMLElement, styles: Record<string, string>) {
  const before = Object.keys(styles).map((name) => [name, el.style.getPropertyValue(name), el.style.getPropertyPriority(name)] as const);
  for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value);
  return () => {
    for (const [name, value, priority] of before) el.style.setProperty(name, value, priority);
  };
}

const overlaps = (a: DOMRect, b: DOMRect) => a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;

/**
 * While the banner is shown, a page element that takes focus is never hidden under it (WCAG 2.2,
 * 2.4.11 Focus Not Obscured). The document's scroll padding on the banner's side keeps the
 * browser's own scrolling (focus, anchors, find in page) clear of it. When a focused element is
 * still under it (at the end of the page there is nothing left to scroll), a spacer as tall as
 * the banner is added at the end of the page and the element is scrolled clear: only then, after
 * the visitor's key press, so the page never moves by itself.
 * @returns undo: removes the padding, the spacer and the listener.
 */
export function keepFocusClear(banner: HTMLElement, side: 'top' | 'bottom'): () => void {
  const html = document.documentElement;
  let spacer: HTMLElement | undefined;
  // Set once; later only the value changes, and only when the banner's height did.
  const restore = setStyles(html, { [`scroll-padding-${side}`]: '' });
  let height = -1;
  const pad = () => {
    if (banner.offsetHeight == height) return;
    height = banner.offsetHeight;
    html.style.setProperty(`scroll-padding-${side}`, `${height}px`);
    if (spacer) spacer.style.height = `${height}px`;
  };
  // The banner's height changes with the window's width; a focus checks it again too.
  pad();
  addEventListener('resize', pad);
  const onFocus = (event: FocusEvent) => {
    pad();
    const target = event.target as Element;
    if (!(target instanceof Element) || target.contains(banner) || !overlaps(target.getBoundingClientRect(), banner.getBoundingClientRect())) return;
    if (side == 'bottom' && !spacer) {
      spacer = document.createElement('div');
      spacer.setAttribute('data-consentinel-spacer', '');
      spacer.setAttribute('aria-hidden', 'true');
      spacer.style.height = `${height}px`;
      document.body.append(spacer);
    }
    // "nearest" honours the scroll padding: just far enough to clear the banner.
    target.scrollIntoView({ block: 'nearest' });
  };
  document.addEventListener('focusin', onFocus);
  return () => {
    removeEventListener('resize', pad);
    document.removeEventListener('focusin', onFocus);
    spacer?.remove();
    restore();
  };
}
