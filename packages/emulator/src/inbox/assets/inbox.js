// The emulator inbox: plain browser JavaScript, no build step and no third-party code.
// Every piece of message data reaches the page through textContent or an attribute set by the
// DOM API, never through HTML parsing; mail HTML only ever lives in a sandboxed srcdoc iframe.

import { conversations, isMail, keyOf, loadSeen, matches, saveSeen } from './data.js';
import { $, formatTime, h } from './dom.js';
import { render, statusPill } from './messages.js';

const state = {
  /** @type {Map<string, any>} id -> StoredMessage */
  messages: new Map(),
  /** toKey of the open conversation */
  selected: /** @type {string | null} */ (null),
  query: '',
  seen: loadSeen(),
};

function renderSidebar() {
  const list = conversations(state);
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

function renderThread(list = conversations(state)) {
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
    saveSeen(state.seen);
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
  const hint = $('hint-command');
  hint.textContent = `ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret ${hint.textContent.replace('http://127.0.0.1:8787', location.origin)}`;
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
