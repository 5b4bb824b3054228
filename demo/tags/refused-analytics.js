// Runs only when analytics is refused (`data-consent="!analytics"`): a cookieless fallback, the
// way a site counts page views without identifiers when the visitor said no.
(function () {
  (window.northwindTags = window.northwindTags || []).push('!analytics');
  function write() {
    var slot = document.querySelector('[data-tag-report="!analytics"]');
    if (slot) {
      slot.textContent = 'Cookieless page counter ran, because analytics was refused (no cookies, no storage).';
      slot.setAttribute('data-state', 'ran');
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', write);
  else write();
})();
