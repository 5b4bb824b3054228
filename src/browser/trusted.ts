/** The Trusted Types policy's name; a site whose CSP lists policies adds `trusted-types consentinel`. */
export const POLICY = 'consentinel';

// The DOM sinks take the policy's Trusted* objects where they take strings; typed as strings here.
type Policy = Record<'createHTML' | 'createScript' | 'createScriptURL', (value: string) => string>;
type Factory = { createPolicy(name: string, rules: Policy): Policy };

const same = (value: string) => value;
const RULES: Policy = { createHTML: same, createScript: same, createScriptURL: same };
// One policy per page (browsers refuse a second policy of one name), keyed by the page's factory.
const policies = new WeakMap<Factory, Policy>();

/**
 * The library's Trusted Types policy, created on first use. Under `require-trusted-types-for
 * 'script'` a script's text, a script's URL, an event handler attribute and `srcdoc` take only
 * values a policy made. It passes values unchanged: they are the site's own gated markup and the
 * library's own files, which the site's policy for HTML (if any) has already let into the page.
 * Where Trusted Types are missing, or the site's CSP does not allow the name (the browser reports
 * that in the console), plain strings go on, and a site's `default` policy, if any, decides.
 * @example s.text = trusted().createScript(gated.text)
 */
export function trusted(): Policy {
  const factory = (globalThis as { trustedTypes?: Factory }).trustedTypes;
  if (!factory) return RULES;
  let policy = policies.get(factory);
  if (!policy) {
    try {
      policy = factory.createPolicy(POLICY, RULES);
    } catch {
      policy = RULES;
    }
    policies.set(factory, policy);
  }
  return policy;
}
