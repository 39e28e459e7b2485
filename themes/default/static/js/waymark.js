/* waymark default theme: progressive enhancement of journey pages.
   Without this script every stage panel is shown, open, and every lane
   visible. With it: stages open one at a time (click, Enter, Space, or
   the URL hash #stage-<id>), ArrowLeft/ArrowRight move between stages,
   a channel filter dims other touchpoints, and lane choices are kept
   across maps. A classic script (no modules), so it also runs from file://. */
(function () {
  "use strict";

  var LANES_KEY = "waymark.hiddenLanes";
  document.documentElement.classList.add("js");

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
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

    function idFromHash() {
      var h = decodeURIComponent(window.location.hash.slice(1));
      return h.indexOf("stage-") === 0 ? h.slice(6) : "";
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
      var id = idFromHash();
      if (id) open(id, false);
    });

    if (!open(idFromHash(), false)) {
      open(buttons[0].getAttribute("data-stage-id"), false);
    }
  }

  function setupChannelFilter() {
    var filters = all(document, "[data-channel-filter]");
    if (!filters.length) return;
    var active = "";

    function apply() {
      filters.forEach(function (f) {
        f.setAttribute("aria-pressed", f.getAttribute("data-channel-filter") === active ? "true" : "false");
      });
      all(document, "[data-touchpoint]").forEach(function (t) {
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
  }

  function setupLaneToggles() {
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

  function init() {
    fileLinks();
    all(document, "[data-controls]").forEach(function (c) { c.hidden = false; });
    all(document, "[data-timeline]").forEach(setupStages);
    setupChannelFilter();
    setupLaneToggles();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
