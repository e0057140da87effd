// The side-by-side picker (/compare/side-by-side/): two or three entries' facts, one task's code
// and their benchmark figures, from assets/atlas/entries/<id>.json and the snippet files themselves.
// URL: ?a=flask&b=fastapi&c=&task=hello-json. Needs explore.js first.
(function (X) {
  "use strict";
  if (!X) return;
  var base = X.base, form = X.form, out = X.out, el = X.el, get = X.get, grid = X.grid, union = X.union, find = X.find;

  function pick() {
    var names = ["a", "b", "c", "task"], cache = {}, shown = 0;
    // The server writes the entries once, into the first select (atlas/explore_render.py).
    ["b", "c"].forEach(function (n) {
      Array.prototype.forEach.call(form.elements.a.children, function (o) { form.elements[n].appendChild(o.cloneNode(true)); });
    });
    names.forEach(function (n) {
      var select = form.elements[n], wanted = X.params.get(n);
      if (wanted && find(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
    });
    function load(id) { return cache[id] || (cache[id] = get(X.dataDir + "entries/" + encodeURIComponent(id) + ".json")); }
    function render() {
      var ids = [], state = {};
      names.forEach(function (n) { state[n] = form.elements[n].value; });
      ["a", "b", "c"].forEach(function (n) { if (state[n] && ids.indexOf(state[n]) < 0) ids.push(state[n]); });
      X.setQuery(state);
      if (ids.length < 2) { out.replaceChildren(el("p", null, "Pick at least two to see them side by side.")); return; }
      var mine = ++shown;  // a slower earlier answer must not overwrite a newer choice
      Promise.all(ids.map(load)).then(function (entries) { if (mine === shown) show(entries, state.task); }).catch(X.fail);
    }
    form.addEventListener("change", render);
    render();
  }

  function show(entries, taskId) {
    var head = ["Fact"].concat(entries.map(function (x) { return el("a", { href: base + "frameworks/" + x.id + "/" }, x.name); }));
    var parts = [el("h2", { id: "facts" }, "Facts")];
    union(entries.map(function (x) { return x.groups; }), function (g) { return g.id; }).forEach(function (group) {
      var specs = union(entries.map(function (x) {
        var mine = find(x.groups, function (g) { return g.id === group.id; });
        return mine ? mine.facts : [];
      }), function (f) { return f.id; });
      parts.push(el("h3", null, group.title), grid(head, specs.map(function (spec) {
        return [spec.title].concat(entries.map(function (x) {
          var mine = find(x.groups, function (g) { return g.id === group.id; });
          return X.factNode(mine && find(mine.facts, function (f) { return f.id === spec.id; }), x.sources);
        }));
      })));
    });
    var taskTitle = form.elements.task.selectedOptions[0] ? form.elements.task.selectedOptions[0].textContent : taskId;
    parts.push(el("h2", { id: "code" }, "Code: ", el("a", { href: base + "tasks/" + taskId + "/" }, taskTitle)));
    parts.push(el.apply(null, ["div", { class: "atlas-side-code" }].concat(entries.map(function (x) { return code(x, taskId); }))));
    parts.push(el("h2", { id: "benchmarks" }, "Benchmarks"));
    var scenarios = union(entries.map(function (x) { return x.bench; }), function (b) { return b.scenario; });
    if (!scenarios.length) parts.push(el("p", null, "None of these was measured in the newest benchmark run."));
    else {
      parts.push(el("p", null, "Peak requests per second (median over runs) in run " + scenarios[0].run + ", one worker each; ",
        el("a", { href: base + "benchmarks/" }, "how it was measured"), "."));
      var benchHead = ["Scenario"].concat(entries.map(function (x) { return x.name; }));
      parts.push(grid(benchHead, scenarios.map(function (s) {
        return [s.title].concat(entries.map(function (x) {
          var b = find(x.bench, function (y) { return y.scenario === s.scenario; });
          return b ? b.text + " at " + b.concurrency + " connections" : "not measured";
        }));
      })));
    }
    out.replaceChildren.apply(out, parts);
  }

  // One entry's snippet for the task: the file the tests run, fetched as text; otherwise why there is none.
  function code(entry, taskId) {
    var task = entry.tasks[taskId], box = el("div", { "data-id": entry.id }, el("h3", null, entry.name));
    task = task && (typeof task === "string" ? { state: task } : { state: task[0], reason: task[1] });  // state, or [state, reason]
    if (!task) box.appendChild(el("p", { class: "atlas-na" }, "This task is not for a " + entry.kind.toLowerCase() + "."));
    else if (task.state === "n/a") box.appendChild(el("p", { class: "atlas-na" }, "Not applicable: " + task.reason));
    else if (task.state === "missing") box.appendChild(el("p", { class: "atlas-na" }, "No snippet yet."));
    else {
      if (task.state === "fails") box.appendChild(el("p", { class: "atlas-no" }, "Does not pass the contract: " + task.reason));
      var path = "snippets/" + entry.id + "/" + taskId + ".py", pre = el("code", { tabindex: "0" }, "Loading " + path + "…");  // focusable: it scrolls sideways
      box.appendChild(el("pre", { title: path }, pre));
      get(base + path, true).then(function (text) { pre.textContent = text; }).catch(function (e) { pre.textContent = e.message; });
    }
    return box;
  }

  pick();
})(window.AtlasExplore);
