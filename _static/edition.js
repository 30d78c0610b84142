/*
 * The edition's language switch: English / 한국어 / side by side.
 *
 * Loaded synchronously in <head> (edition/site/assets.py registers it first of all scripts), so the
 * mode is on <html> before the body is drawn and a reader never sees the other language flash.
 *
 *   mode:  ?lang=en|ko|both   >  localStorage["edition-lang"]  >  browser language (ko* -> ko)
 *   sets:  <html data-lang-mode="en|ko|both" lang="en|ko">   (CSS hides .lang-en / .lang-ko)
 *   UI:    a group of three real <button>s with aria-pressed, in the article header
 *
 * Navigation entries that Sphinx renders as plain text ("1. Introduction 1. 서론", e.g. the
 * previous/next links) are split into lang-en / lang-ko spans when the split is certain.
 */
(function () {
  "use strict";

  var MODES = ["en", "ko", "both"];
  var STORAGE_KEY = "edition-lang";
  var root = document.documentElement;

  var LABELS = {
    group: "Language / 언어",
    en: { html: '<span lang="en">EN</span>', title: "English only / 영어만 보기" },
    ko: { html: '<span lang="ko">한국어</span>', title: "한국어만 보기 / Korean only" },
    both: {
      html: '<span lang="en">EN</span><span class="sep" aria-hidden="true"> | </span><span lang="ko">한국어</span>',
      title: "Side by side / 나란히 보기"
    }
  };

  function valid(mode) {
    return MODES.indexOf(mode) >= 0 ? mode : null;
  }

  function fromQuery() {
    try {
      return valid((new URLSearchParams(window.location.search).get("lang") || "").toLowerCase());
    } catch (e) {
      return null;
    }
  }

  function fromStorage() {
    try {
      return valid(window.localStorage.getItem(STORAGE_KEY));
    } catch (e) {
      return null;  // storage disabled (privacy settings, file://)
    }
  }

  function remember(mode) {
    try {
      window.localStorage.setItem(STORAGE_KEY, mode);
    } catch (e) { /* the mode still holds for this page */ }
  }

  function fromBrowser() {
    var nav = window.navigator || {};
    var first = (nav.languages && nav.languages.length ? nav.languages[0] : nav.language) || "";
    return /^ko\b/i.test(first) ? "ko" : "en";
  }

  function apply(mode) {
    root.setAttribute("data-lang-mode", mode);
    root.setAttribute("lang", mode === "ko" ? "ko" : "en");
    var buttons = document.querySelectorAll(".edition-lang-switch button[data-lang-mode]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-lang-mode") === mode));
    }
  }

  // --- decide and apply at once (we are in <head>) -------------------------------------------
  var queried = fromQuery();
  var mode = queried || fromStorage() || fromBrowser();
  if (queried) remember(queried);
  apply(mode);

  function setMode(next) {
    next = valid(next);
    if (!next) return;
    mode = next;
    apply(mode);
    remember(mode);
    if (document.readyState !== "loading") revealHashTarget();
    // Keep a ?lang= in the address in step, so a reload does not undo the reader's choice.
    try {
      var url = new URL(window.location.href);
      if (url.searchParams.has("lang")) {
        url.searchParams.set("lang", mode);
        window.history.replaceState(window.history.state, "", url.toString());
      }
    } catch (e) { /* old browsers: the stored mode still wins on the next page */ }
  }

  // Another tab changed the mode: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY && valid(event.newValue) && event.newValue !== mode) {
      mode = event.newValue;
      apply(mode);
    }
  });

  // --- the switch ------------------------------------------------------------------------------
  function buildSwitch() {
    var group = document.createElement("div");
    group.className = "edition-lang-switch";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", LABELS.group);
    MODES.forEach(function (m) {
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("data-lang-mode", m);
      b.setAttribute("aria-pressed", String(m === mode));
      b.title = LABELS[m].title;
      b.innerHTML = LABELS[m].html;
      b.addEventListener("click", function () { setMode(m); });
      group.appendChild(b);
    });
    return group;
  }

  function insertSwitch() {
    if (document.querySelector(".edition-lang-switch")) return;
    var group = buildSwitch();
    var item = document.createElement("div");
    item.className = "header-article-item edition-lang-item";
    item.appendChild(group);
    var end = document.querySelector(".bd-header-article .header-article-items__end");
    if (end) {
      end.insertBefore(item, end.firstChild);
      return;
    }
    var inner = document.querySelector(".bd-header-article .header-article__inner");
    if (inner) {
      end = document.createElement("div");
      end.className = "header-article-items__end";
      end.appendChild(item);
      inner.appendChild(end);
      return;
    }
    var header = document.querySelector("#pst-header .navbar-header-items__end, #pst-header, header");
    if (header) {
      header.appendChild(item);
      return;
    }
    var main = document.querySelector("main") || document.body;
    main.insertBefore(item, main.firstChild);
  }

  // --- plain-text bilingual titles -> spans ------------------------------------------------------
  var HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]/;
  var LATIN = /[A-Za-z]/;
  var NUMBER_PREFIX = /^(\(?[0-9]+(?:\.[0-9]+)*[.)]?)\s+/;

  function norm(s) {
    return s.replace(/\s+/g, " ").trim();
  }

  // The "English 한국어" pairs the page already knows as spans (sidebar, headings).
  function knownPairs() {
    var pairs = {};
    var nodes = document.querySelectorAll("span.lang-en + span.lang-ko");
    for (var i = 0; i < nodes.length; i++) {
      var ko = nodes[i];
      var en = ko.previousElementSibling;
      var e = norm(en.textContent), k = norm(ko.textContent);
      if (e && k) pairs[e + " " + k] = [e, k];
    }
    return pairs;
  }

  // Split "1. Introduction 1. 서론" / "References 참고문헌" when the split is unambiguous.
  function guessSplit(text) {
    if (!HANGUL.test(text) || !LATIN.test(text)) return null;
    var en, ko;
    var m = NUMBER_PREFIX.exec(text);
    if (m) {
      // Both titles carry the same section number: split at its second occurrence.
      var at = text.indexOf(" " + m[1] + " ", m[0].length);
      if (at < 0) return null;
      en = text.slice(0, at);
      ko = text.slice(at + 1);
    } else {
      // Unnumbered: the Korean title begins at the first word with Hangul, unless the words
      // before it have no letters at all (punctuation belongs to the Korean side then).
      var words = text.split(" ");
      var k = -1;
      for (var i = 0; i < words.length; i++) {
        if (HANGUL.test(words[i])) { k = i; break; }
      }
      if (k <= 0) return null;
      while (k > 1 && !LATIN.test(words[k - 1]) && !/[0-9]/.test(words[k - 1])) k--;
      en = words.slice(0, k).join(" ");
      ko = words.slice(k).join(" ");
    }
    if (!en || !ko || HANGUL.test(en) || !LATIN.test(en) || !HANGUL.test(ko)) return null;
    return [en, ko];
  }

  function splitElement(el, pairs) {
    if (el.querySelector(".lang-en, .lang-ko") || el.closest(".lang-en, .lang-ko, .pair")) return;
    for (var i = 0; i < el.childNodes.length; i++) {
      if (el.childNodes[i].nodeType !== 3) return;  // only plain-text elements
    }
    var raw = el.textContent;
    var text = norm(raw);
    var parts = pairs[text] || guessSplit(text);
    if (!parts) return;
    var lead = /^\s*/.exec(raw)[0], trail = /\s*$/.exec(raw)[0];
    var enSpan = document.createElement("span");
    enSpan.className = "lang-en";
    enSpan.setAttribute("lang", "en");
    enSpan.textContent = parts[0];
    var koSpan = document.createElement("span");
    koSpan.className = "lang-ko";
    koSpan.setAttribute("lang", "ko");
    koSpan.textContent = parts[1];
    el.textContent = "";
    if (lead) el.appendChild(document.createTextNode(lead));
    el.appendChild(enSpan);
    el.appendChild(document.createTextNode(" "));
    el.appendChild(koSpan);
    if (trail) el.appendChild(document.createTextNode(trail));
  }

  var TITLE_PLACES = [
    ".bd-sidebar a", ".bd-sidebar p", ".bd-toc a", ".prev-next-title",
    "#jb-print-docs-body h1", ".toctree-wrapper a", "#search-results a", "nav a"
  ].join(", ");

  function splitTitles(scope) {
    var pairs = knownPairs();
    var els = (scope || document).querySelectorAll(TITLE_PLACES);
    for (var i = 0; i < els.length; i++) splitElement(els[i], pairs);
  }

  function watchSearchResults() {
    var results = document.getElementById("search-results");
    if (!results || !window.MutationObserver) return;
    new MutationObserver(function () { splitTitles(results); })
      .observe(results, { childList: true, subtree: true });
  }

  // --- links land on what the reader can see ----------------------------------------------------
  // Some targets exist once per language: note markers ("noteref-3" in the English block,
  // "noteref-3-ko" in the Korean one), ledger rows ("claim-x" in the English table,
  // "claim-x-ko" in the Korean one). A link names one of them; if that one is hidden in the
  // current mode, go to its visible twin instead.
  function visible(el) {
    return !!el && el.getClientRects().length > 0;
  }

  function visibleTwin(id) {
    if (!id) return null;
    var el = document.getElementById(id);
    if (!el || visible(el)) return null;
    var base = id.replace(/-(en|ko)$/, "");
    var wanted = [base + "-" + (mode === "ko" ? "ko" : "en"), base];
    for (var i = 0; i < wanted.length; i++) {
      var w = document.getElementById(wanted[i]);
      if (w && w !== el && visible(w)) return w;
    }
    var all = document.querySelectorAll('[id^="' + base.replace(/["\\]/g, "") + '-"]');
    for (var j = 0; j < all.length; j++) {
      if (all[j] !== el && visible(all[j])) return all[j];
    }
    return null;
  }

  function hashId() {
    try {
      return decodeURIComponent(window.location.hash.replace(/^#/, ""));
    } catch (e) {
      return window.location.hash.replace(/^#/, "");
    }
  }

  function revealHashTarget() {
    var twin = visibleTwin(hashId());
    if (!twin) return;
    try {
      window.history.replaceState(window.history.state, "", "#" + twin.id);
    } catch (e) { /* the scroll below still happens */ }
    twin.scrollIntoView({ block: "start" });
  }

  function onLinkClick(event) {
    var a = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!a) return;
    var twin = visibleTwin((a.getAttribute("href") || "").slice(1));
    if (twin) {
      event.preventDefault();
      window.location.hash = twin.id;
    }
  }

  // --- theme shim ---------------------------------------------------------------------------------
  // sphinx-book-theme watches margin content (our notes are <aside class="margin">) and then
  // toggles a class on div.bd-sidebar-secondary, which it does not render on pages without
  // sub-headings: "Cannot read properties of null (reading 'classList')" on every chapter.
  // An empty, hidden stand-in keeps its observer quiet. (Runs before the theme's own
  // DOMContentLoaded handler, as this script is loaded first.)
  function ensureSecondarySidebar() {
    if (document.querySelector("div.bd-sidebar-secondary")) return;
    var content = document.querySelector(".bd-main .bd-content");
    if (!content) return;
    var stub = document.createElement("div");
    stub.className = "bd-sidebar-secondary edition-sidebar-stub";
    stub.setAttribute("aria-hidden", "true");
    stub.style.display = "none";
    content.appendChild(stub);
  }

  // The theme's search field-button shows "Search Ctrl+K" but is named aria-label="Search":
  // the visible text must be part of the accessible name (WCAG 2.5.3, axe
  // label-content-name-mismatch). Without the aria-label the name is the visible text.
  function fixSearchButtonNames() {
    var buttons = document.querySelectorAll(".search-button-field[aria-label]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].textContent.replace(/\s+/g, "").length > 0) buttons[i].removeAttribute("aria-label");
    }
  }

  function onReady() {
    ensureSecondarySidebar();
    fixSearchButtonNames();
    insertSwitch();
    apply(mode);
    splitTitles(document);
    watchSearchResults();
    document.addEventListener("click", onLinkClick);
    window.addEventListener("hashchange", revealHashTarget);
    // After layout (the CSS that hides one language must apply first).
    window.requestAnimationFrame(revealHashTarget);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }

  // A small API for tests and for other scripts.
  window.editionLang = {
    get: function () { return mode; },
    set: setMode,
    modes: MODES.slice(),
    guessSplit: guessSplit
  };
})();

/*
 * The marks control: verdict marks in full (symbol and words), quietly (symbol), or not at all.
 * Remembered like the language (localStorage "edition-marks"); set on <html data-marks> at once,
 * since this script runs in <head>. The buttons go into each page's key (.marks-control).
 */
(function () {
  "use strict";
  var KEY = "edition-marks", MODES = ["full", "quiet", "off"], root = document.documentElement;
  var LABELS = {
    group: { en: "Marks", ko: "표시" },
    full: { en: "in full", ko: "자세히" },
    quiet: { en: "quiet", ko: "간단히" },
    off: { en: "off", ko: "숨김" }
  };
  function valid(m) { return MODES.indexOf(m) >= 0 ? m : null; }
  function stored() { try { return valid(window.localStorage.getItem(KEY)); } catch (e) { return null; } }
  var mode = stored() || "quiet";
  root.setAttribute("data-marks", mode);

  function bilingual(pair) {
    return '<span class="lang-en" lang="en">' + pair.en + '</span><span class="lang-ko" lang="ko">' + pair.ko + "</span>";  // constants only
  }
  function set(next) {
    if (!valid(next)) return;
    mode = next;
    root.setAttribute("data-marks", mode);
    try { window.localStorage.setItem(KEY, mode); } catch (e) { /* this page only */ }
    var bs = document.querySelectorAll(".marks-control button");
    for (var i = 0; i < bs.length; i++) bs[i].setAttribute("aria-pressed", String(bs[i].getAttribute("data-marks") === mode));
    if (window.editionNotes) window.editionNotes.layout();
  }
  function build() {
    var keys = document.querySelectorAll("[data-marks-key] > template");
    for (var k = 0; k < keys.length; k++) {
      keys[k].parentNode.appendChild(keys[k].content.cloneNode(true));
      keys[k].parentNode.removeChild(keys[k]);
    }
    var slots = document.querySelectorAll("[data-marks-control]");
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      if (slot.childNodes.length) continue;
      slot.className = "marks-control";
      slot.setAttribute("role", "group");
      slot.setAttribute("aria-label", "Marks / 표시");
      var label = document.createElement("span");
      label.className = "marks-control-label";
      label.setAttribute("aria-hidden", "true");
      label.innerHTML = bilingual(LABELS.group) + ":";
      slot.appendChild(label);
      MODES.forEach(function (m) {
        var b = document.createElement("button");
        b.type = "button";
        b.setAttribute("data-marks", m);
        b.setAttribute("aria-pressed", String(m === mode));
        b.innerHTML = bilingual(LABELS[m]);
        b.addEventListener("click", function () { set(m); });
        slot.appendChild(b);
      });
    }
  }
  window.addEventListener("storage", function (e) {
    if (e.key === KEY && valid(e.newValue)) set(e.newValue);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
  window.editionMarks = { get: function () { return mode; }, set: set, modes: MODES.slice() };
})();

/*
 * Notes beside their line. Where the page is wide enough for a column of notes beside the text
 * (English or Korean alone), each of the paper's notes is placed level with its marker in the
 * language shown, or just under the note above it when that one is still running: the Tufte /
 * Distill side note. Elsewhere (side by side, tablets, phones) the notes stay in place under
 * their paragraph. Laid out again when the page's size, language or marks change.
 */
(function () {
  "use strict";
  var root = document.documentElement, GAP = 8, MIN_WIDTH = 176, MAX_WIDTH = 288, SPACE = 32;

  function visible(el) { return !!el && el.getClientRects().length > 0; }

  function marker(note) {
    var n = (note.id || "").replace(/^note-/, "");
    var refs = document.querySelectorAll('a.note-ref[href="#note-' + n + '"]');
    for (var i = 0; i < refs.length; i++) if (visible(refs[i])) return refs[i];
    return null;
  }

  function reset(notes) {
    root.classList.remove("edition-notes-aside");
    for (var i = 0; i < notes.length; i++) {
      notes[i].style.top = notes[i].style.left = notes[i].style.width = "";
    }
    var article = document.querySelector(".bd-article");
    if (article) article.style.minHeight = "";
  }

  function proseRight(article) {
    var p = article.querySelector(".pair > .lang-en, .pair > .lang-ko");
    var right = 0, blocks = article.querySelectorAll(".pair");
    for (var i = 0; i < blocks.length && i < 40; i++) {
      if (visible(blocks[i])) right = Math.max(right, blocks[i].getBoundingClientRect().right);
    }
    return right || (p ? p.getBoundingClientRect().right : 0);
  }

  var busy = false;
  function layout() {
    var article = document.querySelector(".bd-article");
    if (!article) return;
    var notes = article.querySelectorAll("aside.paper-note");
    if (!notes.length) return;
    var mode = root.getAttribute("data-lang-mode");
    if (mode !== "en" && mode !== "ko" || !window.matchMedia("(min-width: 1200px)").matches) {
      reset(notes);
      return;
    }
    busy = true;
    root.classList.add("edition-notes-aside");
    var a = article.getBoundingClientRect();
    var left = proseRight(article) - a.left + SPACE;
    var width = Math.min(MAX_WIDTH, a.width - left - GAP);
    if (width < MIN_WIDTH) { reset(notes); busy = false; return; }
    var placed = [];
    for (var i = 0; i < notes.length; i++) {
      var m = marker(notes[i]);
      if (!m) continue;
      var line = m.closest("p, li") || m;
      var lh = parseFloat(window.getComputedStyle(line).lineHeight) || 24;
      var mr = m.getBoundingClientRect();
      // the top of the marker's line: the middle of the superscript, less half a line
      var want = (mr.top + mr.bottom) / 2 - lh / 2 - a.top;
      placed.push({ note: notes[i], want: want });
    }
    placed.sort(function (x, y) { return x.want - y.want; });
    var floor = -Infinity;
    placed.forEach(function (p) {
      var top = Math.max(p.want, floor);
      p.note.style.left = left + "px";
      p.note.style.width = width + "px";
      p.note.style.top = top + "px";
      p.note.setAttribute("data-want-top", String(Math.round(p.want)));
      floor = top + p.note.offsetHeight + GAP;
    });
    var need = Math.ceil(floor);
    if (need > article.offsetHeight) article.style.minHeight = need + "px";
    busy = false;
  }

  var pending = 0;
  function soon() {
    if (busy || pending) return;
    pending = window.requestAnimationFrame(function () { pending = 0; layout(); });
  }

  function start() {
    layout();
    window.addEventListener("resize", soon);
    new MutationObserver(soon).observe(root, { attributes: true, attributeFilter: ["data-lang-mode"] });
    if (window.ResizeObserver) {
      var last = 0, article = document.querySelector(".bd-article");
      if (article) new window.ResizeObserver(function () {
        var w = article.getBoundingClientRect().width;
        if (Math.abs(w - last) > 1) { last = w; soon(); }
      }).observe(article);
      var sections = document.querySelectorAll(".bd-article section > .cell, .bd-article .figure-block");
      var ro = new window.ResizeObserver(soon);
      for (var i = 0; i < sections.length; i++) ro.observe(sections[i]);
    }
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(soon);
    window.addEventListener("load", soon);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.editionNotes = { layout: layout };
})();

/* Ledger and editorial-note anchors exist once per language (#claim-x for English, #claim-x-ko
   for Korean). In Korean mode a link to the English row lands on a hidden element, so follow it
   to the Korean partner instead. */
(function () {
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    var ko = document.getElementById(id + "-ko");
    if (el && ko && el.offsetParent === null) { ko.scrollIntoView(); }
  }
  window.addEventListener("hashchange", follow);
  if (document.readyState !== "loading") { follow(); } else { document.addEventListener("DOMContentLoaded", follow); }
  window.addEventListener("load", follow);
})();

/* The Korean interface (theme labels, titles, footer, search messages): _static/edition-ko.js. */
