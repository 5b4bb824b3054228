// The terminal summary: counts first, then each finding on one line, so a CI log says what to fix.
import { VISIT_LABELS, WHEN_LABELS } from './analyze.mjs';

const LIST_LIMIT = 40;

/** @param {any} report from scan() @param {{ color?: boolean }} [options] */
export function renderSummary(report, { color = false } = {}) {
  const paint = (code) => (text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const red = paint('31'), yellow = paint('33'), green = paint('32'), bold = paint('1'), dim = paint('2');
  const lines = [];
  const { summary } = report;
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(bold(`Consentinel scan of ${report.startUrl}`) + dim(`  ${summary.pages} page${summary.pages === 1 ? '' : 's'} in ${seconds} s${report.interrupted ? ', interrupted' : ''}`));
  lines.push(`config: ${report.config?.source ?? 'none (no --config, and the start page points at none)'}`);
  if (report.config?.error) lines.push(red(`  ${report.config.error}`));
  const without = summary.pages - summary.withConsentinel;
  if (without) {
    const tools = [...new Set(report.pages.filter((page) => !page.consentinel.api).map((page) => page.otherTool ?? (page.consentinel.present ? 'Consentinel without a reachable API' : 'no consent tool')))];
    lines.push(yellow(`${without} page${without === 1 ? '' : 's'} visited without choices (${tools.join(', ')}): no-choice visit and inventory only`));
  }
  lines.push(`found: ${summary.cookies} cookie${summary.cookies === 1 ? '' : 's'}, ${summary.storage} storage key${summary.storage === 1 ? '' : 's'}, ${summary.thirdParties} third-party host${summary.thirdParties === 1 ? '' : 's'}`);
  lines.push('');

  const heading = (count, text, paintWith) => lines.push((count ? paintWith : green)(bold(`${count} ${text}`)));
  heading(report.violations.length, report.violations.length === 1 ? 'violation' : 'violations', red);
  for (const item of report.violations.slice(0, LIST_LIMIT)) {
    const what = item.type === 'cookie' ? `cookie ${item.name}` : item.type === 'storage' ? `${item.area}Storage ${item.name}` : `request to ${item.name}`;
    const category = item.type === 'request' ? 'third party' : item.category ? `${item.category}${item.declared ? '' : ', undeclared'}` : 'unknown, undeclared';
    lines.push(`  ${red('✖')} ${what} (${category}) ${WHEN_LABELS[item.when]} on ${pageList(item.pages)}`);
  }
  more(report.violations.length);

  heading(report.undeclared.length, 'undeclared', yellow);
  for (const item of report.undeclared.slice(0, LIST_LIMIT)) {
    const s = item.suggestion;
    const what = item.type === 'cookie' ? `cookie ${item.name}` : `${item.area}Storage ${item.name}`;
    const guess = s.category ? `suggest ${s.category}${s.provider ? `, ${s.provider}` : ''}${s.duration ? `, ${s.duration}` : ''}` : 'unknown: not in the Open Cookie Database';
    lines.push(`  ${yellow('?')} ${what}: ${guess} ${dim(`(${item.visits.map((v) => VISIT_LABELS[v]).join(', ')})`)}`);
  }
  more(report.undeclared.length);

  if (report.declarations) {
    heading(report.unseen.length, 'declared but never seen', dim);
    for (const item of report.unseen.slice(0, LIST_LIMIT)) {
      lines.push(`  ${dim('·')} ${item.type === 'cookie' ? 'cookie' : 'storage'} ${item.name ?? item.pattern}${item.name && item.pattern ? ` / ${item.pattern}` : ''} (${item.category})`);
    }
    more(report.unseen.length);
  }
  if (report.guesses) lines.push(yellow(`${report.guesses} declaration${report.guesses === 1 ? ' is' : 's are'} still marked "[scanner guess]": check them and remove the mark`));
  if (report.errors.length) {
    lines.push(yellow(bold(`${report.errors.length} link${report.errors.length === 1 ? '' : 's'} not scanned`)));
    for (const error of report.errors) lines.push(`  ${yellow('!')} ${error.url}: ${error.message}`);
  }
  return lines.join('\n');

  function more(count) {
    if (count > LIST_LIMIT) lines.push(dim(`  … and ${count - LIST_LIMIT} more (see the report)`));
  }
}

function pageList(pages) {
  return pages.length > 3 ? `${pages.slice(0, 3).join(', ')} and ${pages.length - 3} more` : pages.join(', ');
}
