// Stand-in for an analytics tag such as Google Analytics' gtag.js. It does what the real one
// does that a visitor can notice: it sets `_ga` and `_ga_<id>` cookies and keeps a counter in
// localStorage. Consentinel only runs it once "analytics" is granted, and deletes what it left
// behind when that consent is withdrawn.
(function () {
  var YEAR2 = 63072000;
  var now = Math.floor(Date.now() / 1000);
  (window.northwindTags = window.northwindTags || []).push('analytics');

  if (!/(?:^|; )_ga=/.test(document.cookie)) {
    document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now + '; path=/; max-age=' + YEAR2 + '; SameSite=Lax';
  }
  document.cookie = '_ga_NW4H0ST=GS1.1.' + now + '.1.1.' + now + '.0.0.0; path=/; max-age=' + YEAR2 + '; SameSite=Lax';
  var visits = 1;
  try {
    visits = Number(localStorage.getItem('nw_analytics_visits') || 0) + 1;
    localStorage.setItem('nw_analytics_visits', String(visits));
  } catch (e) { /* storage may be off */ }

  // What Google Consent Mode told this tag: the last `consent` command in dataLayer.
  var mode = 'no Consent Mode entries';
  var dl = window.dataLayer || [];
  for (var i = dl.length - 1; i >= 0; i--) {
    if (dl[i] && dl[i][0] === 'consent') {
      mode = 'Consent Mode ' + dl[i][1] + ': analytics_storage=' + (dl[i][2] && dl[i][2].analytics_storage);
      break;
    }
  }

  report('analytics', 'Analytics tag ran: set cookies _ga and _ga_NW4H0ST, localStorage nw_analytics_visits=' + visits + ' (' + mode + ').');

  function report(category, text) {
    function write() {
      var slot = document.querySelector('[data-tag-report="' + category + '"]');
      if (slot) {
        slot.textContent = text;
        slot.setAttribute('data-state', 'ran');
      }
      var log = document.getElementById('tag-log');
      if (log) {
        var item = document.createElement('li');
        item.textContent = new Date().toLocaleTimeString() + ' ' + text;
        log.appendChild(item);
      }
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', write);
    else write();
  }
})();
