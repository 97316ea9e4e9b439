// One message as DOM: an SMS bubble or a mail card.

import { attachmentUrl, emlUrl, mailHtmlUrl } from './api.js';
import { isMail } from './data.js';
import { copy, formatTime, h } from './dom.js';

/** What the message buttons do; set once by the page (`setActions`). */
const actions = {
  raw: (_m) => {},
  remove: (_m) => {},
  deliver: (_m, _status, _errorCode) => {},
};

export function setActions(handlers) {
  Object.assign(actions, handlers);
}

/** Ids of the mails whose remote images the user chose to load (off by default). */
const remoteImages = new Set();

const DEFAULT_FAIL_CODE = 'MOBILE_NOT_ON_SERVICE';

/** Raw view, delivery outcome, delete: the same operations the inspection API offers. */
function toolbar(m, extra = []) {
  const code = h('input', {
    type: 'text',
    value: m.errCode && m.errCode !== 'DELIVERED' ? m.errCode : DEFAULT_FAIL_CODE,
    'aria-label': 'Error code',
    spellcheck: false,
    size: 22,
  });
  const fail = h(
    'details',
    { class: 'fail-form' },
    h('summary', { class: 'tool' }, 'Mark failed…'),
    h(
      'form',
      {
        onsubmit: (e) => {
          e.preventDefault();
          actions.deliver(m, 'failed', code.value.trim() || DEFAULT_FAIL_CODE);
        },
      },
      code,
      h('button', { type: 'submit', class: 'danger' }, 'Mark failed'),
    ),
  );
  return h(
    'div',
    { class: 'toolbar', role: 'group', 'aria-label': 'Message actions' },
    ...extra,
    h('button', { type: 'button', class: 'tool', onclick: () => actions.raw(m) }, 'Raw'),
    m.status !== 'delivered'
      ? h('button', { type: 'button', class: 'tool', onclick: () => actions.deliver(m, 'delivered') }, 'Mark delivered')
      : null,
    fail,
    h(
      'button',
      { type: 'button', class: 'tool danger', 'aria-label': 'Delete message', onclick: () => actions.remove(m) },
      'Delete',
    ),
  );
}

const STATUS_TEXT = { waiting: 'Waiting for receipt', delivered: 'Delivered', failed: 'Failed' };

/** The conversion feedback the sender reported (SmsConversion / SmsConversionIntl), when there is some. */
function conversionPill(m) {
  if (!m.conversion) return null;
  const { delivered, conversionTime } = m.conversion;
  return h(
    'span',
    {
      class: `status conversion ${delivered ? 'status-delivered' : 'status-failed'}`,
      'data-conversion': String(delivered),
      title: `Reported at ${formatTime(conversionTime)}`,
    },
    delivered ? 'Converted' : 'Not converted',
  );
}

export function statusPill(m) {
  const text = STATUS_TEXT[m.status] || m.status;
  const detail = m.status === 'failed' && m.errCode ? ` · ${m.errCode}` : '';
  return h(
    'span',
    {
      class: `status status-${m.status}`,
      'data-status': m.status,
      title: m.receivedAt ? `Receipt at ${formatTime(m.receivedAt)}` : undefined,
    },
    text + detail,
  );
}

/** The content as text nodes, with the verification code wrapped in <mark>. */
function highlighted(text, code) {
  const at = code ? text.indexOf(code) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), h('mark', { class: 'code-inline' }, code), text.slice(at + code.length)];
}

function codeRow(m) {
  if (!m.code) return null;
  const button = h('button', { type: 'button', class: 'copy', 'aria-label': `Copy code ${m.code}` }, 'Copy');
  button.addEventListener('click', () => copy(m.code, button));
  return h(
    'div',
    { class: 'code-row' },
    h('span', { class: 'label' }, 'Code'),
    h('strong', { class: 'code-value' }, m.code),
    button,
  );
}

function smsBubble(m) {
  const meta = [
    m.signName ? `Sign ${m.signName}` : null,
    m.templateCode || null,
    `${m.segments} segment${m.segments === 1 ? '' : 's'}`,
    m.bizId ? `BizId ${m.bizId}` : m.messageId ? `MessageId ${m.messageId}` : null,
    m.outId ? `OutId ${m.outId}` : null,
  ].filter(Boolean);
  return h(
    'article',
    {
      class: `bubble${m.status === 'failed' ? ' is-failed' : ''}`,
      'data-id': m.id,
      'data-status': m.status,
      tabindex: -1,
      'aria-label': `${m.product === 'intl' ? 'International SMS' : 'SMS'} at ${formatTime(m.sentAt)}`,
    },
    h('p', { class: 'content' }, ...highlighted(m.content, m.code)),
    codeRow(m),
    h(
      'footer',
      { class: 'meta' },
      h('time', { datetime: m.sentAt }, formatTime(m.sentAt)),
      statusPill(m),
      conversionPill(m),
      h('span', {}, meta.join(' · ')),
    ),
    toolbar(m),
  );
}

function mailCard(m) {
  const mail = m.mail || { from: '', subject: m.content };
  const from = mail.fromAlias ? `${mail.fromAlias} <${mail.from}>` : mail.from;
  const panes = [];
  let imagesToggle = null;
  if (mail.htmlBody) {
    // sandbox="" with no allowances: no scripts, no forms, no same-origin access, no navigation.
    // Not loading=lazy: Chromium then defers the remote-images URL set on a click until a scroll, and the
    // toggle seems to do nothing.
    const frame = h('iframe', { class: 'mail-frame', title: `Mail body: ${mail.subject}` });
    frame.setAttribute('sandbox', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    panes.push(['Preview', frame]);
    // Off by default (a remote image tells the sender the mail was opened): srcdoc inherits the page's
    // policy, which blocks them; "on" loads the body from its own URL whose policy allows images only.
    // The choice is kept per message for the page's life, so a re-render (a status update) keeps it.
    const show = (on) => {
      imagesToggle.setAttribute('aria-pressed', String(on));
      imagesToggle.textContent = on ? 'Block remote images' : 'Load remote images';
      if (on) {
        frame.removeAttribute('srcdoc');
        frame.src = mailHtmlUrl(m.id);
      } else {
        frame.removeAttribute('src');
        frame.srcdoc = mail.htmlBody;
      }
    };
    imagesToggle = h('button', {
      type: 'button',
      class: 'tool',
      onclick: () => {
        const on = !remoteImages.has(m.id);
        if (on) remoteImages.add(m.id);
        else remoteImages.delete(m.id);
        show(on);
      },
    });
    show(remoteImages.has(m.id));
  }
  if (mail.textBody) panes.push(['Text', h('pre', { class: 'mail-text' }, mail.textBody)]);
  if (mail.htmlBody) panes.push(['HTML source', h('pre', { class: 'mail-text' }, mail.htmlBody)]);
  return h(
    'article',
    {
      class: `mail${m.status === 'failed' ? ' is-failed' : ''}`,
      'data-id': m.id,
      'data-status': m.status,
      tabindex: -1,
      'aria-label': `Mail: ${mail.subject}`,
    },
    h('h3', { class: 'mail-subject' }, mail.subject || '(no subject)'),
    h(
      'dl',
      { class: 'mail-head' },
      h('dt', {}, 'From'),
      h('dd', {}, from),
      h('dt', {}, 'To'),
      h('dd', {}, mail.bcc ? `${m.to} (Bcc)` : m.to),
      ...(mail.bccAddress?.length
        ? [h('dt', {}, 'Bcc'), h('dd', { class: 'mail-bcc' }, mail.bccAddress.join(', '))]
        : []),
      h('dt', {}, 'Date'),
      h('dd', {}, h('time', { datetime: m.sentAt }, formatTime(m.sentAt))),
      ...(mail.templateId ? [h('dt', {}, 'Template'), h('dd', {}, mail.templateId)] : []),
    ),
    headerList(mail),
    codeRow(m),
    tabs(m.id, panes),
    h(
      'footer',
      { class: 'meta' },
      statusPill(m),
      m.envId ? h('span', {}, `EnvId ${m.envId}`) : null,
      mail.tagName ? h('span', {}, `Tag ${mail.tagName}`) : null,
    ),
    attachmentLinks(m),
    toolbar(m, [imagesToggle, h('a', { class: 'tool', href: emlUrl(m.id), download: '' }, 'Download .eml')]),
  );
}

/** The extra headers (`Headers`) and sending options (IpPoolId, DomainAuth, UnSubscribe*) a mail was sent with. */
function headerList(mail) {
  const rows = [...Object.entries(mail.headers ?? {}), ...Object.entries(mail.options ?? {})];
  if (rows.length === 0) return null;
  return h(
    'details',
    { class: 'mail-headers' },
    h('summary', {}, `Headers and options (${rows.length})`),
    h('dl', {}, ...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
  );
}

function attachmentLinks(m) {
  const list = Array.isArray(m.mail?.attachments) ? m.mail.attachments : [];
  if (list.length === 0) return null;
  return h(
    'ul',
    { class: 'attachments', 'aria-label': 'Attachments' },
    ...list.map((a, i) =>
      h(
        'li',
        {},
        h('a', { href: attachmentUrl(m.id, i), download: '' }, a.filename || a.name || `attachment ${i + 1}`),
      ),
    ),
  );
}

function tabs(id, panes) {
  if (panes.length === 0) return h('p', { class: 'hint' }, 'This mail has no body.');
  const list = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Mail body' });
  const bodies = panes.map(([name, body], i) => {
    const panel = h(
      'div',
      { role: 'tabpanel', id: `p-${id}-${i}`, 'aria-labelledby': `t-${id}-${i}`, hidden: i !== 0 },
      body,
    );
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `t-${id}-${i}`,
        'aria-controls': `p-${id}-${i}`,
        'aria-selected': i === 0 ? 'true' : 'false',
      },
      name,
    );
    tab.addEventListener('click', () => {
      for (const t of list.children) t.setAttribute('aria-selected', String(t === tab));
      bodies.forEach((p, j) => {
        p.hidden = j !== i;
      });
    });
    list.append(tab);
    return panel;
  });
  return h('div', { class: 'mail-body' }, list, ...bodies);
}

/** The element for one stored message. */
export const render = (m) => (isMail(m) ? mailCard(m) : smsBubble(m));
