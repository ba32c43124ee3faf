/* solieu — one script for every page.
 * Renders the Vega-Lite charts (vendored vega, loaded only on pages that have charts) with a
 * Vietnamese d3 locale, offers PNG/SVG exports, sorts and filters tables, fills citations.
 * Subscribes to Material's document$ (instant navigation) with DOMContentLoaded as fallback. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var VENDOR = here ? here.replace(/js\/site\.js(\?.*)?$/, "vendor/") : "assets/vendor/";
  var FORMAT = { decimal: ",", thousands: ".", grouping: [3], currency: ["", " ₫"] };
  var TIME = {
    dateTime: "%A, %e %B %Y, %X", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["SA", "CH"],
    days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    months: ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7",
      "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
    shortMonths: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10",
      "Th11", "Th12"]
  };
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.async = false;
      s.onload = resolve; s.onerror = function () { reject(new Error("không tải được " + src)); };
      document.head.appendChild(s);
    });
  }

  function loadVega() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = loadScript(VENDOR + "vega.min.js")
        .then(function () { return loadScript(VENDOR + "vega-lite.min.js"); })
        .then(function () { return loadScript(VENDOR + "vega-embed.min.js"); });
    }
    return loading;
  }

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function themeConfig() {
    var fg = dark() ? "#e3e6ea" : "#1d2125";
    var grid = dark() ? "#3a3f47" : "#dde1e6";
    return {
      background: null,
      axis: { labelColor: fg, titleColor: fg, gridColor: grid, domainColor: fg, tickColor: fg },
      legend: { labelColor: fg, titleColor: fg },
      text: { color: fg },
      title: { color: fg }
    };
  }

  function merge(spec) {
    var s = JSON.parse(JSON.stringify(spec));
    var t = themeConfig();
    s.config = s.config || {};
    Object.keys(t).forEach(function (k) {
      if (t[k] && typeof t[k] === "object") {
        s.config[k] = Object.assign({}, s.config[k] || {}, t[k]);
      } else { s.config[k] = t[k]; }
    });
    return s;
  }

  function renderChart(fig) {
    var el = fig.querySelector(".sl-vega");
    var specEl = fig.querySelector("script.sl-spec");
    if (!el || !specEl) return Promise.resolve();
    var spec = merge(JSON.parse(specEl.textContent));
    // Content-Security-Policy (docs/hooks/csp.py): expressions run in vega's interpreter
    // (ast: true) instead of new Function(), and no <style> element is injected (the rules of
    // vega-embed and vega-tooltip that we need are in site.css).
    return window.vegaEmbed(el, spec, {
      renderer: "svg", actions: false, ast: true, defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
      formatLocale: FORMAT, timeFormatLocale: TIME
    }).then(function (res) {
      fig._slView = res.view;
      fig.setAttribute("data-rendered", "true");
    }).catch(function (err) {
      el.textContent = "Không vẽ được biểu đồ; xem bảng số liệu bên dưới.";
      if (window.console) console.warn(err);
    });
  }

  function exportChart(btn) {
    var fig = btn.closest(".sl-chart");
    if (!fig || !fig._slView) return;
    var type = btn.getAttribute("data-export");
    var name = (fig.querySelector(".sl-vega").getAttribute("data-name") || "bieu-do") + "." + type;
    fig._slView.toImageURL(type, type === "png" ? 2 : 1).then(function (url) {
      var a = document.createElement("a");
      a.href = url; a.download = name;
      document.body.appendChild(a); a.click(); a.remove();
    });
  }

  function charts(root) {
    var figs = Array.prototype.slice.call(root.querySelectorAll(".sl-chart"));
    if (!figs.length) return;
    loadVega().then(function () {
      return Promise.all(figs.map(renderChart));
    }).then(function () {
      document.documentElement.setAttribute("data-charts", "done");
    }).catch(function (err) { if (window.console) console.warn(err); });
  }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function sortTable(btn) {
    var th = btn.closest("th");
    var table = btn.closest("table");
    var col = +btn.getAttribute("data-col");
    var numeric = btn.hasAttribute("data-numeric");
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.querySelectorAll("th[aria-sort]"), function (x) {
      x.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
      var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
      var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "vi");
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function filterTable(input) {
    var box = document.getElementById(input.getAttribute("data-filter"));
    if (!box) return;
    var q = fold(input.value.trim());
    var n = 0;
    Array.prototype.forEach.call(box.querySelectorAll("tbody tr"), function (tr) {
      var show = !q || fold(tr.textContent).indexOf(q) !== -1;
      tr.hidden = !show;
      if (show) n++;
    });
    var count = box.querySelector(".sl-count");
    if (count) count.textContent = n + " dòng";
  }

  function citations(root) {
    var url = location.href.split("#")[0];
    var d = new Date();
    var today = d.getDate() + "/" + (d.getMonth() + 1) + "/" + d.getFullYear();
    Array.prototype.forEach.call(root.querySelectorAll(".sl-cite-url"), function (el) {
      el.textContent = url;
    });
    Array.prototype.forEach.call(root.querySelectorAll(".sl-cite-date"), function (el) {
      el.textContent = today;
    });
  }

  var bound = false;
  function bindOnce() {
    if (bound) return;
    bound = true;
    document.addEventListener("click", function (ev) {
      var t = ev.target.closest && ev.target.closest("button.sl-sort, button[data-export]");
      if (!t) return;
      if (t.classList.contains("sl-sort")) sortTable(t); else exportChart(t);
    });
    document.addEventListener("input", function (ev) {
      if (ev.target.matches && ev.target.matches("input[data-filter]")) filterTable(ev.target);
    });
    new MutationObserver(function () {
      var figs = document.querySelectorAll(".sl-chart[data-rendered]");
      Array.prototype.forEach.call(figs, renderChart);
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  function init() {
    bindOnce();
    charts(document);
    citations(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
