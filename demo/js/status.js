// The "under the hood" panel of the demo: the live consent state, the cookies and storage keys
// the page holds, and the consent events as they happen. It attaches to `window.Consentinel`
// (script-tag pages) or to an instance the page hands it (`NorthwindStatus.attach(consent)` on
// the ESM and headless pages). No inline handlers, so it runs under a strict CSP.
(function () {
  var attached = null;
  var events = [];

  function $(id) { return document.getElementById(id); }

  function renderState(state) {
    var out = $('consent-state');
    if (out) out.textContent = JSON.stringify(state, null, 2);
    var summary = $('consent-summary');
    if (summary) {
      var granted = Object.keys(state.granted).filter(function (k) { return state.granted[k]; });
      summary.textContent = state.decided
        ? 'Decided (' + state.method + '): ' + (granted.join(', ') || 'nothing') + ' allowed.'
        : 'Not decided yet: only necessary cookies are in use.';
      summary.setAttribute('data-decided', String(state.decided));
    }
  }

  function renderStorage() {
    var list = $('cookie-list');
    if (list) {
      var names = document.cookie ? document.cookie.split('; ').map(function (c) { return c.split('=')[0]; }) : [];
      var text = names.length ? names.sort().join(', ') : '(none)';
      if (list.textContent !== text) list.textContent = text;
    }
    var storage = $('storage-list');
    if (storage) {
      var keys = [];
      try {
        for (var i = 0; i < localStorage.length; i++) keys.push('local:' + localStorage.key(i));
        for (var j = 0; j < sessionStorage.length; j++) keys.push('session:' + sessionStorage.key(j));
      } catch (e) { /* storage may be off */ }
      var stext = keys.length ? keys.sort().join(', ') : '(none)';
      if (storage.textContent !== stext) storage.textContent = stext;
    }
  }

  function logEvent(text) {
    events.unshift(new Date().toLocaleTimeString() + ' ' + text);
    events.length = Math.min(events.length, 8);
    var list = $('event-log');
    if (!list) return;
    list.textContent = '';
    events.forEach(function (line) {
      var item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    });
  }

  function attach(consent) {
    if (!consent || attached === consent) return;
    attached = consent;
    renderState(consent.getState());
    consent.subscribe(function (state, changes) {
      renderState(state);
      renderStorage();
      logEvent('subscribe(): granted [' + changes.granted.join(', ') + '], revoked [' + changes.revoked.join(', ') + ']');
    });
    var reset = $('reset-choice');
    if (reset) {
      reset.addEventListener('click', function () {
        attached.reset();
        logEvent('reset(): the stored choice was forgotten');
      });
    }
  }

  function start() {
    document.addEventListener('consentinel:ready', function (event) {
      logEvent('consentinel:ready (decided: ' + (event.detail && event.detail.decided) + ')');
      if (event.detail) renderState(event.detail);
      // The event may come before the script-tag build has set window.Consentinel.
      var tries = 0;
      (function attachWhenSet() {
        if (window.Consentinel) {
          attach(window.Consentinel);
          renderState(window.Consentinel.getState());
        } else if (tries++ < 50) {
          setTimeout(attachWhenSet, 20);
        }
      })();
    });
    document.addEventListener('consentinel:change', function (event) {
      var detail = event.detail || {};
      var state = detail.state || {};
      logEvent('consentinel:change (method: ' + state.method + ')');
    });
    // The core may already be running (it was in <head>); if its config is still loading,
    // consentinel:ready above attaches again with the final state.
    if (window.Consentinel) {
      try { attach(window.Consentinel); } catch (e) { attached = null; }
    }
    renderStorage();
    setInterval(renderStorage, 1000);
  }

  window.NorthwindStatus = { attach: attach };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
