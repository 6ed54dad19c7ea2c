// Hangar's bundled console page: sign in with the API token (traded for an HttpOnly cookie),
// list sandboxes with live state from /api/events, resume/hibernate them and browse their files.
// All data goes into the DOM as text (textContent, attributes), never as markup.

const STATES = ['provisioning', 'active', 'hibernating', 'hibernated', 'restoring', 'failed'];
const PULSING = new Set(['provisioning', 'hibernating', 'restoring']);
const MAX_VIEW_BYTES = 1024 * 1024;

const $ = (id) => document.getElementById(id);

// h('button', {class: 'btn', onclick: f}, 'text', child…): an element, children as text or nodes.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(path, { method = 'GET', headers = {}, body, raw = false } = {}) {
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (!response.ok) {
    let code = String(response.status);
    let message = response.statusText;
    try {
      const json = await response.json();
      code = json.error?.code ?? code;
      message = json.error?.message ?? message;
    } catch { /* not JSON */ }
    throw new ApiError(response.status, code, message);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

const encodePath = (path) => path.split('/').filter(Boolean).map(encodeURIComponent).join('/');

// ---- state ----

const sandboxes = new Map(); // id -> sandbox JSON
let events = null;
let selected = null; // {id, path}
let reloadTimer = null;

// ---- chrome: toast and connection ----

let toastTimer = null;
function toast(message) {
  const el = $('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 6000);
}

function setConnection(state) {
  const el = $('connection');
  el.hidden = false;
  el.dataset.state = state;
  el.textContent = { live: 'Live', connecting: 'Connecting…', offline: 'Reconnecting…' }[state];
}

// ---- sign in / out ----

function showSignIn(message = '') {
  stopEvents();
  sandboxes.clear();
  selected = null;
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('connection').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message;
  $('token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = $('token');
  const token = input.value.trim();
  input.value = '';
  $('signin-error').textContent = '';
  try {
    await api('/api/session', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  } catch (e) {
    $('signin-error').textContent =
      e.status === 401 ? 'That token was not accepted.' : `Sign-in failed: ${e.message}`;
    input.focus();
    return;
  }
  await showConsole();
}

async function signOut() {
  try { await api('/api/session', { method: 'DELETE' }); } catch { /* signed out anyway */ }
  showSignIn();
}

async function showConsole() {
  $('signin').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  renderFiles();
  await reloadSandboxes();
  startEvents();
}

// ---- sandboxes ----

async function reloadSandboxes() {
  try {
    const { sandboxes: list } = await api('/api/sandboxes');
    sandboxes.clear();
    for (const s of list) sandboxes.set(s.id, s);
    renderSandboxes();
  } catch (e) {
    if (e.status === 401) showSignIn('Your session has ended; sign in again.');
    else toast(`Could not list sandboxes: ${e.message}`);
  }
}

function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(reloadSandboxes, 150);
}

function badge(sandbox) {
  const state = STATES.includes(sandbox.state) ? sandbox.state : 'unknown';
  const el = h('span', {
    class: `badge badge-${state}${PULSING.has(state) ? ' pulsing' : ''}`,
    title: state === 'failed' && sandbox.error ? sandbox.error : null,
  }, sandbox.state);
  return el;
}

function relativeTime(iso) {
  if (!iso) return '—';
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (Number.isNaN(seconds)) return '—';
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(iso).toLocaleDateString();
}

function actionButton(label, sandbox, action, enabled) {
  return h('button', {
    type: 'button',
    class: `btn btn-small${action === 'resume' ? ' btn-primary' : ''}`,
    disabled: !enabled,
    'aria-label': `${label} ${sandbox.name}`,
    onclick: (event) => { event.stopPropagation(); runAction(sandbox.id, action, event.currentTarget); },
  }, label);
}

function renderSandboxes() {
  const rows = $('sandbox-rows');
  // Rows are rebuilt on every event: keep the keyboard focus on the same control.
  const focused = rows.contains(document.activeElement)
    ? document.activeElement.getAttribute('aria-label') : null;
  const list = [...sandboxes.values()].sort((a, b) => a.name.localeCompare(b.name));
  rows.replaceChildren(...list.map((s) => {
    const isSelected = selected?.id === s.id;
    const row = h('tr', {
      'data-sandbox-id': s.id,
      class: isSelected ? 'selected' : null,
      'aria-current': isSelected ? 'true' : null,
      onclick: () => selectSandbox(s.id),
    },
      h('td', { class: 'name' },
        h('button', {
          type: 'button', class: 'link', 'aria-label': `Browse files of ${s.name}`,
          onclick: (event) => { event.stopPropagation(); selectSandbox(s.id); },
        }, s.name),
        h('div', { class: 'sub' }, `${s.chatId} / ${s.threadId}`)),
      h('td', {}, h('span', { class: 'tag' }, s.backend)),
      h('td', {}, badge(s)),
      h('td', { class: 'muted', title: s.lastActivityAt ?? '' }, relativeTime(s.lastActivityAt)),
      h('td', { class: 'actions' },
        actionButton('Resume', s, 'resume', s.state === 'hibernated' || s.state === 'failed'),
        actionButton('Hibernate', s, 'hibernate', s.state === 'active')));
    return row;
  }));
  if (focused) {
    [...rows.querySelectorAll('[aria-label]')]
      .find((el) => el.getAttribute('aria-label') === focused && !el.disabled)?.focus();
  }
  $('sandbox-empty').hidden = list.length > 0;
  $('sandbox-count').textContent = `${list.length} total · ${list.filter((s) => s.state === 'active').length} active`;
  if (selected && !sandboxes.has(selected.id)) {
    selected = null;
    renderFiles();
  }
}

async function runAction(id, action, button) {
  button.disabled = true;
  try {
    const sandbox = await api(`/api/sandboxes/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    sandboxes.set(sandbox.id, sandbox);
  } catch (e) {
    if (e.status === 401) return showSignIn('Your session has ended; sign in again.');
    toast(`${action === 'resume' ? 'Resume' : 'Hibernate'} failed: ${e.message}`);
  }
  renderSandboxes();
}

// ---- live events ----

function startEvents() {
  stopEvents();
  setConnection('connecting');
  events = new EventSource('/api/events');
  events.addEventListener('open', () => setConnection('live'));
  events.addEventListener('state', (message) => {
    const e = JSON.parse(message.data);
    const sandbox = sandboxes.get(e.sandboxId);
    if (!sandbox) { scheduleReload(); return; }
    sandbox.state = e.state;
    sandbox.error = e.error ?? null;
    if (e.at) sandbox.updatedAt = e.at;
    renderSandboxes();
  });
  events.addEventListener('deleted', (message) => {
    const e = JSON.parse(message.data);
    sandboxes.delete(e.sandboxId);
    renderSandboxes();
  });
  events.addEventListener('error', async () => {
    if (events?.readyState === EventSource.CLOSED) {
      // Refused (401 after the session ended, or the server went away): find out which.
      try {
        await api('/api/version');
        setTimeout(startEvents, 2000);
      } catch (e) {
        if (e.status === 401) showSignIn('Your session has ended; sign in again.');
        else { setConnection('offline'); setTimeout(startEvents, 3000); }
      }
    } else {
      setConnection('offline');
    }
  });
}

function stopEvents() {
  if (events) events.close();
  events = null;
}

// ---- files ----

function selectSandbox(id) {
  selected = { id, path: '' };
  renderSandboxes();
  openDirectory('');
}

function fsUrl(path, query = '') {
  return `/api/sandboxes/${encodeURIComponent(selected.id)}/fs/${encodePath(path)}${query}`;
}

function renderBreadcrumb(path, filePath = null) {
  const nav = $('breadcrumb');
  const parts = path.split('/').filter(Boolean);
  const items = [h('button', { type: 'button', class: 'crumb', onclick: () => openDirectory('') }, 'workspace')];
  parts.forEach((part, i) => {
    const target = parts.slice(0, i + 1).join('/');
    items.push(h('span', { class: 'sep', 'aria-hidden': 'true' }, '/'));
    items.push(h('button', { type: 'button', class: 'crumb', onclick: () => openDirectory(target) }, part));
  });
  if (filePath) {
    items.push(h('span', { class: 'sep', 'aria-hidden': 'true' }, '/'));
    items.push(h('span', { class: 'crumb current', 'aria-current': 'page' }, filePath.split('/').pop()));
  } else {
    items.at(-1).setAttribute('aria-current', 'page');
  }
  nav.replaceChildren(...items);
}

function renderFiles() {
  const has = Boolean(selected);
  $('files-hint').hidden = has;
  document.querySelector('.files-body').hidden = !has;
  $('breadcrumb').hidden = !has;
  $('files-sandbox').textContent = has ? (sandboxes.get(selected.id)?.name ?? '') : '';
  if (!has) {
    $('file-list').replaceChildren();
    showText('', '');
  }
}

function showText(title, text, note = false) {
  $('viewer-title').textContent = title;
  const viewer = $('viewer');
  viewer.textContent = text;
  viewer.classList.toggle('note', note);
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function openDirectory(path) {
  if (!selected) return;
  const id = selected.id;
  selected.path = path;
  renderFiles();
  renderBreadcrumb(path);
  showText('', 'Select a file to view it.', true);
  const list = $('file-list');
  list.replaceChildren(h('li', { class: 'empty' }, 'Loading…'));
  let listing;
  try {
    listing = await api(fsUrl(path, '?list=true'));
  } catch (e) {
    if (selected?.id !== id) return;
    list.replaceChildren(h('li', { class: 'empty error' }, e.message));
    return;
  }
  if (selected?.id !== id || selected.path !== path) return;
  const entries = [...listing.entries].sort((a, b) =>
    (a.type === 'dir' ? 0 : 1) - (b.type === 'dir' ? 0 : 1) || a.name.localeCompare(b.name));
  if (entries.length === 0) {
    list.replaceChildren(h('li', { class: 'empty' }, 'This directory is empty.'));
    return;
  }
  list.replaceChildren(...entries.map((entry) => {
    const child = path ? `${path}/${entry.name}` : entry.name;
    const isDir = entry.type === 'dir';
    return h('li', {},
      h('button', {
        type: 'button',
        class: `entry entry-${entry.type}`,
        'data-path': child,
        onclick: () => (isDir ? openDirectory(child) : openFile(child, entry)),
      },
        h('span', { class: 'entry-icon', 'aria-hidden': 'true' }),
        h('span', { class: 'entry-name' }, entry.name + (isDir ? '/' : '')),
        h('span', { class: 'entry-size' }, isDir ? '' : formatSize(entry.size ?? 0))));
  }));
}

async function openFile(path, entry) {
  const id = selected.id;
  renderBreadcrumb(selected.path, path);
  for (const el of document.querySelectorAll('.entry.open')) el.classList.remove('open');
  document.querySelector(`.entry[data-path="${CSS.escape(path)}"]`)?.classList.add('open');
  if ((entry?.size ?? 0) > MAX_VIEW_BYTES) {
    showText(path, `This file is ${formatSize(entry.size)}; the viewer shows files up to 1 MiB.`, true);
    return;
  }
  showText(path, 'Loading…', true);
  try {
    const response = await api(fsUrl(path), { raw: true });
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (selected?.id !== id) return;
    if (bytes.includes(0)) {
      showText(path, 'Binary file: not shown.', true);
      return;
    }
    showText(path, new TextDecoder('utf-8').decode(bytes));
  } catch (e) {
    showText(path, e.message, true);
  }
}

// ---- start ----

async function start() {
  $('signin-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  setInterval(() => { if (sandboxes.size) renderSandboxes(); }, 30000);
  try {
    await api('/api/version');
    await showConsole();
  } catch (e) {
    showSignIn(e.status === 401 ? '' : `The console API did not answer: ${e.message}`);
  }
}

start();
