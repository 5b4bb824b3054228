// Stand-in for an affiliate-network tag. It runs only when "affiliate" is granted, records the
// click time in `nw_aff_click` and reports which partner referred the visitor. The referral id
// itself (`?ref=partner42`) is kept by Consentinel, which writes `affiliate_ref` only after consent.
(function () {
  (window.northwindTags = window.northwindTags || []).push('affiliate');
  var ref = window.Consentinel && window.Consentinel.getReferral ? window.Consentinel.getReferral() : null;
  if (!ref) {
    var match = /(?:^|; )affiliate_ref=([^;]*)/.exec(document.cookie);
    ref = match ? decodeURIComponent(match[1]) : null;
  }
  document.cookie = 'nw_aff_click=' + Math.floor(Date.now() / 1000) + '; path=/; max-age=2592000; SameSite=Lax';

  report('affiliate', ref
    ? 'Affiliate tag ran: partner "' + ref + '" will be credited for a sign-up (cookies affiliate_ref and nw_aff_click).'
    : 'Affiliate tag ran: no partner referral on this visit (try the partner link ?ref=partner42). Set cookie nw_aff_click.');

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
