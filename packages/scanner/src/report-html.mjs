// The HTML report: one self-contained file (inline CSS, screenshots as data: URLs, no script, no
// external asset), readable in light and dark and on a phone. Every value from the site is escaped.
import { VISITS, VISIT_LABELS, WHEN_LABELS, pagePath } from './analyze.mjs';

const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);
const html = (strings, ...values) => strings.reduce((out, string, index) => out + string + (index < values.length ? values[index] : ''), '');
const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const CSS = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #ffffff; --text: #1b1f24; --muted: #57606a; --line: #d8dee4;
  --bad: #b3261e; --bad-bg: #fdecea; --warn: #8a5300; --warn-bg: #fff4df; --ok: #1a7f37; --ok-bg: #e6f6ea; --chip: #eef1f4; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f1216; --card: #181c22; --text: #e6e9ed; --muted: #9aa4af; --line: #2d333b;
    --bad: #ff8a80; --bad-bg: #3a1715; --warn: #ffc46b; --warn-bg: #33260f; --ok: #6fdd8b; --ok-bg: #12301c; --chip: #262c34; --accent: #79b8ff; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 36px 0 8px; }
h3 { font-size: 1rem; margin: 0 0 8px; overflow-wrap: anywhere; }
p { margin: 0 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0 0 4px; overflow-wrap: anywhere; }
.notice { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
.notice.bad { border-color: var(--bad); background: var(--bad-bg); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 20px 0 8px; padding: 0; list-style: none; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .n { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.1; }
.card .l { color: var(--muted); font-size: 0.9rem; }
.card.bad { border-color: var(--bad); background: var(--bad-bg); } .card.bad .n { color: var(--bad); }
.card.warn { border-color: var(--warn); background: var(--warn-bg); } .card.warn .n { color: var(--warn); }
.card.ok .n { color: var(--ok); }
details.explain { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; margin: 12px 0; }
details.explain summary { cursor: pointer; font-weight: 600; }
details.explain dl { margin: 8px 0 0; } details.explain dt { font-weight: 600; margin-top: 8px; } details.explain dd { margin: 0; color: var(--muted); }
.table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.table th, .table td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
.table th { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); background: var(--chip); }
.table tr:last-child td { border-bottom: 0; }
.table td { overflow-wrap: anywhere; }
.empty { color: var(--muted); background: var(--card); border: 1px dashed var(--line); border-radius: 10px; padding: 12px 14px; }
.chip { display: inline-block; padding: 0 8px; border-radius: 999px; background: var(--chip); font-size: 0.8rem; white-space: nowrap; margin: 1px 4px 1px 0; }
.chip.bad { background: var(--bad-bg); color: var(--bad); font-weight: 600; }
.chip.warn { background: var(--warn-bg); color: var(--warn); }
.chip.ok { background: var(--ok-bg); color: var(--ok); }
.small { font-size: 0.85rem; color: var(--muted); }
.pages { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; }
.table td:first-child { min-width: 9rem; }
.page { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px; min-width: 0; }
.page figure { margin: 8px 0; }
.page img { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
.page figcaption { font-size: 0.8rem; color: var(--muted); margin-top: 4px; }
.page ul { margin: 4px 0 0; padding-left: 18px; }
.gated li { margin-bottom: 2px; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 640px) {
  main { padding: 16px 12px 40px; }
  h1 { font-size: 1.3rem; }
  .card .n { font-size: 1.5rem; }
  .cards { grid-template-columns: repeat(2, 1fr); }
  .pages { grid-template-columns: minmax(0, 1fr); }
  .table, .table tbody, .table tr, .table td { display: block; width: 100%; }
  .table thead { display: none; }
  .table { border: 0; background: none; }
  .table tr { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin-bottom: 10px; padding: 6px 0; }
  .table td { border: 0; padding: 3px 12px 3px 8.2rem; position: relative; min-height: 1.9em; }
  .table td::before { content: attr(data-label); position: absolute; left: 12px; top: 6px; width: 7rem; font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
  .table td:first-child { padding-left: 12px; font-weight: 600; min-width: 0; }
  .table td:first-child::before { content: none; }
}
`;

/** @param {any} report from scan() */
export function renderHtml(report) {
  const host = new URL(report.startUrl).host;
  const { summary } = report;
  const when = new Date(report.startedAt);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Cookie scan of ${escapeHtml(host)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>Cookie scan of ${escapeHtml(host)}</h1>
<p class="meta">${escapeHtml(report.startUrl)} · ${escapeHtml(when.toISOString().replace('T', ' ').slice(0, 16))} UTC · ${plural(summary.pages, 'page')} in ${(report.durationMs / 1000).toFixed(1)} s${report.interrupted ? ' · <strong>interrupted: partial results</strong>' : ''}</p>
<p class="meta">Config: ${report.config ? escapeHtml(report.config.source) : 'none (no --config, and the start page points at none)'}</p>
</header>
${report.config?.error ? `<p class="notice bad">${escapeHtml(report.config.error)}</p>` : ''}
${report.interrupted ? `<p class="notice">The scan was stopped before it finished: this report covers the pages visited until then.</p>` : ''}
${report.guesses ? `<p class="notice">${plural(report.guesses, 'declaration')} in the config still ${report.guesses === 1 ? 'starts' : 'start'} with “[scanner guess]”: check ${report.guesses === 1 ? 'it' : 'them'} and remove the mark.</p>` : ''}
${otherToolNotice(report)}
<ul class="cards">
${card(summary.violations, 'violations', summary.violations ? 'bad' : 'ok')}
${card(summary.undeclared, 'undeclared', summary.undeclared ? 'warn' : 'ok')}
${report.declarations ? card(summary.unseen, 'declared, never seen', '') : ''}
${card(summary.cookies, 'cookies', '')}
${card(summary.storage, 'storage keys', '')}
${card(summary.thirdParties, 'third-party hosts', '')}
</ul>
${explanation()}
<h2 id="violations">Violations</h2>
<p class="small">Something not necessary stored, or a third party contacted, before the visitor chose or after “Reject all”.</p>
${violationsTable(report.violations)}
<h2 id="undeclared">Undeclared</h2>
<p class="small">Found on the site, missing from the config. Suggestions come from the Open Cookie Database; the duration is what the browser was told.</p>
${undeclaredTable(report.undeclared)}
${report.declarations ? html`<h2 id="unseen">Declared but never seen</h2>
<p class="small">In the config, not found on the scanned pages. They may be set elsewhere (after signing in, on pages not scanned), or be left over.</p>
${unseenTable(report.unseen)}` : ''}
<h2 id="cookies">Cookies</h2>
${cookiesTable(report.inventory.cookies)}
<h2 id="storage">localStorage and sessionStorage</h2>
${storageTable(report.inventory.storage)}
<h2 id="third-parties">Third-party hosts</h2>
${thirdPartyTable(report.inventory.thirdParties)}
<h2 id="pages">Pages</h2>
<div class="pages">
${report.pages.map((page) => pageCard(page, report)).join('\n')}
</div>
${report.errors.length ? html`<h2 id="errors">Links not scanned</h2>
<ul>${report.errors.map((error) => `<li><code>${escapeHtml(error.url)}</code>: ${escapeHtml(error.message)}</li>`).join('')}</ul>` : ''}
<footer>
<p>Made by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}. Each page was visited in fresh Chromium contexts: once without a choice, once after “Accept all” and once after “Reject all” (then reloaded, so the stored choice is what the page acts on).</p>
<p>Cookie descriptions: <a href="https://github.com/jkwakman/Open-Cookie-Database">Open Cookie Database</a> (${report.ocd.entries} entries), Apache License 2.0.</p>
</footer>
</main>
</body>
</html>
`;
}

function card(count, label, tone) {
  return `<li class="card ${tone}"><span class="n">${count}</span><span class="l">${escapeHtml(label)}</span></li>`;
}

function otherToolNotice(report) {
  const pages = report.pages.filter((page) => !page.consentinel.api);
  if (!pages.length) return '';
  const tools = [...new Set(pages.map((page) => page.otherTool ?? (page.consentinel.present ? 'Consentinel without a reachable API' : 'no consent tool')))];
  return `<p class="notice">${plural(pages.length, 'page')} visited without choices (${escapeHtml(tools.join(', '))}): only the no-choice visit and the inventory.</p>`;
}

function explanation() {
  return `<details class="explain"><summary>How to read this report</summary><dl>
<dt>Violation</dt><dd>A cookie or storage key of a category that is not required, or a request to another site, seen before the visitor made a choice or after “Reject all”. In opt-in mode (the GDPR's rule) each one is something to fix: gate the tag that causes it with <code>data-consent</code>, or declare the item in a required category if it really is strictly necessary.</dd>
<dt>Undeclared</dt><dd>Found but not in the config. Declared cookies appear in the banner's cookie table and are deleted when consent is withdrawn. <code>--write-config</code> adds the suggestions, marked “[scanner guess]”.</dd>
<dt>Declared but never seen</dt><dd>In the config, not found during the scan. Not an error by itself; remove what the site no longer uses.</dd>
<dt>Visits</dt><dd><span class="chip">no choice</span> first visit, nothing decided; <span class="chip">after Accept all</span> and <span class="chip">after Reject all</span>: the choice was made through Consentinel's API, then the page was loaded again.</dd>
</dl></details>`;
}

function visitChips(visits, badVisits = []) {
  return VISITS.filter((visit) => visits[visit]).map((visit) => `<span class="chip${badVisits.includes(visit) ? ' bad' : ''}">${VISIT_LABELS[visit]}</span>`).join('');
}

function pages(list) {
  const shown = list.slice(0, 6).map((path) => `<code>${escapeHtml(path)}</code>`).join(', ');
  return list.length > 6 ? `${shown} and ${list.length - 6} more` : shown;
}

function table(headers, rows, emptyText) {
  if (!rows.length) return `<p class="empty">${escapeHtml(emptyText)}</p>`;
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell, index) => `<td data-label="${escapeHtml(headers[index])}">${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table class="table"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function categoryChip(category, declared) {
  if (!category) return '<span class="chip warn">unknown</span>';
  return `<span class="chip">${escapeHtml(category)}</span>${declared === false ? '<span class="chip warn">undeclared</span>' : ''}`;
}

function violationsTable(violations) {
  return table(['What', 'Category', 'When', 'Pages'], violations.map((item) => [
    item.type === 'cookie' ? `cookie <code>${escapeHtml(item.name)}</code> <span class="small">${escapeHtml(item.domain)}</span>`
      : item.type === 'storage' ? `${item.area}Storage <code>${escapeHtml(item.name)}</code>`
      : `request to <code>${escapeHtml(item.name)}</code><br><span class="small mono">${escapeHtml(item.examples[0])}</span>`,
    item.type === 'request' ? '<span class="chip">third party</span>' : categoryChip(item.category, item.declared),
    `<span class="chip bad">${WHEN_LABELS[item.when]}</span>`,
    pages(item.pages),
  ]), 'None: nothing that is not necessary was stored, and no third party was contacted, before a choice or after “Reject all”.');
}

function undeclaredTable(undeclared) {
  return table(['Name', 'Suggested category', 'Provider', 'Purpose', 'Duration', 'Seen'], undeclared.map((item) => {
    const s = item.suggestion;
    return [
      `<code>${escapeHtml(item.name)}</code><br><span class="small">${item.type === 'cookie' ? `cookie, ${escapeHtml(item.domain)}` : `${item.area}Storage`}</span>`,
      s.category ? `<span class="chip">${escapeHtml(s.category)}</span>${s.pattern ? `<br><span class="small">as <code>${escapeHtml(s.pattern)}</code></span>` : ''}` : '<span class="chip warn">unknown</span>',
      escapeHtml(s.provider ?? '—'),
      escapeHtml(s.purpose ?? (s.source === 'unknown' ? 'Not in the Open Cookie Database: find out what sets it.' : '—')) + (s.note ? `<br><span class="small">${escapeHtml(s.note)}</span>` : ''),
      escapeHtml(s.duration ?? '—'),
      visitChips(Object.fromEntries(item.visits.map((visit) => [visit, true]))),
    ];
  }), 'None: everything found is declared in the config.');
}

function unseenTable(unseen) {
  return table(['Declared', 'Category', 'Provider'], unseen.map((item) => [
    `${item.type === 'cookie' ? 'cookie' : 'storage'} <code>${escapeHtml(item.name ?? item.pattern)}</code>${item.name && item.pattern ? ` / <code>${escapeHtml(item.pattern)}</code>` : ''}`,
    `<span class="chip">${escapeHtml(item.category)}</span>`,
    escapeHtml(item.provider ?? '—'),
  ]), 'None: every declaration matched something on the site.');
}

function cookiesTable(cookies) {
  return table(['Name', 'Domain', 'Category', 'Duration', 'Seen', 'Pages'], cookies.map((cookie) => [
    `<code>${escapeHtml(cookie.name)}</code>${cookie.httpOnly ? ' <span class="small">HttpOnly</span>' : ''}`,
    `${escapeHtml(cookie.domain)}${cookie.path !== '/' ? `<span class="small"> ${escapeHtml(cookie.path)}</span>` : ''}<br><span class="small">${cookie.party} party</span>`,
    categoryChip(cookie.category, Boolean(cookie.declared)) + (cookie.necessary ? '' : ''),
    escapeHtml(cookie.duration),
    visitChips(cookie.visits, cookie.necessary ? [] : ['none', 'reject']),
    String(new Set(Object.values(cookie.visits).flat()).size),
  ]), 'No cookies.');
}

function storageTable(items) {
  return table(['Key', 'Area', 'Category', 'Seen'], items.map((item) => [
    `<code>${escapeHtml(item.name)}</code>`,
    `${item.area}Storage`,
    categoryChip(item.category, Boolean(item.declared)),
    visitChips(item.visits, item.necessary ? [] : ['none', 'reject']),
  ]), 'No storage keys.');
}

function thirdPartyTable(hosts) {
  return table(['Host', 'What', 'Seen', 'Example'], hosts.map((host) => [
    `<code>${escapeHtml(host.host)}</code>`,
    escapeHtml(host.types.join(', ')),
    visitChips(host.visits, ['none', 'reject']),
    `<span class="mono small">${escapeHtml(host.examples[0])}</span>`,
  ]), 'No requests to other sites.');
}

function pageCard(page, report) {
  const path = pagePath(page);
  const found = report.violations.filter((item) => item.pages.includes(path));
  const verdict = found.length
    ? `<p><span class="chip bad">${plural(found.length, 'violation')}</span> ${found.map((item) => `<code>${escapeHtml(item.name)}</code>`).filter((name, index, all) => all.indexOf(name) === index).join(', ')}</p>`
    : '<p><span class="chip ok">no violation</span></p>';
  const tool = page.consentinel.api ? 'Consentinel' : page.otherTool ?? (page.consentinel.present ? 'Consentinel (no API reachable)' : 'no consent tool');
  const gated = gatedList(report.gated.find((entry) => entry.page === path)?.elements ?? []);
  return html`<section class="page">
<h3><code>${escapeHtml(path)}</code></h3>
<p class="small">${escapeHtml(page.title || '(no title)')} · HTTP ${page.status} · ${escapeHtml(tool)}</p>
${verdict}
${page.screenshot ? `<figure><img src="data:image/jpeg;base64,${page.screenshot}" alt="The page ${escapeHtml(path)} on a first visit, before any choice" width="1280" height="800"><figcaption>First visit, no choice yet.</figcaption></figure>` : ''}
${gated}
${page.notes.length ? `<ul class="small">${page.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function gatedList(elements) {
  if (!elements.length) return '';
  const items = elements.map((element) => {
    const ran = VISITS.filter((visit) => element.ran[visit]);
    return `<li><code>${escapeHtml(element.tag)}</code> <span class="chip">${escapeHtml(element.categories)}</span> <span class="mono small">${escapeHtml(element.label)}</span><br><span class="small">ran: ${ran.length ? ran.map((visit) => VISIT_LABELS[visit]).join(', ') : 'never'}</span></li>`;
  });
  return `<p class="small"><strong>Gated elements</strong></p><ul class="gated">${items.join('')}</ul>`;
}
