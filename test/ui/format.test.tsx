import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { format } from '../../src/ui/format';

const html = (text: string, links = {}, values = {}) => {
  const el = document.createElement('p');
  render(<>{format(text, links, values)}</>, el);
  return el.innerHTML;
};

describe('format', () => {
  it('turns [label](target) into a link to the configured target', () => {
    expect(html('Read our [privacy policy](privacyPolicy).', { privacyPolicy: '/privacy' })).toBe('Read our <a href="/privacy">privacy policy</a>.');
  });

  it('keeps the label as text when the target is not configured or unknown', () => {
    expect(html('See [this](cookiePolicy) and [that](constructor).', { privacyPolicy: '/p' })).toBe('See this and that.');
  });

  it('inserts {values} and leaves unknown ones as written', () => {
    expect(html('Allow {category}, not {other} or {constructor}.', {}, { category: 'Analytics' })).toBe('Allow Analytics, not {other} or {constructor}.');
  });

  it('escapes markup: a text is never HTML', () => {
    expect(html('<b>x</b> & <script>alert(1)</script>', {}, {})).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html('[<i>x</i>](privacyPolicy)', { privacyPolicy: '/p' })).toBe('<a href="/p">&lt;i&gt;x&lt;/i&gt;</a>');
    expect(html('{v}', {}, { v: '<img src=x>' })).toBe('&lt;img src=x&gt;');
  });
});
