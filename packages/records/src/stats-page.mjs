// The stats page: consent rates drawn as SVG on the server. No script, no external file: the
// page works under the strictest Content-Security-Policy and in any browser.

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export const SERIES = [
  { key: 'accept-all', label: 'Accepted all' },
  { key: 'custom', label: 'Custom choice' },
  { key: 'reject-all', label: 'Rejected all' },
  { key: 'withdrawal', label: 'Withdrawn' },
];

// Colours for light and dark backgrounds; each pair keeps a 3:1 contrast with its background.
const STYLE = `
.s-accept-all{fill:#0b57d0}.s-custom{fill:#00897b}.s-reject-all{fill:#c2410c}.s-withdrawal{fill:#7b4bb7}
.s-signal{fill:#1f2328;stroke:#fff;stroke-width:1.5}.s-signal-line{fill:none;stroke:#1f2328;stroke-width:1.5;stroke-dasharray:4 3}
.axis{stroke:#d0d7de;stroke-width:1}.tick{fill:#59636e;font:13px system-ui,sans-serif}.label{fill:#1f2328;font:15px system-ui,sans-serif}
.track{fill:#eef1f4}
@media (max-width:540px){.tick{font-size:22px}.label{font-size:24px}.minor{display:none}}
@media (prefers-color-scheme:dark){
.s-accept-all{fill:#8ab4f8}.s-custom{fill:#4db6ac}.s-reject-all{fill:#fb923c}.s-withdrawal{fill:#c4a7f0}
.s-signal{fill:#eef1f4;stroke:#1f2329}.s-signal-line{stroke:#eef1f4}
.axis{stroke:#444c56}.tick{fill:#a9b1ba}.label{fill:#eef1f4}.track{fill:#2d333b}}`;

/** A round upper bound for the y axis, and its tick step. */
function niceScale(max) {
  if (max <= 4) return { top: 4, step: 1 };
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = (factor * magnitude) / 2;
    if (step * 4 >= max) return { top: step * 4, step };
  }
  return { top: max, step: max / 4 };
}

const shortDate = (day) => {
  const [, month, date] = day.split('-');
  return `${Number(date)} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(month) - 1]}`;
};

/** Decisions per day, stacked by method, with the decisions made under a signal as dots. */
export function renderDaysSvg(stats, { standalone = false } = {}) {
  const width = 640;
  const height = 270;
  const left = 48;
  const right = 12;
  const top = 14;
  const bottom = 40;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = Math.max(0, ...stats.days.map((d) => d.total));
  const { top: yTop, step } = niceScale(max);
  const slot = plotWidth / stats.days.length;
  const barWidth = Math.max(2, slot * 0.72);
  const y = (value) => top + plotHeight - (value / yTop) * plotHeight;
  const parts = [];
  for (let value = 0; value <= yTop + 1e-9; value += step) {
    parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}"/>`);
    parts.push(`<text class="tick" x="${left - 8}" y="${(y(value) + 5).toFixed(1)}" text-anchor="end">${Number.isInteger(value) ? value : value.toFixed(1)}</text>`);
  }
  const labelEvery = Math.ceil(stats.days.length / 6);
  const dots = [];
  stats.days.forEach((day, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    for (const { key, label } of SERIES) {
      const count = day[key];
      if (!count) continue;
      const y1 = y(base + count);
      const barHeight = y(base) - y1;
      parts.push(`<rect class="s-${key}" x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.max(0.5, barHeight).toFixed(1)}"><title>${escape(shortDate(day.day))}: ${count} ${escape(label.toLowerCase())}</title></rect>`);
      base += count;
    }
    if (day.signal) dots.push([x + barWidth / 2, y(day.signal), day]);
    // The last day is always labelled: it is "today".
    const fromEnd = stats.days.length - 1 - index;
    if (fromEnd % labelEvery === 0) {
      // The last label ends at the bar's right edge, so it never runs out of the picture. On a
      // phone (bigger text) every other label is left out.
      const last = index === stats.days.length - 1;
      parts.push(`<text class="tick${(fromEnd / labelEvery) % 2 ? ' minor' : ''}" x="${(last ? x + barWidth : x + barWidth / 2).toFixed(1)}" y="${height - 12}" text-anchor="${last ? 'end' : 'middle'}">${escape(shortDate(day.day))}</text>`);
    }
  });
  if (dots.length > 1) parts.push(`<polyline class="s-signal-line" points="${dots.map(([x, yy]) => `${x.toFixed(1)},${yy.toFixed(1)}`).join(' ')}"/>`);
  for (const [x, yy, day] of dots) parts.push(`<circle class="s-signal" cx="${x.toFixed(1)}" cy="${yy.toFixed(1)}" r="4.5"><title>${escape(shortDate(day.day))}: ${day.signal} refused by a browser signal</title></circle>`);
  if (!max) parts.push(`<text class="label" x="${left + plotWidth / 2}" y="${top + plotHeight / 2}" text-anchor="middle">No decisions in this period yet</text>`);
  const summary = `Decisions per day from ${stats.from} to ${stats.to}: ${stats.totals.total} in all`;
  return `<svg ${standalone ? 'xmlns="http://www.w3.org/2000/svg" ' : ''}viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(summary)}"><style>${STYLE}</style>${parts.join('')}</svg>`;
}

/**
 * Per category: the share of decisions that granted it. Each bar is an SVG; the names and
 * figures beside it are HTML text, so they keep their size on a phone and in a wide window.
 */
export function renderCategories(stats) {
  if (!stats.categories.length) return '<p class="muted">No decisions in this period yet.</p>';
  const rows = stats.categories.map((row) => {
    const percent = Math.round(row.rate * 100);
    const width = row.granted ? Math.max(1, row.rate * 100).toFixed(1) : 0;
    return `<li><span class="category">${escape(row.category)}</span><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${escape(`${row.category}: granted in ${percent}% of ${row.granted + row.refused} decisions`)}"><rect class="track" width="100" height="10" rx="1.5"/>${width ? `<rect class="s-accept-all" width="${width}" height="10" rx="1.5"/>` : ''}</svg><span class="figure"><b>${percent}%</b> of ${row.granted + row.refused}</span></li>`;
  });
  return `<ul class="categories">${rows.join('')}</ul>`;
}

/** The /stats.svg file: the per-day chart on its own. */
export const renderStatsSvg = (stats) => `<?xml version="1.0" encoding="UTF-8"?>\n` + renderDaysSvg(stats, { standalone: true });

const PAGE_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--mu:#59636e;--br:#d0d7de;--card:#f6f8fa;--a:#0b57d0}
@media (prefers-color-scheme:dark){:root{--bg:#1f2329;--fg:#eef1f4;--mu:#a9b1ba;--br:#444c56;--card:#262c33;--a:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:960px;margin:0 auto;padding:2rem 1.25rem 3rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:0 0 .75rem}
.muted{color:var(--mu)}
a{color:var(--a)}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:.75rem;margin:1.5rem 0 2rem;padding:0;list-style:none}
.cards li{background:var(--card);border:1px solid var(--br);border-radius:10px;padding:.75rem 1rem}
.cards b{display:block;font-size:1.6rem;line-height:1.2;font-variant-numeric:tabular-nums}
.cards span{color:var(--mu);font-size:.9rem}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:-.05em}
section{margin:0 0 2rem}
svg{display:block;width:100%;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 0;padding:0;list-style:none;font-size:.9rem;color:var(--mu)}
.k-accept-all{background:#0b57d0}.k-custom{background:#00897b}.k-reject-all{background:#c2410c}.k-withdrawal{background:#7b4bb7}
.k-signal{background:var(--fg);border-radius:50%}
@media (prefers-color-scheme:dark){.k-accept-all{background:#8ab4f8}.k-custom{background:#4db6ac}.k-reject-all{background:#fb923c}.k-withdrawal{background:#c4a7f0}}
details{border-top:1px solid var(--br);padding-top:1rem}
summary{cursor:pointer;font-weight:600}
.table{overflow-x:auto}
table{border-collapse:collapse;margin-top:.75rem;font-variant-numeric:tabular-nums;font-size:.9rem;min-width:100%}
th,td{padding:.3rem .6rem;text-align:right;border-bottom:1px solid var(--br)}th:first-child,td:first-child{text-align:left}
footer{border-top:1px solid var(--br);padding-top:1rem;font-size:.9rem}
.categories{margin:0;padding:0;list-style:none}
.categories li{display:grid;grid-template-columns:minmax(6rem,11rem) 1fr auto;align-items:center;gap:.4rem 1rem;padding:.35rem 0}
.categories .bar{height:1.5rem}
.figure{color:var(--mu);font-variant-numeric:tabular-nums;min-width:6.5rem;text-align:right}.figure b{color:var(--fg)}
@media (max-width:540px){main{padding:1.25rem 1rem 2rem}.cards{grid-template-columns:repeat(2,1fr)}.cards b{font-size:1.35rem}
.categories li{grid-template-columns:1fr auto}.categories .bar{grid-column:1/-1;grid-row:2}}
form{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
input{font:inherit;padding:.45rem .6rem;border:1px solid var(--mu);border-radius:6px;background:var(--bg);color:var(--fg);min-width:16rem;flex:1}
button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--a);background:var(--a);color:var(--bg);font-weight:600;cursor:pointer}
`;

const pageShell = (title, body) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;

const percent = (part, whole) => (whole ? `${Math.round((part / whole) * 100)}%` : '–');

/** The whole stats page. */
export function renderStatsPage(stats, { jsonHref = 'stats.json' } = {}) {
  const t = stats.totals;
  const decisions = t.total - t.withdrawal;
  const card = (value, label, key) => `<li><b>${value}</b><span>${key ? `<i class="swatch k-${key}"></i>` : ''}${escape(label)}</span></li>`;
  const cards = [
    card(t.total, 'records'),
    card(percent(t['accept-all'], decisions), `accepted all (${t['accept-all']})`, 'accept-all'),
    card(percent(t.custom, decisions), `custom choice (${t.custom})`, 'custom'),
    card(percent(t['reject-all'], decisions), `rejected all (${t['reject-all']})`, 'reject-all'),
    card(t.withdrawal, 'withdrawn', 'withdrawal'),
    card(percent(t.signal, decisions), `refused by a signal (${t.signal})`, 'signal'),
  ].join('');
  const legend = [...SERIES.map(({ key, label }) => `<li><i class="swatch k-${key}"></i>${escape(label)}</li>`), '<li><i class="swatch k-signal"></i>Refused by a signal (GPC or Do Not Track)</li>'].join('');
  const rows = stats.days
    .filter((d) => d.total)
    .reverse()
    .map((d) => `<tr><td>${escape(d.day)}</td><td>${d['accept-all']}</td><td>${d.custom}</td><td>${d['reject-all']}</td><td>${d.withdrawal}</td><td>${d.signal}</td><td>${d.total}</td></tr>`)
    .join('');
  return pageShell(
    'Consent records · stats',
    `<header>
<h1>Consent records</h1>
<p class="muted">${escape(shortDate(stats.from))} – ${escape(shortDate(stats.to))} ${escape(stats.to.slice(0, 4))} (UTC) · each decision counts once; percentages are of decisions, withdrawals aside</p>
</header>
<ul class="cards">${cards}</ul>
<section aria-labelledby="per-day">
<h2 id="per-day">Decisions per day</h2>
${renderDaysSvg(stats)}
<ul class="legend">${legend}</ul>
</section>
<section aria-labelledby="per-category">
<h2 id="per-category">Granted, per category</h2>
${renderCategories(stats)}
</section>
<details>
<summary>The numbers, per day</summary>
<div class="table">${rows ? `<table><thead><tr><th>Day</th><th>Accepted all</th><th>Custom</th><th>Rejected all</th><th>Withdrawn</th><th>Signal</th><th>All</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No decisions in this period yet.</p>'}</div>
</details>
<footer class="muted">The same figures as JSON: <a href="${escape(jsonHref)}">stats.json</a> (with the same token). Drawn on the server; this page runs no script.</footer>`,
  );
}

/** Asked for the stats without a token: a form to give it (no script, a plain GET). */
export function renderTokenPage({ action, failed, enabled }) {
  return pageShell(
    'Consent records · token needed',
    `<h1>Consent records</h1>
${
  enabled
    ? `<p>The stats are for the site's team: enter the read token (<code>CONSENTINEL_RECORDS_TOKEN</code>; the demo server prints it when it starts).</p>
${failed ? '<p role="alert"><b>That token is not right.</b></p>' : ''}
<form method="get" action="${escape(action)}"><label for="token" class="muted" style="flex-basis:100%">Read token</label><input id="token" name="token" type="password" autocomplete="off" required><button type="submit">Show the stats</button></form>`
    : '<p>Reading is off: start the service with <code>CONSENTINEL_RECORDS_TOKEN</code> set to a long random value.</p>'
}`,
  );
}
