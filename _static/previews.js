/*
 * Previews (edition/site/previews.py): what a citation, a note marker, a verdict mark or a mention of
 * Table 1/2 or Figure 1 refers to, shown beside it without leaving the page.
 *
 *   mouse:     hover shows it (after a short delay); moving onto the preview keeps it open, so its
 *              link can be clicked; leaving both hides it.
 *   keyboard:  focusing the trigger shows it; Escape hides it; the trigger keeps its own action
 *              (a mark still opens the ledger with Enter).
 *   touch:     the first tap shows the preview instead of following the link; a second tap on
 *              the same trigger follows it; a tap elsewhere closes it.
 *
 * Offline: everything comes from the page (the bibliography's tooltip text, the note, the table
 * or figure) or from the JSON block edition/site/previews.py writes into it. Values from the JSON are
 * inserted with textContent only.
 */
(function () {
  "use strict";

  var SHOW_DELAY = 120, HIDE_DELAY = 250;
  var L = {
    en: { printed: "Printed", recomputed: "Recomputed", sources: "Independent sources", agrees: "agrees",
          disagrees: "disagrees", reason: "Editor's note", ledger: "Open in the claims ledger",
          note: "Note", from: "from", none: "Nothing independent in the bundled data to check against.",
          table: "Table", figure: "Figure", open: "Go to it",
          edNote: "Editorial note", printedAs: "Printed:", confidence: "Confidence", edOpen: "Open in the editorial notes",
          pageHead: "Page {p} of the original article begins here", citeAs: "Cite as", pageLink: "Link to this page",
          copy: "Copy citation and link", copied: "Copied" },
    ko: { printed: "논문 표기", recomputed: "재계산", sources: "독립 출처", agrees: "부합", disagrees: "상충",
          reason: "편집자 주", ledger: "수치 검증 대장에서 보기", note: "주", from: "입력:",
          none: "편집본에 포함된 자료에는 대조할 독립 자료가 없음.", table: "표", figure: "그림", open: "해당 위치로 가기",
          edNote: "편집자 주", printedAs: "인쇄본:", confidence: "확실성", edOpen: "편집자 주 목록에서 보기",
          pageHead: "원문 {p}쪽이 여기서 시작됨", citeAs: "인용:", pageLink: "이 쪽으로 가는 링크",
          copy: "인용과 링크 복사", copied: "복사됨" }
  };

  var data = {};
  var pop = null, current = null, showTimer = null, hideTimer = null, lastPointer = "mouse", lastPointerTime = 0;

  function readData() {
    var el = document.getElementById("edition-previews");
    if (!el) return;
    try { data = JSON.parse(el.textContent) || {}; } catch (e) { data = {}; }
  }

  function mode() { return document.documentElement.getAttribute("data-lang-mode") || "en"; }

  // The language a preview speaks: that of the block the trigger stands in, else the reader's mode.
  function langOf(trigger) {
    var block = trigger.closest(".lang-en, .lang-ko");
    if (block) return block.classList.contains("lang-ko") ? "ko" : "en";
    return mode() === "ko" ? "ko" : "en";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function visible(node) { return !!node && node.getClientRects().length > 0; }

  // ---- what each kind of trigger shows --------------------------------------------------------

  function claimId(a) {
    var m = /#claim-([A-Za-z0-9][A-Za-z0-9_.:-]*)$/.exec(a.getAttribute("href") || "");
    return m ? m[1].replace(/-ko$/, "") : null;
  }

  // A verdict's symbol (hidden from screen readers: the words follow) and its words.
  function verdictLine(cls, slug, symbol, words) {
    var p = el("p", cls);
    var sym = el("span", "verdict verdict-" + slug, symbol);
    sym.setAttribute("aria-hidden", "true");
    p.appendChild(sym);
    p.appendChild(document.createTextNode(" " + words));
    return p;
  }

  function verdictContent(a, lang) {
    var c = (data.claims || {})[claimId(a)];
    if (!c) return null;
    var t = L[lang], box = el("div", "preview-verdict");
    box.appendChild(verdictLine("preview-head", c.slug, c.symbol, lang === "ko" ? c.verdict.ko : c.verdict.en));
    box.appendChild(el("p", "preview-what", lang === "ko" ? c.what.ko : c.what.en));
    var dl = el("dl", "preview-facts");
    function fact(k, v) { dl.appendChild(el("dt", null, k)); var d = el("dd"); if (typeof v === "string") d.textContent = v; else d.appendChild(v); dl.appendChild(d); }
    fact(t.printed, lang === "ko" ? c.printed.ko : c.printed.en);
    if (c.recomputed) {
      var used = (c.recomputed.inputs && c.recomputed.inputs[lang]) || [];
      var rv = c.recomputed.value ? c.recomputed.value[lang] : "";
      fact(t.recomputed, (rv ? rv + " " : "") + (used.length ? "(" + t.from + " " + used.join(", ") + ")" : ""));
    }
    if (c.sources && c.sources.length) {
      var ul = el("ul", "preview-sources");
      c.sources.forEach(function (s) {
        var basis = s.basis && s.basis[lang] ? (lang === "ko" ? s.basis[lang] + " 자료" : s.basis[lang] + " figures") : "";
        var who = [s.name, basis].filter(Boolean).join(lang === "ko" ? ", " : ", ");
        ul.appendChild(el("li", null, (s.value[lang] || s.value.en) + (who ? " (" + who + ")" : "") +
                          " — " + (s.agrees ? t.agrees : t.disagrees)));
      });
      fact(t.sources, ul);
    } else if (!c.recomputed) {
      fact(t.sources, t.none);
    }
    var reason = c.reason && (c.reason[lang] || c.reason.en);
    if (reason) fact(t.reason, reason);
    box.appendChild(dl);
    var rels = (a.getAttribute("data-relations") || "").split(" ").filter(Boolean);
    rels.forEach(function (rid) {
      var r = (data.relations || {})[rid];
      if (!r) return;
      box.appendChild(verdictLine("preview-relation", r.slug, r.symbol,
                                  (lang === "ko" ? r.verdict.ko : r.verdict.en) + ": " + (lang === "ko" ? r.what.ko : r.what.en)));
      var arith = lang === "ko" ? r.arithmetic.ko : r.arithmetic.en;
      if (arith) box.appendChild(el("p", "preview-arithmetic", arith));
    });
    var link = el("a", "preview-link", t.ledger);
    link.href = a.href;
    box.appendChild(link);
    return box;
  }

  // [sic] and [?]: the editorial note itself.
  function editorialId(a) {
    var m = /#(ed-[A-Za-z0-9_-]+)$/.exec(a.getAttribute("href") || "");
    return m ? m[1].replace(/-ko$/, "") : null;
  }

  function editorialContent(a, lang) {
    var e = (data.editorial || {})[editorialId(a)];
    if (!e) return null;
    var t = L[lang], box = el("div", "preview-editorial");
    box.appendChild(el("p", "preview-head", t.edNote + " · " + e.kind[lang]));
    box.appendChild(el("p", "preview-what", t.printedAs + " “" + e.published + "”"));
    box.appendChild(el("p", null, e.explanation[lang] || e.explanation.en));
    box.appendChild(el("p", "preview-meta", t.confidence + ": " + e.confidence[lang]));
    var link = el("a", "preview-link", t.edOpen);
    link.href = a.href;
    box.appendChild(link);
    return box;
  }

  // A page of the original: the page, how to cite it, and a link that lands here.
  function pageContent(a, lang) {
    var page = a.getAttribute("data-page"), t = L[lang], box = el("div", "preview-page");
    var prec = a.getAttribute("data-precision");
    var approx = prec === "paragraph" || prec === "within";  // the title says where, and how sure
    box.appendChild(el("p", "preview-head", approx ? (a.getAttribute("data-title") || "") : t.pageHead.replace("{p}", page)));
    var cite = "Lee and Gray 2020, p. " + page;
    var p = el("p", "preview-cite");
    p.appendChild(document.createTextNode(t.citeAs + " "));
    p.appendChild(el("q", "preview-cite-text", cite));
    if (lang === "ko") p.appendChild(document.createTextNode(" (이종운·그레이 2020, " + page + "쪽)"));
    box.appendChild(p);
    var url = window.location.href.split("#")[0].replace(/[?&]lang=[a-z]+/, "") + "#" + a.id;
    var link = el("a", "preview-link", t.pageLink);
    link.href = "#" + a.id;
    box.appendChild(link);
    var copy = el("button", "preview-copy", t.copy);
    copy.type = "button";
    copy.addEventListener("click", function () {
      var text = cite + ". " + url;
      function done() { copy.textContent = t.copied; }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
    });
    box.appendChild(document.createTextNode(" "));
    box.appendChild(copy);
    return box;
  }

  function relationId(a) {
    var m = /ledger\.html#(rel_[A-Za-z0-9_.:-]*)$/.exec(a.getAttribute("href") || "");
    return m ? m[1] : null;
  }

  function relationContent(a, lang) {
    var r = (data.relations || {})[relationId(a)];
    if (!r) return null;
    var t = L[lang], box = el("div", "preview-verdict");
    box.appendChild(verdictLine("preview-head", r.slug, r.symbol, lang === "ko" ? r.verdict.ko : r.verdict.en));
    box.appendChild(el("p", "preview-what", lang === "ko" ? r.what.ko : r.what.en));
    var arith = lang === "ko" ? r.arithmetic.ko : r.arithmetic.en;
    if (arith) box.appendChild(el("p", "preview-arithmetic", arith));
    var reason = r.reason && (r.reason[lang] || r.reason.en);
    if (reason) box.appendChild(el("p", "preview-reason", t.reason + ": " + reason));
    var link = el("a", "preview-link", t.ledger);
    link.href = a.href;
    box.appendChild(link);
    return box;
  }

  function citationContent(a) {
    var text = a.getAttribute("data-edition-ref") || "";
    return text ? el("p", "preview-citation", text) : null;
  }

  function noteContent(a, lang) {
    var id = (a.getAttribute("href") || "").slice(1);
    var note = document.getElementById(id);
    if (!note) return null;
    var box = el("div", "preview-note");
    var num = /note-(\d+)/.exec(id);
    box.appendChild(el("p", "preview-head", L[lang].note + " " + (num ? num[1] + ")" : "")));
    var langs = mode() === "both" ? ["en", "ko"] : [lang];
    var found = false;
    langs.forEach(function (lg) {
      var part = note.querySelector(":scope > .lang-" + lg);
      if (part) { box.appendChild(cleanClone(part)); found = true; }
    });
    if (!found) box.appendChild(cleanClone(note));
    return box;
  }

  // A copy that adds no duplicate ids, runs nothing and takes no tab stops.
  function cleanClone(node) {
    var copy = node.cloneNode(true);
    copy.removeAttribute("id");
    var all = copy.querySelectorAll("[id], script, [tabindex]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].tagName === "SCRIPT") { all[i].remove(); continue; }
      all[i].removeAttribute("id");
      all[i].removeAttribute("tabindex");
    }
    var focusables = copy.querySelectorAll("a, button, summary, details");
    for (var j = 0; j < focusables.length; j++) focusables[j].setAttribute("tabindex", "-1");
    return copy;
  }

  function objectTarget(kind, num) {
    if (kind === "figure") return document.getElementById("figure" + num);
    var cands = document.querySelectorAll('[id$="-t' + num + '"]');
    for (var i = 0; i < cands.length; i++) if (/^s\d-t\d+$/.test(cands[i].id)) return cands[i];
    return null;
  }

  function objectContent(span, lang) {
    var kind = span.getAttribute("data-preview-kind"), num = span.getAttribute("data-preview-num");
    var target = objectTarget(kind, num);
    if (!target) return null;
    var box = el("div", "preview-object");
    if (kind === "figure") {
      var block = target.querySelector(".figure-block.lang-" + lang) || target.querySelector(".figure-block");
      var svg = block && block.querySelector(".edition-chart svg");
      var title = block && block.querySelector(".chart-title");
      if (title) box.appendChild(el("p", "preview-head", title.textContent));
      if (svg) box.appendChild(cleanClone(svg)); else return null;
    } else {
      var caption = target.querySelector(".lang-" + lang) || target;
      box.appendChild(el("p", "preview-head", caption.textContent.trim().split("\n")[0]));
      var next = target.nextElementSibling, table = null;
      for (var k = 0; next && k < 3 && !table; k++, next = next.nextElementSibling) {
        // The table in the preview's language: a notebook's table block, or a directive's
        // language block; any table only when neither is marked.
        var blockT = next.querySelector(".table-block.lang-" + lang + " table")
          || next.querySelector(".lang-" + lang + " table")
          || (next.classList.contains("lang-" + lang) ? next.querySelector("table") : null)
          || (next.matches(".lang-en, .lang-ko") || next.querySelector(".lang-en, .lang-ko")
              ? null : next.querySelector("table"));
        if (blockT) table = blockT;
      }
      if (!table) return null;
      var wrap = el("div", "preview-table");
      wrap.appendChild(cleanClone(table));
      box.appendChild(wrap);
    }
    var link = el("a", "preview-link", L[lang].open);
    link.href = "#" + target.id;
    box.appendChild(link);
    return box;
  }

  function contentFor(trigger) {
    var lang = langOf(trigger);
    var kind = trigger.getAttribute("data-preview");
    if (kind === "verdict") return verdictContent(trigger, lang);
    if (kind === "relation") return relationContent(trigger, lang);
    if (kind === "citation") return citationContent(trigger);
    if (kind === "note") return noteContent(trigger, lang);
    if (kind === "object") return objectContent(trigger, lang);
    if (kind === "editorial") return editorialContent(trigger, lang);
    if (kind === "page") return pageContent(trigger, lang);
    return null;
  }

  // ---- the popover ------------------------------------------------------------------------------

  function ensurePop() {
    if (pop) return pop;
    pop = el("div", "edition-preview");
    pop.id = "edition-preview";
    pop.setAttribute("role", "tooltip");
    pop.hidden = true;
    pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    pop.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(pop);
    return pop;
  }

  function place(trigger) {
    var r = trigger.getBoundingClientRect();
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var width = Math.min(420, vw - 16);
    pop.style.maxWidth = width + "px";
    pop.style.left = "0px"; pop.style.top = "0px";
    var pr = pop.getBoundingClientRect();
    var left = Math.min(Math.max(8, r.left + r.width / 2 - pr.width / 2), vw - pr.width - 8);
    var below = r.bottom + 8, above = r.top - pr.height - 8;
    var top = (below + pr.height <= vh - 8 || above < 8) ? below : above;
    pop.style.left = Math.round(left + window.scrollX) + "px";
    pop.style.top = Math.round(top + window.scrollY) + "px";
  }

  function show(trigger) {
    clearTimeout(hideTimer); clearTimeout(showTimer);
    var content = contentFor(trigger);
    if (!content) return false;
    ensurePop();
    pop.textContent = "";
    pop.setAttribute("lang", langOf(trigger));
    pop.setAttribute("data-kind", trigger.getAttribute("data-preview"));
    pop.appendChild(content);
    pop.hidden = false;
    if (current && current !== trigger) current.removeAttribute("aria-describedby");
    current = trigger;
    trigger.setAttribute("aria-describedby", pop.id);
    trigger.setAttribute("data-preview-open", "true");
    place(trigger);
    return true;
  }

  function hide() {
    clearTimeout(showTimer); clearTimeout(hideTimer);
    if (pop) pop.hidden = true;
    if (current) { current.removeAttribute("aria-describedby"); current.removeAttribute("data-preview-open"); }
    current = null;
  }

  function scheduleHide() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, HIDE_DELAY); }

  // ---- finding the triggers ---------------------------------------------------------------------

  function mark(a, kind) {
    if (a.hasAttribute("data-preview")) return;
    a.setAttribute("data-preview", kind);
  }

  var OBJECT_TEXT = /(Table|Figure|표|그림)\s([0-9]+)(?![0-9])/g;

  function wrapObjectMentions(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var p = n.parentElement;
        if (!p || p.closest("a, h1, h2, h3, h4, h5, h6, table, .figure1, .table-block, strong, code, pre, script, .edition-preview, [data-preview]")) return NodeFilter.FILTER_REJECT;
        var pair = p.closest(".pair");
        if (pair && /^s\d-t\d+$/.test(pair.id)) return NodeFilter.FILTER_REJECT;  // the caption itself
        OBJECT_TEXT.lastIndex = 0;
        return OBJECT_TEXT.test(n.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (n) {
      var text = n.nodeValue, frag = document.createDocumentFragment(), last = 0, m;
      OBJECT_TEXT.lastIndex = 0;
      while ((m = OBJECT_TEXT.exec(text))) {
        var kind = (m[1] === "Figure" || m[1] === "그림") ? "figure" : "table";
        if (!objectTarget(kind, m[2])) continue;
        frag.appendChild(document.createTextNode(text.slice(last, m.index)));
        var span = el("span", "preview-ref", m[0]);
        span.setAttribute("tabindex", "0");
        span.setAttribute("role", "button");
        span.setAttribute("data-preview", "object");
        span.setAttribute("data-preview-kind", kind);
        span.setAttribute("data-preview-num", m[2]);
        frag.appendChild(span);
        last = m.index + m[0].length;
      }
      if (last === 0) return;
      frag.appendChild(document.createTextNode(text.slice(last)));
      n.parentNode.replaceChild(frag, n);
    });
  }

  function findTriggers() {
    var article = document.querySelector(".bd-article") || document.body;
    var links = article.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i], href = a.getAttribute("href") || "";
      if (claimId(a) && (data.claims || {})[claimId(a)]) mark(a, "verdict");
      else if (relationId(a) && (data.relations || {})[relationId(a)]) mark(a, "relation");
      else if (/^#note-\d+$/.test(href)) mark(a, "note");
      else if (a.classList.contains("sic") && (data.editorial || {})[editorialId(a)]) {
        a.removeAttribute("title");  // the preview shows the note itself
        mark(a, "editorial");
      } else if (a.classList.contains("pb") && a.getAttribute("data-page")) {
        a.setAttribute("data-title", a.getAttribute("title") || "");
        a.removeAttribute("title");
        mark(a, "page");
      }
      else if (a.closest(".bibtex-citation") || (/references\.html#/.test(href) && a.getAttribute("title"))) {
        var title = a.getAttribute("title");
        if (title) {
          // The full reference moves from the native tooltip (mouse only, no phone, no keyboard)
          // to the preview, and stays the link's accessible description while it is shown.
          a.setAttribute("data-edition-ref", title);
          a.removeAttribute("title");
          mark(a, "citation");
        }
      }
    }
    wrapObjectMentions(article);
  }

  // ---- events -----------------------------------------------------------------------------------

  function triggerOf(node) { return node && node.closest ? node.closest("[data-preview]") : null; }

  function onOver(e) {
    if (lastPointer === "touch") return;
    var t = triggerOf(e.target);
    if (!t) return;
    clearTimeout(hideTimer);
    if (t === current) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(t); }, SHOW_DELAY);
  }

  function onOut(e) {
    var t = triggerOf(e.target);
    if (!t || (e.relatedTarget && t.contains(e.relatedTarget))) return;
    clearTimeout(showTimer);
    if (t === current) scheduleHide();
  }

  function onFocusIn(e) {
    // A tap focuses the link too: leave it to the click handler (first tap shows, second follows).
    if (lastPointer === "touch" && Date.now() - lastPointerTime < 1000) return;
    var t = triggerOf(e.target);
    if (t && t === e.target) show(t);
  }

  function onFocusOut(e) {
    var t = triggerOf(e.target);
    if (t && t === current && !(pop && pop.contains(e.relatedTarget))) hide();
  }

  function onPointerDown(e) { lastPointer = e.pointerType || "mouse"; lastPointerTime = Date.now(); }

  function onClick(e) {
    var t = triggerOf(e.target);
    if (!t) {
      if (current && !(pop && pop.contains(e.target))) hide();
      return;
    }
    var isLink = t.tagName === "A";
    if (!isLink) {  // a mention of a table or figure: click or tap toggles it
      e.preventDefault();
      if (t === current) hide(); else show(t);
      return;
    }
    if (lastPointer === "touch" && t !== current) {
      // First tap: show what the link leads to; a second tap follows it.
      if (show(t)) e.preventDefault();
    }
  }

  function onKey(e) {
    if (e.key === "Escape" && current) { var t = current; hide(); t.focus(); return; }
    var t2 = triggerOf(e.target);
    if (t2 && t2.tagName !== "A" && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      if (t2 === current) hide(); else show(t2);
    }
  }

  function start() {
    readData();
    findTriggers();
    document.addEventListener("mouseover", onOver);
    document.addEventListener("mouseout", onOut);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("click", onClick, true);
    document.addEventListener("keydown", onKey);
    window.addEventListener("resize", function () { if (current) place(current); });
    new MutationObserver(function () { if (current) hide(); })
      .observe(document.documentElement, { attributes: true, attributeFilter: ["data-lang-mode"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  window.editionPreviews = { show: show, hide: hide, current: function () { return current; } };
})();
