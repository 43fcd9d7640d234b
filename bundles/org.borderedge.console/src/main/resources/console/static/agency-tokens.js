'use strict';
// Agency pull tokens: list, issue (secret shown once), revoke. Supervisors only; text goes in with textContent only.
(function () {
  const $ = (id) => document.getElementById(id);
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
    for (const t of r.data.tokens) {
      const tr = document.createElement('tr');
      tr.append(el('td', t.id), el('td', t.agency), el('td', t.label),
        el('td', t.eventTypes.length ? t.eventTypes.join(', ') : 'all'),
        el('td', t.lanes.length ? t.lanes.join(', ') : 'all'),
        el('td', t.created + ' · ' + t.createdBy),
        el('td', t.active ? 'active' : 'revoked ' + t.revokedAt + ' · ' + t.revokedBy));
      const cell = el('td');
      if (t.active) {
        const b = el('button', 'Revoke', 'ghost');
        b.type = 'button';
        b.addEventListener('click', () => revoke(t));
        cell.append(b);
      }
      tr.append(cell);
      body.append(tr);
    }
  }

  async function revoke(t) {
    if (!window.confirm('Revoke token ' + t.id + ' (' + t.agency + ', ' + t.label + ')? Its next pull gets 401.')) return;
    const r = await api('POST', '/console/api/agency-tokens/' + encodeURIComponent(t.id) + '/revoke', {});
    toast(r.status === 200 ? 'Token ' + t.id + ' revoked' : (r.data.message || ('HTTP ' + r.status)), r.status === 200 ? 'ok' : 'bad');
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
    $('secret-for').textContent = r.data.agency + (r.data.label ? ' · ' + r.data.label : '') + ' (' + r.data.id + ')';
    $('secret-value').textContent = r.data.token;
    $('secret').classList.remove('hidden');
    $('issue').reset();
    load();
  }

  async function start() {
    const s = await api('GET', '/console/api/session');
    if (!s.data.authenticated || s.data.role !== 'supervisor') {
      $('denied-text').textContent = s.data.authenticated ? 'Agency tokens are managed by supervisors.' : 'Not logged in.';
      $('denied').classList.remove('hidden');
      return;
    }
    csrf = s.data.csrf;
    $('page').classList.remove('hidden');
    checkboxes($('types'), EVENT_TYPES, 'type');
    const lanes = await api('GET', '/api/v1/lanes');
    checkboxes($('lanes'), (lanes.data.lanes || []).map((l) => l.id), 'lane');
    $('issue').addEventListener('submit', issue);
    load();
  }
  start();
})();
