/**
 * toastkit-live: inbox messages on open pages, over server-sent events.
 * See docs/live.md.
 *
 * {% toasts %} writes this script right after toastkit.js's, only when live
 * delivery is on; the region before them names the stream
 * (`data-toastkit-live`). One stream per browser: the tabs elect a leader
 * with Web Locks, the leader holds the EventSource and relays each toast to
 * the other tabs over a BroadcastChannel, and dismissals travel the same
 * way. Without those APIs each tab holds its own stream.
 */
(() => {
  'use strict';

  // htmx runs the script again after a boosted swap: one stream a page.
  const RUNNING = Symbol.for('toastkit-live');
  const page = /** @type {Window & {[RUNNING]?: boolean, toastkit?: any}} */ (window);
  if (page[RUNNING]) return;

  /** The region's attribute naming the stream's URL. */
  const LIVE = 'data-toastkit-live';
  const REGION = '[data-toastkit]';
  const TOAST = '[data-toastkit-toast]';
  const REMEMBERED_IDS = 200;
  /** The server's TOASTKIT_LIVE_PING until its `ready` event says. */
  const DEFAULT_PING = 20000;
  /** No event for this many ping intervals: the stream is dead, reconnect. */
  const MISSED_PINGS = 2.5;
  /** A hidden tab keeps its stream this long (a quick tab switch). */
  const HIDDEN_GRACE = 10000;
  /** Reconnect delays: from FIRST_DELAY, doubling, at most LAST_DELAY. */
  const FIRST_DELAY = 1000;
  const LAST_DELAY = 60000;

  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  // The region is the element before toastkit.js's <script>, which is right
  // before this one: page content cannot put a stream URL there.
  const region = script?.previousElementSibling?.previousElementSibling;
  const url = region?.matches(REGION) ? region.getAttribute(LIVE) : null;
  if (!url || typeof EventSource != 'function') return;
  page[RUNNING] = true;

  // The names the tabs share carry the stream's URL, which names the user
  // (`?u=`): the tabs of one user share a leader, a channel and their ids;
  // a tab of the user who logged out relays nothing to the next one's.
  /** The Web Lock the leader holds, and the channel it relays on. */
  const LOCK = 'toastkit-live ' + url;
  const CHANNEL = LOCK;
  /** localStorage keys shared by the tabs: the last event id (for `?last=`
   * when a new leader connects) and the toast ids the stream brought. */
  const SEEN_KEY = 'toastkit-live:seen ' + url;

  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(CHANNEL) : null;
  const locks = navigator.locks;
  // Without Web Locks each tab has its own stream: its last id is its own
  // (a tab that shared another's newer one would skip what its own stream
  // claimed into a dead connection), kept for this tab in sessionStorage.
  const LAST_KEY = (locks ? 'toastkit-live:last ' : 'toastkit-live:tab-last ') + url;

  /** @type {EventSource | null} the stream, while this tab leads */
  let source = null;
  /** Whether this tab holds the lock (or, without Web Locks, wants a stream). */
  let leading = false;
  /** @type {AbortController | null} aborts the wait for the lock */
  let waiting = null;
  /** @type {(() => void) | null} gives the lock back */
  let release = null;
  let pingMs = DEFAULT_PING;
  let failures = 0;
  let watchdog = 0;
  let retryTimer = 0;
  let hiddenTimer = 0;
  /** Set once the stream answered 204 (logged out): never again. */
  let stopped = false;
  /** Set while a dismissal from another tab runs: it is not sent back. */
  let relaying = false;

  // --- Storage shared by the tabs -----------------------------------------

  /**
   * @param {string} key
   * @returns {Storage}
   */
  function storage(key) {
    return key.startsWith('toastkit-live:tab-') ? sessionStorage : localStorage;
  }

  /**
   * @param {string} key
   * @returns {string | null}
   */
  function read(key) {
    try {
      return storage(key).getItem(key);
    } catch {
      return null; // storage off: this tab alone remembers
    }
  }

  /**
   * @param {string} key
   * @param {string} value
   */
  function write(key, value) {
    try {
      storage(key).setItem(key, value);
    } catch {
      // storage off or full: a new leader may be sent a toast again, and
      // the tabs that showed it ignore it
    }
  }

  /**
   * Whether the stream brings `id` for the first time in this browser (and
   * remember it): a replay after a reconnect, or to a new leader, may send
   * again what a tab showed.
   * @param {string} id
   */
  function firstTime(id) {
    /** @type {string[]} */
    let seen;
    try {
      seen = [].concat(JSON.parse(read(SEEN_KEY)) || []);
    } catch {
      seen = [];
    }
    if (seen.includes(id)) return false;
    seen.push(id);
    write(SEEN_KEY, JSON.stringify(seen.slice(-REMEMBERED_IDS)));
    return true;
  }

  // --- Showing and dismissing ---------------------------------------------

  /**
   * Show an event's data, an `HX-Trigger` value, as htmx would: each event
   * it names is dispatched on the body, where toastkit.js listens for
   * `toastkit:messages` (and ignores ids this tab has shown).
   * @param {string} data
   */
  function deliver(data) {
    let trigger;
    try {
      trigger = JSON.parse(data);
    } catch {
      return;
    }
    for (const name in trigger) {
      document.body.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: trigger[name] }));
    }
  }

  /**
   * Dismiss the toast with `id` in this tab, as another tab did.
   * @param {string} id
   */
  function dismissById(id) {
    const toast = [...document.querySelectorAll(TOAST)].find((element) => element.getAttribute('data-id') === id);
    if (!toast) return;
    relaying = true;
    try {
      page.toastkit?.dismiss(toast);
    } finally {
      relaying = false;
    }
  }

  document.addEventListener('toastkit:dismissed', (event) => {
    const id = /** @type {CustomEvent} */ (event).detail?.id;
    if (!relaying && id) channel?.postMessage({ dismiss: String(id) });
  });

  channel?.addEventListener('message', (event) => {
    const message = event.data || {};
    // A tab that was told it is logged out shows no one's toasts.
    if (typeof message.toast == 'string' && !stopped) deliver(message.toast);
    if (typeof message.dismiss == 'string') dismissById(message.dismiss);
  });

  // --- The stream ----------------------------------------------------------

  /** @param {MessageEvent} event a toast */
  function received(event) {
    alive(event);
    if (event.lastEventId && !firstTime(event.lastEventId)) return;
    deliver(event.data);
    channel?.postMessage({ toast: event.data });
  }

  /** Any event: remember where the stream is, and that it lives.
   * @param {MessageEvent} event
   */
  function alive(event) {
    if (event.lastEventId) write(LAST_KEY, event.lastEventId);
    clearTimeout(watchdog);
    watchdog = setTimeout(reconnect, pingMs * MISSED_PINGS);
  }

  function connect() {
    disconnect();
    const address = new URL(url, location.href);
    const last = read(LAST_KEY);
    // A new EventSource sends no Last-Event-ID: the server reads `last`.
    if (last) address.searchParams.set('last', last);
    const stream = (source = new EventSource(address));
    stream.addEventListener('message', received);
    stream.addEventListener('ping', alive);
    stream.addEventListener('ready', (event) => {
      try {
        pingMs = JSON.parse(event.data).ping || pingMs;
      } catch {
        // an older server: the default interval
      }
      failures = 0;
      alive(event);
    });
    stream.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself (with Last-Event-ID).
      // CLOSED: an answer that is not a stream, and EventSource does not say
      // which. Ask once more, with a HEAD that streams and claims nothing: a
      // 204 (logged out) stops for good; anything else (a 502 while the
      // server restarts) is tried again later, backing off.
      // A stream the watchdog replaced says nothing of the new one.
      if (stream.readyState !== EventSource.CLOSED || stream !== source) return;
      disconnect();
      const again = () => source || reconnect();
      fetch(address, { method: 'HEAD' }).then(
        (response) => (response.status == 204 ? stop() : again()),
        again,
      );
    });
    alive(new MessageEvent('open'));
  }

  function disconnect() {
    clearTimeout(watchdog);
    clearTimeout(retryTimer);
    source?.close();
    source = null;
  }

  /** Close the stream and open a new one after a jittered, growing delay. */
  function reconnect() {
    disconnect();
    const delay = Math.min(FIRST_DELAY * 2 ** failures, LAST_DELAY);
    failures += 1;
    retryTimer = setTimeout(() => leading && connect(), delay / 2 + (Math.random() * delay) / 2);
  }

  // --- Leading -------------------------------------------------------------

  /** Hold the stream for the browser: at once without Web Locks, else once
   * this tab gets the lock (the tab holding it closed, or went hidden). */
  function lead() {
    clearTimeout(hiddenTimer);
    if (leading || waiting || stopped) return;
    if (!locks) {
      leading = true;
      connect();
      return;
    }
    const wait = (waiting = new AbortController());
    locks
      .request(LOCK, { signal: wait.signal }, () => {
        waiting = null;
        leading = true;
        connect();
        return new Promise((resolve) => {
          release = () => resolve(undefined);
        });
      })
      .catch(() => {}); // aborted: this tab went hidden while it waited
  }

  /** Logged out: no stream in this tab until the next page. */
  function stop() {
    stopped = true;
    resign();
  }

  /** Give the stream up, and the lock with it, for a visible tab. */
  function resign() {
    waiting?.abort();
    waiting = null;
    if (!leading) return;
    leading = false;
    disconnect();
    release?.();
    release = null;
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) lead();
    else hiddenTimer = setTimeout(resign, HIDDEN_GRACE);
  });
  if (!document.hidden) lead();
})();
