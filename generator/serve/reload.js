/* waymark live reload: served by `waymark serve` only, never written into
   a build. It listens for the server's events:
   - "reload" reloads this page when it changed, when every page may have
     (a stylesheet, a script), or while it shows problems. location.reload()
     keeps the URL hash, and so a journey page's open stage, and the scroll.
   - "problems" lays the build's problems over the page, which still shows
     the last good version: #waymark-problems, one <li> per problem. An
     entry with no file is a line that counts others, shown as it is.
   Everything from the server is shown with textContent, never as markup,
   and styled through element.style, so neither authors nor the theme's
   stylesheet can break the overlay. A classic script, ES5. */
(function () {
  "use strict";
  if (!window.EventSource || !window.JSON) {
    return;
  }
  var ID = "waymark-problems";
  var FONT = "15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var INK = "#3b0d0c";
  var RED = "#b3261e";

  // The page's own path as the server names pages: decoded, and
  // ".../index.html" is ".../".
  function here() {
    var p = window.location.pathname;
    try {
      p = decodeURIComponent(p);
    } catch (e) { /* a malformed escape: compare it as it is */ }
    return p.replace(/\/index\.html$/, "/");
  }

  function overlay() {
    return document.getElementById(ID);
  }

  // el makes an element whose look owes nothing to the page: "all:
  // initial" first drops whatever the theme says about h2, ul, li or
  // button, then the overlay's own style. (Browsers without "all" ignore
  // it, and still get the rest.)
  function el(tag, text, display, style) {
    var e = document.createElement(tag);
    var s = e.style;
    s.all = "initial";
    s.display = display;
    s.boxSizing = "border-box";
    s.font = FONT;
    s.color = INK;
    s.overflowWrap = "break-word";
    for (var k in style) {
      if (Object.prototype.hasOwnProperty.call(style, k)) {
        s[k] = style[k];
      }
    }
    if (text) {
      e.textContent = text;
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
    var box = el("section", "", "block", {
      position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
      maxHeight: "60vh", overflow: "auto", margin: "0", padding: "16px 20px",
      background: "#fff8f6", borderBottom: "4px solid " + RED,
      boxShadow: "0 4px 16px rgba(0,0,0,.25)", textAlign: "left"
    });
    box.id = ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", ID + "-title");

    var close = el("button", "Dismiss", "inline-block", {
      cssFloat: "right", margin: "0 0 8px 12px", padding: "4px 12px", cursor: "pointer",
      background: "#fff", border: "1px solid " + RED, borderRadius: "4px"
    });
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss the problems (Escape)");
    close.addEventListener("click", hide);
    box.appendChild(close);

    var title = el("h2", "waymark could not rebuild the site", "block", {
      fontWeight: "bold", fontSize: "18px", margin: "0 0 4px"
    });
    title.id = ID + "-title";
    box.appendChild(title);
    box.appendChild(el("p", "The last good version is shown below. Fix the file and save; this page reloads by itself.", "block", {
      margin: "0 0 10px"
    }));

    var list = el("ul", "", "block", { margin: "0", padding: "0 0 0 20px", listStyle: "disc outside" });
    for (var i = 0; i < problems.length; i++) {
      var p = problems[i] || {};
      var where = String(p.file || "");
      if (p.line) {
        where += ":" + p.line;
        if (p.col) {
          where += ":" + p.col;
        }
      }
      var li = el("li", "", "list-item", { margin: "0 0 6px", listStyle: "disc outside" });
      if (where) {
        li.appendChild(el("code", where, "inline", {
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontWeight: "bold", fontSize: "14px"
        }));
        li.appendChild(document.createTextNode(": "));
      }
      li.appendChild(document.createTextNode(String(p.message || "")));
      if (p.hint) {
        li.appendChild(el("div", "hint: " + String(p.hint), "block", { fontStyle: "italic", color: "#5c2b29" }));
      }
      list.appendChild(li);
    }
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  document.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && overlay()) {
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
    var mine = !!msg.all || !!overlay();
    var pages = msg.pages || [];
    for (var i = 0; !mine && i < pages.length; i++) {
      mine = pages[i] === here();
    }
    if (mine) {
      window.location.reload();
    }
  });
  source.addEventListener("problems", function (e) {
    var problems;
    try {
      problems = JSON.parse(e.data);
    } catch (err) {
      return; // a malformed event is ignored
    }
    if (Object.prototype.toString.call(problems) === "[object Array]") {
      show(problems);
    }
  });
  source.addEventListener("error", function () {
    lost = true; // EventSource retries by itself
  });
  source.addEventListener("open", function () {
    if (lost) {
      // Back after a restart (or after falling behind): the page may be
      // out of date, and events were missed.
      window.location.reload();
    }
  });
}());
