import { h, type ComponentChild } from 'preact';

/**
 * A text as Preact children. `[label](privacyPolicy)` becomes a link to `links.privacyPolicy`
 * (plain label when that link is not configured) and `{name}` becomes `values.name`. Everything
 * else stays a string, so markup in a translation is shown as text, never parsed.
 * @example format('Read our [policy](privacyPolicy).', { privacyPolicy: '/privacy' })
 */
export function format(
  text: string,
  links: { readonly [target: string]: string | undefined },
  values: Record<string, string> = {},
): ComponentChild[] {
  // split() with a capture group keeps the tokens at the odd indexes.
  return text.split(/(\[[^\]]*\]\(\w+\)|\{\w+\})/).map((part, i) => {
    if (!(i % 2)) return part;
    const link = /^\[(.*)\]\((\w+)\)$/.exec(part);
    // typeof checks: "{constructor}" must not reach Object.prototype members.
    const value = link ? links[link[2]] : values[part.slice(1, -1)];
    if (!link) return typeof value == 'string' ? value : part;
    return typeof value == 'string' ? h('a', { href: value }, link[1]) : link[1];
  });
}
