/* waymark default theme: progressive enhancement of journey pages.
   Without this script every stage panel is shown, open, and every lane
   visible. With it: stages open one at a time (click, Enter, Space, or
   the URL hash #stage-<id>), ArrowLeft/ArrowRight move between stages,
   a channel filter dims other touchpoints, a persona filter shows one
   persona's curve and values (chosen by the buttons, or by the URL hash
   #persona-<slug>, and kept across maps), and lane choices are kept
   across maps. A classic script (no modules), so it also runs from file://. */
(function () {
  "use strict";

  var LANES_KEY = "waymark.hiddenLanes";
  var PERSONA_KEY = "waymark.persona";
  document.documentElement.classList.add("js");

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // hashAfter is the rest of the URL hash after prefix ("stage-",
  // "persona-"), or null when the hash does not start with it.
  function hashAfter(prefix) {
    var h = decodeURIComponent(window.location.hash.slice(1));
    return h.indexOf(prefix) === 0 ? h.slice(prefix.length) : null;
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // blocked (file:// in some browsers, private modes)
    }
  }

  function setupStages(timeline) {
    var buttons = all(timeline, "[data-stage-id][aria-controls]");
    if (!buttons.length) return;
    var points = all(document, "[data-emotion-curve] [data-stage-id]");

    function panelFor(button) {
      return document.getElementById(button.getAttribute("aria-controls"));
    }

    function open(id, focus) {
      var found = false;
      buttons.forEach(function (b) {
        var on = b.getAttribute("data-stage-id") === id;
        found = found || on;
        b.setAttribute("aria-expanded", on ? "true" : "false");
        var panel = panelFor(b);
        if (panel) panel.hidden = !on;
        if (on && focus) b.focus();
      });
      points.forEach(function (p) {
        if (p.getAttribute("data-stage-id") === id) p.setAttribute("data-active", "");
        else p.removeAttribute("data-active");
      });
      return found;
    }

    function select(id, focus) {
      if (!open(id, focus)) return;
      var hash = "#stage-" + id;
      if (window.location.hash !== hash && window.history.replaceState) {
        window.history.replaceState(null, "", hash);
      }
    }

    buttons.forEach(function (b, i) {
      b.addEventListener("click", function () {
        select(b.getAttribute("data-stage-id"), false);
      });
      b.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight") next = buttons[Math.min(i + 1, buttons.length - 1)];
        if (e.key === "ArrowLeft") next = buttons[Math.max(i - 1, 0)];
        if (e.key === "Home") next = buttons[0];
        if (e.key === "End") next = buttons[buttons.length - 1];
        if (!next) return;
        e.preventDefault();
        select(next.getAttribute("data-stage-id"), true);
      });
    });

    window.addEventListener("hashchange", function () {
      var id = hashAfter("stage-");
      if (id) open(id, false);
    });

    if (!open(hashAfter("stage-"), false)) {
      open(buttons[0].getAttribute("data-stage-id"), false);
    }
  }

  // channelFilter makes the channel filter from the journey's matrix,
  // which names the channels the map uses in site.toml's order: each
  // column head (data-channel, its kind as its class, the channel's name)
  // becomes a button in the map's controls, before the lane toggles,
  // unless the page wrote its own. Each row of the matrix is marked with
  // the channels of its filled cells (data-channels), as the lanes'
  // touchpoints are, so that the filter dims both. A reader without the
  // script sees neither the controls nor a need for the marks.
  function channelFilter() {
    var table = document.querySelector("table[data-matrix]");
    if (!table) return;
    var columns = [];
    all(table, "thead th").forEach(function (th) {
      for (var k = 0; k < th.colSpan; k++) columns.push(th.getAttribute("data-channel"));
    });
    all(table, "tbody tr").forEach(function (row) {
      if (row.hasAttribute("data-channels")) return;
      var ids = [];
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (cell.classList.contains("on") && columns[column]) ids.push(columns[column]);
        column += cell.colSpan;
      });
      if (ids.length) row.setAttribute("data-channels", ids.join(" "));
    });
    var controls = document.querySelector("[data-timeline] [data-controls]");
    var heads = all(table, "thead th[data-channel]");
    if (!controls || !heads.length || controls.querySelector("[data-channel-filter]")) return;
    var group = document.createElement("div");
    group.className = "channel-filter";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Show touchpoints on one channel");
    var label = document.createElement("span");
    label.className = "control-label";
    label.textContent = "Channel";
    group.appendChild(label);
    heads.forEach(function (th) {
      var b = document.createElement("button");
      if (th.className) b.className = th.className;
      b.setAttribute("data-channel-filter", th.getAttribute("data-channel"));
      b.textContent = th.textContent;
      group.appendChild(b);
    });
    controls.insertBefore(group, controls.querySelector(".lane-toggles"));
  }

  function setupChannelFilter() {
    channelFilter();
    var filters = all(document, "[data-channel-filter]");
    if (!filters.length) return;
    var active = "";

    function apply() {
      filters.forEach(function (f) {
        f.setAttribute("aria-pressed", f.getAttribute("data-channel-filter") === active ? "true" : "false");
      });
      all(document, "[data-channels]").forEach(function (t) {
        var channels = (t.getAttribute("data-channels") || "").split(" ");
        if (active && channels.indexOf(active) < 0) t.setAttribute("data-dimmed", "");
        else t.removeAttribute("data-dimmed");
      });
    }

    filters.forEach(function (f) {
      f.addEventListener("click", function () {
        var id = f.getAttribute("data-channel-filter");
        active = active === id ? "" : id;
        apply();
      });
    });
    apply(); // the page writes the buttons unpressed, without saying so
  }

  // The emotion scale as values and CSS classes, as the generator writes
  // them (content.Emotion's String, pagedata's EmotionClass); the class
  // gives the words (the stylesheet's --emo-label).
  function emotionText(v) {
    return (v > 0 ? "+" : "") + String(v);
  }
  function emotionClass(v) {
    var l = Math.round(v);
    if (v < 0 && v - Math.floor(v) === 0.5) l = Math.floor(v); // Go rounds halves away from zero
    if (l < 0) return "emo-n" + (-l);
    if (l > 0) return "emo-p" + l;
    return "emo-0";
  }

  function setupPersonaFilter() {
    var filters = all(document, "[data-persona-filter]");
    if (!filters.length) return;
    var known = filters.map(function (f) { return f.getAttribute("data-persona-filter"); });
    var store = storage();
    var cells = all(document, "[data-by-persona]");
    cells.forEach(function (c) {
      c.waymarkAll = { className: c.className, value: c.textContent };
    });

    // showCell shows one persona's value in a matrix cell, or everyone's;
    // the cell is its value, and its class its colour and words.
    function showCell(c, persona) {
      var saved = c.waymarkAll;
      if (!persona) {
        c.className = saved.className;
        c.textContent = saved.value;
        return;
      }
      var raw = null;
      (c.getAttribute("data-by-persona") || "").split(" ").forEach(function (pair) {
        var at = pair.indexOf("=");
        if (at > 0 && pair.slice(0, at) === persona) raw = pair.slice(at + 1);
      });
      var rated = raw !== null && raw !== "";
      var v = rated ? parseFloat(raw) : 0;
      c.className = saved.className.replace(/\bemo-(n2|n1|0|p1|p2|none)\b/, rated ? emotionClass(v) : "emo-none");
      c.textContent = rated ? emotionText(v) : "●";
    }

    function apply(persona) {
      if (known.indexOf(persona) < 0) persona = "";
      filters.forEach(function (f) {
        f.setAttribute("aria-pressed", f.getAttribute("data-persona-filter") === persona ? "true" : "false");
      });
      all(document, "[data-persona]").forEach(function (el) {
        if (persona && el.getAttribute("data-persona") !== persona) el.setAttribute("data-persona-hidden", "");
        else el.removeAttribute("data-persona-hidden");
      });
      all(document, "[data-emotion-curve]").forEach(function (svg) {
        if (persona) svg.setAttribute("data-persona-shown", persona);
        else svg.removeAttribute("data-persona-shown");
      });
      // The legend stays whole, as the key to the filter; the lines not
      // shown recede.
      all(document, ".curve-legend [data-legend]").forEach(function (li) {
        var key = li.getAttribute("data-legend");
        if (persona && key !== persona && key !== "today") li.setAttribute("data-legend-off", "");
        else li.removeAttribute("data-legend-off");
      });
      cells.forEach(function (c) { showCell(c, persona); });
    }

    function choose(persona) {
      apply(persona);
      if (store) {
        try {
          if (persona) store.setItem(PERSONA_KEY, persona);
          else store.removeItem(PERSONA_KEY);
        } catch (e) { /* full or blocked: the choice lasts for this page */ }
      }
    }

    filters.forEach(function (f) {
      f.addEventListener("click", function () {
        choose(f.getAttribute("data-persona-filter"));
      });
    });
    window.addEventListener("hashchange", function () {
      var p = hashAfter("persona-");
      if (p !== null) choose(p);
    });
    var fromHash = hashAfter("persona-");
    if (fromHash !== null) {
      choose(fromHash);
    } else {
      var kept = "";
      try {
        kept = (store && store.getItem(PERSONA_KEY)) || "";
      } catch (e) {
        kept = "";
      }
      apply(kept); // a persona this map does not have shows everyone
    }
  }

  // laneToggles makes the lane menu's checkboxes, one for each lane the
  // map names in its row labels (.lane-labels), where the page does not
  // write them: the names are on the page once, not twice.
  function laneToggles() {
    all(document, ".lane-toggles fieldset").forEach(function (set) {
      if (set.querySelector("[data-lane-toggle]")) return;
      all(document, ".lane-labels [data-lane]:not(.change)").forEach(function (name) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = true;
        box.setAttribute("data-lane-toggle", name.getAttribute("data-lane"));
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + name.textContent));
        set.appendChild(label);
      });
    });
  }

  function setupLaneToggles() {
    laneToggles();
    var toggles = all(document, "[data-lane-toggle]");
    if (!toggles.length) return;
    var store = storage();
    var hidden = [];
    try {
      hidden = JSON.parse((store && store.getItem(LANES_KEY)) || "[]");
    } catch (e) {
      hidden = [];
    }
    if (!Array.isArray(hidden)) hidden = [];

    function apply() {
      toggles.forEach(function (t) {
        var lane = t.getAttribute("data-lane-toggle");
        var off = hidden.indexOf(lane) >= 0;
        t.checked = !off;
        all(document, '[data-lane="' + lane + '"]').forEach(function (row) {
          if (off) row.setAttribute("data-lane-hidden", "");
          else row.removeAttribute("data-lane-hidden");
        });
      });
    }

    toggles.forEach(function (t) {
      t.addEventListener("change", function () {
        var lane = t.getAttribute("data-lane-toggle");
        hidden = hidden.filter(function (l) { return l !== lane; });
        if (!t.checked) hidden.push(lane);
        if (store) {
          try {
            store.setItem(LANES_KEY, JSON.stringify(hidden));
          } catch (e) { /* full or blocked: the choice lasts for this page */ }
        }
        apply();
      });
    });
    apply();
  }

  // Opened from disk (a file share), a link to a folder shows the
  // browser's folder listing, not the page in it: point such links at
  // the folder's index.html. Served over HTTP, links stay as written.
  function fileLinks() {
    if (window.location.protocol !== "file:") return;
    all(document, "a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      var cut = href.search(/[?#]/);
      var path = cut < 0 ? href : href.slice(0, cut);
      var rest = cut < 0 ? "" : href.slice(cut);
      if (path === "" || path === "." || path === ".." || /\/$/.test(path)) {
        if (path === "." || path === "..") path += "/";
        a.setAttribute("href", path + "index.html" + rest);
      }
    });
  }

  // Search: the index is a classic script (js/search-index.js, setting
  // window.waymarkSearch), loaded the first time the box is used, since
  // browsers refuse fetch() of files opened from disk.
  var KINDS = { journey: "Journey", stage: "Stage", touchpoint: "Touchpoint", "pain point": "Pain point", opportunity: "Opportunity", persona: "Persona" };
  var RANK = { journey: 0, persona: 1, stage: 2, "pain point": 3, opportunity: 4, touchpoint: 5 };
  var LIMIT = 30;
  var entries = null;

  // searchEntries spreads the index, grouped by journey (see
  // docs/themes.md), into [kind, text, context, url] entries, once.
  function searchEntries() {
    if (entries) return entries;
    var index = window.waymarkSearch;
    if (!index) return []; // not loaded (yet)
    if (Array.isArray(index)) return (entries = index); // the form before version 2
    entries = [];
    (index.personas || []).forEach(function (p) { entries.push(["persona", p[0], p[1], p[2]]); });
    (index.journeys || []).forEach(function (j) {
      entries.push(["journey", j[0], j[1], j[2]]);
      j[3].forEach(function (s) {
        var at = j[2] + "#stage-" + s[1];
        var where = j[0] + " \u203a " + s[0];
        entries.push(["stage", s[0], j[0], at]);
        s[2].forEach(function (t) { entries.push(["touchpoint", t, where, at]); });
        s[3].forEach(function (t) { entries.push(["pain point", t, where, at]); });
        s[4].forEach(function (t) { entries.push(["opportunity", t, where, at]); });
      });
    });
    return entries;
  }

  // searchBox is the search form's content, written here rather than in
  // every page: without the script it does nothing, and stays hidden.
  var searchBox = '<label for="search-q" class="visually-hidden">Search the maps</label>' +
    '<input id="search-q" type="search" placeholder="Search maps, stages, pain points\u2026" autocomplete="off" spellcheck="false" aria-controls="search-results" aria-describedby="search-status">' +
    '<div id="search-results" class="search-results" hidden><p id="search-status" class="search-status" aria-live="polite"></p><ol></ol></div>';

  function setupSearch(form) {
    if (!form.querySelector("input")) form.innerHTML = searchBox;
    var input = form.querySelector("input");
    var box = form.querySelector(".search-results");
    var list = box.querySelector("ol");
    var status = box.querySelector(".search-status");
    var root = form.getAttribute("data-root");
    var loading = false;
    form.hidden = false;

    function load(then) {
      if (window.waymarkSearch) return then();
      if (loading) return;
      loading = true;
      status.textContent = "Loading the search index…";
      box.hidden = false;
      var s = document.createElement("script");
      s.src = form.getAttribute("data-index") || root + "js/search-index.js";
      s.onload = function () { loading = false; then(); };
      s.onerror = function () { loading = false; status.textContent = "The search index could not be loaded."; };
      document.head.appendChild(s);
    }

    function link(url) {
      var href = root + url;
      if (window.location.protocol === "file:") {
        href = href.replace(/\/(#|$)/, "/index.html$1");
      }
      return href;
    }

    function search() {
      var q = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!q.length) {
        box.hidden = true;
        return;
      }
      var found = [];
      var index = searchEntries();
      for (var i = 0; i < index.length; i++) {
        var e = index[i];
        var text = (e[1] + " " + e[2]).toLowerCase();
        var all = true;
        for (var k = 0; k < q.length && all; k++) all = text.indexOf(q[k]) >= 0;
        if (all) found.push(e);
      }
      found.sort(function (a, b) {
        var inA = a[1].toLowerCase().indexOf(q[0]) >= 0 ? 0 : 1;
        var inB = b[1].toLowerCase().indexOf(q[0]) >= 0 ? 0 : 1;
        return (inA - inB) || (RANK[a[0]] - RANK[b[0]]);
      });
      found.slice(0, LIMIT).forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = link(e[3]);
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = KINDS[e[0]] || e[0];
        var title = document.createElement("span");
        title.className = "search-title";
        title.textContent = e[1];
        a.appendChild(kind);
        a.appendChild(title);
        if (e[2]) {
          var ctx = document.createElement("span");
          ctx.className = "search-context";
          ctx.textContent = e[2];
          a.appendChild(ctx);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      status.textContent = found.length === 0 ? "No matches." :
        found.length > LIMIT ? found.length + " matches; the first " + LIMIT + " are shown." :
        found.length === 1 ? "1 match." : found.length + " matches.";
      box.hidden = false;
    }

    input.addEventListener("input", function () { load(search); });
    input.addEventListener("focus", function () { load(function () { if (input.value) search(); }); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    form.addEventListener("keydown", function (e) {
      var links = all(list, "a");
      var at = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && links.length) {
        e.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        e.preventDefault();
        if (at === 0) input.focus(); else links[at - 1].focus();
      } else if (e.key === "Escape") {
        box.hidden = true;
        input.focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (!form.contains(e.target)) box.hidden = true;
    });
  }

  function init() {
    fileLinks();
    all(document, "[data-search]").forEach(setupSearch);
    all(document, "[data-controls]").forEach(function (c) { c.hidden = false; });
    all(document, "[data-timeline]").forEach(setupStages);
    setupChannelFilter();
    setupPersonaFilter();
    setupLaneToggles();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
