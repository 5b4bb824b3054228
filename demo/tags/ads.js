// Stand-in for an advertising tag (a retargeting pixel plus an ad slot). It sets the cookies an ad
// network would (`_gcl_au`, `nw_ad_id`, and `_fbp` as Meta's pixel does), a frequency counter in
// localStorage, and fills the page's ad slot. It runs only when "advertising" is granted.
(function () {
  (window.northwindTags = window.northwindTags || []).push('advertising');
  var YEAR = 31536000;
  var now = Math.floor(Date.now() / 1000);
  document.cookie = '_gcl_au=1.1.' + Math.floor(Math.random() * 1e9) + '.' + now + '; path=/; max-age=' + 7776000 + '; SameSite=Lax';
  if (!/(?:^|; )_fbp=/.test(document.cookie)) {
    document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=' + 7776000 + '; SameSite=Lax';
  }
  if (!/(?:^|; )nw_ad_id=/.test(document.cookie)) {
    document.cookie = 'nw_ad_id=' + Math.random().toString(36).slice(2, 12) + '; path=/; max-age=' + YEAR + '; SameSite=Lax';
  }
  var seen = 1;
  try {
    seen = Number(localStorage.getItem('nw_ads_frequency') || 0) + 1;
    localStorage.setItem('nw_ads_frequency', String(seen));
  } catch (e) { /* storage may be off */ }

  function write() {
    var slot = document.getElementById('ad-slot');
    if (slot) {
      slot.textContent = 'Advertisement: Managed VPS from Northwind, first month free. (Stand-in ad, shown ' + seen + ' time' + (seen === 1 ? '' : 's') + '.)';
      slot.setAttribute('data-state', 'ran');
    }
    var text = 'Advertising tag ran: set cookies _gcl_au, _fbp and nw_ad_id, localStorage nw_ads_frequency=' + seen + '.';
    var report = document.querySelector('[data-tag-report="advertising"]');
    if (report) {
      report.textContent = text;
      report.setAttribute('data-state', 'ran');
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
})();
