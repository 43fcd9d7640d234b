'use strict';
// BorderEdge technician console: plain DOM, no framework. Text goes in with textContent only.
(function () {
  const state = { session: null, lang: localStorage.getItem('be.lang') || 'en', messages: {}, lanes: new Map(),
    view: 'lanes', source: null, pending: null, timer: null };
  const $ = (id) => document.getElementById(id);

  // ---- i18n and time -----------------------------------------------------------------------
  function t(key, ...args) {
    let s = state.messages[key];
    if (s === undefined) s = key;
    return s.replace(/\{(\d+)\}/g, (_, i) => (args[i] === undefined ? '' : String(args[i])));
  }
  async function loadLanguage(lang) {
    const r = await fetch('/console/static/i18n/messages_' + lang + '.json', { cache: 'no-cache' });
    state.messages = await r.json();
    state.lang = lang;
    localStorage.setItem('be.lang', lang);
    document.documentElement.lang = lang;
    document.title = t('app.title');
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('.lang button').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang));
  }
  function fmtTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    const zone = (state.session && state.session.zone) || 'Asia/Ho_Chi_Minh';
    return new Intl.DateTimeFormat(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: zone, year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
  }
  function fmtNumber(n, digits) {
    return new Intl.NumberFormat(state.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits || 0 }).format(n);
  }
  // The decision's evidence (plate crop, else overview) from the authenticated evidence route; hidden when there is none.
  function evidenceImage(l) {
    const box = el('div', { class: 'evidence' });
    const at = encodeURIComponent(l.decision.at || '');
    const base = '/console/evidence/lanes/' + encodeURIComponent(l.id) + '/';
    const img = el('img', { class: 'evidence-img', alt: t('lane.evidence'), src: base + 'plate-crop?at=' + at });
    img.addEventListener('error', () => {
      if (img.dataset.fallback) { box.hidden = true; return; }
      img.dataset.fallback = '1';
      img.src = base + 'overview?at=' + at;
    });
    box.append(img);
    return box;
  }
  function fmtAge(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 1000) return fmtNumber(ms) + ' ' + t('common.ms');
    return fmtNumber(ms / 1000, 1) + ' ' + t('common.s');
  }

  // ---- HTTP --------------------------------------------------------------------------------
  async function api(method, path, body, background) {
    const headers = { 'Accept': 'application/json' };
    if (background) headers['X-Background'] = '1';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.session && state.session.csrf) headers['X-CSRF-Token'] = state.session.csrf;
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin' });
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (r.status === 401 && !path.endsWith('/login')) { sessionEnded(); }
    return { status: r.status, data: data || {} };
  }

  // ---- DOM helpers -------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else if (k.startsWith('data-')) e.setAttribute(k, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  function toast(message, kind) {
    const box = $('toast');
    box.textContent = message;
    box.className = 'toast ' + (kind || '');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => box.classList.add('hidden'), 6000);
  }
  function roleAtLeast(role) {
    const order = ['viewer', 'technician', 'supervisor'];
    return state.session && order.indexOf(state.session.role) >= order.indexOf(role);
  }

  // ---- session -----------------------------------------------------------------------------
  async function refreshSession() {
    const r = await api('GET', '/console/api/session');
    state.session = r.data;
    return r.data;
  }
  function sessionEnded() {
    if (state.session && state.session.authenticated) toast(t('common.sessionExpired'), 'bad');
    if (state.session) state.session.authenticated = false;
    stopLive();
    showAuth();
  }
  function showAuth() {
    document.querySelectorAll('.view').forEach((v) => v.classList.add('hidden'));
    $('nav').classList.add('hidden');
    $('logout').classList.add('hidden');
    $('live').classList.add('hidden');
    $('who').textContent = '';
    if (state.session && state.session.setupRequired) { $('view-setup').classList.remove('hidden'); $('setup-token').focus(); }
    else { $('view-login').classList.remove('hidden'); $('login-user').focus(); }
  }
  function loggedIn() {
    $('view-login').classList.add('hidden');
    $('view-setup').classList.add('hidden');
    $('nav').classList.remove('hidden');
    $('logout').classList.remove('hidden');
    $('who').textContent = state.session.user + ' · ' + state.session.role;
    $('logout').title = state.session.user + ' · ' + state.session.role;
    document.querySelectorAll('.supervisor-only').forEach((e) => e.classList.toggle('hidden', !roleAtLeast('supervisor')));
    startLive();
    route();
  }

  // ---- routing -----------------------------------------------------------------------------
  const views = { lanes: renderLanes, devices: loadDevices, sync: loadSync, events: loadEvents, stages: loadStages,
    audit: loadAudit, profiles: loadProfiles, users: loadUsers };
  function route() {
    if (!state.session || !state.session.authenticated) return;
    let v = (location.hash || '#lanes').substring(1);
    if (!views[v]) v = 'lanes';
    if ((v === 'audit' || v === 'users') && !roleAtLeast('supervisor')) v = 'lanes';
    state.view = v;
    document.querySelectorAll('.view').forEach((s) => s.classList.toggle('hidden', s.id !== 'view-' + v));
    document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === v));
    clearInterval(state.timer);
    views[v]();
    if (v === 'devices' || v === 'sync' || v === 'stages') state.timer = setInterval(() => views[v](true), 3000);
  }

  // ---- lanes -------------------------------------------------------------------------------
  function stateClass(s) {
    s = (s || '').toUpperCase();
    if (s === 'IDLE') return 's-idle';
    if (['RELEASED', 'OPEN', 'PASSING', 'RELEASE'].includes(s)) return 's-ok';
    if (['HELD', 'HOLD'].includes(s)) return 's-warn';
    if (['INSPECT', 'ALARM', 'FAULT'].includes(s)) return 's-bad';
    if (s.startsWith('MANUAL')) return 's-manual';
    if (['OFFLINE', 'UNKNOWN', 'DOWN'].includes(s)) return 's-off';
    return 's-busy';
  }
  function stateLabel(s) { const k = 'state.' + s; const v = t(k); return v === k ? s : v; }
  function laneCard(l) {
    const card = el('article', { class: 'card lane ' + stateClass(l.state), id: 'lane-' + l.id, 'data-lane': l.id, 'data-state': l.state });
    card.append(el('div', { class: 'lane-head' },
      el('div', null, el('div', { class: 'lane-id', text: l.id }), el('div', { class: 'lane-type', text: l.type })),
      el('div', null, el('div', { class: 'lane-state', text: stateLabel(l.state) }),
        el('div', { class: 'lane-since', text: l.since ? t('lane.since') + ' ' + fmtTime(l.since) : '' }))));
    const body = el('div', { class: 'lane-body' });
    if (l.alarm) body.append(el('div', { class: 'alarm', text: t('lane.alarm') + ': ' + l.alarm }));
    const v = l.vehicle;
    if (v && l.type === 'resident-trade') {
      // A resident lane reads a person's purchase code, not a truck: show the purchase against the quota.
      const r = l.resident;
      const facts = el('dl', { class: 'facts resident' });
      const vnd = (n) => (n === null || n === undefined ? '—' : fmtNumber(n) + ' ₫');
      facts.append(el('dt', { text: t('resident.id') }), el('dd', { class: 'resident-id', text: r ? r.id : '—' }));
      facts.append(el('dt', { text: t('resident.value') }), el('dd', { text: r ? vnd(r.valueVnd) : '—' }));
      facts.append(el('dt', { text: t('resident.used', r ? r.period : '') }), el('dd', { text: r ? vnd(r.usedVnd) : '—' }));
      facts.append(el('dt', { text: t('resident.quota') }), el('dd', { text: r ? vnd(r.quotaVnd) : '—' }));
      body.append(facts);
    } else if (v) {
      const crop = el('div', { class: 'crop' });
      if (v.plateCrop) crop.append(el('img', { src: '/console/api/lanes/' + encodeURIComponent(l.id) + '/crop?v=' + encodeURIComponent(v.plate || '') + Date.now(), alt: v.plate || '' }));
      else crop.textContent = t('lane.plate');
      body.append(el('div', null, crop, el('div', { class: 'plate', text: v.plate || t('lane.noPlate') })));
      const facts = el('dl', { class: 'facts' });
      facts.append(el('dt', { text: t('lane.containers') }), el('dd', { text: (v.containers || []).join(', ') || '—' }));
      facts.append(el('dt', { text: t('lane.declaration') }), el('dd', { text: v.declaration || '—' }));
      facts.append(el('dt', { text: t('lane.weight') }), el('dd', { class: 'weight', text: v.weightKg === null || v.weightKg === undefined ? '—' : fmtNumber(v.weightKg) + ' ' + t('common.kg') }));
      body.append(facts);
    } else {
      body.append(el('div', { class: 'empty', text: t('lane.empty') }));
    }
    if (l.decision) {
      const d = el('div', { class: 'decision o-' + l.decision.outcome });
      d.append(el('div', { class: 'outcome', text: t('lane.decision') + ': ' + (t('outcome.' + l.decision.outcome)) }));
      if (l.decision.reasons && l.decision.reasons.length) {
        const ul = el('ul');
        l.decision.reasons.forEach((r) => ul.append(el('li', { text: r })));
        d.append(ul);
      }
      d.append(evidenceImage(l));
      body.append(d);
    }
    if (l.manual) {
      const m = l.manual;
      body.append(el('div', { class: 'manual-note' + (m.accepted ? '' : ' refused') },
        t('lane.manual') + ': ' + t('action.' + m.action) + (m.accepted ? '' : ' (' + t('lane.manualRefused') + ': ' + m.refusal + ')') +
        ' — ' + m.user + ', ' + fmtTime(m.at) + ' — “' + m.reason + '”'));
    }
    card.append(body);
    if (roleAtLeast('technician')) {
      const actions = el('div', { class: 'lane-actions' });
      ['OPEN', 'CLOSE', 'HOLD', 'RELEASE'].forEach((a) => {
        const b = el('button', { type: 'button', class: 'action', 'data-action': a, 'data-lane': l.id, text: t('action.' + a) });
        b.addEventListener('click', () => askOverride(l.id, a));
        actions.append(b);
      });
      card.append(actions);
    }
    return card;
  }
  function renderLanes() {
    const box = $('lanes');
    box.textContent = '';
    if (state.lanes.size === 0) { box.append(el('p', { class: 'empty', text: t('lane.noLanes') })); return; }
    [...state.lanes.values()].sort((a, b) => a.id.localeCompare(b.id)).forEach((l) => box.append(laneCard(l)));
  }
  function updateLane(l) {
    state.lanes.set(l.id, l);
    const old = $('lane-' + l.id);
    if (old && state.view === 'lanes') old.replaceWith(laneCard(l)); else if (state.view === 'lanes') renderLanes();
  }
  function startLive() {
    stopLive();
    const src = new EventSource('/console/api/lanes/stream');
    state.source = src;
    const live = $('live');
    live.classList.remove('hidden');
    src.addEventListener('open', () => { live.textContent = t('live.connected'); live.className = 'live on'; });
    src.addEventListener('snapshot', (e) => {
      state.lanes.clear();
      JSON.parse(e.data).forEach((l) => state.lanes.set(l.id, l));
      if (state.view === 'lanes') renderLanes();
    });
    src.addEventListener('lane', (e) => updateLane(JSON.parse(e.data)));
    src.addEventListener('error', async () => {
      live.textContent = t('live.disconnected'); live.className = 'live off';
      if (src.readyState === EventSource.CLOSED) {
        const s = await refreshSession();
        if (!s.authenticated) sessionEnded(); else setTimeout(startLive, 2000);
      }
    });
  }
  function stopLive() { if (state.source) { state.source.close(); state.source = null; } }

  // ---- override ----------------------------------------------------------------------------
  function askOverride(lane, action) {
    state.pending = { lane, action };
    $('override-title').textContent = t('override.title', t('action.' + action), lane);
    $('override-reason').value = '';
    $('override-error').classList.add('hidden');
    $('override-dialog').showModal();
    $('override-reason').focus();
  }
  async function confirmOverride(ev) {
    ev.preventDefault();
    const reason = $('override-reason').value.trim();
    if (!reason) { showError('override-error', t('override.reasonRequired')); return; }
    const { lane, action } = state.pending;
    const r = await api('POST', '/api/v1/lanes/' + encodeURIComponent(lane) + '/override', { action, reason });
    if (r.status === 200) { $('override-dialog').close(); toast(t('override.done', t('action.' + action), lane), 'ok'); }
    else if (r.status === 409) { $('override-dialog').close(); toast(t('override.refused', r.data.message), 'bad'); }
    else if (r.status === 403) showError('override-error', t('common.forbidden'));
    else if (r.status !== 401) showError('override-error', t('common.error', r.data.message || r.status));
  }
  function showError(id, text) { const e = $(id); e.textContent = text; e.classList.remove('hidden'); }

  // ---- devices, sync -----------------------------------------------------------------------
  async function loadDevices(background) {
    const r = await api('GET', '/console/api/devices', undefined, background === true);
    const body = $('devices');
    body.textContent = '';
    const list = r.data.devices || [];
    if (!list.length) body.append(el('tr', null, el('td', { colspan: 8, class: 'empty', text: t('devices.none') })));
    list.forEach((d) => body.append(el('tr', { 'data-device': d.id },
      el('td', { class: 'mono', text: d.id }), el('td', { text: d.kind }), el('td', { text: d.lane || '—' }),
      el('td', { class: 'mono', text: d.profile }), el('td', null, el('span', { class: 'badge ' + d.status, text: d.status })),
      el('td', { text: d.reason || '' }), el('td', { text: fmtTime(d.lastSeen) }),
      el('td', { class: 'mono', text: Object.entries(d.counters || {}).map(([k, v]) => k + '=' + v).join(' ') }))));
  }
  function tile(k, v, cls) { return el('div', { class: 'card tile ' + (cls || '') }, el('div', { class: 'k', text: k }), el('div', { class: 'v', text: v })); }
  async function loadSync(background) {
    const r = await api('GET', '/console/api/sync', undefined, background === true);
    const box = $('sync');
    box.textContent = '';
    const o = r.data.outbox;
    if (o) {
      box.append(tile(t('sync.pending'), fmtNumber(o.pending), o.pending > 0 ? '' : 'good'));
      box.append(tile(t('sync.oldest'), fmtAge(o.oldestPendingAgeMs)));
      box.append(tile(t('sync.lastSeq'), fmtNumber(o.lastSeq)));
      box.append(tile(t('sync.lastAck'), fmtNumber(o.lastAckSeq)));
      if (o.degradedReason) box.append(tile(t('sync.degraded'), o.degradedReason, 'bad'));
    } else box.append(tile(t('sync.outbox'), t('sync.unavailable'), 'bad'));
    const l = r.data.link;
    if (l) {
      box.append(tile(t('sync.link'), l.connected ? t('sync.connected') : t('sync.disconnected'), l.connected ? 'good' : 'bad'));
      box.append(tile(t('sync.lastContact'), fmtTime(l.lastContact)));
    } else box.append(tile(t('sync.link'), t('sync.unavailable'), 'bad'));
    box.append(tile(t('sync.auditPending'), fmtNumber(r.data.auditPendingSync || 0)));
  }

  // ---- events ------------------------------------------------------------------------------
  async function loadEvents(ev) {
    if (ev) ev.preventDefault();
    const p = new URLSearchParams();
    ['plate', 'container', 'declaration', 'from', 'to'].forEach((k) => { const v = $('ev-' + k).value.trim(); if (v) p.set(k, v); });
    const r = await api('GET', '/console/api/events?' + p.toString());
    const body = $('events');
    body.textContent = '';
    if (r.status === 503) { body.append(el('tr', null, el('td', { colspan: 5, class: 'empty', text: t('events.unavailable') }))); return; }
    const list = r.data.events || [];
    if (!list.length) body.append(el('tr', null, el('td', { colspan: 5, class: 'empty', text: t('events.none') })));
    list.forEach((e) => {
      const det = el('details', null, el('summary', { text: summary(e.payload) }), el('pre', { class: 'json', text: JSON.stringify(e.payload, null, 2) }));
      body.append(el('tr', { 'data-seq': e.seq }, el('td', { class: 'mono', text: e.seq }), el('td', { text: fmtTime(e.time) }),
        el('td', { text: e.type }), el('td', { text: e.laneId || '—' }), el('td', { class: 'detail' }, det)));
    });
  }
  function summary(p) {
    const parts = [];
    for (const [k, v] of Object.entries(p || {})) {
      if (v === null || typeof v === 'object') continue;
      parts.push(k + '=' + v);
      if (parts.length >= 5) break;
    }
    return parts.join(' · ') || '{…}';
  }

  // ---- stage times -------------------------------------------------------------------------
  async function loadStages(background) {
    const r = await api('GET', '/console/api/stages', undefined, background === true);
    const box = $('stages');
    box.textContent = '';
    const lanes = r.data.lanes || {};
    if (!Object.keys(lanes).length) { box.append(el('p', { class: 'empty', text: t('stages.none') })); return; }
    for (const [lane, stages] of Object.entries(lanes)) {
      const outcomes = Object.entries((r.data.outcomes || {})[lane] || {}).map(([o, n]) => t('outcome.' + o) + ' ' + n).join(' · ');
      const card = el('div', { class: 'card stage-lane', 'data-lane': lane },
        el('h3', { text: t('stages.lane') + ' ' + lane }),
        el('div', { class: 'summary', text: t('stages.cycles') + ': ' + ((r.data.cycles || {})[lane] || 0) + (outcomes ? ' — ' + t('stages.outcomes') + ': ' + outcomes : '') }));
      const table = el('table', { class: 'grid' }, el('thead', null, el('tr', null, el('th', { text: t('stages.stage') }),
        el('th', { text: t('stages.count') }), el('th', { text: t('stages.p50') }), el('th', { text: t('stages.p95') }))));
      const tb = el('tbody');
      stages.forEach((s) => tb.append(el('tr', null, el('td', { text: s.stage }), el('td', { text: fmtNumber(s.count) }),
        el('td', { class: 'mono', text: fmtAge(s.p50Ms) }), el('td', { class: 'mono', text: fmtAge(s.p95Ms) }))));
      table.append(tb);
      card.append(el('div', { class: 'stage-wrap' }, chart(stages), table));
      box.append(card);
    }
  }
  function svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  function chart(stages) {
    const rowH = 30, left = 110, width = 560, barMax = width - left - 70;
    const max = Math.max(1, ...stages.map((s) => s.p95Ms));
    const root = svg('svg', { class: 'chart', width: width, height: stages.length * rowH + 24, viewBox: '0 0 ' + width + ' ' + (stages.length * rowH + 24) });
    stages.forEach((s, i) => {
      const y = i * rowH + 4;
      const label = svg('text', { x: left - 8, y: y + 16, 'text-anchor': 'end' }); label.textContent = s.stage; root.append(label);
      root.append(svg('rect', { class: 'p95', x: left, y: y + 2, height: 11, width: Math.max(1, barMax * s.p95Ms / max) }));
      root.append(svg('rect', { class: 'p50', x: left, y: y + 14, height: 11, width: Math.max(1, barMax * s.p50Ms / max) }));
      const val = svg('text', { x: left + Math.max(1, barMax * s.p95Ms / max) + 6, y: y + 12 }); val.textContent = fmtAge(s.p95Ms); root.append(val);
    });
    root.append(svg('line', { class: 'axis', x1: left, x2: left, y1: 0, y2: stages.length * rowH + 4 }));
    const wrap = el('div', null, root, el('div', { class: 'legend' }, el('span', { class: 'sw p50' }), 'p50', el('span', { class: 'sw p95' }), 'p95'));
    return wrap;
  }

  // ---- audit -------------------------------------------------------------------------------
  async function loadAudit() {
    const r = await api('GET', '/console/api/audit?limit=200');
    const body = $('audit');
    body.textContent = '';
    (r.data.entries || []).forEach((e) => body.append(el('tr', { 'data-seq': e.seq, 'data-action': e.action },
      el('td', { class: 'mono', text: e.seq }), el('td', { text: fmtTime(e.time) }), el('td', { text: e.user || '—' }),
      el('td', { text: e.action }), el('td', { text: e.lane || '—' }),
      el('td', { class: 'detail', text: Object.entries(e.detail || {}).map(([k, v]) => k + ': ' + v).join(' · ') }),
      el('td', { class: 'mono', text: (e.hash || '').substring(0, 12) + '…' }))));
  }
  async function verifyAudit() {
    const r = await api('GET', '/console/api/audit/verify');
    const out = $('audit-result');
    if (r.data.ok) { out.textContent = t('audit.ok', r.data.entries); out.className = 'verify ok'; }
    else { out.textContent = t('audit.broken', r.data.firstBadSeq, r.data.problem || r.data.message); out.className = 'verify bad'; }
  }

  // ---- users and API tokens (supervisor) ----------------------------------------------------
  async function loadUsers() {
    const r = await api('GET', '/console/api/users');
    const body = $('users');
    const select = $('token-user');
    const chosen = select.value;
    body.textContent = '';
    select.textContent = '';
    (r.data.users || []).forEach((u) => {
      body.append(el('tr', { 'data-user': u.name }, el('td', { text: u.name }), el('td', { text: t('role.' + u.role) }),
        el('td', { text: fmtTime(u.created) }), el('td', { class: 'mono', text: (u.tokens || []).map((k) => k.id + '… ' + k.label).join(', ') || '—' })));
      select.append(el('option', { value: u.name, text: u.name, selected: u.name === chosen ? 'selected' : null }));
    });
  }
  async function addUser(ev) {
    ev.preventDefault();
    const name = $('user-name').value.trim();
    const r = await api('POST', '/console/api/users', { name, role: $('user-role').value, password: $('user-password').value });
    $('user-password').value = '';
    if (r.status === 201) { $('user-name').value = ''; toast(t('users.added', name), 'ok'); loadUsers(); }
    else toast(t('common.error', r.data.message || r.status), 'bad');
  }
  async function addToken(ev) {
    ev.preventDefault();
    const user = $('token-user').value;
    const r = await api('POST', '/console/api/tokens', { user, label: $('token-label').value.trim() });
    if (r.status === 201) {
      const box = $('token-shown');
      box.textContent = t('tokens.shown', user) + ' ' + r.data.token;
      box.classList.remove('hidden');
      loadUsers();
    } else toast(t('common.error', r.data.message || r.status), 'bad');
  }

  // ---- profiles ----------------------------------------------------------------------------
  async function loadProfiles() {
    const r = await api('GET', '/console/api/profiles');
    const box = $('profiles');
    box.textContent = '';
    if (!r.data.available) { box.append(el('p', { class: 'empty', text: t('profiles.unavailable') })); return; }
    const table = el('table', { class: 'grid' }, el('thead', null, el('tr', null, el('th', { text: t('profiles.id') }),
      el('th', { text: t('profiles.vendor') }), el('th', { text: t('profiles.model') }), el('th', { text: t('profiles.driver') }),
      el('th', { text: t('events.details') }))));
    const tb = el('tbody');
    (r.data.profiles || []).forEach((p) => tb.append(el('tr', null, el('td', { class: 'mono', text: p.id }), el('td', { text: p.vendor || '' }),
      el('td', { text: p.model || '' }), el('td', { class: 'mono', text: p.driver }),
      el('td', { class: 'detail' }, el('details', null, el('summary', { text: p.source || '' }), el('pre', { class: 'json', text: JSON.stringify(p.body, null, 2) }))))));
    table.append(tb);
    box.append(table);
    if ((r.data.problems || []).length) {
      box.append(el('h3', { text: t('profiles.problems') }));
      r.data.problems.forEach((p) => box.append(el('pre', { class: 'json', text: JSON.stringify(p) })));
    }
  }

  // ---- wiring ------------------------------------------------------------------------------
  async function login(ev) {
    ev.preventDefault();
    $('login-error').classList.add('hidden');
    const r = await api('POST', '/console/api/login', { user: $('login-user').value, password: $('login-password').value });
    $('login-password').value = '';
    if (r.status === 200) { await refreshSession(); loggedIn(); }
    else if (r.status === 429) showError('login-error', t('login.throttled', r.data.retryAfterSec));
    else showError('login-error', t('login.bad'));
  }
  async function setup(ev) {
    ev.preventDefault();
    const r = await api('POST', '/console/api/setup', { token: $('setup-token').value, user: $('setup-user').value, password: $('setup-password').value });
    if (r.status === 200) { await refreshSession(); loggedIn(); }
    else showError('setup-error', r.data.message || String(r.status));
  }
  async function logout() {
    await api('POST', '/console/api/logout', {});
    stopLive();
    await refreshSession();
    showAuth();
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('login-form').addEventListener('submit', login);
    $('setup-form').addEventListener('submit', setup);
    $('logout').addEventListener('click', logout);
    $('override-form').addEventListener('submit', confirmOverride);
    $('override-cancel').addEventListener('click', () => $('override-dialog').close());
    $('override-reason').addEventListener('input', () => $('override-error').classList.add('hidden'));
    $('events-form').addEventListener('submit', loadEvents);
    $('audit-verify').addEventListener('click', verifyAudit);
    $('user-form').addEventListener('submit', addUser);
    $('token-form').addEventListener('submit', addToken);
    document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', async () => {
      await loadLanguage(b.dataset.lang);
      if (state.session && state.session.authenticated) route();
    }));
    window.addEventListener('hashchange', route);
    await loadLanguage(state.lang);
    const s = await refreshSession();
    if (s.authenticated) loggedIn(); else showAuth();
  });
})();
