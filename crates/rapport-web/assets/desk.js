// Rapport's desk script: keyboard walking of lists, and a composer that never sends on
// the Enter that confirms an IME conversion. No inline script anywhere (the CSP forbids it).
(function () {
  "use strict";

  // Composer: Ctrl/Cmd+Enter sends; a plain Enter only ever inserts a line, and the Enter
  // that ends a Japanese or Chinese conversion does nothing at all. Some browsers fire that
  // Enter after compositionend, so a short grace period follows each composition.
  function guardComposer(form) {
    var composing = false;
    var endedAt = 0;
    form.addEventListener("compositionstart", function () { composing = true; });
    form.addEventListener("compositionend", function () { composing = false; endedAt = Date.now(); });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.code !== "Enter" && event.code !== "NumpadEnter") return;
      var ime = event.isComposing || composing || event.keyCode === 229 || Date.now() - endedAt < 100;
      if (ime) {
        event.stopPropagation();
        if (event.target.tagName !== "TEXTAREA") event.preventDefault();
        return;
      }
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
        return;
      }
      // Enter in a one-line field of the composer must not submit the reply.
      if (event.target.tagName !== "TEXTAREA") event.preventDefault();
    }, true);
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) { event.preventDefault(); return; }
      sent = true;
    });
  }

  // Lists walked by key position (event.code), so J / K work on any keyboard layout and
  // while a Japanese or Chinese input method is on.
  function keyboardList(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-href]"));
    if (!rows.length) return;
    var at = -1;
    function select(i) {
      if (at >= 0) rows[at].classList.remove("is-selected");
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows[at].classList.add("is-selected");
      var link = rows[at].querySelector("a");
      if (link) link.focus();
    }
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (event.code === "KeyJ") { event.preventDefault(); select(at + 1); }
      else if (event.code === "KeyK") { event.preventDefault(); select(at - 1); }
      else if ((event.code === "Enter" || event.code === "KeyO") && at >= 0) {
        event.preventDefault();
        window.location.href = rows[at].getAttribute("data-href");
      }
    });
    rows.forEach(function (row, i) {
      row.addEventListener("click", function (event) {
        if (event.target.tagName !== "A") { select(i); window.location.href = row.getAttribute("data-href"); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-composer]").forEach(guardComposer);
    document.querySelectorAll("[data-keyboard-list]").forEach(keyboardList);
  });
})();
