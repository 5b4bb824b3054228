// The libraries under test: how each page includes and configures it, where its banner and
// preferences dialog are, and how the runner clicks "accept all" and "preferences". Every page
// gets the same article, the same banner texts, four categories (necessary + three optional
// ones) and one gated stand-in tag per optional category, placed at the end of <body> (the
// other libraries' scripts follow them there; Consentinel's tag is in <head>, see below).

export const CATS = ['analytics', 'affiliate', 'advertising'];

// Shared English texts (from src/i18n/en.json) so every banner says the same thing.
export const TEXT = {
  title: 'Your privacy, your choice',
  description: 'We use cookies that keep the site working and you signed in. With your permission we also measure visits, credit the partner who referred you, and show ads from third parties. You can change your choice at any time.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  preferences: 'Preferences',
  save: 'Save preferences',
  dialogTitle: 'Privacy preferences',
  cats: {
    necessary: ['Necessary', 'Keep the site secure and working: signing in, your shopping cart and remembering this choice. They cannot be switched off.'],
    analytics: ['Analytics', 'Count visits and see which pages are used, so we can improve the site. The statistics are aggregated.'],
    affiliate: ['Affiliate referrals', 'Remember which partner sent you here, so the partner is credited if you buy a plan.'],
    advertising: ['Advertising', 'Let advertising networks and social media plug-ins show relevant ads and measure them, here and on other sites.'],
  },
};

const J = (v) => JSON.stringify(v, null, 2);
const tag = (lib, c) => `/tags/${lib}-${c}.js`;
const nm = (p) => `/node_modules/${p}`;

// Consentinel's config, the same in every setup: inline in the page or served by the bench
// server at CONFIG_URL (server.mjs), like a site's /consent.json.
export const CONSENTINEL_CONFIG = {
  categories: { necessary: { required: true }, analytics: {}, affiliate: {}, advertising: {} },
  language: 'en',
  links: { privacyPolicy: '/privacy', cookiePolicy: '/cookies' },
  ui: { layout: 'bar', position: 'bottom' },
};
export const CONFIG_URL = '/bench-config.json';
const CORE = '/dist/consentinel.js';

// Selectors from the UI's DOM contract (docs: issue 14), with the older anonymous markup as a
// fallback so the bench also measures builds from before the contract. Buttons live in an open
// shadow root, which Playwright's CSS selectors pierce.
const consentinelProbe = {
  banner: { host: '#consentinel, [data-consentinel-root]', inner: '.consentinel-banner, [data-consentinel-layer="banner"], [role="region"]' },
  dialog: { host: '#consentinel, [data-consentinel-root]', inner: '.consentinel-dialog, [data-consentinel-layer="preferences"], [role="dialog"]' },
  accept: { selector: '[data-consentinel-action="accept-all"]', role: 'Accept all' },
  preferences: { selector: '[data-consentinel-action="preferences"]', role: 'Preferences' },
  gating: 'type="text/plain" data-consent="<category>" (SPEC §4)',
};

const gatedTags = (id) => CATS.map((c) => `<script type="text/plain" data-consent="${c}" src="${tag(id, c)}"></script>`).join('\n');
const inlineConfig = `<script type="application/json" data-consentinel-config>${JSON.stringify(CONSENTINEL_CONFIG)}</script>`;
// The config is read with fetch(url, { credentials: 'same-origin' }) (src/auto.ts): a preload
// is only reused by a request with the same mode and credentials mode. `crossorigin` (anonymous)
// gives a CORS request with credentials "same-origin", which is what that fetch() makes;
// `use-credentials` would mean "include" and the preload would be fetched a second time.
const configPreload = `<link rel="preload" href="${CONFIG_URL}" as="fetch" crossorigin>`;

/**
 * A hint for the UI file, matching however the built library loads it: a module (import() of
 * consentinel-ui.mjs, possibly a banner chunk) needs modulepreload, the classic script
 * consentinel-ui.js a preload as="script" (no crossorigin: the core inserts a plain <script>).
 * Decided when the pages are written, from what dist/ holds.
 */
export function uiPreload(distFiles) {
  if (distFiles.includes('consentinel-ui.mjs')) return '<link rel="modulepreload" href="/dist/consentinel-ui.mjs">';
  if (distFiles.includes('consentinel-ui.js')) return '<link rel="preload" href="/dist/consentinel-ui.js" as="script">';
  return '';
}

/**
 * Consentinel setups. `spec` is the bare tag of SPEC §2; the others are quick-start candidates,
 * measured side by side with BENCH_VARIANTS=1 so the README can recommend the fastest.
 * Every one loads the core from <head> (where a `defer` script belongs); the gated tags stay at
 * the end of <body> like the other libraries'.
 */
export const CONSENTINEL_SETUPS = {
  spec: {
    label: 'SPEC §2 tag: defer + data-config URL',
    head: () => `<script defer src="${CORE}" data-config="${CONFIG_URL}"></script>`,
  },
  inline: {
    label: 'defer + inline config after the tag',
    head: () => `<script defer src="${CORE}"></script>\n${inlineConfig}`,
  },
  'inline-async': {
    label: 'async + inline config after the tag',
    head: () => `<script async src="${CORE}"></script>\n${inlineConfig}`,
  },
  'inline-sync': {
    label: 'synchronous in <head> + inline config after the tag',
    head: () => `<script src="${CORE}"></script>\n${inlineConfig}`,
  },
  preload: {
    label: 'defer + data-config URL + <link rel=preload as=fetch crossorigin>',
    head: () => `${configPreload}\n<script defer src="${CORE}" data-config="${CONFIG_URL}"></script>`,
  },
  'inline-ui': {
    label: 'defer + inline config + a preload of the UI file',
    head: (distFiles) => `${uiPreload(distFiles)}\n<script defer src="${CORE}"></script>\n${inlineConfig}`,
  },
};

// The README's recommended quick start: the setup measured as `consentinel-quick`. Chosen from a
// BENCH_VARIANTS=1 run (see bench/README.md); change it together with the README.
export const QUICK_START = 'inline';

const consentinel = (id, name, setup, extra = {}) => ({
  id, name, pkg: null, consentinel: true, setup, files: [CORE],
  head: CONSENTINEL_SETUPS[setup].head,
  body: gatedTags(id),
  ...consentinelProbe,
  ...extra,
});

export const LIBS = [
  consentinel('consentinel-spec', 'Consentinel (SPEC tag)', 'spec'),
  consentinel('consentinel-quick', 'Consentinel (quick start)', QUICK_START),
  // Quick-start candidates: only with BENCH_VARIANTS=1 or when named in BENCH_LIBS.
  ...Object.keys(CONSENTINEL_SETUPS).filter((s) => s !== 'spec' && s !== QUICK_START)
    .map((s) => consentinel(`consentinel-${s}`, `Consentinel (${s})`, s, { variant: true })),
  {
    id: 'cc3',
    name: 'vanilla-cookieconsent 3',
    pkg: 'vanilla-cookieconsent',
    head: `<link rel="stylesheet" href="${nm('vanilla-cookieconsent/dist/cookieconsent.css')}">`,
    body: [
      ...CATS.map((c) => `<script type="text/plain" data-category="${c}" src="${tag('cc3', c)}"></script>`),
      `<script src="${nm('vanilla-cookieconsent/dist/cookieconsent.umd.js')}"></script>`,
      `<script>
CookieConsent.run(${J({
        hideFromBots: false,
        guiOptions: {
          consentModal: { layout: 'bar', position: 'bottom', equalWeightButtons: true, flipButtons: false },
          preferencesModal: { layout: 'box', equalWeightButtons: true },
        },
        categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, affiliate: {}, advertising: {} },
        language: {
          default: 'en',
          translations: {
            en: {
              consentModal: {
                title: TEXT.title,
                description: TEXT.description + ' <a href="/privacy">Privacy policy</a> · <a href="/cookies">Cookie policy</a>',
                acceptAllBtn: TEXT.acceptAll,
                acceptNecessaryBtn: TEXT.rejectAll,
                showPreferencesBtn: TEXT.preferences,
              },
              preferencesModal: {
                title: TEXT.dialogTitle,
                acceptAllBtn: TEXT.acceptAll,
                acceptNecessaryBtn: TEXT.rejectAll,
                savePreferencesBtn: TEXT.save,
                closeIconLabel: 'Close',
                sections: Object.entries(TEXT.cats).map(([id, [title, description]]) => ({ title, description, linkedCategory: id })),
              },
            },
          },
        },
      })});
</script>`,
    ].join('\n'),
    banner: { selector: '#cc-main .cm' },
    accept: { selector: '#cc-main .cm [data-role="all"]' },
    preferences: { selector: '#cc-main .cm [data-role="show"]' },
    dialog: { selector: '#cc-main .pm' },
    gating: 'type="text/plain" data-category="<category>" (manageScriptTags, the default)',
  },
  {
    id: 'orejime',
    name: 'orejime 3',
    pkg: 'orejime',
    head: `<link rel="stylesheet" href="${nm('orejime/dist/orejime-standard.css')}">`,
    body: [
      ...CATS.map((c) => `<template data-purpose="${c}"><script src="${tag('orejime', c)}"></script></template>`),
      `<script>
window.orejimeConfig = ${J({
        privacyPolicyUrl: '/privacy',
        purposes: Object.entries(TEXT.cats).map(([id, [title, description]]) => (
          id === 'necessary' ? { id, title, description, isMandatory: true, cookies: [] } : { id, title, description, cookies: [] })),
        translations: {
          banner: {
            title: TEXT.title,
            description: TEXT.description + ' To learn more, please read our {privacyPolicy}.',
            accept: TEXT.acceptAll,
            decline: TEXT.rejectAll,
            configure: TEXT.preferences,
          },
          modal: { title: TEXT.dialogTitle, saveInfo: TEXT.save },
        },
      })};
</script>`,
      `<script src="${nm('orejime/dist/orejime-standard-en.js')}"></script>`,
    ].join('\n'),
    banner: { selector: '.orejime-Banner' },
    accept: { selector: '.orejime-Banner-saveButton' },
    preferences: { selector: '.orejime-Banner-learnMoreButton' },
    dialog: { selector: '.orejime-Modal' },
    gating: '<template data-purpose="<category>"> around the script (orejime 3 docs)',
  },
  {
    id: 'klaro',
    name: 'klaro',
    pkg: 'klaro',
    head: '',
    body: [
      ...CATS.map((c) => `<script type="text/plain" data-type="text/javascript" data-name="${c}" data-src="${tag('klaro', c)}"></script>`),
      `<script>
var klaroConfig = ${J({
        version: 1,
        elementID: 'klaro',
        styling: { theme: ['light', 'bottom', 'wide'] },
        lang: 'en',
        htmlTexts: false,
        groupByPurpose: true,
        storageMethod: 'cookie',
        cookieName: 'klaro',
        default: false,
        mustConsent: false,
        acceptAll: true,
        hideDeclineAll: false,
        hideLearnMore: false,
        noticeAsModal: false,
        translations: {
          zz: { privacyPolicyUrl: '/privacy' },
          en: {
            consentNotice: { title: TEXT.title, description: TEXT.description, learnMore: TEXT.preferences },
            acceptAll: TEXT.acceptAll,
            ok: TEXT.acceptAll,
            decline: TEXT.rejectAll,
            consentModal: { title: TEXT.dialogTitle },
            purposes: Object.fromEntries(Object.entries(TEXT.cats).map(([id, [title, description]]) => [id, { title, description }])),
            ...Object.fromEntries(Object.entries(TEXT.cats).map(([id, [title, description]]) => [id, { title, description }])),
          },
        },
        services: Object.keys(TEXT.cats).map((id) => (
          id === 'necessary' ? { name: id, purposes: [id], required: true } : { name: id, purposes: [id], cookies: [] })),
      })};
</script>`,
      `<script src="${nm('klaro/dist/klaro.js')}"></script>`,
    ].join('\n'),
    banner: { selector: '#klaro .cookie-notice' },
    accept: { selector: '#klaro .cookie-notice .cm-btn-success' },
    preferences: { selector: '#klaro .cookie-notice .cn-learn-more' },
    dialog: { selector: '#klaro .cookie-modal .cm-modal' },
    gating: 'type="text/plain" data-type="text/javascript" data-name="<service>" data-src (klaro README)',
  },
  {
    id: 'osano',
    name: 'cookieconsent 3 (Osano)',
    pkg: 'cookieconsent',
    head: `<link rel="stylesheet" href="${nm('cookieconsent/build/cookieconsent.min.css')}">`,
    body: [
      `<script src="${nm('cookieconsent/build/cookieconsent.min.js')}"></script>`,
      `<script>
// cookieconsent 3 has no categories and no script gating: one yes/no for everything, and the
// page loads its tags from the status callbacks.
function loadTags() {
  if (window.__tagsLoaded) return; window.__tagsLoaded = true;
  ${J(CATS.map((c) => tag('osano', c)))}.forEach(function (src) {
    var s = document.createElement('script'); s.src = src; s.async = false; document.body.appendChild(s);
  });
}
window.cookieconsent.initialise(${J({
        type: 'opt-in',
        position: 'bottom',
        theme: 'block',
        palette: { popup: { background: '#ffffff', text: '#1d2330' }, button: { background: '#2451b8', text: '#ffffff' } },
        content: {
          header: TEXT.title,
          message: TEXT.description,
          allow: TEXT.acceptAll,
          deny: TEXT.rejectAll,
          link: 'Privacy policy',
          href: '/privacy',
        },
      }).replace(/\n}$/, `,
  "onInitialise": function (status) { if (this.hasConsented()) loadTags(); },
  "onStatusChange": function (status) { if (this.hasConsented()) loadTags(); }
}`)});
</script>`,
    ].join('\n'),
    banner: { selector: '.cc-window' },
    accept: { selector: '.cc-window .cc-allow' },
    // No preferences button: one yes/no for everything, so no dialog to time.
    gating: 'none built in: the three tags are inserted from onInitialise/onStatusChange when hasConsented()',
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron',
    pkg: 'tarteaucitronjs',
    head: '',
    body: [
      `<script src="${nm('tarteaucitronjs/tarteaucitron.min.js')}"></script>`,
      `<script>
var tarteaucitronForceLanguage = 'en';
var tarteaucitronCustomText = ${J({ alertBigPrivacy: TEXT.description, acceptAll: TEXT.acceptAll, denyAll: TEXT.rejectAll, personalize: TEXT.preferences })};
tarteaucitron.init(${J({
        privacyUrl: '/privacy',
        bodyPosition: 'bottom',
        hashtag: '#tarteaucitron',
        cookieName: 'tarteaucitron',
        orientation: 'bottom',
        groupServices: false,
        showDetailsOnClick: true,
        serviceDefaultState: 'wait',
        showAlertSmall: false,
        showTitleBanner: false,
        cookieslist: false,
        cookieslistEmbed: false,
        showIcon: true,
        iconPosition: 'BottomRight',
        adblocker: false,
        DenyAllCta: true,
        AcceptAllCta: true,
        highPrivacy: true,
        alwaysNeedConsent: false,
        handleBrowserDNTRequest: false,
        removeCredit: false,
        moreInfoLink: true,
        useExternalCss: false,
        useExternalJs: false,
        readmoreLink: '',
        mandatory: true,
        mandatoryCta: true,
        googleConsentMode: false,
        bingConsentMode: false,
        pianoConsentMode: false,
        softConsentMode: false,
        dataLayer: false,
        serverSide: false,
        partnersList: false,
      })});
// One custom service per optional category (tarteaucitron's documented "job" mechanism).
// Keys are prefixed: tarteaucitron.services.js already defines a service called "analytics".
${CATS.map((c) => `tarteaucitron.services[${JSON.stringify('bench' + c)}] = { key: ${JSON.stringify('bench' + c)}, type: ${JSON.stringify({ analytics: 'analytic', affiliate: 'other', advertising: 'ads' }[c])}, name: ${JSON.stringify(TEXT.cats[c][0])}, uri: '/privacy', needConsent: true, cookies: [], js: function () { 'use strict'; tarteaucitron.addScript(${JSON.stringify(tag('tarteaucitron', c))}); } };
(tarteaucitron.job = tarteaucitron.job || []).push(${JSON.stringify('bench' + c)});`).join('\n')}
</script>`,
    ].join('\n'),
    banner: { selector: '#tarteaucitronAlertBig' },
    accept: { selector: '#tarteaucitronPersonalize2' },
    preferences: { selector: '#tarteaucitronCloseAlert' },
    dialog: { selector: '#tarteaucitron' },
    gating: 'custom services (tarteaucitron.services.<key> with js()) + tarteaucitron.job.push(<key>)',
  },
];

export const byId = Object.fromEntries(LIBS.map((l) => [l.id, l]));
