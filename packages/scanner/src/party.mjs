// First or third party. Without shipping the whole Public Suffix List, a host's "site" is its last
// two labels, or three under the common two-label suffixes below (example.co.uk). IP addresses and
// single-label hosts (localhost) are their own site. `--first-party` covers the rest (a CDN).

const TWO_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
  'co.jp', 'ne.jp', 'or.jp', 'co.kr', 'co.in', 'net.in', 'org.in', 'co.za', 'org.za',
  'com.br', 'net.br', 'org.br', 'com.mx', 'com.ar', 'com.tr', 'com.cn', 'com.hk', 'com.sg',
  'com.tw', 'com.pl', 'com.es', 'com.pt', 'co.il', 'co.at', 'or.at', 'com.ua', 'co.id',
]);

/** The registrable part of a host name, as far as this file can tell. */
export function siteOf(host) {
  const name = String(host).toLowerCase().replace(/^\.+/, '').replace(/\.$/, '');
  if (/^[\d.]+$/.test(name) || name.includes(':') || !name.includes('.')) return name;
  const labels = name.split('.');
  const lastTwo = labels.slice(-2).join('.');
  return TWO_LABEL_SUFFIXES.has(lastTwo) && labels.length > 2 ? labels.slice(-3).join('.') : lastTwo;
}

/**
 * A predicate: is `host` first party for a scan of `startHost`?
 * @param {string} startHost
 * @param {string[]} [extra] hosts the site owner counts as their own (each with its subdomains)
 */
export function firstPartyTest(startHost, extra = []) {
  const sites = new Set([siteOf(startHost), ...extra.map(siteOf)]);
  return (host) => sites.has(siteOf(host));
}
