/**
 * Tells the other open tabs of the site that the consent cookie changed, and hears them.
 * BroadcastChannel where it exists; every browser also re-checks when a tab becomes visible,
 * which covers browsers without it (and a cookie changed by the server).
 * The message carries the value just stored ('' for none): the browser may deliver it before
 * the other tab's `document.cookie` shows the write, and a re-read alone would then miss it.
 */
export function createTabSync(name: string, onChange: (stored?: string) => void) {
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(name);
    channel.onmessage = (e) => onChange(typeof e.data == 'string' ? e.data : undefined);
  } catch {
    // No BroadcastChannel: the visibility check below still catches up.
  }
  const onVisible = () => document.visibilityState === 'visible' && onChange();
  document.addEventListener('visibilitychange', onVisible);
  return {
    post: (stored: string) => channel?.postMessage(stored),
    close() {
      channel?.close();
      // A decision after destroy() must not post on a closed channel (InvalidStateError).
      channel = undefined;
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
