/* toastkit: see docs/client.md */
(() => {
'use strict';
if (window.toastkit) return; // re-run by htmx after a boosted swap

const doc = document;
const TOAST = '[data-toastkit-toast]';
const seen = []; // the last 200 ids
const shown = []; // visible toasts, oldest first
const queue = [];
let region, stack, drag, n = 0;

const on = (types, fn) => types.split(' ').forEach((type) => doc.addEventListener(type, fn));
const part = (el, name) => el.querySelector('[data-toastkit-' + name + ']');
const fire = (t, name) => t.dispatchEvent(new CustomEvent('toastkit:' + name, { bubbles: true, detail: t._m }));
const room = () => shown.length < (+region.dataset.maxVisible || 5);
const paused = () => doc.hidden || stack?.matches(':hover, :has(:focus-visible)');

const duration = (t) => {
  const data = t.dataset;
  const levels = JSON.parse(region.dataset.durations || '{}');
  let ms = 5000;
  if (data.duration) return +data.duration;
  for (const level in levels) if (+level <= data.level) ms = levels[level];
  return ms && Math.max(ms, t._k.length * 50);
};

const stop = (t) => {
  if (t._t) t._left -= Date.now() - t._at;
  t._t = clearTimeout(t._t);
};

const go = (t) => {
  if (t._t || !(t._left > 0) || paused()) return;
  t._at = Date.now();
  t._t = setTimeout(dismiss, t._left, t);
};

const restart = (t) => {
  stop(t);
  t._left = duration(t);
  go(t);
};

const sync = () => shown.forEach(paused() ? stop : go);

const display = (t) => {
  stack.append(t);
  shown.push(t);
  restart(t);
  fire(t, 'shown');
};

const adopt = (t, item) => {
  const data = t.dataset;
  const text = part(t, 'message');
  t._m = item || { id: data.id, level: +data.level, message: text.textContent.trim() };
  t._k = text.parentNode.textContent.trim();
  if (seen.includes(data.id)) return t.remove();
  if (seen.push(data.id) > 200) seen.shift();
  const twin = shown.concat(queue).find((o) => o._k === t._k && o.dataset.level === data.level);
  if (!twin) {
    if (!queue.length && room()) display(t);
    else queue.push(t.remove() || t);
    return t;
  }
  t.remove();
  part(twin, 'count').textContent = '×' + (twin._n = (twin._n || 1) + 1);
  if (shown.includes(twin)) restart(twin);
  return twin;
};

const show = (item) => {
  if (!region || !item.message) return null;
  const t = part(region, 'blueprint').content.firstElementChild.cloneNode(true);
  const data = t.dataset;
  const text = part(t, 'message');
  const id = 'toastkit-' + (data.id = item.id || 'c' + ++n);
  data.level = item.level = +item.level || 20;
  if (item.duration != null) data.duration = item.duration;
  if (item.sticky) data.duration = 0;
  t.className += ' ' + (item.tags || '');
  t.setAttribute('aria-labelledby', (text.parentNode.id = id));
  text.parentNode.setAttribute('role', item.level < 40 ? 'status' : 'alert');
  part(t, 'title').textContent = item.title || '';
  text[item.safe ? 'innerHTML' : 'textContent'] = item.message;
  return adopt(t, item);
};

const dismiss = (t) => {
  const i = shown.indexOf(t);
  const gone = () => sync(t.remove());
  if (i < 0) return;
  shown.splice(i, 1);
  stop(t);
  t.dataset.toastkitLeaving = '';
  fire(t, 'dismissed');
  Promise.all(t.getAnimations().map((a) => a.finished)).then(gone, gone);
  while (queue.length && room()) display(queue.shift());
  return t;
};

const bind = () => {
  const found = doc.querySelector('[data-toastkit]');
  if (found && found !== region) {
    region = found;
    stack = part(found, 'stack');
    stack.prepend(...shown);
  }
  stack?.querySelectorAll(TOAST).forEach((t) => t._m || adopt(t));
};
bind();
new MutationObserver(bind).observe(doc.documentElement, { childList: true, subtree: true });

on('toastkit:messages', (e) => e.detail?.messages?.forEach(show));
on('pointerover pointerout focusin focusout visibilitychange', sync);

on('click', (e) => {
  const button = e.target.closest?.('[data-toastkit-dismiss]');
  if (button && dismiss(button.closest(TOAST))) e.preventDefault();
});

on('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented || doc.querySelector(':modal')) return;
  if (dismiss(doc.activeElement.closest(TOAST)) || dismiss(shown.at(-1))) e.preventDefault();
});

on('pointerdown', (e) => (drag = e.pointerType !== 'mouse' && e));
on('pointermove pointerup pointercancel', (e) => {
  const t = drag?.pointerId === e.pointerId && drag.target.closest?.(TOAST);
  if (!shown.includes(t)) return;
  const dx = e.clientX - drag.clientX;
  t.style.translate = dx + 'px';
  if (e.type === 'pointermove') return;
  if (e.type === 'pointercancel' || Math.abs(dx) < 48 || !dismiss(t)) t.style.translate = '';
  drag = 0;
});

on('htmx:sendError htmx:error', ({ type, detail: d }) =>
  (type === 'htmx:sendError' || (d.ctx && !d.ctx.response && !/Abort/.test(d.error))) &&
  show({ level: 40, message: region?.dataset.networkError }));

window.toastkit = {
  show,
  dismiss,
  dismissAll: () => {
    queue.length = 0;
    shown.slice().forEach(dismiss);
  },
};
})();
