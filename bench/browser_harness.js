/* Measuring helpers that bench/browser.py injects into the bench page. */
(() => {
  'use strict';
  const TOAST = '[data-toastkit-stack] [data-toastkit-toast]';
  const once = { capture: true, once: true };
  const get = (url) => window.htmx.ajax('GET', url, { target: '#tasks', swap: 'innerHTML' });

  // The time right after the current task: a message posted now runs next.
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  // The time right after the next frame's style, layout and paint.
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => nextTask().then(resolve)));

  // Dismiss every toast, then wait until none is left in the DOM.
  async function clear() {
    window.toastkit.dismissAll();
    while (document.querySelector(TOAST)) await afterPaint();
  }

  // One htmx request bringing one message: response -> toast in the DOM -> painted,
  // and which frame after the response painted it (1: the very next one).
  async function trial(url) {
    let t0 = null, shown = null, frames = 0, done = false;
    const countFrames = () => {
      if (t0 !== null) frames++;
      if (!done) requestAnimationFrame(countFrames);
    };
    document.addEventListener('htmx:beforeOnLoad', () => { t0 = performance.now(); }, once);
    const inDom = new Promise((resolve) => document.addEventListener('toastkit:shown', (e) => {
      shown = performance.now();
      resolve(e.target);
    }, once));
    requestAnimationFrame(countFrames);
    get(url);
    const toast = await inDom;
    let painted = await afterPaint();
    while (!toast.checkVisibility()) painted = await afterPaint();
    done = true;
    return { dom_ms: shown - t0, painted_ms: painted - t0, frame: frames };
  }

  // One response carrying many messages: what it costs the main thread.
  async function burst(url) {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask' }); // Chromium reports tasks of 50 ms or more
    let t0 = null, taskEnd = null, messages = 0;
    document.addEventListener('htmx:beforeOnLoad', (e) => {
      t0 = performance.now();
      messages = JSON.parse(e.detail.xhr.getResponseHeader('HX-Trigger'))['toastkit:messages'].messages.length;
      nextTask().then((t) => { taskEnd = t; }); // the end of the response's task
    }, once);
    await get(url);
    const painted = await afterPaint();
    await new Promise((resolve) => setTimeout(resolve, 200)); // observers report late
    observer.disconnect();
    return { messages, longest_task_ms: Math.max(0, ...longTasks), response_task_ms: taskEnd - t0, painted_ms: painted - t0 };
  }

  window.__bench = { trial, burst, clear };
})();
