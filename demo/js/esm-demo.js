// The ESM use of Consentinel, as a bundler user writes it. The import map in esm.html resolves
// the bare specifiers; with Vite or webpack, `npm install consentinel` does.
import { createConsent } from 'consentinel';
import { mountConsentUI } from 'consentinel/ui';

const response = await fetch('/consent.json');
const config = await response.json();

const consent = createConsent(config);
mountConsentUI(consent);

// For the status panel and for trying the API in the console.
window.northwindConsent = consent;
window.NorthwindStatus?.attach(consent);
