/* solieu — one script for every page (and for the embeddable chart pages).
 * Charts: the vega libraries and a page's chart file (bieu-do.json) are loaded only when a
 * chart scrolls into view (IntersectionObserver; script elements added here are 'self' under
 * the Content-Security-Policy), then drawn with a Vietnamese d3 locale; PNG/SVG exports carry
 * title, unit, period, source and address. Tables: sort, filter (accent-free), load the rest
 * of a long table. Citations: address and date of access filled in, copy button.
 * Subscribes to Material's document$ (instant navigation) with DOMContentLoaded as fallback. */
(function () {
  "use strict";
  var BUILD_DATE = "__SOLIEU_BUILD_DATE__"; // the build's date, written by solieu.site
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
  var chartFiles = {};

  function each(root, sel, fn) { Array.prototype.forEach.call(root.querySelectorAll(sel), fn); }

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

  function chartFile(src) {
    var url = new URL(src, location.href).href;
    if (!chartFiles[url]) {
      chartFiles[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    return chartFiles[url];
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
      title: { color: fg, subtitleColor: fg }
    };
  }

  function clone(x) { return JSON.parse(JSON.stringify(x)); }

  function withTheme(spec) {
    var s = clone(spec);
    var t = themeConfig();
    s.config = s.config || {};
    Object.keys(t).forEach(function (k) {
      if (t[k] && typeof t[k] === "object") {
        s.config[k] = Object.assign({}, s.config[k] || {}, t[k]);
      } else { s.config[k] = t[k]; }
    });
    return s;
  }

  /* The spec as drawn now: a picker chart keeps the units the reader picked. */
  function currentSpec(fig, entry) {
    var spec = clone(entry.spec);
    if (entry.picker && fig._slPicked) {
      var keep = fig._slPicked;
      spec.data.values = spec.data.values.filter(function (d) { return keep.indexOf(d.name) !== -1; });
    }
    return spec;
  }

  function embedOptions() {
    // Content-Security-Policy (docs/hooks/csp.py): expressions run in vega's interpreter
    // (ast: true) instead of new Function(), and no <style> element is injected (the rules of
    // vega-embed and vega-tooltip that we need are in site.css).
    return {
      renderer: "svg", actions: false, ast: true, defaultStyle: false,
      tooltip: { disableDefaultStyle: true },
      formatLocale: FORMAT, timeFormatLocale: TIME
    };
  }

  function allDrawn() {
    var figs = document.querySelectorAll(".sl-chart");
    var drawn = document.querySelectorAll(".sl-chart[data-rendered]");
    if (figs.length && figs.length === drawn.length) {
      document.documentElement.setAttribute("data-charts", "done");
    }
  }

  function drawChart(fig) {
    var el = fig.querySelector(".sl-vega");
    if (!el || fig._slDrawing) return fig._slDrawing || Promise.resolve();
    fig._slDrawing = Promise.all([loadVega(), chartFile(fig.getAttribute("data-src"))])
      .then(function (res) {
        var entry = res[1][fig.getAttribute("data-chart")];
        if (!entry) throw new Error("biểu đồ không có trong tệp");
        fig._slEntry = entry;
        if (entry.picker && !fig._slPicked) setupPicker(fig, entry);
        return render(fig);
      })
      .catch(function (err) {
        el.textContent = "Không vẽ được biểu đồ; xem bảng số liệu trên trang.";
        fig._slDrawing = null;
        if (window.console) console.warn(err);
      });
    return fig._slDrawing;
  }

  function render(fig) {
    var el = fig.querySelector(".sl-vega");
    var spec = withTheme(currentSpec(fig, fig._slEntry));
    return window.vegaEmbed(el, spec, embedOptions()).then(function (res) {
      if (fig._slView) fig._slView.finalize();
      fig._slView = res.view;
      fig.setAttribute("data-rendered", "true");
      allDrawn();
    });
  }

  /* OWID-style entity picker: a checkbox per unit, a filter when there are many. */
  function setupPicker(fig, entry) {
    var box = fig.querySelector(".sl-picker");
    if (!box) return;
    fig._slPicked = entry.picker["default"].slice();
    var details = document.createElement("details");
    var summary = document.createElement("summary");
    details.appendChild(summary);
    function label() {
      summary.textContent = "Chọn đơn vị (" + fig._slPicked.length + "/" + entry.picker.units.length + " đang hiện)";
    }
    label();
    var filter = null;
    if (entry.picker.units.length > 8) {
      filter = document.createElement("input");
      filter.type = "search";
      filter.placeholder = "tìm đơn vị, có thể không dấu";
      filter.setAttribute("aria-label", "Tìm đơn vị");
      details.appendChild(filter);
    }
    var list = document.createElement("ul");
    entry.picker.units.forEach(function (name) {
      var li = document.createElement("li");
      var lab = document.createElement("label");
      var cb = document.createElement("input");
      cb.type = "checkbox"; cb.value = name;
      cb.checked = fig._slPicked.indexOf(name) !== -1;
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(" " + name));
      li.appendChild(lab);
      list.appendChild(li);
    });
    details.appendChild(list);
    box.appendChild(details);
    list.addEventListener("change", function () {
      fig._slPicked = Array.prototype.map.call(
        list.querySelectorAll("input:checked"), function (x) { return x.value; });
      label();
      render(fig);
    });
    if (filter) {
      filter.addEventListener("input", function () {
        var q = fold(filter.value.trim());
        each(list, "li", function (li) { li.hidden = q && fold(li.textContent).indexOf(q) === -1; });
      });
    }
  }

  var observer = null;
  function charts(root) {
    var figs = root.querySelectorAll(".sl-chart[data-src]");
    if (!figs.length) return;
    if (!("IntersectionObserver" in window)) {
      Array.prototype.forEach.call(figs, drawChart);
      return;
    }
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { observer.unobserve(e.target); drawChart(e.target); }
        });
      }, { rootMargin: "200px 0px" });
    }
    Array.prototype.forEach.call(figs, function (f) { observer.observe(f); });
  }

  function pageAddress() {
    var canon = document.querySelector("link[rel=canonical]");
    return canon ? canon.href : location.href.split("#")[0];
  }

  function download(url, name) {
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }

  /* An export names what it shows: title, unit, period, source and the page's address. */
  function exportSpec(fig) {
    var entry = fig._slEntry;
    var spec = currentSpec(fig, entry);
    var lines = entry.lines.slice();
    lines.push(entry.url || pageAddress());
    spec.width = 640;
    spec.title = {
      text: wrapWords(entry.title, 70), subtitle: lines, anchor: "start", fontSize: 14,
      subtitleFontSize: 11, limit: 640, offset: 12, color: "#1d2125", subtitleColor: "#333333"
    };
    spec.background = "#ffffff";
    return spec;
  }

  /* A long title in lines of at most `width` characters (an export is never cut off). */
  function wrapWords(text, width) {
    var out = [];
    text.split(/\s+/).forEach(function (w) {
      var last = out.length - 1;
      if (last >= 0 && (out[last] + " " + w).length <= width) out[last] += " " + w;
      else out.push(w);
    });
    return out;
  }

  function exportChart(btn) {
    var fig = btn.closest(".sl-chart");
    if (!fig) return;
    var type = btn.getAttribute("data-export");
    var name = fig.id || "bieu-do";
    drawChart(fig).then(function () {
      if (!fig._slEntry) return;
      var spec = exportSpec(fig);
      if (type === "spec") {
        var blob = new Blob([JSON.stringify(spec, null, 1)], { type: "application/json" });
        download(URL.createObjectURL(blob), name + ".vl.json");
        return;
      }
      var box = document.createElement("div");
      box.className = "sl-offscreen";
      document.body.appendChild(box);
      var opts = embedOptions();
      return window.vegaEmbed(box, spec, opts).then(function (res) {
        return res.view.toImageURL(type, type === "png" ? 2 : 1).then(function (url) {
          fig.setAttribute("data-exported", type);
          download(url, name + "." + type);
          res.view.finalize();
          box.remove();
        });
      });
    }).catch(function (err) { if (window.console) console.warn(err); });
  }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  /* Rows a reader asked for: built with text nodes (never HTML) from the table's JSON. */
  var SAFE_HREF = /^(?![a-z][a-z0-9+.\-]*:)[^\s]*$/i;
  function appendRows(box, data) {
    var table = box.querySelector("table");
    var heads = table.querySelectorAll("thead th");
    var body = table.tBodies[table.tBodies.length - 1];
    data.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-row-id", r.id || "");
      if (r.a) tr.id = r.a;
      r.c.forEach(function (cell, i) {
        var td = document.createElement("td");
        var th = heads[i];
        td.setAttribute("data-label", th ? th.textContent.replace(/[↕↑↓]/g, "").trim() : "");
        if (th && th.querySelector("[data-numeric]")) td.className = "sl-num";
        if (th && th.classList.contains("sl-wide")) td.className += " sl-wide";
        if (cell.s !== null && cell.s !== undefined) td.setAttribute("data-sort", cell.s);
        cell.r.forEach(function (run) {
          var node;
          if (run.h && SAFE_HREF.test(run.h)) {
            node = document.createElement("a");
            node.setAttribute("href", run.h);
            if (run.k) node.className = run.k;
          } else if (run.k) {
            node = document.createElement("span");
            node.className = run.k;
          }
          if (node) { node.textContent = run.t || ""; td.appendChild(node); }
          else td.appendChild(document.createTextNode(run.t || ""));
        });
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function loadMore(box) {
    var btn = box.querySelector("button.sl-more-rows");
    if (!btn) return Promise.resolve();
    if (btn._slLoading) return btn._slLoading;
    btn.disabled = true;
    btn._slLoading = fetch(new URL(btn.getAttribute("data-more"), location.href).href)
      .then(function (r) { return r.json(); })
      .then(function (data) { appendRows(box, data); btn.remove(); })
      .catch(function (err) { btn.disabled = false; btn._slLoading = null; if (window.console) console.warn(err); });
    return btn._slLoading;
  }

  /* RFC 4180 CSV (quotes, doubled quotes, CRLF, a BOM) into rows of strings. */
  function parseCsv(text) {
    var rows = [], row = [], cell = "", i = 0, q = false;
    text = text.replace(/^\ufeff/, "");
    for (; i < text.length; i++) {
      var ch = text[i];
      if (q) {
        if (ch === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else q = false; }
        else cell += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") { row.push(cell); cell = ""; }
      else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += ch;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  /* A cell a spreadsheet would have run got a leading "'" in the CSV: shown without it. */
  function shown(s) { return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s; }

  var NUMBER = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 });
  function vnValue(v, label) {
    if (v === "") return "";
    var s = NUMBER.format(+v);
    return label === "%" ? s + "%" : (label ? s + " " + label : s);
  }

  /* The figures of a report, from its CSV: text (a link to the mark), value, basis, indicators. */
  var FROM_CSV = {
    figures: function (r) {
      var a = { t: shown(r.text), h: "#f-" + r.figure_id.replace(/\./g, "-") };
      var value = vnValue(r.value, r.unit_label_vi);
      if (r.value_max) value += " – " + vnValue(r.value_max, r.unit_label_vi);
      var v = [{ t: value }];
      if (r.estimate === "true") v.push({ t: "ước tính", k: "sl-est" });
      return { id: r.figure_id, a: "", c: [
        { s: null, r: [a] }, { s: r.value, r: v },
        { s: null, r: [{ t: shown(r.basis_label_vi || "") }] },
        { s: null, r: [{ t: shown(r.indicator_names_vi || "") }] }
      ] };
    }
  };

  function showCsvTable(box) {
    var btn = box.querySelector("button.sl-csv-show");
    var table = box.querySelector("table[data-from-csv]");
    if (!btn || !table) return Promise.resolve();
    if (btn._slLoading) return btn._slLoading;
    btn.disabled = true;
    btn._slLoading = fetch(new URL(btn.getAttribute("data-csv"), location.href).href)
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var rows = parseCsv(text);
        var head = rows.shift() || [];
        var make = FROM_CSV[table.getAttribute("data-from-csv")];
        appendRows(box, { rows: rows.filter(function (x) { return x.length === head.length; })
          .map(function (x) {
            var r = {};
            head.forEach(function (k, i) { r[k] = x[i]; });
            return make(r);
          }) });
        labelCells(box);
        btn.remove();
        box.setAttribute("data-shown", "true");
      })
      .catch(function (err) { btn.disabled = false; btn._slLoading = null; if (window.console) console.warn(err); });
    return btn._slLoading;
  }

  function sortTable(btn) {
    var th = btn.closest("th");
    var table = btn.closest("table");
    var box = btn.closest(".sl-table");
    var col = +btn.getAttribute("data-col");
    var numeric = btn.hasAttribute("data-numeric");
    var asc = th.getAttribute("aria-sort") !== "ascending";
    loadMore(box).then(function () {
      each(table, "th[aria-sort]", function (x) { x.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
        var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
        var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "vi");
        return asc ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  }

  function filterBox(input) {
    var box = document.getElementById(input.getAttribute("data-filter"));
    if (!box) return;
    var q = fold(input.value.trim());
    if (box.classList.contains("sl-table")) {
      Promise.all([loadMore(box), showCsvTable(box)]).then(function () {
        var n = 0;
        each(box, "tbody tr:not(.sl-group)", function (tr) {
          var show = !q || fold(tr.textContent).indexOf(q) !== -1;
          tr.hidden = !show;
          if (show) n++;
        });
        var count = box.querySelector(".sl-count");
        if (count) count.textContent = n + " dòng";
      });
      return;
    }
    each(box, "li", function (li) { li.hidden = q && fold(li.textContent).indexOf(q) === -1; });
    each(box, "section", function (s) { s.hidden = !s.querySelector("li:not([hidden])"); });
  }

  /* Each cell names its column, for the stacked rows of narrow screens (site.css). */
  function labelCells(root) {
    each(root, "table.sl-stack", function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.replace(/[↕↑↓]/g, "").trim();
      });
      each(table, "tbody tr:not(.sl-group)", function (tr) {
        Array.prototype.forEach.call(tr.cells, function (td, i) {
          if (!td.hasAttribute("data-label")) td.setAttribute("data-label", heads[i] || "");
        });
      });
    });
  }

  function dateLabel(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? (+m[3]) + "/" + (+m[2]) + "/" + m[1] : iso;
  }

  function citations(root) {
    each(root, ".sl-cite-url", function (el) {
      if (!/^https?:/.test(el.textContent)) el.textContent = pageAddress();
    });
    if (/^\d{4}-\d{2}-\d{2}$/.test(BUILD_DATE)) {
      each(root, ".sl-cite-date", function (el) { el.textContent = dateLabel(BUILD_DATE); });
    }
  }

  function copyCite(btn) {
    var box = btn.closest(".sl-cite");
    var text = box.querySelector(".sl-cite-text").textContent.replace(/\s+/g, " ").trim();
    var status = box.querySelector(".sl-copied");
    function done(ok) { if (status) status.textContent = ok ? "Đã sao chép." : "Không sao chép được; hãy chọn và sao chép đoạn trên."; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(box.querySelector(".sl-cite-text"));
    var sel = window.getSelection();
    sel.removeAllRanges(); sel.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    done(ok);
  }

  var bound = false;
  function bindOnce() {
    if (bound) return;
    bound = true;
    document.addEventListener("click", function (ev) {
      var t = ev.target.closest && ev.target.closest(
        "button.sl-sort, button[data-export], button.sl-more-rows, button.sl-copy, button.sl-csv-show");
      if (!t) return;
      if (t.classList.contains("sl-sort")) sortTable(t);
      else if (t.classList.contains("sl-csv-show")) showCsvTable(t.closest(".sl-table"));
      else if (t.classList.contains("sl-more-rows")) loadMore(t.closest(".sl-table"));
      else if (t.classList.contains("sl-copy")) copyCite(t);
      else exportChart(t);
    });
    document.addEventListener("input", function (ev) {
      if (ev.target.matches && ev.target.matches("input[data-filter]")) filterBox(ev.target);
    });
    new MutationObserver(function () {
      each(document, ".sl-chart[data-rendered]", function (f) { if (f._slEntry) render(f); });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  function init() {
    bindOnce();
    labelCells(document);
    charts(document);
    citations(document);
  }

  window.solieu = { drawChart: drawChart, exportSpec: exportSpec };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
