/* solieu — the search index is fetched when the reader opens search, not with every page.
 * Material for MkDocs requests search/search_index.json as soon as a page loads; this script,
 * loaded in <head> before the theme's bundle, holds that one request back until the search
 * box gets focus (a click, a tap on the search icon, or the keyboard shortcut). Any other
 * request passes untouched. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?.*)?$/;
  var wanted = false;
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__slIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__slIndex && !wanted) {
      var xhr = this, args = arguments;
      waiting.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (wanted) return;
    wanted = true;
    var run = waiting;
    waiting = [];
    run.forEach(function (f) { f(); });
  }

  document.addEventListener("focusin", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("input.md-search__input, [data-md-toggle=search]")) release();
  }, true);
  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && t.id === "__search" && t.checked) release();
  }, true);
})();
