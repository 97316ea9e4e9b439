// The emulator inbox: plain browser JavaScript, no build step and no third-party code.
// Every piece of message data reaches the page through textContent or an attribute set by the
// DOM API, never through HTML parsing; mail HTML only ever lives in a sandboxed srcdoc iframe.

const state = {
  /** @type {Map<string, any>} id -> StoredMessage */
  messages: new Map(),
  /** toKey of the open conversation */
  selected: /** @type {string | null} */ (null),
  query: '',
  seen: loadSeen(),
};

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Creates an element; string children become text nodes (never HTML). */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key in el && key !== 'list') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

// ---- data -------------------------------------------------------------------------------------

function loadSeen() {
  try {
    return new Set(JSON.parse(localStorage.getItem('alisms-inbox-seen') || '[]'));
  } catch {
    return new Set();
  }
}

function saveSeen() {
  try {
    localStorage.setItem('alisms-inbox-seen', JSON.stringify([...state.seen].slice(-2000)));
  } catch {
    // Private windows may refuse storage; unread badges then last for the session only.
  }
}

const keyOf = (m) => m.toKey || String(m.to || '').toLowerCase();
const isMail = (m) => m.product === 'mail';
const byTime = (a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.id < b.id ? -1 : 1);

function matches(m, query) {
  if (!query) return true;
  const hay = [m.to, m.toKey, m.content, m.code, m.signName, m.templateCode, m.bizId, m.outId, m.messageId]
    .concat(m.params ? Object.values(m.params) : [])
    .concat(m.mail ? [m.mail.from, m.mail.fromAlias, m.mail.subject, m.mail.textBody] : [])
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  if (hay.includes(query)) return true;
  // "+86 138-0013" finds 8613800138000: compare digits only when the query is a number.
  const digits = query.replace(/[\s+\-()]/g, '');
  return (
    /^\d{3,}$/.test(digits) &&
    String(m.toKey || m.to)
      .replace(/\D/g, '')
      .includes(digits)
  );
}

function conversations() {
  const groups = new Map();
  for (const m of state.messages.values()) {
    const key = keyOf(m);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  const list = [];
  for (const [key, all] of groups) {
    all.sort(byTime);
    const shown = all.filter((m) => matches(m, state.query));
    if (shown.length === 0) continue;
    const newest = all[all.length - 1];
    list.push({ key, all, shown, newest, unread: all.filter((m) => !state.seen.has(m.id)).length });
  }
  return list.sort((a, b) => -byTime(a.newest, b.newest));
}

// ---- formatting -------------------------------------------------------------------------------

function formatTime(iso, withSeconds = true) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = d.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
  const today = new Date();
  if (d.toDateString() === today.toDateString()) return time;
  return `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}

const STATUS_TEXT = { waiting: 'Waiting for receipt', delivered: 'Delivered', failed: 'Failed' };

function statusPill(m) {
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

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context; 127.0.0.1 is one, a LAN address is not.
    const area = h('textarea', { value: text, 'aria-hidden': 'true', class: 'offscreen' });
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = 'Copied';
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 1200);
}

// ---- rendering --------------------------------------------------------------------------------

function renderSidebar() {
  const list = conversations();
  const ul = $('conversations');
  ul.replaceChildren(
    ...list.map((c) => {
      const n = c.newest;
      const preview = isMail(n) ? n.mail?.subject || n.content : n.content;
      const label = isMail(n) ? 'Mail' : n.product === 'intl' ? 'Intl SMS' : 'SMS';
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'conv',
            'data-key': c.key,
            'aria-current': c.key === state.selected ? 'true' : undefined,
            onclick: () => select(c.key),
          },
          h(
            'span',
            { class: `avatar avatar-${isMail(n) ? 'mail' : 'sms'}`, 'aria-hidden': 'true' },
            isMail(n) ? '@' : '#',
          ),
          h(
            'span',
            { class: 'conv-main' },
            h(
              'span',
              { class: 'conv-top' },
              h('span', { class: 'conv-to' }, n.to),
              h('time', { datetime: n.sentAt }, formatTime(n.sentAt, false)),
            ),
            h('span', { class: 'conv-preview' }, h('span', { class: 'kind' }, label), ` ${preview}`),
          ),
          c.unread > 0 ? h('span', { class: 'badge', 'aria-label': `${c.unread} unread` }, String(c.unread)) : null,
        ),
      );
    }),
  );
  $('no-match').hidden = !(list.length === 0 && state.messages.size > 0);
  const unread = [...state.messages.values()].filter((m) => !state.seen.has(m.id)).length;
  document.title = `${unread ? `(${unread}) ` : ''}Inbox · alisms emulator`;
  return list;
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
      class: 'bubble',
      'data-id': m.id,
      'aria-label': `${m.product === 'intl' ? 'International SMS' : 'SMS'} at ${formatTime(m.sentAt)}`,
    },
    h('p', { class: 'content' }, ...highlighted(m.content, m.code)),
    codeRow(m),
    h(
      'footer',
      { class: 'meta' },
      h('time', { datetime: m.sentAt }, formatTime(m.sentAt)),
      statusPill(m),
      h('span', {}, meta.join(' · ')),
    ),
  );
}

function mailCard(m) {
  const mail = m.mail || { from: '', subject: m.content };
  const from = mail.fromAlias ? `${mail.fromAlias} <${mail.from}>` : mail.from;
  const panes = [];
  if (mail.htmlBody) {
    // sandbox="" with no allowances: no scripts, no forms, no same-origin access, no navigation.
    const frame = h('iframe', { class: 'mail-frame', title: `Mail body: ${mail.subject}`, loading: 'lazy' });
    frame.setAttribute('sandbox', '');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.srcdoc = mail.htmlBody;
    panes.push(['Preview', frame]);
  }
  if (mail.textBody) panes.push(['Text', h('pre', { class: 'mail-text' }, mail.textBody)]);
  if (mail.htmlBody) panes.push(['HTML source', h('pre', { class: 'mail-text' }, mail.htmlBody)]);
  return h(
    'article',
    { class: 'mail', 'data-id': m.id, 'aria-label': `Mail: ${mail.subject}` },
    h('h3', { class: 'mail-subject' }, mail.subject || '(no subject)'),
    h(
      'dl',
      { class: 'mail-head' },
      h('dt', {}, 'From'),
      h('dd', {}, from),
      h('dt', {}, 'To'),
      h('dd', {}, m.to),
      h('dt', {}, 'Date'),
      h('dd', {}, h('time', { datetime: m.sentAt }, formatTime(m.sentAt))),
    ),
    codeRow(m),
    tabs(m.id, panes),
    h(
      'footer',
      { class: 'meta' },
      statusPill(m),
      m.envId ? h('span', {}, `EnvId ${m.envId}`) : null,
      mail.tagName ? h('span', {}, `Tag ${mail.tagName}`) : null,
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

const render = (m) => (isMail(m) ? mailCard(m) : smsBubble(m));

function renderThread(list = conversations()) {
  const hasAny = state.messages.size > 0;
  $('empty').hidden = hasAny;
  $('layout').dataset.empty = String(!hasAny);
  const thread = $('thread');
  const conv = list.find((c) => c.key === state.selected);
  thread.hidden = !conv;
  if (!conv) {
    thread.replaceChildren();
    if (hasAny && list.length > 0 && window.matchMedia('(min-width: 761px)').matches) return select(list[0].key);
    $('layout').dataset.view = 'list';
    return;
  }
  const n = conv.newest;
  const count =
    conv.shown.length === conv.all.length ? `${conv.all.length}` : `${conv.shown.length} of ${conv.all.length}`;
  thread.replaceChildren(
    h(
      'header',
      { class: 'thread-head' },
      h('button', { type: 'button', class: 'back', onclick: () => back(), 'aria-label': 'Back to conversations' }, '‹'),
      h('h2', {}, n.to),
      h('span', { class: 'count' }, `${count} message${conv.all.length === 1 ? '' : 's'}`),
    ),
    h('div', { class: 'items', id: 'items' }, ...conv.shown.map(render)),
  );
  markSeen(conv);
  scrollToEnd();
}

function scrollToEnd() {
  const box = $('conversation');
  box.scrollTop = box.scrollHeight;
}

function markSeen(conv) {
  if (document.visibilityState !== 'visible') return;
  let changed = false;
  for (const m of conv.all) {
    if (!state.seen.has(m.id)) {
      state.seen.add(m.id);
      changed = true;
    }
  }
  if (changed) {
    saveSeen();
    renderSidebar();
  }
}

function select(key) {
  state.selected = key;
  $('layout').dataset.view = 'thread';
  if (location.hash !== `#${encodeURIComponent(key)}`) history.replaceState(null, '', `#${encodeURIComponent(key)}`);
  renderThread(renderSidebar());
}

function back() {
  $('layout').dataset.view = 'list';
  document.querySelector(`.conv[data-key="${CSS.escape(state.selected || '')}"]`)?.focus();
}

function renderAll() {
  renderThread(renderSidebar());
}

// ---- live updates -----------------------------------------------------------------------------

function onMessage(m) {
  state.messages.set(m.id, m);
  const list = renderSidebar();
  const items = document.getElementById('items');
  if (items && keyOf(m) === state.selected && matches(m, state.query)) {
    items.append(render(m));
    markSeen(list.find((c) => c.key === state.selected));
    scrollToEnd();
  } else if (!state.selected || !items) {
    renderThread(list);
  }
}

function onStatus(m) {
  const known = state.messages.get(m.id);
  state.messages.set(m.id, known ? { ...known, ...m } : m);
  const pill = document.querySelector(`[data-id="${CSS.escape(m.id)}"] .status`);
  if (pill) pill.replaceWith(statusPill(state.messages.get(m.id)));
  else if (!known) onMessage(m);
}

function onClear() {
  state.messages.clear();
  state.selected = null;
  history.replaceState(null, '', location.pathname);
  renderAll();
}

async function loadAll() {
  const res = await fetch('api/messages?limit=1000', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`api/messages answered ${res.status}`);
  const body = await res.json();
  const list = Array.isArray(body) ? body : body.messages || body.items || [];
  const fresh = new Map(list.map((m) => [m.id, m]));
  let newest = '';
  for (const m of list) if (m.sentAt > newest) newest = m.sentAt;
  // Keep what the event stream delivered while this request was on its way.
  for (const m of state.messages.values()) if (!fresh.has(m.id) && m.sentAt > newest) fresh.set(m.id, m);
  state.messages = fresh;
  renderAll();
}

function connect() {
  const live = $('live');
  const events = new EventSource('api/events');
  let dropped = false;
  const parse = (fn) => (e) => {
    try {
      const data = JSON.parse(e.data);
      fn(data.message || data);
    } catch {
      // A malformed event is skipped; the next reload shows the store as it is.
    }
  };
  events.addEventListener('message', parse(onMessage));
  events.addEventListener('status', parse(onStatus));
  events.addEventListener('clear', () => onClear());
  events.addEventListener('open', () => {
    live.dataset.state = 'live';
    live.textContent = 'Live';
    // Messages sent while we were disconnected never reached us as events.
    if (dropped) loadAll().catch(() => {});
    dropped = false;
  });
  events.addEventListener('error', () => {
    dropped = true;
    live.dataset.state = 'down';
    live.textContent = 'Reconnecting…';
  });
}

// ---- wiring -----------------------------------------------------------------------------------

function init() {
  $('origin').textContent = location.origin;
  const search = /** @type {HTMLInputElement} */ ($('search'));
  $('search-form').addEventListener('submit', (e) => e.preventDefault());
  search.addEventListener('input', () => {
    state.query = search.value.trim().toLowerCase();
    renderAll();
  });
  $('clear').addEventListener('click', async () => {
    const res = await fetch('api/messages', { method: 'DELETE' });
    if (res.ok) onClear();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') renderAll();
  });
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) state.selected = fromHash;
  connect();
  loadAll().catch((error) => {
    $('live').textContent = `Could not load messages: ${error.message}`;
  });
}

init();
