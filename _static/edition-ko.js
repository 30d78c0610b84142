/*
 * The Korean interface: in Korean mode (<html data-lang-mode="ko">) every label that the theme,
 * Sphinx's search, the copy button, the charts and the edition draw around the text is Korean:
 * site and page titles, footer, sidebar captions, search messages, buttons, tooltips and the
 * names screen readers announce (aria-label, title, alt, placeholder).
 *
 * How: English strings are looked up in TEXT (exact) or PATTERNS (with numbers); a bilingual
 * label written "English / 한국어" or "English · 한국어" shows its Korean half. Each original is
 * kept (on the text node, or in a data-edition-en-* attribute), so switching back to English or
 * to side-by-side restores it. Content blocks (.lang-en / .lang-ko) are never touched.
 * Runs after edition.js (which sets the mode in <head>); watches the mode and late content
 * (search results, charts, copy buttons). tests/browser/test_interface_ko.py walks every page.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var SITE_EN = "North Korea, Apparel Production Networks and UN Sanctions — an executable edition";
  var SITE_KO = "북한 의류 생산네트워크와 UN 제재 — 실행 가능한 편집본";

  var TEXT = {};
  TEXT[SITE_EN] = SITE_KO;
  var PAIRS = [
    // footer (_config.yml author / copyright)
    ["By Jong-Woon Lee and Kevin Gray (text); edition contributors (apparatus)",
     "지은이: 이종운·케빈 그레이(본문), 편집본 기여자(편집 자료)"],
    ["© Copyright 2020 the authors (text); 2026 edition contributors (code and data).",
     "© 2020 저자(본문), 2026 편집본 기여자(코드와 데이터)."],
    ["Copyright", "저작권"],
    // theme chrome
    ["Skip to main content", "본문으로 건너뛰기"], ["Back to top", "맨 위로"],
    ["Search", "검색"], ["Search this book...", "이 책에서 검색…"], ["Contents", "목차"],
    ["On this page", "이 페이지의 차례"], ["previous", "이전"], ["next", "다음"],
    ["next page", "다음 페이지"], ["previous page", "이전 페이지"], ["Index", "색인"],
    ["Download this page", "이 페이지 내려받기"], ["Download source file", "원본 파일 내려받기"],
    ["Download notebook file", "노트북 파일 내려받기"], ["Print to PDF", "PDF로 인쇄"],
    ["Launch interactive content", "대화형으로 실행"], ["Launch on Binder", "Binder에서 실행"],
    ["Binder logo", "Binder 로고"], ["Fullscreen mode", "전체 화면"], ["Color mode", "색상 모드"],
    ["Light", "밝게"], ["Dark", "어둡게"], ["System Settings", "시스템 설정"],
    ["Toggle primary sidebar", "목차 사이드바 열기/닫기"],
    ["Toggle secondary sidebar", "보조 사이드바 열기/닫기"],
    ["Link to this heading", "이 제목으로 연결"], ["Site navigation", "사이트 탐색"],
    ["Main", "주 탐색"], ["Page", "페이지"], ["Version warning", "버전 경고"],
    ["Section Navigation", "절 탐색"], ["Breadcrumb", "현재 위치"], ["Home", "처음"],
    ["Clear search", "검색어 지우기"],
    // Sphinx search page
    ["Search Results", "검색 결과"], ["Searching", "검색 중"], ["Preparing search...", "검색 준비 중…"],
    ["Error", "오류"],
    ["Please activate JavaScript to enable the search functionality.",
     "검색하려면 브라우저에서 자바스크립트를 켜 주십시오."],
    ["Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.",
     "검색어와 일치하는 페이지가 없습니다. 철자를 확인하거나 다른 낱말로 검색해 보십시오."],
    // sphinx-copybutton
    ["Copy", "복사"], ["Copy to clipboard", "클립보드에 복사"], ["Copied!", "복사됨"],
    ["Failed to copy", "복사하지 못함"],
    // myst-nb cell toggles
    ["Show code cell source", "코드 셀 원문 보기"], ["Hide code cell source", "코드 셀 원문 숨기기"],
    ["Show code cell outputs", "코드 셀 출력 보기"], ["Hide code cell outputs", "코드 셀 출력 숨기기"],
    ["Show code cell content", "코드 셀 내용 보기"], ["Hide code cell content", "코드 셀 내용 숨기기"],
    ["Click to show", "눌러서 보기"], ["Click to hide", "눌러서 숨기기"]
  ];
  PAIRS.forEach(function (p) { TEXT[p[0]] = p[1]; });

  var PATTERNS = [
    [/^Search finished, found (\d+) page\(s\) matching the search query\.$/, "검색 완료: 일치하는 페이지 $1개."],
    // Vega's generated names for chart parts (screen readers)
    [/^([XY])-axis titled '(.*)' for a \w+ scale with values from (.*) to (.*)$/, "$1축 ‘$2’: $3부터 $4까지"],
    [/^([XY])-axis for a \w+ scale with values from (.*) to (.*)$/, "$1축: $2부터 $3까지"],
    [/^Symbol legend titled '(.*)' for .* with (\d+) values: (.*)$/, "범례 ‘$1’(값 $2개): $3"],
    [/^Symbol legend for .* with (\d+) values: (.*)$/, "범례(값 $1개): $2"],
    [/^(\w+) mark container$/, function (m, kind) { return (MARK[kind] || kind) + " 요소 묶음"; }],
    [/^(\w+) mark$/, function (m, kind) { return (MARK[kind] || kind) + " 요소"; }]
  ];
  var MARK = {line: "선", point: "점", rect: "막대", area: "면", rule: "기준선", text: "글자",
              symbol: "기호", group: "묶음", arc: "호", path: "경로", image: "그림", shape: "도형",
              trail: "자취"};
  // Vega's role descriptions (aria-roledescription)
  var ROLE = {"visualization": "시각화", "point": "점", "axis": "축", "legend": "범례", "title": "제목",
              "graphics-object": "그림 요소", "graphics-symbol": "그림 기호"};

  var HANGUL = /[\uac00-\ud7a3]/;
  var LATIN = /[A-Za-z]{2}/;
  var PAIR = /^(.+?)\s+(?:\/|·)\s+(.+)$/;
  var ATTRS = ["title", "aria-label", "placeholder", "alt", "data-bs-title", "data-bs-original-title",
               "data-tooltip", "aria-roledescription"];
  var CONTENT = ".lang-en, .lang-ko, script, style, pre, code, textarea";

  function bilingual(s) {
    var m = PAIR.exec(s);
    if (!m) return null;
    var a = m[1], b = m[2];
    if (HANGUL.test(b) && !HANGUL.test(a) && LATIN.test(a)) return b;
    if (HANGUL.test(a) && !HANGUL.test(b) && LATIN.test(b)) return a;
    return null;
  }

  function vegaValue(s) {
    // "연도: 2002; %: null; 계열: …" -> "…: 없음"
    return /: null\b/.test(s) && HANGUL.test(s) ? s.replace(/: null\b/g, ": 없음") : null;
  }

  /** The Korean for an interface string, or null when there is none (leave it). */
  function korean(s, allowPair) {
    var t = s.replace(/\s+/g, " ").trim();
    if (!t) return null;
    if (Object.prototype.hasOwnProperty.call(TEXT, t)) return TEXT[t];
    if (Object.prototype.hasOwnProperty.call(ROLE, t)) return ROLE[t];
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(t)) return t.replace(PATTERNS[i][0], PATTERNS[i][1]);
    }
    return vegaValue(t) || (allowPair ? bilingual(t) : null);
  }

  function isKorean() { return root.getAttribute("data-lang-mode") === "ko"; }

  // --- text nodes ------------------------------------------------------------------------------
  var PAIR_TEXT_PLACES = ".caption-text, .edition-lang-switch, .cite-label";

  function textNodes(scope) {
    var out = [];
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    var n;
    while ((n = walker.nextNode())) {
      var el = n.parentElement;
      if (!el || el.closest(CONTENT)) continue;
      if (n.__editionEn !== undefined || LATIN.test(n.nodeValue)) out.push(n);
    }
    return out;
  }

  function swapText(node, ko) {
    var el = node.parentElement;
    if (node.__editionEn === undefined) {
      var k = korean(node.nodeValue, !!(el && el.closest(PAIR_TEXT_PLACES)));
      if (k === null) return;
      node.__editionEn = node.nodeValue;
      node.__editionKo = node.nodeValue.replace(node.nodeValue.trim(), k);
    }
    var want = ko ? node.__editionKo : node.__editionEn;
    if (node.nodeValue !== want) node.nodeValue = want;
  }

  // --- attributes ------------------------------------------------------------------------------
  function swapAttr(el, name, ko) {
    if (el.closest(".lang-en")) return;
    var key = "data-edition-en-" + name;
    var en = el.getAttribute(key);
    var current = el.getAttribute(name);
    if (en === null || (current !== null && current !== en && current !== korean(en, true))) {
      // first visit, or the page changed the value itself (copy button: "Copied!")
      if (current === null) return;
      var k = korean(current, true);
      if (k === null) return;
      el.setAttribute(key, current);
      en = current;
    }
    var want = ko ? korean(en, true) : en;
    if (want !== null && el.getAttribute(name) !== want) el.setAttribute(name, want);
  }

  // --- document title --------------------------------------------------------------------------
  var titleEn = null;

  function koreanTitle() {
    var h1 = document.querySelector("article.bd-article h1 .lang-ko, main h1 .lang-ko");
    var page = h1 ? h1.textContent.replace(/\s+/g, " ").trim() : null;
    if (!page) {
      var first = (titleEn || "").split(/ [-—|] /)[0];
      page = korean(first, true);
    }
    return page ? page + " — " + SITE_KO : SITE_KO;
  }

  function swapTitle(ko) {
    if (titleEn === null) titleEn = document.title;
    var want = ko ? koreanTitle() : titleEn;
    if (document.title !== want) document.title = want;
  }

  // --- run ---------------------------------------------------------------------------------------
  var pending = false;

  function localise() {
    pending = false;
    var ko = isKorean();
    swapTitle(ko);
    if (!document.body) return;
    textNodes(document.body).forEach(function (n) { swapText(n, ko); });
    var sel = ATTRS.map(function (a) { return "[" + a + "]"; }).join(", ");
    var els = document.body.querySelectorAll(sel);
    for (var i = 0; i < els.length; i++) {
      for (var j = 0; j < ATTRS.length; j++) {
        if (els[i].hasAttribute(ATTRS[j])) swapAttr(els[i], ATTRS[j], ko);
      }
    }
  }

  function soon() {
    if (pending) return;
    pending = true;
    (window.requestAnimationFrame || window.setTimeout)(localise);
  }

  // Search result summaries: Sphinx quotes the text of the whole page, both languages; quote only
  // the language the reader reads (en or ko mode; both: everything).
  function languageSummaries() {
    if (typeof Search === "undefined" || !Search.htmlToText || Search.htmlToText.__edition) return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var mode = root.getAttribute("data-lang-mode");
      if (mode === "ko" || mode === "en") {
        var doc = new DOMParser().parseFromString(htmlString, "text/html");
        // #jb-print-docs-body: the print-only copy of the title, in both languages as plain text
        var hide = doc.querySelectorAll((mode === "ko" ? ".lang-en" : ".lang-ko") + ", #jb-print-docs-body");
        for (var i = 0; i < hide.length; i++) hide[i].remove();
        htmlString = doc.documentElement.outerHTML;
      }
      return original(htmlString, anchor);
    };
    Search.htmlToText.__edition = true;
  }

  function start() {
    languageSummaries();
    localise();
    new MutationObserver(soon).observe(root, { attributes: true, attributeFilter: ["data-lang-mode"] });
    new MutationObserver(soon).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["data-tooltip", "title"]
    });
    window.addEventListener("load", soon);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  window.editionKorean = { korean: korean, localise: localise, siteTitle: SITE_KO };
})();
