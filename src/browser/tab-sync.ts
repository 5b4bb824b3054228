/**
 * Tells the other open tabs of the site that the consent cookie changed, and hears them.
 * BroadcastChannel where it exists; every browser also re-checks when a tab becomes visible,
 * which covers browsers without it (and a cookie changed by the server).
 */
export function createTabSync(name: string, onChange: () => void) {
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(name);
    channel.onmessage = onChange;
  } catch {
    // No BroadcastChannel: the visibility check below still catches up.
  }
  const onVisible = () => document.visibilityState === 'visible' && onChange();
  document.addEventListener('visibilitychange', onVisible);
  return {
    post: () => channel?.postMessage(1),
    close() {
      channel?.close();
      // A decision after destroy() must not post on a closed channel (InvalidStateError).
      channel = undefined;
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
