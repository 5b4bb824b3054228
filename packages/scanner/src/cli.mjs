// consentinel-scan <url> [options]: the command line around scan(). Exit codes (README):
// 0 nothing --fail-on names was found, 1 it was, 2 bad usage or an invalid config,
// 3 the scan could not run (no Chromium, unreachable site), 130 interrupted (partial report written).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { scan } from './index.mjs';
import { readConfigFile, validateConfig } from './declarations.mjs';
import { ScanError } from './errors.mjs';
import { mergeSuggestions } from './write-config.mjs';
import { DEFAULT_CONCURRENCY } from './scan.mjs';
import { renderHtml } from './report-html.mjs';
import { renderSummary } from './report-text.mjs';
import { pagePath, pathOf } from './analyze.mjs';

export const EXIT = { ok: 0, findings: 1, usage: 2, cannotScan: 3, interrupted: 130 };
const FAIL_ON = ['violations', 'undeclared', 'unseen', 'none'];

export const USAGE = `usage: consentinel-scan <url> [options]

Crawls same-origin links from <url> in Chromium and visits each page three times (no choice,
after "Accept all", after "Reject all"). Reports violations, undeclared and unseen cookies.

  --config <file>         the Consentinel config to check against (default: the one the page loads)
  --pages <n>             visit at most n pages (default 20)
  --concurrency <n>       pages visited at the same time (default 3)
  --out <dir>             write report.html, report.json and screenshots there (default consentinel-report)
  --write-config <file>   add what is undeclared to this config file (never removes anything)
  --fail-on <list>        exit 1 when any of these is found: violations (default), undeclared, unseen, none
  --first-party <host>    count this host (and its site) as your own; repeatable (a CDN, an API host)
  --chromium <path>       Chromium or Chrome to use (default CHROMIUM_PATH, then /usr/bin/chromium)
  --chromium-arg <flag>   extra Chromium flag; repeatable (e.g. --chromium-arg=--host-resolver-rules=…)
  --no-screenshots        skip the banner screenshots
  --quiet                 no progress output
  -h, --help              this text

exit codes: 0 nothing --fail-on names, 1 found, 2 bad usage or invalid config,
            3 could not scan (no Chromium, site unreachable), 4 internal error,
            130 interrupted (partial report)`;

/** Parse argv into options; throws ScanError('usage') with what is wrong. */
export function parseArgs(argv) {
  const options = { pages: 20, concurrency: DEFAULT_CONCURRENCY, out: 'consentinel-report', failOn: ['violations'], firstParty: [], chromiumArgs: [], screenshots: true, quiet: false };
  const positional = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const key = equals > 0 ? arg.slice(0, equals) : arg;
    const value = () => {
      if (equals > 0) return arg.slice(equals + 1);
      const next = argv[++index];
      if (next === undefined) throw new ScanError('usage', `${key} needs a value (see --help)`);
      return next;
    };
    const count = (name) => {
      const text = value();
      const number = Number(text);
      if (!Number.isInteger(number) || number < 1) throw new ScanError('usage', `${name} needs a whole number of at least 1, not "${text}"`);
      return number;
    };
    switch (key) {
      case '--config': options.config = value(); break;
      case '--pages': options.pages = count('--pages'); break;
      case '--concurrency': options.concurrency = count('--concurrency'); break;
      case '--out': options.out = value(); break;
      case '--write-config': options.writeConfig = value(); break;
      case '--fail-on': {
        const list = value().split(',').map((word) => word.trim()).filter(Boolean);
        const wrong = list.filter((word) => !FAIL_ON.includes(word));
        if (wrong.length || !list.length) throw new ScanError('usage', `--fail-on takes a comma-separated list of ${FAIL_ON.join(', ')}; "${wrong.join(',')}" is not one`);
        options.failOn = list.includes('none') ? [] : list;
        break;
      }
      case '--first-party': options.firstParty.push(value()); break;
      case '--chromium': options.chromiumPath = value(); break;
      case '--chromium-arg': options.chromiumArgs.push(value()); break;
      case '--no-screenshots': options.screenshots = false; break;
      case '--quiet': options.quiet = true; break;
      case '-h': case '--help': options.help = true; break;
      default: throw new ScanError('usage', `unknown option ${key} (see --help)`);
    }
  }
  if (options.help) return options;
  if (positional.length !== 1) throw new ScanError('usage', positional.length ? `one URL, please; got ${positional.join(' ')}` : 'which site? give its URL, like: consentinel-scan https://www.example.com/');
  options.url = /^[a-z][a-z0-9+.-]*:/i.test(positional[0]) ? positional[0] : `https://${positional[0]}`;
  return options;
}

/**
 * Run the command. Returns the exit code instead of exiting, so the root `consentinel` bin and
 * the tests can call it.
 * @param {string[]} argv
 * @param {{ stdout?: NodeJS.WritableStream, stderr?: NodeJS.WritableStream, signal?: AbortSignal, cwd?: string }} [io]
 */
export async function run(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const cwd = io.cwd ?? process.cwd();
  let options;
  try {
    options = parseArgs(argv);
    if (options.help) {
      stdout.write(USAGE + '\n');
      return EXIT.ok;
    }
    const config = options.config ? await readConfigFile(resolve(cwd, options.config)) : null;
    // A --write-config file that exists must be valid before a scan of many minutes, not after.
    const target = options.writeConfig ? resolve(cwd, options.writeConfig) : null;
    if (target && existsSync(target) && target !== config?.source) await readConfigFile(target);
    const progress = options.quiet ? () => {} : progressReporter(stderr);
    const report = await scan({
      url: options.url,
      pages: options.pages,
      concurrency: options.concurrency,
      config,
      chromiumPath: options.chromiumPath,
      chromiumArgs: options.chromiumArgs,
      firstParty: options.firstParty,
      screenshots: options.screenshots,
      signal: io.signal,
      onProgress: progress,
    });
    progress({ type: 'end' });

    const outDir = resolve(cwd, options.out);
    await writeReport(outDir, report);
    const color = Boolean(stdout.isTTY) && !process.env.NO_COLOR;
    stdout.write(renderSummary(report, { color }) + '\n');
    stdout.write(`\nreport: ${join(outDir, 'report.html')} (and report.json)\n`);

    if (options.writeConfig) await writeConfig(resolve(cwd, options.writeConfig), config, report, stdout);
    if (report.interrupted) {
      stderr.write('interrupted: the report holds the pages visited so far\n');
      return EXIT.interrupted;
    }
    const failing = options.failOn.filter((what) => report[what].length > 0);
    if (failing.length) {
      stdout.write(`failing (--fail-on ${options.failOn.join(',')}): ${failing.map((what) => `${report[what].length} ${what}`).join(', ')}\n`);
      return EXIT.findings;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ScanError) {
      stderr.write(`consentinel-scan: ${error.message}\n`);
      return error.kind === 'usage' || error.kind === 'config' ? EXIT.usage : EXIT.cannotScan;
    }
    throw error;
  }
}

async function writeReport(outDir, report) {
  await mkdir(join(outDir, 'screenshots'), { recursive: true });
  await writeFile(join(outDir, 'report.html'), renderHtml(report));
  // The JSON points at screenshot files instead of carrying them, so it stays small enough to diff.
  const pages = [];
  for (const [index, page] of report.pages.entries()) {
    let screenshot = null;
    if (page.screenshot) {
      const slug = pagePath(page).replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'index';
      screenshot = `screenshots/${String(index + 1).padStart(2, '0')}-${slug.slice(0, 60)}.jpg`;
      await writeFile(join(outDir, screenshot), Buffer.from(page.screenshot, 'base64'));
    }
    pages.push({ ...page, screenshot });
  }
  const declarations = report.declarations && { ...report.declarations, cookies: report.declarations.cookies.map(({ test, ...rest }) => rest), storage: report.declarations.storage.map(({ test, ...rest }) => rest) };
  await writeFile(join(outDir, 'report.json'), JSON.stringify({ ...report, declarations, pages }, null, 2) + '\n');
}

async function writeConfig(file, given, report, stdout) {
  // The base is the file itself when it exists, else the config the scan used.
  let base = null;
  if (existsSync(file)) base = (given?.source === file ? given : await readConfigFile(file)).raw;
  else base = given?.raw ?? report.config?.raw ?? null;
  const { config, added, skipped } = mergeSuggestions(base, report.undeclared);
  await validateConfig(config, `the merged config for ${file}`);
  await writeFile(file, JSON.stringify(config, null, 2) + '\n');
  stdout.write(`\n${file}: added ${added.length} declaration${added.length === 1 ? '' : 's'} marked "[scanner guess]"${added.length ? ':' : ''}\n`);
  for (const item of added) stdout.write(`  + ${item.type} ${item.name} → ${item.category}\n`);
  for (const item of skipped) stdout.write(`  - ${item.type} ${item.name} not written: ${item.why}\n`);
}

/** A progress bar on a terminal, plain lines otherwise (CI logs). */
function progressReporter(stream) {
  const tty = Boolean(stream.isTTY);
  let lastWidth = 0;
  return (event) => {
    if (event.type === 'end') {
      if (tty && lastWidth) stream.write('\r' + ' '.repeat(lastWidth) + '\r');
      return;
    }
    if (event.type === 'error') {
      if (tty) stream.write('\r' + ' '.repeat(lastWidth) + '\r');
      stream.write(`could not scan ${event.url}: ${event.message}\n`);
      return;
    }
    if (event.type !== 'page') return;
    const total = Math.min(event.limit, event.done + event.queued);
    if (!tty) {
      stream.write(`scanned ${event.done}/${total} ${pathOf(event.url)}\n`);
      return;
    }
    const width = 24;
    const filled = Math.round((event.done / Math.max(total, 1)) * width);
    const columns = stream.columns > 20 ? stream.columns : 80; // 0 or unknown under some pseudo-terminals
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${event.done}/${total} pages  ${pathOf(event.url)}`.slice(0, columns - 1);
    stream.write('\r' + line.padEnd(lastWidth));
    lastWidth = line.length;
  };
}

/**
 * The command as a process: runs `argv` and exits with its code. The first Ctrl+C stops the
 * scan and writes what was found; a second one leaves at once. A crash exits 4: a bug, not a
 * finding (1 stays for findings). Both `consentinel-scan` and `consentinel scan` end here.
 * @param {string[]} argv
 */
export async function main(argv) {
  const controller = new AbortController();
  let interrupts = 0;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (++interrupts > 1) process.exit(EXIT.interrupted);
      process.stderr.write('\nstopping: writing the report of the pages visited so far (Ctrl+C again to quit now)\n');
      controller.abort();
    });
  }
  try {
    process.exit(await run(argv, { signal: controller.signal }));
  } catch (error) {
    console.error(error);
    process.exit(4);
  }
}
