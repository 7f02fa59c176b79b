/* Measurement helpers injected into the bench page by bench/browser.py. */
(function () {
  'use strict';
  var TOAST = '[data-toastkit-toast]';
  var stack = function () { return document.querySelector('[data-toastkit-stack]'); };
  var count = function () { return stack().querySelectorAll(TOAST).length; };
  var nextFrame = function () { return new Promise(function (r) { requestAnimationFrame(r); }); };
  var sleep = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };
  // Resolves just after the next frame has been produced: a task posted from
  // requestAnimationFrame runs after that frame's style, layout and paint.
  var afterPaint = function () {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () { resolve(performance.now()); };
        channel.port2.postMessage(0);
      });
    });
  };
  // Counts the frames produced from now on, until stopped.
  var frameCounter = function () {
    var counter = { frames: 0, stopped: false };
    var tick = function () {
      if (counter.stopped) return;
      counter.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return counter;
  };
  var shownEvents = 0;
  document.addEventListener('toastkit:shown', function () { shownEvents++; }, true);

  function clickDismissButtons() {
    stack().querySelectorAll('[data-toastkit-dismiss]').forEach(function (b) { b.click(); });
  }

  // Dismiss everything (Dismiss buttons, or dismissAll() when asked and present)
  // and wait until no toast is left for a few frames in a row.
  async function clear(useDismissAll) {
    var deadline = performance.now() + 10000;
    var quiet = 0;
    while (performance.now() < deadline) {
      if (count() === 0) {
        if (++quiet >= 4) return true;
      } else {
        quiet = 0;
        if (useDismissAll && window.toastkit && typeof window.toastkit.dismissAll === 'function') {
          window.toastkit.dismissAll();
        } else {
          clickDismissButtons();
        }
      }
      await nextFrame();
    }
    return false;
  }

  // One htmx request that brings one message: response -> toast in DOM -> painted.
  function trial(url) {
    return new Promise(function (resolve, reject) {
      var t0 = null, t1 = null, via = null, element = null, done = false, counter = null;
      var timer = setTimeout(function () { finish(); reject(new Error('no toast within 5 s')); }, 5000);
      var observer = new MutationObserver(function (records) {
        records.forEach(function (record) {
          record.addedNodes.forEach(function (node) {
            if (node.nodeType === 1 && node.matches(TOAST)) found(node, 'MutationObserver');
          });
        });
      });
      function onBefore() {
        if (t0 !== null) return;
        t0 = performance.now();
        counter = frameCounter();
      }
      function onShown(event) {
        var el = event.target && event.target.closest ? event.target.closest(TOAST) : null;
        found(el, 'toastkit:shown');
      }
      function finish() {
        done = true;
        if (counter) counter.stopped = true;
        clearTimeout(timer);
        observer.disconnect();
        document.removeEventListener('htmx:beforeOnLoad', onBefore, true);
        document.removeEventListener('toastkit:shown', onShown, true);
      }
      async function found(el, how) {
        if (t1 !== null) return;
        t1 = performance.now();
        via = how;
        element = el;
        while (!done) {
          var painted = await afterPaint();
          var toast = element && element.isConnected ? element : stack().querySelector(TOAST);
          if (toast && toast.checkVisibility()) {
            // The frame that painted it is the counter's latest: its own
            // callback, registered a frame earlier, runs before ours.
            var frames = counter ? counter.frames : 0;
            finish();
            resolve({ insert_ms: t1 - t0, frame_ms: painted - t0, frames: frames, via: via });
            return;
          }
        }
      }
      document.addEventListener('htmx:beforeOnLoad', onBefore, true);
      document.addEventListener('toastkit:shown', onShown, true);
      observer.observe(stack(), { childList: true, subtree: true });
      window.htmx.ajax('GET', url, { target: '#result', swap: 'innerHTML' });
    });
  }

  // One response carrying many messages: the main-thread cost of showing them.
  async function burst(url) {
    var tasks = [], frames = [];
    var longtasks = new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { tasks.push(e.duration); });
    });
    longtasks.observe({ type: 'longtask' });
    var loaf = null;
    if ((PerformanceObserver.supportedEntryTypes || []).indexOf('long-animation-frame') >= 0) {
      loaf = new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (e) { frames.push(e.duration); });
      });
      loaf.observe({ type: 'long-animation-frame' });
    }
    var t0 = null, taskEnd = null;
    document.addEventListener('htmx:beforeOnLoad', function () {
      t0 = performance.now();
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { taskEnd = performance.now(); };
      channel.port2.postMessage(0);
    }, { capture: true, once: true });
    await window.htmx.ajax('GET', url, { target: '#result', swap: 'innerHTML' });
    var painted = await afterPaint();
    await sleep(300); // observers deliver asynchronously
    longtasks.disconnect();
    if (loaf) loaf.disconnect();
    return {
      longest_task_ms: tasks.length ? Math.max.apply(null, tasks) : 0,
      long_tasks: tasks.length,
      longest_frame_ms: frames.length ? Math.max.apply(null, frames) : 0,
      loaf_supported: loaf !== null,
      response_task_ms: taskEnd - t0,
      response_to_frame_ms: painted - t0,
      toasts_in_dom: count()
    };
  }

  // Show n toasts through the public API and dismiss them, `batch` at a time.
  async function cycle(n, batch, prefix) {
    for (var i = 0; i < n; i += batch) {
      for (var j = i; j < Math.min(n, i + batch); j++) {
        window.toastkit.show({
          id: prefix + j.toString(36),
          message: 'Leak check ' + j,
          level: 20,
          level_tag: 'info',
          tags: 'info',
          extra_tags: '',
          safe: false
        });
      }
      if (!(await clear(false))) throw new Error('toasts did not go away');
    }
    return count();
  }

  window.__bench = {
    trial: trial,
    burst: burst,
    cycle: cycle,
    clear: clear,
    count: count,
    shownEvents: function () { return shownEvents; },
    hasDismissAll: function () { return !!(window.toastkit && window.toastkit.dismissAll); }
  };
})();
