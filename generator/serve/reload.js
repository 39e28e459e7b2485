/* waymark live reload: served by `waymark serve` only, never written into
   a build. It listens for the server's events: "reload" reloads this page
   when it changed (the URL hash, and so the open stage, is kept);
   "problems" lays the build's problems over the page, which still shows
   the last good version. Everything from the server is shown with
   textContent, never as markup. */
(function () {
  "use strict";
  if (!window.EventSource) {
    return;
  }
  var OVERLAY = "waymark-problems";

  function here() {
    var p = window.location.pathname;
    return p.replace(/index\.html$/, "");
  }

  function overlay() {
    return document.getElementById(OVERLAY);
  }

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) {
      e.textContent = text;
    }
    for (var k in style) {
      if (Object.prototype.hasOwnProperty.call(style, k)) {
        e.style[k] = style[k];
      }
    }
    return e;
  }

  function hide() {
    var o = overlay();
    if (o && o.parentNode) {
      o.parentNode.removeChild(o);
    }
  }

  function show(problems) {
    hide();
    var box = el("section", "", {
      position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
      maxHeight: "60vh", overflow: "auto", margin: "0", padding: "16px 20px",
      background: "#fff8f6", color: "#3b0d0c", borderBottom: "4px solid #b3261e",
      boxShadow: "0 4px 16px rgba(0,0,0,.25)", font: "15px/1.45 system-ui, sans-serif",
      textAlign: "left"
    });
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY + "-title");
    var close = el("button", "Dismiss", {
      float: "right", font: "inherit", padding: "4px 12px", cursor: "pointer",
      background: "#fff", color: "#3b0d0c", border: "1px solid #b3261e", borderRadius: "4px"
    });
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    var h = el("h2", "waymark could not rebuild the site", { font: "bold 18px/1.3 system-ui, sans-serif", margin: "0 0 4px" });
    h.id = OVERLAY + "-title";
    box.appendChild(h);
    box.appendChild(el("p", "The last good version is shown below. Fix the file and save; this page reloads by itself.", { margin: "0 0 10px" }));
    var list = el("ul", "", { margin: "0", padding: "0 0 0 20px" });
    for (var i = 0; i < problems.length; i++) {
      var p = problems[i];
      var where = String(p.file || "");
      if (p.line) {
        where += ":" + p.line + (p.col ? ":" + p.col : "");
      }
      var li = el("li", "", { margin: "0 0 6px" });
      li.appendChild(el("code", where, { font: "bold 14px ui-monospace, monospace" }));
      li.appendChild(document.createTextNode(": " + String(p.message || "")));
      if (p.hint) {
        li.appendChild(el("div", "hint: " + String(p.hint), { color: "#5c2b29", fontStyle: "italic" }));
      }
      list.appendChild(li);
    }
    box.appendChild(list);
    document.body.appendChild(box);
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && overlay()) {
      hide();
    }
  });

  var lost = false;
  var source = new EventSource("/_waymark/events");
  source.addEventListener("reload", function (e) {
    var msg;
    try {
      msg = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    var mine = msg.all || !!overlay();
    for (var i = 0; !mine && msg.pages && i < msg.pages.length; i++) {
      mine = msg.pages[i] === here();
    }
    if (mine) {
      window.location.reload();
    }
  });
  source.addEventListener("problems", function (e) {
    try {
      show(JSON.parse(e.data));
    } catch (err) {
      /* a malformed event is ignored */
    }
  });
  source.addEventListener("error", function () {
    lost = true;
  });
  source.addEventListener("open", function () {
    if (lost) {
      // The server restarted: the page may be out of date.
      window.location.reload();
    }
  });
}());
