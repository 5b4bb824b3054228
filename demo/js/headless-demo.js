// The headless API with the site's own controls: no banner file, no Preact. The site owns the
// markup and the words; Consentinel owns the decision, the cookie, gating and cleanup.
import { createConsent } from 'consentinel';

const TITLES = {
  necessary: 'Necessary (always on)',
  analytics: 'Analytics: count visits',
  affiliate: 'Affiliate referrals: credit the partner who sent you',
  advertising: 'Advertising: ads and embedded videos',
};

const config = await (await fetch('/consent.json')).json();
const consent = createConsent(config);
window.northwindConsent = consent;

const form = document.getElementById('headless-form');
const box = document.getElementById('headless-categories');
const status = document.getElementById('headless-status');

for (const id of consent.config.order) {
  const required = consent.config.categories[id].required;
  const label = document.createElement('label');
  label.className = 'choice';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.name = id;
  input.disabled = required;
  label.append(input, ' ', TITLES[id] ?? id);
  box.append(label);
}

function render(state) {
  for (const input of box.querySelectorAll('input')) input.checked = Boolean(state.granted[input.name]);
  status.textContent = state.decided
    ? `Saved (${state.method}). Allowed: ${Object.keys(state.granted).filter((k) => state.granted[k]).join(', ')}.`
    : 'No choice yet: only necessary cookies are in use.';
}

render(consent.getState());
consent.subscribe((state) => render(state));

document.getElementById('headless-accept').addEventListener('click', () => consent.acceptAll());
document.getElementById('headless-reject').addEventListener('click', () => consent.rejectAll());
document.getElementById('headless-reset').addEventListener('click', () => consent.reset());
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const choices = {};
  for (const input of box.querySelectorAll('input:not(:disabled)')) choices[input.name] = input.checked;
  consent.save(choices);
});

// "Cookie settings" links (data-consentinel="preferences") ask for the preferences view; with no
// UI mounted, this page answers by taking the visitor to its own form.
consent.onView((view) => {
  if (view === 'preferences' || view === 'banner') {
    document.getElementById('headless-form-title').focus();
    form.scrollIntoView({ block: 'start' });
    if (view === 'preferences') consent.hide();
  }
});

window.NorthwindStatus?.attach(consent);
