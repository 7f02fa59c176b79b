/**
 * toastkit: Django messages as toasts. See docs/client.md.
 *
 * The readable source. Browsers get toastkit.min.js, built from this file by
 * `npm run build` (esbuild); {% toasts %} serves this one when DEBUG is on.
 * One classic script; its only global is `window.toastkit`.
 */
(() => {
  'use strict';

  // htmx runs the <script> of {% toasts %} again after a boosted swap: keep
  // the first run's state and listeners. The mark is a registered symbol, not
  // `window.toastkit`: page content clobbers names (`<h2 id="toastkit">` and
  // `<img name="toastkit">` are window.toastkit), never symbols.
  const RUNNING = Symbol.for('toastkit');
  /** window, with the names toastkit reads and sets on it. */
  const page = /** @type {Window & {[RUNNING]?: object, toastkit?: object, htmx?: any}} */ (window);
  if (page[RUNNING]) return;

  /**
   * `document`'s own property `name`, never an element of the page: a named
   * form, img, embed or object shadows the document's properties (DOM
   * clobbering: `<img name="hidden">` is document.hidden,
   * `<form name="querySelectorAll">` is document.querySelectorAll).
   * @param {string} name
   * @returns {any}
   */
  const doc = (name) => Reflect.get(Document.prototype, name, document);
  /**
   * document.querySelectorAll, whatever the page named its elements.
   * @param {string} selector
   * @returns {NodeListOf<HTMLElement>}
   */
  const all = (selector) => doc('querySelectorAll').call(document, selector);
  /**
   * `element`'s method `name` called with `args`, never a field of a form: an
   * action's value named `closest` or `prepend` is an <input> that shadows
   * the form's own method.
   * @param {Element} element
   * @param {string} name
   * @param {...any} args
   * @returns {any}
   */
  const call = (element, name, ...args) => /** @type {any} */ (Element.prototype)[name].apply(element, args);

  /** Milliseconds a toast stays when no level in TOASTKIT_DURATIONS applies. */
  const DEFAULT_DURATION = 5000;
  /** Long text stays at least this long per character (about 1,200 a minute). */
  const MS_PER_CHARACTER = 50;
  /** How many toast ids to remember: enough for any burst, flat memory. */
  const REMEMBERED_IDS = 200;
  /** TOASTKIT_MAX_VISIBLE's default. */
  const DEFAULT_MAX_VISIBLE = 5;
  /** A sideways swipe this long (px) dismisses; a shorter one puts it back. */
  const SWIPE_DISTANCE = 48;
  /** Django's INFO and ERROR levels. Errors are announced assertively. */
  const INFO = 20;
  const ERROR = 40;
  /** sessionStorage key: the ids this tab has received. */
  const SEEN_IDS_KEY = 'toastkit:seen';
  /** A toast with actions that times out at all stays at least this long. */
  const ACTION_MIN_DURATION = 10000;
  /** localStorage key: the user's choice of how long toasts stay. */
  const TIMING_KEY = 'toastkit:timing';
  /** @typedef {'normal' | 'longer' | 'off'} Timing */
  /** What each choice does to a duration: "longer" is WCAG 2.2.1's tenfold. */
  const TIMING_FACTORS = { normal: 1, longer: 10, off: 0 };
  /** A timing is one of TIMING_FACTORS's own names: `in` would take
   * "toString" and every name an object inherits.
   * @param {unknown} value
   * @returns {value is Timing}
   */
  const isTiming = (value) => typeof value == 'string' && Object.hasOwn(TIMING_FACTORS, value);
  /** The longest wait setTimeout keeps (2^31 - 1 ms, 24.8 days): a longer
   * one fires at once. A toast timed longer than that stays until dismissed. */
  const MAX_TIMEOUT = 2147483647;
  /** Alt+T (the key's position, so any layout and macOS's Option work). */
  const SHORTCUT_CODE = 'KeyT';
  /** The countdown bar: the toast's ::after shrinks to nothing. */
  const COUNTDOWN = { transform: ['scaleX(1)', 'scaleX(0)'] };

  // Every data-toastkit-* attribute the script reads or sets, spelled out so
  // that a search for one finds every place that uses it.
  /** The landmark (templates/toastkit/region.html) and its parts. */
  const REGION = '[data-toastkit]';
  const STACK = '[data-toastkit-stack]';
  const BLUEPRINT = '[data-toastkit-blueprint]';
  const ACTION_BLUEPRINT = '[data-toastkit-action-blueprint]';
  /** A toast and its parts. */
  const TOAST = '[data-toastkit-toast]';
  const TITLE = '[data-toastkit-title]';
  const MESSAGE = '[data-toastkit-message]';
  const COUNT = '[data-toastkit-count]';
  const DISMISS = '[data-toastkit-dismiss]';
  const ACTIONS = '[data-toastkit-actions]';
  const ACTION = '[data-toastkit-action]';
  const LABEL = '[data-toastkit-label]';
  /** The {% toasts_timing %} controls. */
  const TIMING = '[data-toastkit-timing]';
  /** Marks the script sets, for the CSS. */
  const READY = 'data-toastkit-ready';
  const SETTLED = 'data-toastkit-settled';
  const LEAVING = 'data-toastkit-leaving';
  const PAGE_SCHEME = 'data-toastkit-page-scheme';
  /** Elements in the top layer that make the rest of the page inert or covered. */
  const TOP_LAYER = 'dialog:modal, :popover-open';

  /**
   * What the script knows about each toast element, kept off the DOM. Its
   * names start with `_`: the build shortens exactly those (scripts/build.mjs),
   * so never give a `_` name to anything the browser or a page sees.
   * @typedef {object} ToastState
   * @property {Message} _message  its payload: the detail of toastkit:shown/dismissed
   * @property {string} _collapseKey title and message: identical toasts collapse
   * @property {string} _twinKey level and collapseKey; '' with actions
   * @property {number} _remaining milliseconds left on its timer (0: sticky)
   * @property {number} _timer     setTimeout handle while the timer runs, else 0
   * @property {number} _startedAt Date.now() when the timer last started
   * @property {number} _copies    how many identical toasts it stands for
   * @property {Animation | null} _bar its countdown, in step with the timer
   */
  /** @type {WeakMap<HTMLElement, ToastState>} */
  const states = new WeakMap();

  /** Ids this tab has received, over any path, newest last. Kept across
   * pages: a page that Back brings from the HTTP cache must not show its
   * server-rendered toasts again. */
  const seenIds = readSeenIds();
  /** @type {HTMLElement[]} visible toasts, oldest first */
  const visible = [];
  /** @type {HTMLElement[]} toasts waiting for room, oldest first */
  const waiting = [];
  // Lookups that keep show() linear: a burst of 2,000 toasts queues 1,995,
  // and searching the queue for each newcomer's key or twin was quadratic.
  /** @type {Map<string, HTMLElement>} visible or waiting toasts by data-key */
  const keyed = new Map();
  /** @type {Map<string, HTMLElement>} visible or waiting plain toasts by twinKey */
  const twins = new Map();
  /** The src of toastkit's <script>: the region is the element right before it. */
  const scriptSrc = doc('currentScript')?.src;

  /** @type {HTMLElement | null} the region: the landmark holding the stack */
  let region = null;
  /** @type {HTMLElement | null} the live region the toasts are added to */
  let stack = null;
  /** @type {Element | null} the modal dialog or popover the region is in */
  let visitedLayer = null;
  /** @type {PointerEvent & {target: Element} | null} the touch or pen press on a toast */
  let swipeStart = null;
  /** @type {HTMLElement | null} where focus was before Alt+T moved it to a toast */
  let focusBefore = null;
  /** @type {Timing} the user's choice (see configure) */
  let timing = readTiming();
  /** Whether storing seenIds is already planned for the end of this task. */
  let saving = false;

  // --- Ids -----------------------------------------------------------------

  /** @returns {string[]} */
  function readSeenIds() {
    try {
      // concat: an array as it is; anything else another script stored, inside one.
      return [].concat(JSON.parse(sessionStorage.getItem(SEEN_IDS_KEY)) || []);
    } catch {
      return []; // storage off or garbage: this page still deduplicates
    }
  }

  /** Remember the last REMEMBERED_IDS ids, in memory and for this tab
   * (stored once per burst, after the task that received them).
   * @param {string} id
   */
  function remember(id) {
    seenIds.push(id);
    if (seenIds.length > REMEMBERED_IDS) seenIds.shift();
    if (saving) return;
    saving = true;
    queueMicrotask(() => {
      saving = false;
      try {
        sessionStorage.setItem(SEEN_IDS_KEY, JSON.stringify(seenIds));
      } catch {
        // storage off or full: Back may show this toast again, nothing worse
      }
    });
  }

  // --- Timers --------------------------------------------------------------

  /** @returns {Timing} */
  function readTiming() {
    try {
      const stored = localStorage.getItem(TIMING_KEY);
      return isTiming(stored) ? stored : 'normal';
    } catch {
      return 'normal'; // storage off: the project's durations
    }
  }

  /**
   * Levels' durations from the region: {"20": 5000, ...}.
   * @returns {Record<string, number>}
   */
  function levelDurations() {
    return JSON.parse(region.dataset.durations || '{}');
  }

  /**
   * How long `toast` stays: its own duration, else its level's (the nearest
   * lower level that has one), stretched for long text, times the user's
   * timing. 0 means sticky: so is anything longer than MAX_TIMEOUT (or not a
   * number), rather than a timer that fires at once.
   * @param {HTMLElement} toast
   * @returns {number}
   */
  function durationOf(toast) {
    const data = toast.dataset;
    // A toast people can act on stays unless its duration was given (WCAG
    // 2.2.1), and then long enough to reach its buttons.
    const hasActions = partOf(toast, ACTION);
    let duration = hasActions ? 0 : DEFAULT_DURATION;
    if (data.duration) {
      // "0" (sticky) stays 0: only a timed toast gets the minimum.
      duration = Number(data.duration);
      if (hasActions && duration) duration = Math.max(duration, ACTION_MIN_DURATION);
    } else if (!hasActions) {
      const durations = levelDurations();
      for (const level in durations) {
        if (Number(level) <= Number(data.level)) duration = durations[level];
      }
    }
    duration = duration && Math.max(duration, states.get(toast)._collapseKey.length * MS_PER_CHARACTER);
    duration *= TIMING_FACTORS[timing];
    return duration <= MAX_TIMEOUT ? duration : 0;
  }

  /** Timers stop while the pointer or keyboard focus is on the toasts, and
   * while the tab is hidden. */
  function isPaused() {
    return doc('hidden') || stack?.matches(':hover, :has(:focus-visible)');
  }

  /** @param {HTMLElement} toast */
  function stopTimer(toast) {
    const state = states.get(toast);
    if (!state._timer) return;
    clearTimeout(state._timer);
    state._timer = 0;
    state._remaining -= Date.now() - state._startedAt;
    state._bar?.pause();
  }

  /** Stop `toast`'s timer for good, when it leaves: its countdown, a paused
   * animation, would keep the element alive.
   * @param {HTMLElement} toast
   */
  function retire(toast) {
    stopTimer(toast);
    states.get(toast)._bar?.cancel();
  }

  /** @param {HTMLElement} toast */
  function startTimer(toast) {
    const state = states.get(toast);
    if (state._timer || !(state._remaining > 0) || isPaused()) return;
    state._startedAt = Date.now();
    state._timer = setTimeout(dismiss, state._remaining, toast);
    state._bar?.play();
  }

  /**
   * Start `toast`'s time from the beginning, with its countdown bar when
   * TOASTKIT_COUNTDOWN is on. The bar is a Web Animation (its look is CSS),
   * so it pauses and resumes with the timer and survives the toast moving
   * into a dialog, where a CSS animation would start again.
   * @param {HTMLElement} toast
   */
  function restartTimer(toast) {
    stopTimer(toast);
    const state = states.get(toast);
    state._remaining = durationOf(toast);
    state._bar?.cancel();
    state._bar =
      state._remaining > 0 && 'countdown' in region.dataset
        ? toast.animate(COUNTDOWN, { duration: state._remaining, fill: 'forwards', pseudoElement: '::after' })
        : null;
    state._bar?.pause();
    startTimer(toast);
  }

  /** On every pointerover and focus change: nothing to do without toasts. */
  function pauseOrResumeAll() {
    if (visible.length) visible.forEach(isPaused() ? stopTimer : startTimer);
  }

  // --- Showing -------------------------------------------------------------

  /**
   * The first element inside `element` that `selector` matches.
   * @param {Element} element
   * @param {string} selector
   * @returns {HTMLElement}
   */
  function partOf(element, selector) {
    return call(element, 'querySelector', selector);
  }

  /**
   * Tell the page about a toast. Events bubble from the toast element to
   * `document`; `event.detail` is the message (its payload, or
   * `{id, level, message}` read from a server-rendered toast):
   * - `toastkit:shown`: the toast became visible (after any wait in the queue);
   * - `toastkit:dismissed`: the toast started leaving (button, Escape, swipe,
   *   timer or the API).
   * The server's messages arrive as `toastkit:messages`, `detail.messages`.
   * @param {HTMLElement} toast
   * @param {'shown' | 'dismissed'} name
   */
  function emit(toast, name) {
    const detail = states.get(toast)._message;
    toast.dispatchEvent(new CustomEvent('toastkit:' + name, { bubbles: true, detail }));
  }

  function hasRoom() {
    return visible.length < (Number(region.dataset.maxVisible) || DEFAULT_MAX_VISIBLE);
  }

  /** @param {HTMLElement} toast */
  function display(toast) {
    stack.append(toast);
    visible.push(toast);
    restartTimer(toast);
    emit(toast, 'shown');
  }

  /**
   * `toast` is on screen or waiting: its key and twinKey find it.
   * @param {HTMLElement} toast
   */
  function track(toast) {
    const twinKey = states.get(toast)._twinKey;
    if (twinKey && !twins.has(twinKey)) twins.set(twinKey, toast);
    if (toast.dataset.key) keyed.set(toast.dataset.key, toast);
  }

  /**
   * `toast` left the screen and the queue.
   * @param {HTMLElement} toast
   */
  function untrack(toast) {
    const twinKey = states.get(toast)._twinKey;
    if (twins.get(twinKey) === toast) twins.delete(twinKey);
    if (keyed.get(toast.dataset.key) === toast) keyed.delete(toast.dataset.key);
  }

  /**
   * A message with the key of a toast on screen (or waiting) updates it:
   * `toast` takes its place, without an entrance, and with its own timer.
   * Screen readers hear the new toast once, as an addition to the live region.
   * @param {HTMLElement} previous
   * @param {HTMLElement} toast
   */
  function replace(previous, toast) {
    const list = visible.includes(previous) ? visible : waiting;
    list[list.indexOf(previous)] = toast;
    retire(previous);
    untrack(previous);
    track(toast);
    if (list === waiting) {
      toast.remove();
      return;
    }
    toast.setAttribute(SETTLED, '');
    const hadFocus = previous.contains(doc('activeElement'));
    previous.replaceWith(toast);
    if (hadFocus) focusToast(toast); // the user was reading it: stay on it
    restartTimer(toast);
    emit(toast, 'shown');
  }

  /**
   * Focus the text of `toast` (Alt+T), where Tab reaches its buttons.
   * @param {HTMLElement} toast
   */
  function focusToast(toast) {
    const body = partOf(toast, MESSAGE).parentElement;
    body.tabIndex = -1;
    body.focus();
  }

  /**
   * Take charge of `toast` (made from the blueprint, or rendered by the
   * server): show it, queue it, fold it into an identical one, or drop it
   * when its id came before. Returns what the user will see, or null.
   * @param {HTMLElement} toast
   * @param {Message} [message] its payload; read from the toast when not given
   * @returns {HTMLElement | null}
   */
  function adopt(toast, message) {
    const id = toast.dataset.id;
    const textElement = partOf(toast, MESSAGE);
    const collapseKey = textElement.parentNode.textContent.trim();
    states.set(toast, {
      _message: message || {
        id,
        level: Number(toast.dataset.level),
        message: textElement.textContent.trim(),
      },
      _collapseKey: collapseKey,
      // Identical toasts (same level and text) collapse into one; toasts
      // with actions never do: each button acts on its own toast's request
      // ("Task deleted." twice means two different Undos).
      _twinKey: partOf(toast, ACTION) ? '' : toast.dataset.level + ' ' + collapseKey,
      _remaining: 0,
      _timer: 0,
      _startedAt: 0,
      _copies: 1,
      _bar: null,
    });
    if (seenIds.includes(id)) {
      toast.remove();
      return null;
    }
    // A toast is a <dialog open> so that, without JavaScript, its Dismiss
    // button closes it. An open dialog inserted while a modal dialog is open
    // takes the modal's Escape (Chromium), and the region moves into modals:
    // with the script in charge it need not be open (the CSS shows it).
    toast.removeAttribute('open');
    remember(id);
    const previous = keyed.get(toast.dataset.key);
    if (previous) {
      replace(previous, toast);
      return toast;
    }
    const twin = twins.get(states.get(toast)._twinKey);
    if (twin) {
      toast.remove();
      const twinState = states.get(twin);
      twinState._copies += 1;
      partOf(twin, COUNT).textContent = '×' + twinState._copies;
      if (visible.includes(twin)) restartTimer(twin);
      return twin;
    }
    track(toast);
    if (!waiting.length && hasRoom()) {
      display(toast);
    } else {
      toast.remove();
      waiting.push(toast);
    }
    return toast;
  }

  /**
   * A message: the payload format of docs/reference.md.
   * @typedef {object} Message
   * @property {string} message the text (HTML only with `safe: true`)
   * @property {number | string} [level=20] Django's level: 10, 20, 25, 30, 40, …
   * @property {string} [title] always text
   * @property {number} [duration] milliseconds; 0 stays until dismissed
   * @property {boolean} [sticky] stays until dismissed
   * @property {string} [tags] CSS classes, as Django's `message.tags`
   * @property {string} [id] an id shows once
   * @property {string} [key] updates the toast on screen with this key
   * @property {Action[]} [actions] buttons that send a request with htmx (a
   *   `post` takes the page's CSRF token when `values` has none); only to an
   *   http(s) URL of the page's own origin, see `send`
   * @property {boolean} [safe] insert `message` as HTML you trust
   */
  /**
   * @typedef {object} Action
   * @property {string} label the button's text
   * @property {string} url
   * @property {string} [method='post'] `post` or `get`
   * @property {Record<string, string>} [values] the form's fields
   */
  /**
   * Show a toast made in the browser, or received from the server over htmx.
   *
   * The caller's object (or htmx's event detail) is left as it was: the
   * toast's events carry a copy, its level a number.
   *
   * @param {Message} payload the payload format of docs/reference.md
   * @returns {HTMLElement | null} the toast, the identical toast it collapsed
   *   into, or null (an id already shown, no text, not an object, no region
   *   on the page)
   */
  function show(payload) {
    if (!region || !payload?.message) return null;
    const message = { ...payload, level: Number(payload.level) || INFO };
    const toast = copyOf(BLUEPRINT);
    /** @type {Record<string, any>} dataset: what is set becomes a string */
    const data = toast.dataset;
    const text = partOf(toast, MESSAGE);
    const body = text.parentElement;
    data.id = message.id || 'c' + Math.random().toString(36).slice(2);
    data.level = message.level;
    if (message.duration != null) data.duration = message.duration;
    if (message.sticky) data.duration = 0;
    if (message.key) data.key = message.key;
    if (Array.isArray(message.actions)) {
      message.actions.forEach((action) => action && partOf(toast, ACTIONS).append(actionForm(action, data.id)));
    }
    toast.className += ' ' + (message.tags || '');
    body.id = 'toastkit-' + data.id;
    toast.setAttribute('aria-labelledby', body.id);
    body.setAttribute('role', message.level < ERROR ? 'status' : 'alert');
    partOf(toast, TITLE).textContent = message.title || '';
    if (message.safe) text.innerHTML = message.message;
    else text.textContent = message.message;
    return adopt(toast, message);
  }

  /**
   * A copy of the element in the region's <template> `selector`.
   * @param {string} selector
   */
  function copyOf(selector) {
    const template = /** @type {HTMLTemplateElement} */ (partOf(region, selector));
    return /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
  }

  /**
   * The form of one action, from the action blueprint.
   * @param {Action} action
   * @param {string} id the toast's
   */
  function actionForm(action, id) {
    const form = /** @type {HTMLFormElement} */ (copyOf(ACTION_BLUEPRINT));
    form.action = action.url;
    form.method = action.method || 'post';
    /** @type {Record<string, string>} */
    const fields = { ...action.values, toastkit_id: id };
    const token = /** @type {HTMLInputElement} */ (all('input[name=csrfmiddlewaretoken]')[0]);
    // The page's CSRF token goes to the page's own origin only.
    if (token && form.method === 'post' && ownUrl(action.url)) fields.csrfmiddlewaretoken ??= token.value;
    for (const name in fields) {
      const input = doc('createElement').call(document, 'input');
      input.type = 'hidden';
      input.name = name;
      input.value = fields[name];
      call(form, 'prepend', input);
    }
    partOf(form, LABEL).textContent = action.label;
    return form;
  }

  // --- Sending actions -----------------------------------------------------

  /**
   * `url` resolved against the page, when an action may go there: http(s) on
   * the page's own origin. Anything else (`javascript:`, which htmx 4's
   * ajax() and a native form would run, `js:`, another origin, which would
   * get the CSRF token) is null. So is a path starting with `//`: htmx 4
   * shortens a same-origin GET URL to its path, and `//host/…` is then
   * another origin.
   * @param {string} address
   * @returns {URL | null}
   */
  function ownUrl(address) {
    let url;
    try {
      url = new URL(address, location.href);
    } catch {
      return null;
    }
    return /^https?:$/.test(url.protocol) && url.origin === location.origin && !url.pathname.startsWith('//')
      ? url
      : null;
  }

  /**
   * Send an action's form (the submit event `event`), or refuse to.
   *
   * The URL must pass `ownUrl`, on every path, or nothing is sent (a warning
   * in the console; the toast stays). A `get` keeps the URL's own query
   * parameters, the form's fields replacing those of the same name (a
   * native GET form would drop them). With htmx on the page, htmx sends it:
   * its response's messages show, and the toast leaves once it has answered
   * (or stays for another try if no answer came). Without htmx, or for a
   * toast not on screen, the browser navigates as a form would.
   * @param {SubmitEvent} event
   */
  function send(event) {
    // Whatever follows, the browser does not submit the form itself: it
    // would go where the form says, checked or not (an exception below, say).
    event.preventDefault();
    event.stopPropagation(); // before htmx's own boosting
    const form = /** @type {HTMLFormElement} */ (event.target);
    const toast = call(form, 'closest', TOAST);
    // Attributes through Element's own methods: an action's value named
    // "action", "method" or "getAttribute" is an <input> that shadows them.
    const attribute = (/** @type {string} */ name) => call(form, 'getAttribute', name) || '';
    const method = (attribute('method') || 'get').toLowerCase();
    // A submitter's formaction or formmethod would send elsewhere than checked.
    const url =
      /^(get|post)$/.test(method) &&
      !event.submitter?.matches('[formaction], [formmethod]') &&
      ownUrl(attribute('action'));
    const htmx = page.htmx; // maybe an element named "htmx", on a page without it
    const withHtmx = typeof htmx?.ajax == 'function' && visible.includes(toast);
    if (!url) {
      console.warn('toastkit: action URL refused', attribute('action')); // http(s), this origin
      return;
    }
    const fields = new FormData(form);
    if (method == 'get') fields.forEach((value, name) => url.searchParams.delete(name));
    if (!withHtmx) {
      if (method == 'post') {
        // As checked, whatever <base> says; submit() fires no submit event.
        call(form, 'setAttribute', 'action', url.href);
        HTMLFormElement.prototype.submit.call(form);
      } else {
        fields.forEach((value, name) => url.searchParams.append(name, /** @type {string} */ (value)));
        location.assign(url.href);
      }
      return;
    }
    if (toast.ariaBusy) return; // already sent
    toast.ariaBusy = 'true';
    // htmx adds the form's fields: to the query of a get (htmx 2 after the
    // URL's own, htmx 4 replacing those of the same name), to the body of a post.
    const sent = htmx.ajax(method, url.href, { source: form, swap: 'none' });
    // htmx 2 rejects when no response came; htmx 4 resolves all the same,
    // after its htmx:error cleared aria-busy (below).
    Promise.resolve(sent).then(
      () => toast.ariaBusy && dismiss(toast),
      () => {
        toast.ariaBusy = null;
      },
    );
  }

  // --- Dismissing ----------------------------------------------------------

  /**
   * Dismiss a visible toast: it leaves with its exit animation.
   *
   * @param {HTMLElement} toast
   * @returns {HTMLElement | undefined} the toast, or nothing if it was not visible
   */
  function dismiss(toast) {
    const index = visible.indexOf(toast);
    if (index < 0) return undefined;
    visible.splice(index, 1);
    retire(toast);
    untrack(toast);
    // Focus in the toast would fall to <body>: back to where Alt+T found it.
    if (toast.contains(doc('activeElement'))) focusBefore?.focus();
    toast.setAttribute(LEAVING, '');
    emit(toast, 'dismissed');
    const remove = () => {
      toast.remove();
      pauseOrResumeAll(); // the pointer may no longer be over a toast
    };
    Promise.all(toast.getAnimations().map((animation) => animation.finished)).then(remove, remove);
    showWaiting();
    return toast;
  }

  function showWaiting() {
    while (waiting.length && hasRoom()) display(waiting.shift());
  }

  /** Dismiss every visible toast and drop the waiting ones. */
  function dismissAll() {
    waiting.splice(0).forEach(untrack);
    visible.slice().forEach(dismiss);
  }

  // --- The user's timing (WCAG 2.2.1) -------------------------------------

  /**
   * Read or change the user's preferences, kept in this browser.
   *
   * @param {{timing?: Timing}} [preferences]
   *   `timing`: toasts stay as the project says ("normal"), ten times as long
   *   ("longer"), or until dismissed ("off"). Toasts on screen follow at once.
   * @returns {{timing: Timing}} the preferences now
   */
  function configure(preferences = {}) {
    const chosen = preferences.timing;
    if (chosen !== undefined) {
      if (!isTiming(chosen)) throw new RangeError('toastkit: timing is normal, longer or off');
      timing = chosen;
      try {
        localStorage.setItem(TIMING_KEY, chosen);
      } catch {
        // storage off: the choice holds for this page
      }
      visible.forEach(restartTimer);
      showTimingControls();
    }
    return { timing };
  }

  /** The {% toasts_timing %} controls show the choice (hidden without the script). */
  function showTimingControls() {
    all(TIMING).forEach((control) => {
      control.hidden = false;
      const input = /** @type {HTMLInputElement} */ (control.querySelector('[value="' + timing + '"]'));
      if (input) input.checked = true;
    });
  }

  // --- The region ----------------------------------------------------------

  /**
   * Move the region (or toasts into a new region) without replaying the
   * entry animation: a moved element starts its CSS animations again.
   * Call it just before the move.
   */
  function settle() {
    visible.forEach((toast) => {
      toast.setAttribute(SETTLED, '');
    });
    // A moved toast gets a new ::after, which its countdown no longer draws
    // (Chromium): once moved, point the bar at it again.
    queueMicrotask(() =>
      visible.forEach((toast) => {
        const effect = /** @type {KeyframeEffect | undefined} */ (states.get(toast)._bar?.effect);
        if (effect) {
          effect.target = null;
          effect.target = toast;
        }
      }),
    );
  }

  /**
   * The regions toastkit rendered: {% toasts %} writes the region and then
   * toastkit's <script>, so a region is the `[data-toastkit]` element right
   * before a <script> with toastkit's src. Page content (user HTML keeps ids
   * and data attributes) cannot put a script there, so a stray
   * `data-toastkit` is never taken for the region. Without the script's src
   * (the script run another way), any `[data-toastkit]` with a stack.
   * @returns {HTMLElement[]}
   */
  function regions() {
    const scripts = /** @type {NodeListOf<HTMLScriptElement>} */ (all('script[src]'));
    const found = scriptSrc
      ? [...scripts].filter((script) => script.src === scriptSrc).map((script) => script.previousElementSibling)
      : all(REGION);
    return /** @type {HTMLElement[]} */ ([...found].filter((element) => element?.matches(REGION) && partOf(element, STACK)));
  }

  /**
   * Keep one region on the page, in the right place. A swap that brings a
   * new region (hx-boost, any swap of its container) gets the toasts on
   * screen; a swap that drops the region without a new one gets it back, at
   * the end of the body.
   */
  function placeRegion() {
    const arrived = regions().find((found) => found !== region);
    if (arrived) {
      settle();
      region?.remove();
      region = arrived;
      region.setAttribute(READY, ''); // the CSS: toasts need not be open
      stack = partOf(arrived, STACK);
      stack.prepend(...visible);
      visitedLayer = null;
    }
    if (!region) return;
    if (!region.isConnected) {
      settle();
      doc('body').append(region);
      visitedLayer = null;
    }
    /** @type {NodeListOf<HTMLElement>} */ (stack.querySelectorAll(TOAST)).forEach((toast) => states.has(toast) || adopt(toast));
    visitTopLayer();
    showTimingControls();
    followPageScheme();
  }

  /**
   * While a modal dialog or a popover is open, the region lives inside it:
   * everything outside a modal dialog is inert, and the top layer covers the
   * page. The last one in the page wins (a nested dialog comes after its
   * parent). When they close, the region goes back to the end of the body.
   */
  function visitTopLayer() {
    if (!region) return;
    const layers = [...all(TOP_LAYER)];
    const layer = layers.filter((found) => !region.contains(found)).at(-1) || null;
    if (layer === visitedLayer) return;
    settle();
    (layer || doc('body')).append(region);
    visitedLayer = layer;
  }

  /**
   * The page's colour scheme where it declares one, else the system's. The
   * stylesheet gives the region `color-scheme: light dark` (the system's);
   * when the page declares a scheme, with the `color-scheme` property around
   * the region (Django's admin, a theme toggle's `data-theme`, Bootstrap's
   * `data-bs-theme`) or `<meta name="color-scheme">`, the region inherits it
   * instead, and its light-dark() colours follow the page.
   */
  function followPageScheme() {
    const around = region?.parentElement;
    if (!around) return;
    const declared = getComputedStyle(around).colorScheme != 'normal' || all('meta[name=color-scheme]').length;
    region.toggleAttribute(PAGE_SCHEME, !!declared);
  }

  // --- Wiring --------------------------------------------------------------

  /**
   * Listen on `document` for each of the space-separated event `types`.
   * @param {string} types
   * @param {(event: any) => unknown} listener takes each type's own event
   * @param {boolean} [capture]
   */
  function listen(types, listener, capture) {
    types.split(' ').forEach((type) => EventTarget.prototype.addEventListener.call(document, type, listener, capture));
  }

  placeRegion();
  new MutationObserver(placeRegion).observe(doc('documentElement'), {
    childList: true,
    subtree: true,
    attributeFilter: ['open'], // showModal() and close()
  });
  listen('toggle', visitTopLayer, true); // popovers; toggle does not bubble
  // Theme toggles set an attribute (data-theme, class, style) on <html> or <body>.
  [doc('documentElement'), doc('body')].forEach((element) =>
    new MutationObserver(followPageScheme).observe(element, { attributes: true }),
  );

  // The server's messages: htmx dispatches them on the body (the payload's
  // "target"), so they arrive even when the requesting element is gone.
  // A view may put its own items in the list, before toastkit's: one that is
  // not a message (null, a string) or breaks show() must not cost the rest.
  listen('toastkit:messages', (event) => {
    const messages = event.detail?.messages;
    if (!Array.isArray(messages)) return;
    messages.forEach((message) => {
      if (message && typeof message == 'object') {
        try {
          show(message);
        } catch (error) {
          reportError(error); // in the console, as if uncaught, and on to the next
        }
      }
    });
  });
  listen('pointerover pointerout focusin focusout visibilitychange', pauseOrResumeAll);

  // Back or Forward brought this page from the back-forward cache: the toasts
  // on screen were seen before leaving; they go at once, the waiting ones show.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    visible.splice(0).forEach((toast) => {
      retire(toast);
      untrack(toast);
      toast.remove();
    });
    showWaiting();
  });

  listen('click', (event) => {
    const button = event.target.closest?.(DISMISS);
    // Without JavaScript the button closes its <dialog> through a form.
    if (button && dismiss(button.closest(TOAST))) event.preventDefault();
  });

  listen('change', (event) => {
    const value = event.target.value;
    if (event.target.closest?.(TIMING) && isTiming(value)) configure({ timing: value });
  });

  // Alt+T: to the newest toast, where Tab reaches its buttons; again: back.
  // Focus only ever moves when the user asks.
  listen('keydown', (event) => {
    if (!event.altKey || event.code !== SHORTCUT_CODE || !region) return;
    const newest = visible.at(-1);
    if (region.contains(doc('activeElement'))) {
      focusBefore?.focus();
      // Nothing focusable to go back to (the page itself, or an element
      // since removed): leave the toast all the same.
      if (region.contains(doc('activeElement'))) doc('activeElement').blur();
    } else if (newest) {
      focusBefore = doc('activeElement');
      focusToast(newest);
    } else {
      return;
    }
    event.preventDefault();
  });

  // Every action's form in the region, server-rendered or not, goes through
  // send(). Capture: before htmx's own boosting.
  listen(
    'submit',
    (event) => region?.contains(event.target) && call(event.target, 'matches', ACTION) && send(event),
    true,
  );

  // Escape belongs to the user: toastkit takes it only while focus is in the
  // region (after Alt+T or Tab). Anywhere else it stays with the page (a
  // search box, a select, a menu) and no toast goes unread.
  listen('keydown', (event) => {
    const focused = doc('activeElement');
    // Escape belongs to an open modal dialog or popover first.
    if (event.key !== 'Escape' || event.defaultPrevented || !region?.contains(focused) || all(TOP_LAYER).length) {
      return;
    }
    if (dismiss(focused.closest(TOAST)) || dismiss(visible.at(-1))) event.preventDefault();
  });

  // Swipe with touch or a pen; mouse drags are left to text selection. Only
  // a press on a visible toast starts one: any other pointer's moves cost
  // one comparison.
  listen('pointerdown', (event) => {
    const toast = event.target.closest?.(TOAST);
    swipeStart = event.pointerType !== 'mouse' && visible.includes(toast) ? event : null;
  });
  listen('pointermove pointerup pointercancel', (event) => {
    if (swipeStart?.pointerId !== event.pointerId) return;
    const toast = /** @type {HTMLElement} */ (swipeStart.target.closest(TOAST));
    if (!visible.includes(toast)) return; // dismissed meanwhile
    const distance = event.clientX - swipeStart.clientX;
    toast.style.translate = distance + 'px';
    if (event.type === 'pointermove') return;
    const farEnough = event.type === 'pointerup' && Math.abs(distance) >= SWIPE_DISTANCE;
    if (!farEnough || !dismiss(toast)) toast.style.translate = '';
    swipeStart = null;
  });

  // A failed request (htmx 2: responseError, sendError; htmx 4:
  // response:error, error). An action's (an error status, or no response) keeps
  // its toast, for another try: the submit handler dismisses only a toast
  // still busy. One that got no response at all (htmx 2: sendError; htmx 4:
  // an error without a response that is not an abort) shows
  // TOASTKIT_NETWORK_ERROR_MESSAGE, when set.
  listen('htmx:responseError htmx:response:error htmx:sendError htmx:error', (event) => {
    const toast = event.target.closest?.(TOAST);
    if (toast) toast.ariaBusy = null;
    const detail = event.detail;
    const noResponse =
      event.type === 'htmx:sendError' ||
      (detail?.ctx && !detail.ctx.response && !/Abort/.test(detail.error));
    if (noResponse) show({ level: ERROR, message: region?.dataset.networkError });
  });

  /** toastkit's JavaScript API: see docs/client.md. An own property of
   * window, so it shadows any element named "toastkit". */
  page.toastkit = page[RUNNING] = { show, dismiss, dismissAll, configure };
})();
