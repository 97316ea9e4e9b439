import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidates, pick } from './lookup.js';
import { escapeHtml, renderEmail } from './render-email.js';

describe('template lookup', () => {
  const section = {
    default: { t: 'D', locales: { en: { t: 'D-en' }, 'pt-BR': { t: 'D-ptBR' } } },
    login: { t: 'L', u: 'Lu', locales: { EN: { t: 'L-en' }, 'zh-CN': { u: 'L-zhCN' } } },
  };
  const first = (purpose: string, locale: string | undefined, field: 't' | 'u') =>
    pick(candidates(section as never, purpose, locale) as { t?: string; u?: string }[], field);

  it('goes exact locale → language → purpose → default, field by field, without regard to case', () => {
    assert.equal(first('login', 'en-GB', 't'), 'L-en');
    assert.equal(first('login', 'zh-cn', 't'), 'L', 'zh-CN has no t: the purpose’s own');
    assert.equal(first('login', 'zh-CN', 'u'), 'L-zhCN');
    assert.equal(first('signup', 'pt-BR', 't'), 'D-ptBR');
    assert.equal(first('signup', 'pt-PT', 't'), 'D');
    assert.equal(first('signup', undefined, 'u'), undefined);
  });
});

describe('e-mail rendering', () => {
  it('escapes every value in the HTML body, and only there', () => {
    const out = renderEmail(
      { subject: 'Code for ${purpose}', text: '${code} / ${purpose}', html: '<p>${code} ${purpose}</p>' },
      { code: '123456', minutes: '5', purpose: '<script>"x"&\'y\'</script>' },
    );
    assert.equal(out.html, '<p>123456 &lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;</p>');
    assert.equal(out.text, '123456 / <script>"x"&\'y\'</script>');
    assert.equal(out.subject, 'Code for <script>"x"&\'y\'</script>');
    assert.equal(escapeHtml('plain'), 'plain');
  });
});
