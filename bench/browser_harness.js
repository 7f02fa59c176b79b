/* Measuring helpers that bench/browser.py injects into the bench page. */
(function () {
  'use strict';
  var TOAST = '[data-toastkit-stack] [data-toastkit-toast]';

  // Resolves with the time just after the next frame: a task posted from
  // requestAnimationFrame runs once that frame's style, layout and paint are done.
  function afterPaint() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { resolve(performance.now()); };
        channel.port2.postMessage(0);
      });
    });
  }

  // Dismiss every toast, then wait until none is left in the DOM.
  async function clear() {
    window.toastkit.dismissAll();
    while (document.querySelector(TOAST)) await afterPaint();
  }

  // One htmx request bringing one message: response -> toast in the DOM -> painted,
  // and which frame after the response painted it (1: the very next one).
  async function trial(url) {
    var t0 = null, frames = 0, done = false, shown = null;
    function countFrames() {
      if (done) return;
      if (t0 !== null) frames++;
      requestAnimationFrame(countFrames);
    }
    document.addEventListener('htmx:beforeOnLoad', function () { t0 = performance.now(); }, { capture: true, once: true });
    var inDom = new Promise(function (resolve) {
      document.addEventListener('toastkit:shown', function (e) { shown = performance.now(); resolve(e.target); }, { capture: true, once: true });
    });
    requestAnimationFrame(countFrames);
    window.htmx.ajax('GET', url, { target: '#result', swap: 'innerHTML' });
    var toast = await inDom;
    var painted = await afterPaint();
    while (!toast.checkVisibility()) painted = await afterPaint();
    done = true;
    return { dom_ms: shown - t0, painted_ms: painted - t0, frame: frames };
  }

  // One response carrying many messages: what it costs the main thread.
  async function burst(url) {
    var longTasks = [];
    var observer = new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { longTasks.push(e.duration); });
    });
    observer.observe({ type: 'longtask' });
    var t0 = null, taskEnd = null, messages = 0;
    document.addEventListener('htmx:beforeOnLoad', function (e) {
      t0 = performance.now();
      messages = JSON.parse(e.detail.xhr.getResponseHeader('HX-Trigger'))['toastkit:messages'].messages.length;
      var channel = new MessageChannel(); // runs right after the response's task
      channel.port1.onmessage = function () { taskEnd = performance.now(); };
      channel.port2.postMessage(0);
    }, { capture: true, once: true });
    await window.htmx.ajax('GET', url, { target: '#result', swap: 'innerHTML' });
    var painted = await afterPaint();
    await new Promise(function (resolve) { setTimeout(resolve, 200); }); // observers report late
    observer.disconnect();
    return {
      messages: messages,
      longest_task_ms: Math.max(0, ...longTasks),
      response_task_ms: taskEnd - t0,
      painted_ms: painted - t0
    };
  }

  window.__bench = { trial: trial, burst: burst, clear: clear };
})();
