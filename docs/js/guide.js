// The decision guide (/guides/choose/): ranks the entries of assets/atlas/guide.json against the
// ticked answers and shows, for each, what it has and what it lacks with the evidence.
// URL: ?need=async,openapi&team=django. Needs explore.js first.
(function (X) {
  "use strict";
  if (!X) return;
  var base = X.base, form = X.form, el = X.el, find = X.find;  // the rest is used once or twice, as X.*

  function guide() {
    var needs = (X.params.get("need") || "").split(","), team = X.params.get("team") || "";
    form.querySelectorAll('input[name="need"]').forEach(function (box) { box.checked = needs.indexOf(box.value) >= 0; });
    form.querySelectorAll('input[name="team"]').forEach(function (radio) { radio.checked = radio.value === team; });
    X.get(X.dataDir + "guide.json").then(function (data) {
      form.addEventListener("change", function () { rank(data); });
      rank(data);
    }).catch(X.fail);
  }

  var STATES = { tested: "its snippet passes", fails: "its snippet fails", "n/a": "not applicable", missing: "no snippet yet", irrelevant: "not for its kind" };

  // How an entry meets one question: ok is true, false or null (unknown), with the evidence as a node.
  function judge(entry, q, sources) {
    if (q.task) {
      var state = entry.tasks[q.task.id];
      return { ok: state === "tested", q: q, node: el("span", null, el("a", { href: base + q.task.url }, q.task.title), ": " + STATES[state]) };
    }
    var ok = true, node = el("span", null);
    q.facts.forEach(function (want, i) {
      var f = entry.facts[want.id], met = f.value == null ? null : f.value === want.is;
      ok = ok === false || met === false ? false : ok && met;
      // The fact's name leads to its row on the entry's page, where its detail is; the value to its source.
      node.append(i ? "; " : "", el("a", { href: base + "frameworks/" + entry.id + "/#fact-" + want.id }, want.title), ": ", X.factNode(f, sources));
    });
    return { ok: ok, q: q, node: node };
  }
  function judgeTeam(entry, team, data) {
    var name = find(data.teams, function (t) { return t.id === team; }).name;
    var ok = entry.id === team || entry.buildsOn.indexOf(team) >= 0;
    var words = entry.id === team ? "is " + name : ok ? "builds on " + name : "does not build on " + name;
    return { ok: ok, q: { label: "Team on " + name }, node: el("span", null, el("a", { href: base + "frameworks/" + entry.id + "/" }, entry.name), " " + words) };
  }

  function rank(data) {
    var checked = function (sel) { return Array.prototype.map.call(form.querySelectorAll(sel), function (i) { return i.value; }); };
    var needs = checked('input[name="need"]:checked'), team = (checked('input[name="team"]:checked')[0] || "");
    X.setQuery({ need: needs.join(","), team: team });
    var asked = data.questions.filter(function (q) { return needs.indexOf(q.id) >= 0; });
    var results = data.entries.map(function (entry) {
      var verdicts = asked.map(function (q) { return judge(entry, q, data.sources); });
      if (team) verdicts.push(judgeTeam(entry, team, data));
      var met = verdicts.filter(function (v) { return v.ok === true; }).length;
      return { entry: entry, verdicts: verdicts, met: met, fits: met === verdicts.length };
    });
    // Most answers met first; at equal score, dormant, abandoned and archived entries come last (and are flagged below).
    var flagged = function (r) { return r.entry.lifecycle && r.entry.lifecycle.flag ? 1 : 0; };
    results.sort(function (x, y) { return (y.met - x.met) || (flagged(x) - flagged(y)); });  // stable otherwise: by name
    var fit = results.filter(function (r) { return r.fits; }), rest = results.filter(function (r) { return !r.fits; });
    var total = asked.length + (team ? 1 : 0);
    function item(r) {
      var li = el("li", { "data-id": r.entry.id }, el("a", { href: base + "frameworks/" + r.entry.id + "/" }, r.entry.name), " — " + r.entry.kind);
      if (total && !r.fits) li.append(" — meets " + r.met + " of " + total);
      if (flagged(r)) li.append(" ", el("span", { class: "atlas-flag", title: r.entry.lifecycle.reason }, "⚠ " + r.entry.lifecycle.label + ": " + r.entry.lifecycle.reason));
      if (r.verdicts.length) li.appendChild(el.apply(null, ["ul", null].concat(r.verdicts.map(function (v) {
        var mark = v.ok === true ? ["✓ ", "atlas-yes", "has "] : v.ok === false ? ["✗ ", "atlas-no", "lacks "] : ["? ", "atlas-unknown", "unknown: "];
        return el("li", null, el("span", { class: mark[1], "aria-hidden": "true" }, mark[0]), el("strong", null, mark[2] + v.q.label), " — ", v.node);
      }))));
      return li;
    }
    var parts = [el("p", { class: "atlas-count" }, total ? fit.length + " of " + results.length + " fit every answer." : "Tick an answer to narrow the list; all " + results.length + " are listed.")];
    if (fit.length) parts.push(el("h2", { id: "fit" }, total ? "Fit every answer" : "All of them"), el.apply(null, ["ol", { class: "atlas-results", "data-list": "fit" }].concat(fit.map(item))));
    if (rest.length) parts.push(el("details", fit.length ? null : { open: "" }, el("summary", null, "The others, closest first (" + rest.length + ")"),
      el.apply(null, ["ol", { class: "atlas-results", "data-list": "rest" }].concat(rest.map(item)))));
    X.out.replaceChildren.apply(X.out, parts);
  }

  guide();
})(window.AtlasExplore);
