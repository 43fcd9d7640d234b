'use strict';
// Agency pull tokens: list, issue (secret shown once), revoke. Supervisors only; text goes in with textContent only.
(function () {
  const $ = (id) => document.getElementById(id);
  const i18n = window.BorderEdgeI18n;
  const t = i18n.t;
  const EVENT_TYPES = ['VEHICLE_ARRIVED', 'PLATE_READ', 'CONTAINER_READ', 'QR_READ', 'WEIGHT_MEASURED', 'SEAL_CHECKED',
    'DECISION', 'SCAN_REQUESTED', 'SCAN_COMPLETED', 'BARRIER_OPENED', 'BARRIER_CLOSED', 'VEHICLE_PASSED',
    'CYCLE_COMPLETED', 'MANUAL_OVERRIDE', 'DEVICE_FAULT', 'DEVICE_RECOVERED', 'ALARM', 'RESIDENT_PURCHASE',
    'SEAL_LIFECYCLE', 'EVIDENCE_STORED', 'AUDIT'];
  let csrf = null;

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin' });
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return { status: r.status, data };
  }
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function toast(message, kind) {
    const box = $('toast');
    box.textContent = message;
    box.className = 'toast ' + (kind || '');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => box.classList.add('hidden'), 6000);
  }
  function checkboxes(container, values, name) {
    container.replaceChildren();
    for (const v of values) {
      const label = el('label', null, 'check');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = name;
      box.value = v;
      label.append(box, document.createTextNode(' ' + v));
      container.append(label);
    }
  }
  function when(iso) {
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : new Intl.DateTimeFormat(i18n.locale(), { dateStyle: 'short', timeStyle: 'medium' }).format(d);
  }
  function ticked(name) {
    return Array.from(document.querySelectorAll('input[name="' + name + '"]:checked')).map((b) => b.value);
  }

  async function load() {
    const r = await api('GET', '/console/api/agency-tokens');
    if (r.status !== 200) {
      toast(r.data.message || ('HTTP ' + r.status), 'bad');
      return;
    }
    const body = $('tokens');
    body.replaceChildren();
    for (const tok of r.data.tokens) {
      const tr = document.createElement('tr');
      tr.append(el('td', tok.id), el('td', t('agency.name.' + tok.agency)), el('td', tok.label),
        el('td', tok.eventTypes.length ? tok.eventTypes.join(', ') : t('agency.all')),
        el('td', tok.lanes.length ? tok.lanes.join(', ') : t('agency.all')),
        el('td', when(tok.created) + ' · ' + tok.createdBy),
        el('td', tok.active ? t('agency.active') : t('agency.revoked', when(tok.revokedAt), tok.revokedBy)));
      const cell = el('td');
      if (tok.active) {
        const b = el('button', t('agency.revoke'), 'ghost');
        b.type = 'button';
        b.addEventListener('click', () => revoke(tok));
        cell.append(b);
      }
      tr.append(cell);
      body.append(tr);
    }
  }

  async function revoke(tok) {
    if (!window.confirm(t('agency.revoke.confirm', tok.id, t('agency.name.' + tok.agency), tok.label))) return;
    const r = await api('POST', '/console/api/agency-tokens/' + encodeURIComponent(tok.id) + '/revoke', {});
    toast(r.status === 200 ? t('agency.revoked.toast', tok.id) : (r.data.message || ('HTTP ' + r.status)), r.status === 200 ? 'ok' : 'bad');
    load();
  }

  async function issue(ev) {
    ev.preventDefault();
    const r = await api('POST', '/console/api/agency-tokens', { agency: $('agency').value, label: $('label').value,
      eventTypes: ticked('type'), lanes: ticked('lane') });
    if (r.status !== 201) {
      toast(r.data.message || ('HTTP ' + r.status), 'bad');
      return;
    }
    $('secret-for').textContent = t('agency.name.' + r.data.agency) + (r.data.label ? ' · ' + r.data.label : '') + ' (' + r.data.id + ')';
    $('secret-value').textContent = r.data.token;
    $('secret').classList.remove('hidden');
    $('issue').reset();
    load();
  }

  async function start() {
    await i18n.ready();
    const s = await api('GET', '/console/api/session');
    if (!s.data.authenticated || s.data.role !== 'supervisor') {
      $('denied-text').textContent = s.data.authenticated ? t('agency.denied.role') : t('agency.denied.login');
      $('denied').classList.remove('hidden');
      return;
    }
    csrf = s.data.csrf;
    $('page').classList.remove('hidden');
    checkboxes($('types'), EVENT_TYPES, 'type');
    const lanes = await api('GET', '/api/v1/lanes');
    checkboxes($('lanes'), (lanes.data.lanes || []).map((l) => l.id), 'lane');
    $('issue').addEventListener('submit', issue);
    i18n.onChange(load);
    load();
  }
  start();
})();
