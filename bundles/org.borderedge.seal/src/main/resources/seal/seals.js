'use strict';
// E-seal inventory page: lists seals by state and records lifecycle steps through /api/v1/seals.
(function () {
  let csrf = '';
  const $ = (id) => document.getElementById(id);
  const i18n = window.BorderEdgeI18n;
  const t = i18n.t;
  function say(text) { $('message').textContent = text; }
  async function session() {
    const r = await fetch('/console/api/session', { credentials: 'same-origin' });
    const s = r.ok ? await r.json() : null;
    if (!s || !s.user) { say(t('seals.login')); return false; }
    csrf = s.csrf || '';
    return true;
  }
  async function load() {
    const state = $('state').value;
    const r = await fetch('/api/v1/seals' + (state ? '?state=' + encodeURIComponent(state) : ''), { credentials: 'same-origin' });
    const body = await r.json();
    if (!r.ok) { say(body.message || ('HTTP ' + r.status)); return; }
    const tbody = $('seals').querySelector('tbody');
    tbody.replaceChildren();
    body.seals.forEach((s) => {
      const tr = document.createElement('tr');
      tr.className = 'seal s-' + s.state;
      [s.sealId, t('seals.state.' + s.state), s.declarationId, s.vehicle, s.laneId, s.batteryPct === null ? '—' : s.batteryPct + ' %',
        s.lock, s.lastSeen || '—', s.fault].forEach((v) => {
        const td = document.createElement('td');
        td.textContent = v === undefined || v === null || v === '' ? '—' : String(v);
        tr.append(td);
      });
      tr.addEventListener('click', () => { $('sealId').value = s.sealId; });
      tbody.append(tr);
    });
  }
  async function record(ev) {
    ev.preventDefault();
    const id = $('sealId').value.trim();
    const r = await fetch('/api/v1/seals/' + encodeURIComponent(id) + '/transitions', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ action: $('action').value, reason: $('reason').value, declarationId: $('declarationId').value, vehicle: $('vehicle').value })
    });
    const body = await r.json();
    say(r.ok ? t('seals.now', id, t('seals.state.' + body.state)) : (body.message || ('HTTP ' + r.status)));
    load();
  }
  document.addEventListener('DOMContentLoaded', async () => {
    await i18n.ready();
    i18n.onChange(load);
    $('state').addEventListener('change', load);
    $('transition').addEventListener('submit', record);
    if (await session()) load();
  });
})();
