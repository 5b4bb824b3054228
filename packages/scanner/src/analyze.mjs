// From observations to findings: the inventory (every cookie, storage key and third-party host
// with the visits that had it), the violations, what is undeclared (with a suggestion) and what
// is declared but never seen.
import { firstPartyTest } from './party.mjs';

export const VISITS = ['none', 'accept', 'reject'];
export const VISIT_LABELS = { none: 'no choice', accept: 'after Accept all', reject: 'after Reject all' };
export const WHEN_LABELS = { 'before-choice': 'before a choice', 'after-reject': 'after Reject all' };

/** Open Cookie Database categories that mean "needed for the site to work". */
const NECESSARY_OCD = new Set(['Functional', 'Security', 'Necessary']);

/** Where an Open Cookie Database category goes among the site's categories (first id that exists). */
const OCD_TO_CATEGORY = {
  Analytics: ['analytics', 'statistics', 'performance', 'measurement'],
  Marketing: ['advertising', 'marketing', 'ads', 'targeting'],
  Personalization: ['preferences', 'personalization', 'functional'],
};

/**
 * @param {any} crawlResult from crawl()
 * @param {{ ocd: ReturnType<import('./ocd.mjs').loadOcd>, firstParty?: string[] }} options
 */
export function analyze(crawlResult, { ocd, firstParty = [] }) {
  const isFirstParty = firstPartyTest(new URL(crawlResult.startUrl).hostname, firstParty);
  const declarations = crawlResult.declarations;
  const requiredIds = new Set(declarations ? declarations.categories.filter((c) => c.required).map((c) => c.id) : ['necessary']);
  const categoryIds = declarations ? declarations.categories.map((c) => c.id) : ['necessary', 'analytics', 'affiliate', 'advertising'];
  const necessaryId = declarations?.required ?? 'necessary';

  const cookies = new Map();
  const storage = new Map();
  const hosts = new Map();
  for (const page of crawlResult.pages) {
    const path = pagePath(page);
    for (const visit of VISITS) {
      const snapshot = page.visits[visit];
      if (!snapshot) continue;
      for (const cookie of snapshot.cookies) {
        const key = `${cookie.name}|${cookie.domain}|${cookie.path}`;
        const entry = cookies.get(key) ?? { ...cookie, party: isFirstParty(cookie.domain) ? 'first' : 'third', visits: {} };
        (entry.visits[visit] ??= new Set()).add(path);
        // The longest lifetime seen is the one to declare (a session cookie in one visit may be
        // a persistent one in another).
        entry.expires = Math.max(entry.expires, cookie.expires);
        cookies.set(key, entry);
      }
      for (const item of snapshot.storage) {
        const key = `${item.area}|${item.key}`;
        const entry = storage.get(key) ?? { name: item.key, area: item.area, visits: {} };
        (entry.visits[visit] ??= new Set()).add(path);
        storage.set(key, entry);
      }
      for (const request of snapshot.requests) {
        if (isFirstParty(request.host)) continue;
        const entry = hosts.get(request.host) ?? { host: request.host, examples: [], types: new Set(), visits: {} };
        (entry.visits[visit] ??= new Set()).add(path);
        entry.types.add(request.type);
        if (entry.examples.length < 3 && !entry.examples.includes(request.url)) entry.examples.push(request.url);
        hosts.set(request.host, entry);
      }
    }
  }

  const now = Date.parse(crawlResult.finishedAt ?? crawlResult.startedAt) / 1000;
  const classify = (name, type) => {
    const declared = declarations ? (type === 'cookie' ? declarations.cookies : declarations.storage).find((d) => d.test(name)) ?? null : null;
    const implicit = type === 'cookie' && declarations ? declarations.implicit.find((d) => d.name === name) ?? null : null;
    const known = ocd.lookup(name);
    let category = null;
    let source = 'unknown';
    if (declared) (category = declared.category), (source = 'declared');
    else if (implicit) (category = implicit.category), (source = 'consentinel');
    else if (known) (category = ocdCategory(known.category, categoryIds, necessaryId)), (source = 'open-cookie-database');
    const necessary = category != null && (requiredIds.has(category) || (source === 'open-cookie-database' && NECESSARY_OCD.has(known.category) && category === necessaryId));
    return { declared, implicit, known, category, source, necessary };
  };

  const inventoryCookies = [...cookies.values()].map((entry) => {
    const facts = classify(entry.name, 'cookie');
    return {
      name: entry.name,
      domain: entry.domain,
      path: entry.path,
      expires: entry.expires,
      duration: durationText(entry.expires, now),
      party: entry.party,
      httpOnly: entry.httpOnly,
      secure: entry.secure,
      sameSite: entry.sameSite,
      visits: setsToLists(entry.visits),
      category: facts.category,
      necessary: facts.necessary,
      declared: facts.declared ? describeDeclaration(facts.declared) : null,
      classifiedBy: facts.source,
      ocd: facts.known,
      implicit: facts.implicit,
    };
  }).sort(byName);

  const inventoryStorage = [...storage.values()].map((entry) => {
    const facts = classify(entry.name, 'storage');
    return {
      name: entry.name,
      area: entry.area,
      visits: setsToLists(entry.visits),
      category: facts.category,
      necessary: facts.necessary,
      declared: facts.declared ? { category: facts.declared.category, pattern: facts.declared.pattern } : null,
      classifiedBy: facts.source,
      ocd: facts.known,
    };
  }).sort(byName);

  const thirdParties = [...hosts.values()].map((entry) => ({
    host: entry.host,
    types: [...entry.types].sort(),
    examples: entry.examples,
    visits: setsToLists(entry.visits),
  })).sort((a, b) => a.host.localeCompare(b.host));

  const violations = [];
  const addViolations = (type, item, name, extra) => {
    for (const [visit, when] of [['none', 'before-choice'], ['reject', 'after-reject']]) {
      if (item.visits[visit]) violations.push({ type, name, when, pages: item.visits[visit], ...extra });
    }
  };
  for (const cookie of inventoryCookies) {
    if (!cookie.necessary) addViolations('cookie', cookie, cookie.name, { domain: cookie.domain, category: cookie.category, declared: Boolean(cookie.declared) });
  }
  for (const item of inventoryStorage) {
    if (!item.necessary) addViolations('storage', item, item.name, { area: item.area, category: item.category, declared: Boolean(item.declared) });
  }
  for (const host of thirdParties) addViolations('request', host, host.host, { examples: host.examples });
  const order = { 'before-choice': 0, 'after-reject': 1, cookie: 0, storage: 1, request: 2 };
  violations.sort((a, b) => order[a.when] - order[b.when] || order[a.type] - order[b.type] || a.name.localeCompare(b.name));

  const undeclared = [];
  for (const cookie of inventoryCookies) {
    if (cookie.declared) continue;
    undeclared.push({ type: 'cookie', name: cookie.name, domain: cookie.domain, party: cookie.party, pages: allPages(cookie.visits), visits: Object.keys(cookie.visits), suggestion: suggestion(cookie, 'cookie') });
  }
  for (const item of inventoryStorage) {
    if (item.declared) continue;
    undeclared.push({ type: 'storage', name: item.name, area: item.area, pages: allPages(item.visits), visits: Object.keys(item.visits), suggestion: suggestion(item, 'storage') });
  }

  const unseen = [];
  if (declarations) {
    for (const declaration of declarations.cookies) {
      if (!inventoryCookies.some((cookie) => declaration.test(cookie.name))) unseen.push({ type: 'cookie', category: declaration.category, ...describeDeclaration(declaration) });
    }
    for (const declaration of declarations.storage) {
      if (!inventoryStorage.some((item) => declaration.test(item.name))) unseen.push({ type: 'storage', category: declaration.category, pattern: declaration.pattern });
    }
  }

  const gated = crawlResult.pages.map((page) => ({ page: pagePath(page), elements: gatedOf(page) })).filter((entry) => entry.elements.length);

  return {
    inventory: { cookies: inventoryCookies, storage: inventoryStorage, thirdParties },
    violations,
    undeclared,
    unseen,
    gated,
    guesses: declarations?.guesses ?? 0,
    summary: {
      pages: crawlResult.pages.length,
      withConsentinel: crawlResult.pages.filter((page) => page.consentinel.api).length,
      cookies: inventoryCookies.length,
      storage: inventoryStorage.length,
      thirdParties: thirdParties.length,
      violations: violations.length,
      undeclared: undeclared.length,
      unseen: unseen.length,
      errors: crawlResult.errors.length,
    },
  };

  function suggestion(item, type) {
    const note = noteOn(item);
    return note ? { ...suggestionOf(item, type), note } : suggestionOf(item, type);
  }

  /** What the visits say that the database cannot: a name seen only after a yes is set by a gated tag. */
  function noteOn(item) {
    const visits = Object.keys(item.visits);
    if (visits.length !== 1 || visits[0] !== 'accept') return null;
    if (item.category === necessaryId && !item.implicit) {
      return `The Open Cookie Database calls it ${item.ocd?.category ?? 'functional'}, but here only a tag that needs consent sets it: declare it in that tag's category.`;
    }
    return 'Set only after "Accept all": a gated tag sets it.';
  }

  function suggestionOf(item, type) {
    const known = item.ocd;
    if (item.implicit) return { category: item.implicit.category, provider: item.implicit.provider, purpose: item.implicit.purpose, duration: item.implicit.duration, source: 'consentinel', pattern: null };
    const duration = type === 'cookie' ? item.duration : item.area === 'local' ? 'Persistent (localStorage)' : 'Session (sessionStorage)';
    if (!known) return { category: null, provider: null, purpose: null, duration, source: 'unknown', pattern: null };
    return {
      category: item.category,
      provider: known.platform || known.controller || null,
      purpose: known.description || null,
      duration,
      retention: known.retention || null,
      source: 'open-cookie-database',
      ocdCategory: known.category,
      pattern: known.wildcard ? `^${escapeRegex(known.name)}` : null,
    };
  }
}

function ocdCategory(ocd, categoryIds, necessaryId) {
  if (NECESSARY_OCD.has(ocd)) return necessaryId;
  const candidates = OCD_TO_CATEGORY[ocd] ?? [];
  return candidates.find((id) => categoryIds.includes(id)) ?? candidates[0] ?? null;
}

function gatedOf(page) {
  const elements = new Map();
  for (const visit of VISITS) {
    for (const element of page.visits[visit]?.gated ?? []) {
      const key = `${element.tag}|${element.categories}|${element.label}`;
      const entry = elements.get(key) ?? { tag: element.tag, categories: element.categories, label: element.label, ran: {} };
      entry.ran[visit] = entry.ran[visit] || element.ran;
      elements.set(key, entry);
    }
  }
  return [...elements.values()];
}

function describeDeclaration(declaration) {
  return { category: declaration.category, name: declaration.name, pattern: declaration.pattern, provider: declaration.provider, purpose: declaration.purpose, duration: declaration.duration };
}

/** "2 years", "90 days", "Session": what the cookie's expiry means at the time of the scan. */
export function durationText(expires, now) {
  if (expires == null || expires < 0) return 'Session';
  const days = Math.round((expires - now) / 86400);
  if (days < 1) {
    const hours = Math.max(1, Math.round((expires - now) / 3600));
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  if (days >= 365 && Math.abs(days / 365 - Math.round(days / 365)) < 0.02) {
    const years = Math.round(days / 365);
    return `${years} year${years === 1 ? '' : 's'}`;
  }
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** A page by where it landed: after a redirect, the page the visitor saw. */
export function pagePath(page) {
  return pathOf(page.finalUrl && new URL(page.finalUrl).origin === new URL(page.url).origin ? page.finalUrl : page.url);
}

export function pathOf(url) {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

function setsToLists(visits) {
  return Object.fromEntries(Object.entries(visits).map(([visit, pages]) => [visit, [...pages]]));
}

function allPages(visits) {
  return [...new Set(Object.values(visits).flat())];
}

function byName(a, b) {
  return a.name.localeCompare(b.name) || String(a.domain ?? a.area).localeCompare(String(b.domain ?? b.area));
}

export function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
