/* toastkit: shows Django messages as toasts. No build step, no globals but `toastkit`. */
(function () {
  'use strict';
  var region = document.querySelector('[data-toastkit]');
  if (!region) return;
  var stack = region.querySelector('[data-toastkit-stack]');
  var blueprint = region.querySelector('[data-toastkit-blueprint]');
  var seen = new Set();

  function dismiss(toast) {
    toast.remove();
  }

  function adopt(toast) {
    if (toast.dataset.id) seen.add(toast.dataset.id);
  }

  function show(item) {
    if (item.id && seen.has(item.id)) return null;
    var toast = blueprint.content.firstElementChild.cloneNode(true);
    var id = item.id || String(Date.now() + Math.random());
    toast.dataset.id = id;
    toast.dataset.level = item.level;
    toast.className += ' ' + (item.tags || '');
    var body = toast.querySelector('.toastkit-toast__body');
    body.id = 'toastkit-' + id;
    body.setAttribute('role', item.level >= 40 ? 'alert' : 'status');
    toast.setAttribute('aria-labelledby', body.id);
    var text = toast.querySelector('[data-toastkit-message]');
    if (item.safe) text.innerHTML = item.message;
    else text.textContent = item.message;
    stack.appendChild(toast);
    adopt(toast);
    return toast;
  }

  stack.querySelectorAll('[data-toastkit-toast]').forEach(adopt);

  region.addEventListener('click', function (event) {
    var button = event.target.closest('[data-toastkit-dismiss]');
    if (!button) return;
    event.preventDefault();
    dismiss(button.closest('[data-toastkit-toast]'));
  });

  document.addEventListener('toastkit:messages', function (event) {
    var messages = (event.detail && event.detail.messages) || [];
    messages.forEach(show);
  });

  window.toastkit = { show: show };
})();
