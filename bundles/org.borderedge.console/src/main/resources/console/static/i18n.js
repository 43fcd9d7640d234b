'use strict';
// Language for the console's side pages (agency tokens, e-seals): the language chosen in the console
// (localStorage be.lang), the same message files, an EN/VI switch. Text goes in with textContent only.
window.BorderEdgeI18n = (function () {
  let messages = {};
  let lang = localStorage.getItem('be.lang') || 'en';
  const listeners = [];

  function t(key, ...args) {
    let s = messages[key];
    if (s === undefined) s = key;
    return s.replace(/\{(\d+)\}/g, (_, i) => (args[i] === undefined ? '' : String(args[i])));
  }
  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.querySelectorAll('[data-i18n-title]').forEach((el) => { document.title = t(el.dataset.i18nTitle); });
    document.querySelectorAll('.lang button').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang));
  }
  async function use(next) {
    const r = await fetch('/console/static/i18n/messages_' + next + '.json', { cache: 'no-cache' });
    if (!r.ok) return;
    messages = await r.json();
    lang = next;
    localStorage.setItem('be.lang', next);
    apply();
    listeners.forEach((f) => f(lang));
  }
  function wireSwitch() {
    document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', () => use(b.dataset.lang)));
  }
  return {
    t,
    lang: () => lang,
    /** Loads the chosen language, fills data-i18n elements and wires the EN/VI buttons. */
    ready: async () => { wireSwitch(); await use(lang); },
    /** Called after each language change, to redraw text built in script. */
    onChange: (f) => listeners.push(f),
    locale: () => (lang === 'vi' ? 'vi-VN' : 'en-GB')
  };
})();
