// propscope's page: the analyze form, one analysis, and the history.
//
// Safety rule: text that came from an article, a title, a URL or an error message is
// put in the page with textContent / createTextNode only, never parsed as HTML, so an
// article holding <script> or <img onerror> shows as text and runs nothing. Colours are
// set through the CSSOM (element.style), which the Content-Security-Policy allows.
(function () {
  "use strict";

  var THIRD_PARTY = ["person", "organisation", "media", "vague", "pronoun"];
  // propscope.render._spans.STANCE_VERDICTS, STANCE_ALTERNATIVES and NEAR_TIE.
  var STANCES = {
    agree: "the body agrees with the headline",
    disagree: "the body disagrees with the headline",
    discuss: "the body reports the headline's claim without confirming or denying it",
    unrelated: "the body is not about what the headline says"
  };
  var STANCE_ALTERNATIVES = {
    agree: "agrees with it",
    disagree: "disagrees with it",
    discuss: "reports its claim without confirming or denying it",
    unrelated: "is not about it"
  };
  var NEAR_TIE = 0.15;
  var UPDATE_KINDS = { update: "Update", correction: "Correction", editors_note: "Editor's note" };
  var QUALIFIER_SIGNS = {
    "about": "≈ ", "more than": "> ", "less than": "< ", "at least": "≥ ", "up to": "≤ "
  };
  var HISTORY_PAGE = 20;
  var CLAIMS_SHOWN = 5;        // the claims panel lists this many at first
  var CHECKWORTHY = 0.5;       // as propscope.analysis.CHECKWORTHY_THRESHOLD
  // What a technique span's score means, as the HTML report says it.
  var SCORES_CALIBRATED = "Scores are calibrated: of the spans scored 30%, about 30% were "
    + "right when the model was cross-validated.";
  var SCORES_RAW = "These scores are the model's raw probabilities, not calibrated: read "
    + "them as a ranking.";
  var ASKED_SHOWN = 3;         // techniques listed for a passage the reader asks about

  var techniques = null;   // name -> {name, label, definition, example, colour}
  var techniqueOrder = []; // names in the taxonomy's order
  var current = null;      // the analysis shown: {stored, spans, marks, utf16, selected, minScore}

  // --- small helpers --------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  // An element with attributes and children; strings become text nodes.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === "text") { node.textContent = String(value); }
        else { node.setAttribute(name, value === true ? "" : String(value)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) { append(node, arguments[i]); }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // Fills `node` with `parts` separated by " · ", each in its own <bdi>: a part from an
  // article (a site's name holding a right-to-left override, U+202E) then reorders only
  // itself, never the date or the address beside it.
  function metaLine(node, parts) {
    clear(node);
    parts.forEach(function (part, i) {
      if (i > 0) { node.appendChild(document.createTextNode(" · ")); }
      node.appendChild(el("bdi", { "class": "part", text: part }));
    });
    return node;
  }

  function plural(count, noun) { return count + " " + noun + (count === 1 ? "" : "s"); }

  // A score in whole percents, halves up: the one rounding for every score shown and
  // compared ("Scores compare as the tooltips show them"), as the HTML report's
  // propscope.render._spans.whole_percent.
  function wholePercent(value) { return Math.round(value * 100); }

  function percent(value, digits) {
    return digits ? (value * 100).toFixed(digits) + "%" : wholePercent(value) + "%";
  }

  // A model's probability: under 1, never "100%" (propscope.render._spans.score_percent).
  function scorePercent(value) {
    var shown = wholePercent(value);
    return (value < 1 ? Math.min(shown, 99) : shown) + "%";
  }

  // An analysis's notes as a reader should see them: the layers' notes on a text that
  // does not look English as one note, saying once why (propscope.language.shown_notes).
  var NOT_ENGLISH_NOTE = new RegExp("^([^:]+): only (\\d+%) of the words are English function " +
    "words, so the text does not look like English, and ([\\s\\S]+)\\.$");
  function shownNotes(notes) {
    var shown = [], found = [], at = 0;
    notes.forEach(function (note) {
      var match = NOT_ENGLISH_NOTE.exec(note);
      if (!match) { shown.push(note); return; }
      if (!found.length) { at = shown.length; }
      found.push(match);
    });
    if (found.length === 1) {
      shown.splice(at, 0, found[0][0]);
    } else if (found.length) {
      var layers = found.map(function (m) { return m[1] + " (" + m[3] + ")."; }).join(" ");
      shown.splice(at, 0, "The text does not look like English: only " + found[0][2] +
        " of its words are English function words. " + layers);
    }
    return shown;
  }

  // A claim's check-worthiness in whole percents; a score under CHECKWORTHY never reads
  // as CHECKWORTHY or more (0.497 is not counted as worth checking: "49%", not "50%"),
  // as propscope.render._spans.claim_percent.
  function claimPercent(value) {
    var shown = wholePercent(value);
    if (value < CHECKWORTHY) { shown = Math.min(shown, Math.ceil(CHECKWORTHY * 100) - 1); }
    if (value < 1) { shown = Math.min(shown, 99); }
    return shown + "%";
  }

  function excerpt(text, limit) {
    var flat = String(text).split(/\s+/).filter(Boolean).join(" ");
    if (flat.length <= limit) { return flat; }
    var cut = flat.slice(0, limit - 1);
    var space = cut.lastIndexOf(" ");
    if (space > limit / 2) { cut = cut.slice(0, space); }
    return cut.replace(/[\s,;:]+$/, "") + "…";
  }

  function formatDate(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? iso : date.toLocaleString();
  }

  // Python counts code points, the DOM UTF-16 units: a character beyond U+FFFF (most
  // emoji) is one in the analysis and two here.
  function utf16Offsets(text) {
    if (!/[\uD800-\uDBFF]/.test(text)) { return function (offset) { return offset; }; }
    var map = [0], units = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      units += 1;
      if (code >= 0xD800 && code <= 0xDBFF && i + 1 < text.length) { units += 1; i += 1; }
      map.push(units);
    }
    return function (offset) { return map[Math.min(offset, map.length - 1)]; };
  }

  // --- talking to the API ---------------------------------------------------------

  function ApiProblem(message, code, status) {
    this.message = message; this.code = code; this.status = status;
  }

  function api(path, options) {
    return fetch(path, options).then(function (response) {
      return response.text().then(function (body) {
        var data = null;
        try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
        if (response.ok) { return data; }
        if (data && data.error && data.error.message) {
          throw new ApiProblem(data.error.message, data.error.code, response.status);
        }
        throw new ApiProblem("The service answered HTTP " + response.status
          + " without an explanation. Try again; if it persists, see the service's log.",
          "http_" + response.status, response.status);
      });
    }, function () {
      throw new ApiProblem("Could not reach the propscope service. Is it still running?",
        "network", 0);
    });
  }

  function loadTechniques() {
    if (techniques) { return Promise.resolve(techniques); }
    return api("/api/techniques").then(function (list) {
      techniques = {};
      techniqueOrder = [];
      list.forEach(function (t) { techniques[t.name] = t; techniqueOrder.push(t.name); });
      return techniques;
    });
  }

  // --- views ----------------------------------------------------------------------

  var VIEWS = ["view-analyze", "view-result", "view-history", "view-missing"];

  function show(view, title) {
    VIEWS.forEach(function (id) { $(id).hidden = id !== view; });
    // U+2068 and U+2069 isolate the article's title from " · propscope", as <bdi> would.
    document.title = title ? "\u2068" + title + "\u2069 · propscope" : "propscope";
    hideTip();
    closeAsk(false);
  }

  function route() {
    var path = window.location.pathname;
    var match = /^\/a\/([^/]+)\/?$/.exec(path);
    if (path === "/" || path === "") { showForm(); return; }
    if (path === "/history" || path === "/history/") { showHistory(); return; }
    if (match) { showStored(decodeURIComponent(match[1])); return; }
    showMissing("Nothing is at " + path + ". The pages are the form (/), the history "
      + "(/history) and each analysis (/a/…).");
  }

  function showMissing(message) {
    $("missing-message").textContent = message;
    show("view-missing", "Not found");
  }

  // --- the form -------------------------------------------------------------------

  function mode() {
    return document.querySelector('input[name="mode"]:checked').value;
  }

  function showForm() {
    show("view-analyze", "Analyze an article");
    syncMode();
  }

  function syncMode() {
    var chosen = mode();
    $("text-fields").hidden = chosen !== "text";
    $("url-fields").hidden = chosen !== "url";
    $("file-fields").hidden = chosen !== "file";
  }

  // The largest file the page sends: the most a fetched page may be (5 MB).
  var MAX_FILE_BYTES = 5000000;

  // A saved page's text: UTF-8 where it is, else the character set its <meta> names
  // (windows-1252 where it names none), as a browser would read the file.
  function decodePage(buffer) {
    try { return new TextDecoder("utf-8", { fatal: true }).decode(buffer); } catch (e) { /* not UTF-8 */ }
    var head = new TextDecoder("windows-1252").decode(buffer.slice(0, 4096));
    var named = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
    try { return new TextDecoder(named ? named[1] : "windows-1252").decode(buffer); } catch (e) {
      return new TextDecoder("windows-1252").decode(buffer);
    }
  }

  function readChosenFile() {
    var file = $("file").files[0];
    if (!file) { return Promise.reject(new Error("Choose the saved page (.html) or a text file first.")); }
    if (file.size > MAX_FILE_BYTES) {
      return Promise.reject(new Error(file.name + " is " + (file.size / 1e6).toFixed(1)
        + " MB; this page sends files of at most 5 MB. Save the page without its pictures, or paste the article's text."));
    }
    return file.arrayBuffer().then(function (buffer) {
      var content = decodePage(buffer);
      return /\.txt$/i.test(file.name) || file.type === "text/plain" ? { text: content } : { html: content };
    });
  }

  function setError(message, field) {
    var box = $("form-error");
    ["text", "url", "file"].forEach(function (id) { $(id).removeAttribute("aria-invalid"); });
    if (!message) { box.hidden = true; box.textContent = ""; return; }
    box.textContent = message;
    box.hidden = false;
    if (box.scrollIntoView) { box.scrollIntoView({ block: "nearest" }); }
    if (field) {
      $(field).setAttribute("aria-invalid", "true");
      $(field).setAttribute("aria-errormessage", "form-error");
    }
  }

  var progressTimer = null;

  // While busy the button stays focusable (aria-disabled, clicks ignored): a disabled
  // button would drop the keyboard's focus to the page's start for the whole wait.
  function setBusy(busy, label) {
    var button = $("analyze-button");
    button.setAttribute("aria-disabled", busy ? "true" : "false");
    $("analyze-form").setAttribute("aria-busy", busy ? "true" : "false");
    $("progress").hidden = !busy;
    if (progressTimer) { clearInterval(progressTimer); progressTimer = null; }
    if (!busy) { $("progress-text").textContent = ""; $("progress-time").textContent = ""; return; }
    var started = Date.now();
    $("progress-text").textContent = label;
    $("form-status").textContent = label;
    $("progress-time").textContent = "0 s";
    progressTimer = setInterval(function () {
      var seconds = Math.round((Date.now() - started) / 1000);
      var extra = seconds >= 4 ? " · the first analysis after the service starts also loads the model" : "";
      $("progress-time").textContent = seconds + " s" + extra;
    }, 1000);
  }

  function submitForm(event) {
    event.preventDefault();
    if ($("analyze-button").getAttribute("aria-disabled") === "true") { return; }
    var body, field, label;
    if (mode() === "file") {
      field = "file";
      // Busy from the click on: a second click while the file is read sent it twice.
      setError(null);
      setBusy(true, "Reading the file…");
      readChosenFile().then(function (read) {
        send(read, field, "Reading the page and analyzing it…");
      }, function (problem) {
        setBusy(false);
        $("form-status").textContent = "";
        setError(problem.message || String(problem), field);
        $("file").focus();
      });
      return;
    }
    if (mode() === "url") {
      var url = $("url").value.trim();
      field = "url";
      if (!url) { setError("Give the page's web address, starting with https://.", field); $("url").focus(); return; }
      body = { url: url };
      label = "Fetching the page and analyzing it…";
    } else {
      var text = $("text").value;
      field = "text";
      if (!text.trim()) { setError("Paste the article's text first.", field); $("text").focus(); return; }
      body = { text: text };
      var title = $("title").value.trim();
      if (title) { body.title = title; }
      label = "Analyzing the article…";
    }
    send(body, field, label);
  }

  function send(body, field, label) {
    setError(null);
    setBusy(true, label);
    Promise.all([
      loadTechniques(),
      api("/api/analyze", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(body)
      })
    ]).then(function (results) {
      setBusy(false);
      var stored = results[1];
      $("form-status").textContent = "";
      window.history.pushState({ id: stored.id }, "", stored.permalink);
      renderStored(stored);
      $("r-title").focus();
    }, function (problem) {
      setBusy(false);
      $("form-status").textContent = "";
      setError(problem.message || String(problem), field);
    });
  }

  // --- one analysis ---------------------------------------------------------------

  function showStored(id) {
    show("view-result", "Loading…");
    clear($("r-text"));
    $("r-title").textContent = "Loading the analysis…";
    Promise.all([loadTechniques(), api("/api/analyses/" + encodeURIComponent(id))])
      .then(function (results) { renderStored(results[1]); }, function (problem) {
        showMissing(problem.message || String(problem));
      });
  }

  function renderStored(stored) {
    var analysis = stored.analysis;
    var doc = analysis.document;
    var text = doc.text;
    current = { stored: stored, spans: null, marks: [], utf16: utf16Offsets(text), selected: {},
      minScore: 0 };
    var title = doc.title || "Untitled article";
    // A lede taken for the title (more than 30 words): its start, as the report shows.
    if (String(title).split(/\s+/).filter(Boolean).length > 30) { title = excerpt(title, 100); }
    show("view-result", title);
    $("r-title").textContent = title;
    $("r-title").setAttribute("tabindex", "-1");
    renderMeta(doc, stored);
    var link = new URL(stored.permalink, window.location.href).href;
    $("r-permalink").textContent = link;
    $("r-permalink").setAttribute("href", stored.permalink);
    $("copy-status").textContent = "";
    var notes = shownNotes(analysis.notes || []);
    $("r-notes").hidden = notes.length === 0;
    $("r-notes").textContent = notes.join(" ");
    // A text the layers found not to be English is in a language the page cannot name:
    // lang="" (unknown), so a screen reader does not read it with an English voice.
    var foreign = (analysis.notes || []).some(function (note) { return NOT_ENGLISH_NOTE.test(note); });
    ["r-title", "r-text"].forEach(function (id) {
      if (foreign) { $(id).setAttribute("lang", ""); } else { $(id).removeAttribute("lang"); }
    });

    var spans = readSpans(analysis, text);
    current.spans = spans;
    renderText(text, spans, (analysis.headline && analysis.headline.updates) || []);
    renderTechniquePanel(analysis, spans, text);
    renderHeadline(analysis.headline);
    renderSources(analysis, text);
    renderClaims(analysis);
    renderDoubleStandards(analysis, text);
    renderActors(analysis, text);
    renderFigures(analysis);
  }

  function renderMeta(doc, stored) {
    var parts = [];
    if (doc.source) { parts.push(doc.source); }
    if (doc.published) { parts.push("published " + doc.published); }
    if (doc.url) { parts.push(doc.url); }  // shown as text: it may not be a safe link
    parts.push("analyzed " + formatDate(stored.created));
    metaLine($("r-meta"), parts);
  }

  function readSpans(analysis, text) {
    if (!analysis.techniques) { return null; }
    var length = Array.from(text).length;
    return analysis.techniques.map(function (span, index) {
      return { index: index, start: span.start, end: span.end, technique: span.technique,
        score: span.score };
    }).filter(function (span) {
      return 0 <= span.start && span.start < span.end && span.end <= length
        && techniques[span.technique];
    });
  }

  // Spans that share one passage (same start and end) make one mark, the most confident
  // first: as two nested marks of one extent, the inner one would hide the outer from
  // every hover. As propscope.render._spans.group_same_extent.
  function groupSpans(spans) {
    var groups = [], byExtent = {};
    spans.forEach(function (span) {
      var key = span.start + ":" + span.end;
      if (!byExtent[key]) {
        byExtent[key] = { index: span.index, start: span.start, end: span.end, members: [] };
        groups.push(byExtent[key]);
      }
      byExtent[key].members.push(span);
    });
    groups.forEach(function (group) {
      group.members.sort(function (a, b) { return (b.score - a.score) || (a.index - b.index); });
      group.index = Math.min.apply(null, group.members.map(function (s) { return s.index; }));
    });
    return groups;
  }

  // The text with one <mark> per passage marked, properly nested, and each update or
  // correction line in a bar around the marks in it (as the HTML report draws it). Marks
  // that cross (neither holds the other) cannot nest, so one closed early to let another
  // close is reopened as a continuation fragment; only a mark's first fragment is a tab
  // stop. An update line's bar opens before the marks of its own extent.
  function renderText(text, spans, updates) {
    var box = $("r-text");
    clear(box);
    clear($("mark-descriptions"));
    var toUnits = current.utf16;
    var list = groupSpans(spans || []).concat((updates || []).map(function (update, k) {
      return { index: -1 - k, start: update.start, end: update.end, update: update };
    }));
    var starting = {};
    var bounds = {};
    bounds[0] = true;
    var length = Array.from(text).length;
    bounds[length] = true;
    list.forEach(function (span) {
      (starting[span.start] = starting[span.start] || []).push(span);
      bounds[span.start] = true;
      bounds[span.end] = true;
    });
    var points = Object.keys(bounds).map(Number).sort(function (a, b) { return a - b; });
    var stack = [];
    function parent() { return stack.length ? stack[stack.length - 1].node : box; }
    function closeEnding(pos) {
      var depth = -1;
      for (var i = 0; i < stack.length; i++) { if (stack[i].span.end === pos) { depth = i; break; } }
      if (depth < 0) { return []; }
      var closed = stack.splice(depth);
      return closed.filter(function (item) { return item.span.end !== pos; })
        .map(function (item) { return item.span; });
    }
    for (var k = 0; k + 1 < points.length; k++) {
      var left = points[k], right = points[k + 1];
      var reopened = closeEnding(left);
      var opening = reopened.map(function (s) { return [s, false]; })
        .concat((starting[left] || []).map(function (s) { return [s, true]; }));
      opening.sort(function (a, b) { return (b[0].end - a[0].end) || (a[0].index - b[0].index); });
      opening.forEach(function (item) {
        var node = markFor(item[0], item[1]);
        parent().appendChild(node);
        stack.push({ span: item[0], node: node });
      });
      parent().appendChild(document.createTextNode(text.slice(toUnits(left), toUnits(right))));
    }
  }

  // A mark's background: its technique's colour, or stripes of each technique's.
  function background(spans) {
    var colours = spans.map(function (span) { return techniques[span.technique].colour; });
    if (colours.length === 1) { return colours[0]; }
    return "repeating-linear-gradient(135deg, " + colours.map(function (colour, k) {
      return colour + " " + (k * 0.5) + "em " + ((k + 1) * 0.5) + "em";
    }).join(", ") + ")";
  }

  // Paints `mark` for the spans of it that are shown: one colour, or stripes and a
  // badge with their number (the badge is not read out; the hidden text says it).
  function paint(mark, shown) {
    mark._shown = shown;
    if (shown.length) { mark.style.background = background(shown); }
    mark.classList.toggle("multi", shown.length > 1);
    mark.setAttribute("data-count", String(shown.length));
    if (mark._said) {
      mark._said.textContent = shown.map(function (span) {
        return techniques[span.technique].label + ", " + percent(span.score) + " confidence. ";
      }).join("");
    }
    if (mark._description) {
      mark._description.textContent = shown.map(function (span) {
        var technique = techniques[span.technique];
        return (shown.length > 1 ? technique.label + ": " : "") + technique.definition;
      }).join(" ");
    }
  }

  // A <mark> cannot take a name (aria-label on it was read with the tooltip, twice). As
  // in the HTML report, the first fragment opens with hidden text naming its techniques
  // and their confidence ("Loaded language, 49% confidence."), so a screen reader reading
  // the article says them before the passage, and is described by a hidden element
  // holding their definitions (read when the mark takes focus); continuation fragments
  // say nothing again. Apart from that hidden text (class "said", never selected or
  // copied, and skipped by everything that counts offsets: textNodes, rangeText) the
  // text block holds only the document's text.
  function markFor(group, first) {
    if (group.update) { return updateFor(group.update, first); }
    var members = group.members;
    var mark = el("mark", {
      "class": "span",
      "data-span": members.map(function (s) { return s.index; }).join(" "),
      "data-technique": members.map(function (s) { return s.technique; }).join(" "),
      "data-score": members.map(function (s) { return s.score; }).join(" "),
      "tabindex": first ? "0" : "-1"
    });
    mark._group = group;
    mark._first = first;
    mark._description = null;
    mark._said = null;
    if (first) {
      mark._said = el("span", { "class": "visually-hidden said" });
      mark.appendChild(mark._said);
      mark._description = el("span", { id: "mark-description-" + group.index });
      $("mark-descriptions").appendChild(mark._description);
      mark.setAttribute("aria-describedby", mark._description.id);
    }
    paint(mark, members);
    current.marks.push(mark);
    return mark;
  }

  // An update line's bar: red where it contradicts the headline, its kind in a small
  // label on the first fragment where the line does not name it itself (CSS draws the
  // label; the text block holds only the document's text, and the headline check says
  // the same in words).
  function updateFor(update, first) {
    return el("span", {
      "class": "update-mark" + (update.contradicts_headline ? " contradicts" : ""),
      "data-label": first ? updateLabel(update) : null
    });
  }

  // The kind to show before an update line, or null where the line names its kind
  // itself ("UPDATE: ..."; "This article has been updated" does not), as
  // propscope.render._spans.update_label.
  function updateLabel(update) {
    var kind = UPDATE_KINDS[update.kind] || update.kind;
    // "(Editor's note: ...)" names its kind too, behind its bracket (render._spans.update_label).
    var opening = update.text.replace(/^[ \t*_>#(\[•·\-–—]+/, "");
    var says = opening.replace(/’/g, "'").toLowerCase().indexOf(kind.toLowerCase()) === 0;
    return says ? null : kind;
  }

  // --- tooltip --------------------------------------------------------------------

  var tipFor = null;
  var tipsOff = false;

  function showTip(mark) {
    if (tipsOff) { return; }
    var tip = $("tip");
    clear(tip);
    if (mark._shown.length > 1) {
      append(tip, el("span", { "class": "head", text: mark._shown.length
        + " techniques on this passage" }));
    }
    mark._shown.forEach(function (span) {
      var technique = techniques[span.technique];
      append(tip, el("span", { "class": "member" },
        el("strong", { text: technique.label }),
        " · " + percent(span.score) + " confidence",
        el("span", { "class": "def", text: technique.definition }),
        el("span", { "class": "example", text: "Example: " + technique.example })));
    });
    var outer = [];
    for (var node = mark.parentElement; node && node.id !== "r-text"; node = node.parentElement) {
      if (node.matches("mark.span") && !node.classList.contains("off")) {
        node._shown.forEach(function (span) { outer.push(techniques[span.technique].label); });
      }
    }
    if (outer.length) {
      append(tip, el("span", { "class": "also", text: "Inside: " + outer.join(", ") }));
    }
    tip.hidden = false;
    tipFor = mark;
    placeTip(mark);
  }

  function placeTip(mark) {
    var tip = $("tip");
    tip.style.left = ""; tip.style.top = "";
    var rects = mark.getClientRects();
    var box = rects.length ? rects[0] : mark.getBoundingClientRect();
    if (getComputedStyle(tip).position === "fixed") {
      // Pinned to the bottom on a phone: keep the passage itself in view above it.
      var room = window.innerHeight - tip.offsetHeight - 16;
      if (box.bottom > room) { window.scrollBy(0, box.bottom - room); }
      return;
    }
    // 6 px from its mark, a gap the tip's invisible edge (CSS .tip::before) covers, so
    // the pointer can move onto the tip without crossing other text (WCAG 1.4.13).
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, width - tip.offsetWidth - 8));
    var top = box.bottom + 6;
    tip.classList.remove("above");
    if (top + tip.offsetHeight > window.innerHeight && box.top - tip.offsetHeight - 6 > 0) {
      tip.classList.add("above");
      top = box.top - tip.offsetHeight - 6;
    }
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }

  function hideTip() {
    var tip = $("tip");
    if (tip) { tip.hidden = true; }
    tipFor = null;
  }

  // The innermost mark still shown at `target`: a mark filtered out leaves the one
  // around it in charge of the tooltip.
  function activeMark(target) {
    return target && target.closest ? target.closest("#r-text mark.span:not(.off)") : null;
  }

  // --- techniques panel and filter -------------------------------------------------

  function renderTechniquePanel(analysis, spans, text) {
    var list = $("technique-list");
    clear(list);
    current.selected = {};
    $("filter-status").textContent = "";
    $("show-all").hidden = true;
    renderScoreFilter(analysis, spans);
    if (spans === null) {
      $("r-stats").textContent = "The techniques layer was not computed for this analysis.";
      $("tp-help").hidden = true;
      return;
    }
    var summary = analysis.summary || {};
    var covered = typeof summary.covered_share === "number" ? summary.covered_share : null;
    $("r-stats").textContent = spans.length === 0
      ? "No propaganda techniques found."
      : plural(spans.length, "span") + (covered === null ? ""
        : (spans.length === 1 ? " covers " : " cover ") + percent(covered, 1) + " of the text")
        + ".";
    $("tp-help").hidden = spans.length === 0;
    var counts = {};
    spans.forEach(function (span) { counts[span.technique] = (counts[span.technique] || 0) + 1; });
    var present = techniqueOrder.filter(function (name) { return counts[name]; });
    present.sort(function (a, b) {
      return (counts[b] - counts[a]) || (techniqueOrder.indexOf(a) - techniqueOrder.indexOf(b));
    });
    present.forEach(function (name) {
      var technique = techniques[name];
      var swatch = el("span", { "class": "swatch", "aria-hidden": "true" });
      swatch.style.backgroundColor = technique.colour;
      var button = el("button", {
        type: "button", "class": "technique", "aria-pressed": "false", "data-technique": name,
        "aria-controls": "r-text"
      }, swatch, el("span", { "class": "name", text: technique.label }),
      el("span", { "class": "count", text: String(counts[name]) }),
      el("span", { "class": "visually-hidden unit", text: counts[name] === 1 ? " span" : " spans" }));
      var details = el("details", { "class": "definition" },
        el("summary", { text: "What is " + technique.label.toLowerCase() + "?" }),
        el("p", { text: technique.definition }),
        el("p", { "class": "example", text: "Example: " + technique.example }));
      list.appendChild(el("li", null, button, details));
    });
    if (current.minScore > 0) { applyFilter(); }
  }

  // Whether the techniques model says its scores are calibrated (its model_info's
  // "scores"); an analysis that does not say is read as raw.
  function scoresCalibrated(analysis) {
    var info = analysis.model;
    ["components", "techniques"].forEach(function (key) { info = info ? info[key] : null; });
    return Boolean(info) && info.scores === "calibrated";
  }

  function renderScoreFilter(analysis, spans) {
    var shown = Boolean(spans) && spans.length > 0;
    $("score-filter").hidden = !shown;
    $("score-help").textContent = scoresCalibrated(analysis) ? SCORES_CALIBRATED : SCORES_RAW;
    showMinScore(shown ? minScoreInAddress() : 0);
    keepMinScoreInAddress();
  }

  function showMinScore(value) {
    var slider = $("min-score");
    slider.value = String(value);
    value = Number(slider.value);  // the slider's own step: ?min=0.42 reads as 40%
    current.minScore = value;
    slider.setAttribute("aria-valuetext", value + "%");
    $("min-score-value").textContent = value + "%";
  }

  // The slider's value lives in the page's address, ?min=0.40 on /a/{id}, so a reload,
  // the back button or a copied link shows the same spans.
  function minScoreInAddress() {
    var raw = new URLSearchParams(window.location.search).get("min");
    var value = raw === null || raw.trim() === "" ? NaN : Number(raw);
    return isFinite(value) ? Math.max(0, Math.min(100, Math.round(value * 100))) : 0;
  }

  function minScoreQuery(search) {
    var params = new URLSearchParams(search);
    if (current.minScore > 0) { params.set("min", (current.minScore / 100).toFixed(2)); }
    else { params.delete("min"); }
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function keepMinScoreInAddress() {
    var here = window.location;
    var address = here.pathname + minScoreQuery(here.search) + here.hash;
    if (address !== here.pathname + here.search + here.hash) {
      window.history.replaceState(window.history.state, "", address);
    }
    var permalink = current.stored.permalink + minScoreQuery("");
    $("r-permalink").setAttribute("href", permalink);
    $("r-permalink").textContent = new URL(permalink, here.href).href;
  }

  // Scores compare as the tooltips show them, in whole percents.
  function likelyEnough(span) {
    return wholePercent(span.score) >= current.minScore;
  }

  function toggleTechnique(name) {
    if (current.selected[name]) { delete current.selected[name]; }
    else { current.selected[name] = true; }
    applyFilter();
  }

  // A span is shown when the techniques chosen in the panel (all, when none is) hold
  // its technique and it scores at least the minimum confidence; a mark, while any of
  // its spans is. A mark filtered out keeps its text, for screen readers too: it loses
  // its colour, description and tab stop.
  function applyFilter() {
    var chosen = Object.keys(current.selected);
    var all = chosen.length === 0;
    var least = current.minScore;
    var shown = 0, total = 0;
    current.marks.forEach(function (mark) {
      var members = mark._group.members.filter(function (span) {
        return (all || current.selected[span.technique] === true) && likelyEnough(span);
      });
      var on = members.length > 0;
      mark.classList.toggle("off", !on);
      mark.setAttribute("tabindex", on && mark._first ? "0" : "-1");
      if (on) { paint(mark, members); }
      if (on && mark._description) {
        mark.setAttribute("aria-describedby", mark._description.id);
      } else {
        mark.removeAttribute("aria-describedby");
      }
      if (mark._first) { total += mark._group.members.length; shown += members.length; }
    });
    // The buttons count the spans the slider lets through.
    var counts = {};
    (current.spans || []).forEach(function (span) {
      if (likelyEnough(span)) { counts[span.technique] = (counts[span.technique] || 0) + 1; }
    });
    document.querySelectorAll("#technique-list button.technique").forEach(function (button) {
      var name = button.getAttribute("data-technique");
      button.setAttribute("aria-pressed", current.selected[name] ? "true" : "false");
      button.querySelector(".count").textContent = String(counts[name] || 0);
      button.querySelector(".unit").textContent = counts[name] === 1 ? " span" : " spans";
      button.classList.toggle("none-left", !counts[name]);
    });
    $("show-all").hidden = all;
    $("r-text").classList.toggle("filtered", !all || least > 0);
    var labels = chosen.map(function (name) { return techniques[name].label; }).join(", ");
    var status = "Showing every technique.";
    if (least > 0) {
      status = "Showing " + shown + " of " + plural(total, "technique span") + " (≥ " + least + "%)"
        + (all ? "." : ": " + labels + ".");
    } else if (!all) {
      status = "Showing " + plural(shown, "span") + ": " + labels + ".";
    }
    $("filter-status").textContent = status;
    if (tipFor && tipFor.classList.contains("off")) { hideTip(); }
  }

  // --- "Which technique?" for a passage the reader selects ------------------------

  var asking = null;   // the passage the button asks about: {from, to, passage, rect}
  var askedFrom = null; // the field that asked, where the focus goes back on closing
  var askCount = 0;    // an answer to an older question is dropped

  // The reader's selection inside the article as [from, to) offsets (UTF-16 units) into
  // the document's text, trimmed of white space; null without one. The article block
  // holds exactly the document's text, in order (renderText), so the text before a
  // point in it is the document's text up to there.
  function selectedPassage() {
    if (!current || $("view-result").hidden || !window.getSelection) { return null; }
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { return null; }
    var box = $("r-text");
    var chosen = selection.getRangeAt(0);
    if (!chosen.intersectsNode(box)) { return null; }
    var range = document.createRange();
    range.selectNodeContents(box);
    if (chosen.compareBoundaryPoints(Range.START_TO_START, range) > 0) {
      range.setStart(chosen.startContainer, chosen.startOffset);
    }
    if (chosen.compareBoundaryPoints(Range.END_TO_END, range) < 0) {
      range.setEnd(chosen.endContainer, chosen.endOffset);
    }
    var before = document.createRange();
    before.setStart(box, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var text = current.stored.analysis.document.text;
    var chosenText = rangeText(range);
    var from = rangeText(before).length;
    var to = from + chosenText.length;
    if (text.slice(from, to) !== chosenText) { return null; }  // not the document's text
    while (from < to && /\s/.test(text.charAt(from))) { from += 1; }
    while (to > from && /\s/.test(text.charAt(to - 1))) { to -= 1; }
    if (from >= to) { return null; }
    var rects = range.getClientRects();
    return { from: from, to: to, passage: text.slice(from, to),
      rect: rects.length ? rects[rects.length - 1] : range.getBoundingClientRect() };
  }

  // The document's text in `range` of the text block: without the marks' hidden text.
  function rangeText(range) {
    var part = range.cloneContents();
    part.querySelectorAll(".said").forEach(function (node) { node.remove(); });
    return part.textContent;
  }

  // A Range over [from, to) of the document's text (UTF-16 units) in the text block.
  function rangeOf(from, to) {
    var range = document.createRange();
    var nodes = textNodes();
    for (var i = 0; i < nodes.length; i++) {
      var item = nodes[i], end = item.start + item.node.length;
      if (from >= item.start && from < end) { range.setStart(item.node, from - item.start); }
      if (to > item.start && to <= end) { range.setEnd(item.node, to - item.start); break; }
    }
    return range;
  }

  // A UTF-16 offset into `text` as Python counts it, in code points (see utf16Offsets).
  function codePoints(text, units) {
    return /[\uD800-\uDBFF]/.test(text) ? Array.from(text.slice(0, units)).length : units;
  }

  // Places `node` (absolutely positioned in .reading) just under the box `rect`. A node
  // the stylesheet pins to the bottom of the screen (on a phone) stays there, and the
  // page scrolls to keep `rect` in view above it.
  function placeUnder(node, rect) {
    node.style.left = ""; node.style.top = "";
    if (getComputedStyle(node).position === "fixed") {
      // A sheet pinned to the bottom of a phone's screen: scroll the passage above it.
      var room = window.innerHeight - node.offsetHeight - 16;
      if (rect.bottom > room || rect.top < 0) {
        var want = rect.bottom - room;
        // The end of a short page cannot scroll that far: lengthen it while the sheet is
        // open (closeAsk takes the padding away).
        var left = document.documentElement.scrollHeight - window.innerHeight - window.scrollY;
        if (want > left) {
          var pad = parseFloat(getComputedStyle(document.body).paddingBottom) || 0;
          document.body.style.paddingBottom = (pad + want - left) + "px";
        }
        window.scrollBy(0, want);
      }
      return;
    }
    var origin = node.parentElement.getBoundingClientRect();
    var left = Math.max(0, Math.min(rect.left - origin.left, origin.width - node.offsetWidth));
    node.style.left = left + "px";
    node.style.top = (rect.bottom - origin.top + 6) + "px";
  }

  function updateAskButton() {
    var button = $("classify-button");
    var found = selectedPassage();
    if (!found) { button.hidden = true; return; }
    asking = found;
    button.hidden = false;
    placeUnder(button, found.rect);
  }

  function ask() {
    if (!asking || !current) { return; }
    var question = asking;
    var asked = ++askCount;
    var popover = $("classify-popover");
    var result = $("classify-result");
    $("classify-passage").textContent = "“" + excerpt(question.passage, 160) + "”";
    clear(result);
    result.appendChild(el("p", { "class": "help", text: "Asking the model…" }));
    popover.hidden = false;
    $("classify-button").setAttribute("aria-expanded", "true");
    var button = $("classify-button").getBoundingClientRect();
    // Where the passage is on the page (not the screen): placed again once the answer
    // has made the popover taller, after the page may have scrolled.
    var under = button.height ? button : question.rect;
    var anchor = { left: under.left, top: under.top + window.scrollY,
      bottom: under.bottom + window.scrollY };
    var place = function () {
      placeUnder(popover, { left: anchor.left, top: anchor.top - window.scrollY,
        bottom: anchor.bottom - window.scrollY });
    };
    place();
    popover.focus({ preventScroll: true });
    var text = current.stored.analysis.document.text;
    api("/api/classify", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ text: text,
        spans: [[codePoints(text, question.from), codePoints(text, question.to)]] })
    }).then(function (answer) {
      if (asked !== askCount) { return; }
      clear(result);
      result.appendChild(rankedList(answer.spans[0].ranked.slice(0, ASKED_SHOWN)));
      place();
    }, function (problem) {
      if (asked !== askCount) { return; }
      clear(result);
      result.appendChild(el("p", { "class": "error", text: problem.message || String(problem) }));
      place();
    });
  }

  function rankedList(ranked) {
    return el("ol", { "class": "ranked" }, ranked.map(function (item) {
      var technique = techniques && techniques[item.technique];
      var swatch = el("span", { "class": "swatch", "aria-hidden": "true" });
      if (technique) { swatch.style.backgroundColor = technique.colour; }
      var chance = item.probability < 0.01 ? "under 1%" : percent(item.probability);
      return el("li", null, swatch,
        el("span", { "class": "name", text: item.label || (technique && technique.label) || item.technique }),
        el("span", { "class": "percent", text: chance }));
    }));
  }

  // Closes the popover; `refocus`: give the focus back to what asked (the button, if
  // still shown, or the passage field).
  function closeAsk(refocus) {
    var popover = $("classify-popover");
    if (!popover) { return; }
    askCount += 1;
    var wasOpen = !popover.hidden;
    popover.hidden = true;
    document.body.style.paddingBottom = "";
    $("classify-button").setAttribute("aria-expanded", "false");
    var from = askedFrom;
    askedFrom = null;
    if (!refocus) { $("classify-button").hidden = true; asking = null; }
    else if (wasOpen && from) { from.focus(); }
    else if (wasOpen && !$("classify-button").hidden) { $("classify-button").focus(); }
  }

  // As propscope.document.find_passage: [from, to) of the first occurrence of `passage`
  // in `text` (UTF-16 units), or null. An exact match wins, as a whole word where it
  // begins or ends with one; otherwise white space matches any white space and quotation
  // marks straight or curly ones (words copied from the page, typed from memory).
  var QUOTE_KINDS = ["\"“”„", "'‘’‚"];
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"); }
  function findPassage(text, passage) {
    if (!passage.trim()) { return null; }
    var start = text.indexOf(passage);
    if (start >= 0) {
      var before = /^[\p{L}\p{M}\p{N}_]/u.test(passage) ? "(?<![\\p{L}\\p{M}\\p{N}_])" : "";
      var after = /[\p{L}\p{M}\p{N}_]$/u.test(passage) ? "(?![\\p{L}\\p{M}\\p{N}_])" : "";
      var whole = new RegExp(before + escapeRegExp(passage) + after, "u").exec(text);
      return whole ? [whole.index, whole.index + passage.length] : [start, start + passage.length];
    }
    var parts = passage.trim().split(/(\s+)/).filter(Boolean).map(function (piece) {
      if (/^\s+$/.test(piece)) { return "\\s+"; }
      return Array.from(piece).map(function (c) {
        var kind = QUOTE_KINDS.filter(function (quotes) { return quotes.indexOf(c) >= 0; })[0];
        return kind ? "[" + escapeRegExp(kind) + "]" : escapeRegExp(c);
      }).join("");
    });
    var found = new RegExp(parts.join(""), "u").exec(text);
    return found ? [found.index, found.index + found[0].length] : null;
  }

  // "Ask about a passage by its words": the keyboard's way to "Which technique?", which
  // otherwise needs a selection made with a mouse (or caret browsing).
  function askByWords(event) {
    event.preventDefault();
    var field = $("ask-passage");
    var error = $("ask-form-error");
    error.textContent = "";
    field.removeAttribute("aria-invalid");
    if (!current) { return; }
    var text = current.stored.analysis.document.text;
    var words = field.value;
    var found = words.trim() ? findPassage(text, words) : null;
    if (!found) {
      error.textContent = words.trim()
        ? "That passage is not in the article. Copy it from the text, or type a shorter part of it."
        : "Type or paste a passage of the article first.";
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    var range = rangeOf(found[0], found[1]);
    var first = range.getClientRects()[0] || range.getBoundingClientRect();
    if (first.top < 0 || first.bottom > window.innerHeight) {
      window.scrollBy(0, first.top - window.innerHeight / 3);
    }
    var rects = range.getClientRects();
    $("classify-button").hidden = true;
    asking = { from: found[0], to: found[1], passage: text.slice(found[0], found[1]),
      rect: rects.length ? rects[rects.length - 1] : range.getBoundingClientRect() };
    ask();
    askedFrom = field;
  }

  // --- headline check -------------------------------------------------------------

  function renderHeadline(headline) {
    var panel = $("headline-panel");
    var body = $("headline-body");
    clear(body);
    panel.hidden = !headline;
    if (!headline) { return; }
    if (headline.stance) {
      var words = STANCES[headline.stance] || "the body's stance towards the headline: "
        + headline.stance;
      var scores = headline.stance_scores || {};
      var likely = scores[headline.stance];
      var verdict = words.charAt(0).toUpperCase() + words.slice(1);
      if (typeof likely === "number") { verdict += " (" + scorePercent(likely) + " likely)"; }
      // The runner-up as propscope.render._spans.stance_runner_up picks it: the highest
      // other score, a tie going to the later name.
      var second = null;
      Object.keys(scores).forEach(function (name) {
        if (name === headline.stance || !isFinite(scores[name])) { return; }
        if (second === null || scores[name] > scores[second]
            || (scores[name] === scores[second] && name > second)) {
          second = name;
        }
      });
      var nearTie = second !== null && typeof likely === "number"
        && likely - scores[second] < NEAR_TIE;
      if (nearTie) {
        verdict = "No clear verdict: " + words + " (" + scorePercent(likely) + "), or it "
          + (STANCE_ALTERNATIVES[second] || second) + " (" + scorePercent(scores[second]) + ")";
      }
      verdict += ".";
      body.appendChild(el("p", { "class": "stance"
        + (headline.stance === "disagree" && !nearTie ? " flag" : "") },
        verdict));
      var evidence = headline.evidence || [];
      if (evidence.length) {
        var status = el("span", { "class": "help", role: "status" });
        var button = el("button", { type: "button", "class": "small show", "aria-pressed": "false",
          "aria-controls": "r-text", text: "Show the evidence in the text" });
        button.addEventListener("click", function () {
          pressHighlight(button, evidence, [], status, "The sentences the verdict rests on are");
        });
        body.appendChild(el("p", null, button, " ", status));
      }
    }
    var updates = headline.updates || [];
    if (updates.length === 0) {
      body.appendChild(el("p", { "class": "help", text: "No update or correction lines." }));
    } else {
      var list = el("ul", { "class": "updates" });
      updates.forEach(function (update) {
        var contradiction = update.contradicts_headline === null || update.contradicts_headline === undefined
          ? "Cannot tell whether it contradicts the headline (the article has none)."
          : update.contradicts_headline ? "Contradicts the headline." : "Does not contradict the headline.";
        var reflection = update.reflected_in_body === null || update.reflected_in_body === undefined
          ? "Nothing to look for in the body."
          : update.reflected_in_body ? "The body reflects it." : "The body does not reflect it.";
        var verdicts = el("ul", { "class": "verdicts" },
          el("li", { "class": update.contradicts_headline ? "flag" : null, text: contradiction }),
          el("li", { "class": update.reflected_in_body === false ? "strong" : null, text: reflection }));
        var reasons = (update.reasons || []).length
          ? el("ul", { "class": "reasons" }, update.reasons.map(function (r) { return el("li", { text: r }); }))
          : null;
        var label = updateLabel(update);
        list.appendChild(el("li", { "class": update.contradicts_headline ? "contradicts" : null },
          el("p", { "class": "update-line" }, label ? label + ": " : null,
            el("q", { text: update.text })), verdicts, reasons));
      });
      body.appendChild(list);
    }
    (headline.notes || []).forEach(function (note) {
      body.appendChild(el("p", { "class": "help", text: note }));
    });
  }

  // --- highlighting passages (sources, claims, actors, figures, headline evidence) -

  // Every highlight a button may paint: statements and their sources' names, an
  // actor's mentions and its distancing labels (as the HTML report names them).
  var HIGHLIGHTS = ["ps-content", "ps-source", "ps-mention", "ps-distancing"];
  var highlightButton = null;
  var highlightStatus = null;  // the status line that says what is highlighted

  // The document's text nodes in the text block, each with its UTF-16 offset; the
  // marks' hidden text is no part of the document.
  function textNodes() {
    var nodes = [], pos = 0, node;
    var walker = document.createTreeWalker($("r-text"), NodeFilter.SHOW_TEXT, {
      acceptNode: function (found) {
        return found.parentElement.closest(".said") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    while ((node = walker.nextNode())) { nodes.push({ node: node, start: pos }); pos += node.length; }
    return nodes;
  }

  function highlightOf(nodes, spans) {
    var found = new Highlight();
    spans.forEach(function (span) {
      var from = current.utf16(span.start), to = current.utf16(span.end);
      nodes.forEach(function (item) {
        var start = Math.max(from, item.start) - item.start;
        var end = Math.min(to, item.start + item.node.length) - item.start;
        if (start >= end) { return; }
        var range = document.createRange();
        range.setStart(item.node, start);
        range.setEnd(item.node, end);
        found.add(range);
      });
    });
    return found;
  }

  function releaseHighlight() {
    if (highlightButton) { highlightButton.setAttribute("aria-pressed", "false"); }
    if (highlightStatus) { highlightStatus.textContent = ""; }
    highlightButton = null;
    highlightStatus = null;
    if (window.CSS && CSS.highlights) {
      HIGHLIGHTS.forEach(function (name) { CSS.highlights.delete(name); });
    }
  }

  // Press `button` to paint `contents` (and `names`) in the text; press again to clear.
  function pressHighlight(button, contents, names, status, said) {
    pressLayers(button, [["ps-content", contents], ["ps-source", names]], status, said);
  }

  // The same for any highlights: `layers` holds [highlight name, spans] pairs; the
  // first range of the first layer that paints anything is scrolled into view.
  function pressLayers(button, layers, status, said) {
    var again = button === highlightButton;
    releaseHighlight();
    status.textContent = "";
    if (again) { return; }
    highlightButton = button;
    highlightStatus = status;
    button.setAttribute("aria-pressed", "true");
    if (!(window.CSS && CSS.highlights && window.Highlight)) {
      status.textContent = "This browser cannot highlight passages; they are listed here.";
      return;
    }
    var nodes = textNodes();
    var first = null;
    layers.forEach(function (layer) {
      var painted = highlightOf(nodes, layer[1]);
      CSS.highlights.set(layer[0], painted);
      if (!first) { first = painted.values().next().value || null; }
    });
    status.textContent = said + " highlighted in the text.";
    if (first) {
      var box = first.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) {
        window.scrollBy(0, box.top - window.innerHeight / 3);
      }
    }
  }

  // --- sources and statements -----------------------------------------------------

  // As propscope.render._spans.source_name: no relative clause or age after the name.
  function sourceWords(text) {
    var cut = text;
    for (;;) {
      var shorter = cut.replace(/,\s+(?:who|which|whose|whom)\b[\s\S]*$/, "")
        .replace(/,\s+\d{1,3}\s*,?\s*$/, "").replace(/[ ,]+$/, "");
      if (shorter === cut) { return cut || text; }
      cut = shorter;
    }
  }

  // As propscope.render._spans._named: "Thweatt" of "Thweatt, the son of a preacher".
  // As propscope.render._spans._TITLE_WORDS.
  var TITLE_WORDS = ("director president chairman chairwoman chair minister secretary head "
    + "chief ceo spokesman spokeswoman spokesperson professor senator governor mayor leader "
    + "founder editor executive commissioner ambassador deputy vice general manager "
    + "coordinator").split(" ");

  function namedPart(label) {
    var comma = label.indexOf(",");
    if (comma < 0) { return label; }
    var head = label.slice(0, comma), tail = label.slice(comma + 1).trim();
    var capitalised = head.split(/\s+/).filter(Boolean).every(function (w) {
      return w.charAt(0) !== w.charAt(0).toLowerCase();
    });
    var lower = tail.charAt(0) !== "" && tail.charAt(0) !== tail.charAt(0).toUpperCase();
    var first = tail.split(/\s+/)[0].replace(/^\.+|\.+$/g, "").toLowerCase();
    return capitalised && (lower || TITLE_WORDS.indexOf(first) >= 0) ? head : label;
  }

  function sourceKey(text) {
    var key = namedPart(sourceWords(text)).toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    key = key.replace(/['’]s$/, "");
    return key.replace(/^the\s+/, "");
  }

  // As propscope.render._spans: a pronoun resolved to a name (refers_to: the "he" of
  // "he said" after "Mike Mills told ...") joins that name's group; an unresolved one
  // ("who", "he", "they") stands for someone unknown, so it is its own source in each
  // statement, listed after the named ones.
  var PRONOUNS = ("i me we us you he him she her it they them who whom which that this "
    + "these those one someone somebody anyone everyone").split(" ");

  function namesItsSource(item, kind) {
    return kind !== "pronoun" && PRONOUNS.indexOf(sourceKey(item.source.text)) < 0;
  }

  function groupSources(attributions) {
    var groups = [], byKey = {};
    // Named sources by span: "he" resolved to the "Mike Mills" of "Mike Mills, who heads
    // the union, said ..." joins that statement's group.
    var namedSources = attributions.filter(function (item) {
      var kind = item.source_kind || (item.source && item.source.kind);
      return item.source && THIRD_PARTY.indexOf(kind) >= 0 && !item.refers_to
        && namesItsSource(item, kind);
    }).map(function (item) {
      var kind = item.source_kind || item.source.kind;
      return { span: item.source, kind: kind, key: kind + "|" + sourceKey(item.source.text) };
    });
    attributions.forEach(function (item, index) {
      var kind = item.source_kind || (item.source && item.source.kind);
      if (THIRD_PARTY.indexOf(kind) < 0) { return; }
      var resolved = !!(item.source && item.refers_to && item.refers_to.kind);
      var named = resolved ? item.refers_to : item.source;
      var groupKind = resolved ? item.refers_to.kind : kind;
      var key = named ? groupKind + "|" + sourceKey(named.text) : kind + "|";
      if (resolved) {
        var holder = namedSources.filter(function (n) {
          return n.span.start <= item.refers_to.start && item.refers_to.end <= n.span.end;
        })[0];
        if (holder) { key = holder.key; groupKind = holder.kind; }
      }
      var unresolved = !resolved && !!item.source
        && (kind === "pronoun" || PRONOUNS.indexOf(sourceKey(item.source.text)) >= 0);
      if (unresolved) { key += "|" + index; }
      var label = named ? (resolved ? named.text : sourceWords(named.text)) : "No source named";
      if (!byKey[key]) {
        byKey[key] = { label: label, kind: groupKind, members: [], unresolved: unresolved,
          asWritten: false };
        groups.push(byKey[key]);
      }
      if (!resolved && !byKey[key].asWritten) {
        // The name as the article writes it as a source, not as a pronoun resolved.
        byKey[key].asWritten = true;
        byKey[key].label = label;
      }
      byKey[key].members.push(item);
    });
    groups = joinSurnames(groups, attributions);
    groups = groups.filter(function (g) { return !g.unresolved; })
      .concat(groups.filter(function (g) { return g.unresolved; }));
    [["author", "The author"], ["unattributed", "No source"]].forEach(function (pair) {
      var members = attributions.filter(function (a) { return a.source_kind === pair[0]; });
      if (members.length) { groups.push({ label: pair[1], kind: pair[0], members: members }); }
    });
    return groups;
  }

  // As propscope.render._spans._join_surnames: a person named by one word ("Putin")
  // joins the one other person source whose words name someone by it ("Russian
  // President Vladimir Putin"; holdsName), unless it names two people (SEVERAL); where
  // two do, neither. Joins are found among
  // the groups as they are, then made; a source that joins another holds none. Groups
  // stay in order of their first statement.
  var NAME_ENDS = /^(?:$|[,;:()[\]–—]|\s+[-–—]|\s+(?:and|or|on|in|at|of|from|for|with|who|said|told)(?![\p{L}\p{N}_]))/u;
  var NOT_AFTER = ["for", "at", "of", "from", "with", "by", "to", "in", "on"];
  var TOKEN = /[\p{L}\p{N}_]+/gu;
  // A source that names two people: a surname said alone joins neither of them.
  var SEVERAL = /[A-Z][\p{L}\p{N}_’'-]+\s+(?:and|&)\s/u;

  function holdsName(label, pattern) {
    var match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(label)) !== null) {
      var before = label.slice(0, match.index).split(/\s+/).filter(Boolean);
      if (before.length && NOT_AFTER.indexOf(before[before.length - 1].toLowerCase()) >= 0) {
        continue;
      }
      if (NAME_ENDS.test(label.slice(match.index + match[0].length))) { return true; }
    }
    return false;
  }

  function joinSurnames(groups, attributions) {
    var persons = groups.filter(function (g) { return !g.unresolved && g.kind === "person"; });
    var byToken = new Map();
    persons.forEach(function (g) {
      new Set(g.label.match(TOKEN) || []).forEach(function (token) {
        if (!byToken.has(token)) { byToken.set(token, []); }
        byToken.get(token).push(g);
      });
    });
    var joins = [];
    persons.forEach(function (g) {
      var surname = namedPart(g.label);
      if (!/^[A-Z][\p{L}\p{N}_’'-]+$/u.test(surname)) { return; }
      var candidates = (byToken.get((surname.match(TOKEN) || [""])[0]) || []).filter(
        function (o) { return o !== g; });
      if (!candidates.length) { return; }  // compiling the pattern costs more than this
      var pattern = new RegExp("(?<![\\p{L}\\p{N}_])"
        + surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?![\\p{L}\\p{N}_])", "gu");
      var holders = candidates.filter(function (o) {
        return holdsName(o.label, pattern) && !SEVERAL.test(o.label.split(",")[0]);
      });
      if (holders.length === 1) { joins.push([g, holders[0]]); }
    });
    var joiners = new Set(joins.map(function (pair) { return pair[0]; }));
    joins.forEach(function (pair) {
      if (joiners.has(pair[1])) { return; }
      pair[1].members = pair[1].members.concat(pair[0].members);
      pair[0].joined = true;
    });
    var order = new Map(attributions.map(function (item, index) { return [item, index]; }));
    var first = function (g) {
      return Math.min.apply(null, g.members.map(function (m) { return order.get(m); }));
    };
    groups = groups.filter(function (g) { return !g.joined; });
    groups.forEach(function (g) {
      g.members.sort(function (a, b) { return order.get(a) - order.get(b); });
    });
    return groups.sort(function (a, b) { return first(a) - first(b); });
  }

  // A statement's source as words: "he (Mike Mills)" where a pronoun was resolved.
  function sourceName(item) {
    if (!item.source) { return "No source named"; }
    if (item.refers_to) { return item.source.text + " (" + item.refers_to.text + ")"; }
    return sourceWords(item.source.text);
  }

  // As propscope.render._spans.cue_words: "I expect" for the author, "he said" for a
  // pronoun listed under the name it stands for.
  function cueWords(item) {
    var words = item.cue.text;
    if (item.source && (item.source_kind === "author" || item.refers_to)) {
      words = item.source.text + " " + words;
    }
    return words;
  }

  // As propscope.render._spans.cue_shown: no cue of a colon alone ("FILE PHOTO: ...").
  function cueShown(item) {
    var words = cueWords(item).replace(/\s+$/, "").replace(/:$/, "").replace(/\s+$/, "");
    return /[\p{L}\p{N}]/u.test(words) ? words : "";
  }

  // As propscope.render._spans.unquoted: a text that is one quotation, without its marks,
  // for the page's own <q> marks.
  function unquoted(text) {
    if (text.length < 2 || "“\"‘'«".indexOf(text[0]) < 0 ||
        "”\"’'»".indexOf(text[text.length - 1]) < 0) {
      return text;
    }
    var inner = text.slice(1, -1);
    if (/[“”"«»]/.test(inner)) { return text; }
    if ("‘'".indexOf(text[0]) >= 0 && /‘|['’](?![A-Za-z])|(?<![A-Za-z])'/.test(inner)) {
      return text;
    }
    return inner.trim();
  }

  // As propscope.render._spans.statement_count: "2 statements, 1 act", acts (what a
  // source did to what its content names: "thanked Ritter") counted apart.
  function statementCount(members) {
    var acts = members.filter(function (a) { return a.act === true; }).length;
    var saidCount = members.length - acts;
    var parts = saidCount || !acts ? [plural(saidCount, "statement")] : [];
    if (acts) { parts.push(plural(acts, "act")); }
    return parts.join(", ");
  }

  function said(group) {
    var n = group.members.length;
    if (group.kind === "unattributed") { return plural(n, "unattributed statement"); }
    if (group.kind === "author") { return plural(n, "statement") + " by the author"; }
    return statementCount(group.members) + " by " + group.label + " (" + group.kind + ")";
  }

  function renderSources(analysis) {
    var panel = $("sources-panel");
    var list = $("source-list");
    clear(list);
    releaseHighlight();
    $("source-status").textContent = "";
    var attributions = analysis.attributions;
    panel.hidden = !attributions;
    if (!attributions) { return; }
    if (attributions.length === 0) {
      list.appendChild(el("li", { "class": "help", text: "No statements found." }));
      return;
    }
    var groups = groupSources(attributions);
    var seen = {};
    groups.forEach(function (group) {
      var key = group.kind + " " + group.label;
      seen[key] = (seen[key] || 0) + 1;
    });
    groups.forEach(function (group) {
      // Sources shown alike ("she", three times) are told apart, for a screen reader's
      // list of buttons, by the first words of their first statement.
      var alike = seen[group.kind + " " + group.label] > 1 && group.members.length
        ? el("span", { "class": "visually-hidden", text: ": “"
          + excerpt(unquoted(group.members[0].content.text), 40) + "”" })
        : null;
      var button = el("button", { type: "button", "class": "source", "aria-pressed": "false",
        "aria-controls": "r-text" },
      el("span", { "class": "name", text: group.label }),
      el("span", { "class": "kind kind-" + group.kind, text: group.kind }),
      el("span", { "class": "count", text: statementCount(group.members) }), alike);
      button.addEventListener("click", function () {
        pressHighlight(button, group.members.map(function (a) { return a.content; }),
          group.members.filter(function (a) { return a.source; }).map(function (a) { return a.source; }),
          $("source-status"), said(group));
      });
      var statements = el("ul", { "class": "statements" });
      group.members.forEach(function (item) {
        var cue = null;
        var words = item.cue ? cueShown(item) : "";
        if (item.act === true) {
          // What the source did, not words: "thanked Ritter", not "thanked: “Ritter”".
          statements.appendChild(el("li", { "class": "act" },
            el("span", { "class": "cue", text: excerpt(words, 60) }),
            " " + excerpt(item.content.text, 200)));
          return;
        }
        if (words) {
          cue = el("span", { "class": "cue", text: excerpt(words, 60) + ": " });
        }
        var shown = excerpt(unquoted(item.content.text), 200);
        // A passage that opens with its own quotation mark gets no more (q.own).
        var own = "\u201c\"\u2018\u00ab".indexOf(shown.charAt(0)) >= 0 ? "own" : null;
        statements.appendChild(el("li", null, cue, el("q", { "class": own, text: shown })));
      });
      list.appendChild(el("li", null, button, statements));
    });
  }

  // --- claims to check first -------------------------------------------------------

  // As propscope.analysis.disputed_claims: the claims the article itself calls into
  // question, as {index: why in words}. The headline's sentence (the title sits at
  // offset 0, so any claim starting inside it) when an update line contradicts the
  // headline or the body disagrees with it; and each contradicting update line's
  // sentence. Offsets count code points, as in the analysis, so the title's length does.
  function disputedClaims(claims, headline) {
    var out = {};
    if (!headline || !headline.text || !claims || !claims.length) { return out; }
    var contradicting = (headline.updates || []).filter(function (u) { return u.contradicts_headline; });
    var titleEnd = Array.from(headline.text).length;
    var why = "";
    if (contradicting.length) {
      var kind = String(contradicting[0].kind).split("_").join(" ").split("editors").join("editor's");
      why = "the article's own " + kind + " line contradicts this headline";
    } else if (headline.stance === "disagree") {
      why = "the article's body disagrees with this headline";
    }
    claims.forEach(function (claim, index) {
      if (why && claim.start < titleEnd) { out[index] = why; return; }
      for (var k = 0; k < contradicting.length; k++) {
        var line = contradicting[k];
        if (claim.start < line.end && line.start < claim.end) {
          var unsaid = line.reflected_in_body !== null && line.reflected_in_body !== undefined
            && !line.reflected_in_body;
          out[index] = "it contradicts the article's headline"
            + (unsaid ? ", and the body does not say it" : "");
          break;
        }
      }
    });
    return out;
  }

  // The claims, most check-worthy first; ties keep text order.
  function rankClaims(claims) {
    return claims.map(function (claim, index) { return { claim: claim, index: index }; })
      .sort(function (a, b) {
        return (b.claim.checkworthiness - a.claim.checkworthiness) || (a.index - b.index);
      })
      .map(function (item) { return item.claim; });
  }

  // "Said by: Tom Baker [person]", "Said by: the author", "Said by: unattributed" (the
  // report's words); null when the sentence reports no statement.
  function claimSource(claim, attributions) {
    if (claim.attribution === null || claim.attribution === undefined || !attributions) { return null; }
    var item = attributions[claim.attribution];
    if (!item) { return null; }
    var kind = item.source_kind || (item.source && item.source.kind);
    var who;
    if (kind === "author") { who = "the author"; }
    else if (kind === "unattributed") { who = "unattributed"; }
    else {
      if (item.refers_to && item.refers_to.kind) { kind = item.refers_to.kind; }
      who = [el("span", { "class": "name", text: sourceName(item) }),
        " ", el("span", { "class": "kind kind-" + kind, text: kind })];
    }
    return el("span", { "class": "by" }, "Said by: ", who);
  }

  var claimsLead = 0;  // how many disputed claims head the list, before the ranked ones

  function renderClaims(analysis) {
    var panel = $("claims-panel");
    var list = $("claim-list");
    var more = $("claims-more");
    clear(list);
    claimsLead = 0;
    $("claim-status").textContent = "";
    more.hidden = true;
    var claims = analysis.claims;
    panel.hidden = !claims;
    if (!claims) { return; }
    $("claims-help").hidden = claims.length === 0;
    if (claims.length === 0) {
      $("claims-summary").textContent = "No sentences scored.";
      return;
    }
    // The claims the article itself calls into question come first, in text order,
    // whatever their score; then the most check-worthy of the others.
    var disputed = disputedClaims(claims, analysis.headline);
    var lead = Object.keys(disputed).map(Number).sort(function (a, b) { return a - b; });
    var leading = lead.map(function (index) { return claims[index]; });
    var worthy = claims.filter(function (c) { return c.checkworthiness >= CHECKWORTHY; }).length;
    var summary = plural(claims.length, "sentence") + " scored; "
      + worthy + (worthy === 1 ? " is" : " are") + " worth checking (" + percent(CHECKWORTHY)
      + " or more).";
    if (lead.length) {
      // Say "of them" only of the check-worthy ones: a disputed headline may score 13%.
      var leadWorthy = lead.filter(function (index) {
        return claims[index].checkworthiness >= CHECKWORTHY;
      }).length;
      var which;
      if (leadWorthy === lead.length) {
        which = lead.length + " of them into question";
      } else if (leadWorthy === 0) {
        which = plural(lead.length, "other sentence") + " into question, whatever "
          + (lead.length === 1 ? "its score" : "their scores");
      } else {
        which = plural(lead.length, "sentence") + " into question (" + leadWorthy
          + " of them worth checking)";
      }
      summary += " The article itself calls " + which + "; "
        + (lead.length === 1 ? "it comes" : "they come") + " first.";
    }
    $("claims-summary").textContent = summary;
    var others = rankClaims(claims).filter(function (claim) { return leading.indexOf(claim) < 0; });
    var worthyOthers = others.filter(function (c) { return c.checkworthiness >= CHECKWORTHY; }).length;
    var ranked = others.slice(0, Math.max(CLAIMS_SHOWN, worthyOthers));
    claimsLead = lead.length;
    lead.forEach(function (index) {
      list.appendChild(el("li", { "class": "disputed" }, claimButton(claims[index], analysis, disputed[index])));
    });
    ranked.forEach(function (claim, rank) {
      list.appendChild(el("li", { hidden: rank >= CLAIMS_SHOWN }, claimButton(claim, analysis, null)));
    });
    if (ranked.length > CLAIMS_SHOWN) {
      more.setAttribute("aria-expanded", "false");
      more.textContent = "Show all " + ranked.length + " sentences worth checking";
      more.hidden = false;
    }
  }

  // A claim's button: its score (or, for a claim the article itself calls into question,
  // a red "!" and `why` in words under it), the sentence and whose statement it is.
  function claimButton(claim, analysis, why) {
    var mark;
    if (why) {
      mark = el("span", { "class": "score disputed" },
        el("span", { "class": "mark", "aria-hidden": "true", text: "!" }),
        el("span", { "class": "visually-hidden", text: "Called into question: " }));
    } else {
      var bar = el("span", { "class": "fill" });
      bar.style.width = percent(claim.checkworthiness, 1);
      mark = el("span", { "class": "score" + (claim.checkworthiness >= CHECKWORTHY ? " worthy" : "") },
        el("span", { "class": "percent", text: claimPercent(claim.checkworthiness) }),
        el("span", { "class": "visually-hidden", text: " check-worthy: " }),
        el("span", { "class": "bar", "aria-hidden": "true" }, bar));
    }
    var button = el("button", { type: "button", "class": "claim", "aria-pressed": "false",
      "aria-controls": "r-text" },
    mark,
    el("span", { "class": "claim-body" },
      el("span", { "class": "sentence", text: excerpt(claim.text, 220) }),
      why ? el("span", { "class": "why", text: why }) : null,
      claimSource(claim, analysis.attributions)));
    button.addEventListener("click", function () {
      var item = analysis.attributions && claim.attribution !== null && claim.attribution !== undefined
        ? analysis.attributions[claim.attribution] : null;
      pressHighlight(button, [claim], item && item.source ? [item.source] : [],
        $("claim-status"), "The sentence “" + excerpt(claim.text, 80) + "” is");
    });
    return button;
  }

  function toggleClaims() {
    var more = $("claims-more");
    var open = more.getAttribute("aria-expanded") !== "true";
    var items = $("claim-list").children;
    for (var i = claimsLead + CLAIMS_SHOWN; i < items.length; i++) {
      items[i].hidden = !open;
      if (!open && highlightButton && items[i].contains(highlightButton)) { releaseHighlight(); }
    }
    more.setAttribute("aria-expanded", open ? "true" : "false");
    more.textContent = open ? "Show the top " + CLAIMS_SHOWN + " only"
      : "Show all " + (items.length - claimsLead) + " sentences worth checking";
  }

  // --- actors ---------------------------------------------------------------------

  // As propscope.render._spans.label_key: "Jihadis" and "jihadi" are one label.
  function labelKey(text) {
    var key = String(text).toLowerCase().split(/\s+/).filter(Boolean).join(" ");
    return key.length > 3 && /s$/.test(key) && !/ss$/.test(key) ? key.slice(0, -1) : key;
  }

  // How to show a label met in the wordings `uses` (wording -> times): "Jihadi(s)" when
  // singular and plural both occur, else the most used wording.
  function labelForm(uses) {
    var forms = Object.keys(uses).sort(function (a, b) {
      return (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);
    });
    if (forms.length === 2 && forms[1] === forms[0] + "s") { return forms[0] + "(s)"; }
    var best = forms[0];
    forms.forEach(function (form) { if (uses[form] > uses[best]) { best = form; } });
    return best;
  }

  // An actor's labels grouped by wording and by whether they are distancing, the most
  // used first; `shown` as a reader meets it: “in quotes”, "so-called" before it.
  function groupLabels(labels) {
    var groups = [], byKey = {};
    labels.forEach(function (label) {
      var key = labelKey(label.text) + "|" + (label.distancing ? "1" : "0");
      if (!byKey[key]) {
        byKey[key] = { uses: {}, count: 0, distancing: !!label.distancing, marks: {} };
        groups.push(byKey[key]);
      }
      var group = byKey[key];
      group.uses[label.text] = (group.uses[label.text] || 0) + 1;
      group.count += 1;
      (label.marks || []).forEach(function (mark) { group.marks[mark] = true; });
    });
    groups.forEach(function (group) {
      var text = labelForm(group.uses);
      if (group.marks.scare_quotes) { text = "“" + text + "”"; }
      group.shown = group.marks.so_called ? "so-called " + text : text;
    });
    return groups.sort(function (a, b) { return b.count - a.count; });
  }

  function noneNote(words) { return el("span", { "class": "help", text: words || "none" }); }

  function actorLabels(actor) {
    var groups = groupLabels(actor.labels || []);
    if (!groups.length) { return noneNote(); }
    var out = [];
    groups.forEach(function (group, i) {
      if (i) { out.push(", "); }
      if (group.distancing) {
        out.push(el("span", { "class": "distancing", text: group.shown }),
          el("span", { "class": "badge", text: "distancing" }));
      } else {
        out.push(group.shown);
      }
      out.push(" ", el("span", { "class": "help", text: "×" + group.count }));
    });
    return out;
  }

  // The techniques touching an actor, by display label, the most frequent first.
  function actorTechniques(actor, spans) {
    if (actor.techniques === null || actor.techniques === undefined || !spans) {
      return noneNote("not computed");
    }
    var counts = {}, order = [];
    actor.techniques.forEach(function (index) {
      var span = spans[index];
      var technique = span && techniques[span.technique];
      if (!technique) { return; }
      if (!counts[technique.label]) { counts[technique.label] = 0; order.push(technique.label); }
      counts[technique.label] += 1;
    });
    if (!order.length) { return noneNote(); }
    order.sort(function (a, b) { return counts[b] - counts[a]; });
    return order.map(function (label) {
      return counts[label] > 1 ? label + " ×" + counts[label] : label;
    }).join(", ");
  }

  function actorSources(actor) {
    if (actor.sources === null || actor.sources === undefined) { return noneNote("not computed"); }
    return actor.sources.length ? plural(actor.sources.length, "statement") : noneNote();
  }

  function renderActors(analysis, text) {
    var panel = $("actors-panel");
    var list = $("actor-list");
    clear(list);
    $("actor-status").textContent = "";
    var actors = analysis.actors;
    panel.hidden = !actors;
    if (!actors) { return; }
    $("actors-help").hidden = actors.length === 0;
    if (actors.length === 0) {
      list.appendChild(el("li", { "class": "help", text: "No actors found." }));
      return;
    }
    var length = Array.from(text).length;
    function inText(span) { return 0 <= span.start && span.start < span.end && span.end <= length; }
    function byStart(a, b) { return a.start - b.start; }
    actors.map(function (actor, index) { return { actor: actor, index: index }; })
      .sort(function (a, b) {
        return ((b.actor.mentions || []).length - (a.actor.mentions || []).length) || (a.index - b.index);
      })
      .forEach(function (item) {
        var actor = item.actor;
        var count = (actor.mentions || []).length;
        var mentions = (actor.mentions || []).filter(inText).sort(byStart);
        var distancing = (actor.labels || []).filter(function (label) {
          return label.distancing && inText(label);
        }).sort(byStart);
        var button = el("button", { type: "button", "class": "actor", "aria-pressed": "false",
          "aria-controls": "r-text" },
        el("span", { "class": "name", text: actor.name }),
        el("span", { "class": "kind kind-" + actor.kind, text: actor.kind }),
        el("span", { "class": "count", text: plural(count, "mention") }));
        button.addEventListener("click", function () {
          pressLayers(button, [["ps-mention", mentions], ["ps-distancing", distancing]],
            $("actor-status"), plural(count, "mention") + " of " + actor.name + " (" + actor.kind + ")");
        });
        var facts = el("dl", { "class": "actor-facts", "aria-label": "About " + actor.name });
        [["Labels", actorLabels(actor)],
          ["Techniques touching it", actorTechniques(actor, analysis.techniques)],
          ["Claims it is the source of", actorSources(actor)]].forEach(function (fact) {
          facts.appendChild(el("dt", { text: fact[0] }));
          facts.appendChild(el("dd", null, fact[1]));
        });
        list.appendChild(el("li", null, button, facts));
      });
  }

  // --- double standards -----------------------------------------------------------

  // As propscope.render._spans.double_standard_heading and double_standard_sides.
  var DOUBLE_HEADINGS = {
    opposite_judgements: "One act, two judgements",
    also_does: "Blamed on one, done by another",
    same_thing: "The same thing, treated differently",
    what_about: "Judged, then “what about …?”"
  };

  // As propscope.render._spans.DOUBLE_STANDARD_NONE.
  var DOUBLE_NONE = "None of the four wordings these rules find. Most whataboutism is " +
    "worded otherwise: this says nothing of the article's other arguments.";

  function doubleHeading(item) { return DOUBLE_HEADINGS[item.kind] || item.kind; }

  function doubleSides(item) {
    var judgements = item.judgements || ["", ""];
    var sides = [];
    (item.parties || ["", ""]).forEach(function (party, k) {
      if (!party && !judgements[k]) { return; }
      var how = judgements[k] || "does it too";
      sides.push(party ? party + " (" + how + ")" : "(" + how + ")");
    });
    return sides.join(" / ");
  }

  function renderDoubleStandards(analysis, text) {
    var panel = $("doubles-panel");
    var list = $("double-list");
    clear(list);
    $("double-status").textContent = "";
    var found = analysis.double_standards;
    panel.hidden = !found;
    if (!found) { return; }
    $("doubles-help").hidden = found.length === 0;
    if (found.length === 0) {
      list.appendChild(el("li", { "class": "help", text: DOUBLE_NONE }));
      return;
    }
    var length = Array.from(text).length;
    found.forEach(function (item) {
      var passages = (item.passages || []).filter(function (span) {
        return 0 <= span.start && span.start < span.end && span.end <= length;
      });
      var what = doubleHeading(item);
      var button = el("button", { type: "button", "class": "double", "aria-pressed": "false",
        "aria-controls": "r-text" },
      el("strong", { text: what }), ": “" + (item.act || "") + "” — " + doubleSides(item));
      button.addEventListener("click", function () {
        pressHighlight(button, passages, [], $("double-status"),
          "The passages of “" + what + "”");
      });
      var row = el("li", null, button);
      (item.passages || []).forEach(function (passage) {
        row.appendChild(el("blockquote", { text: passage.text }));
      });
      if (item.charge) {
        row.appendChild(el("p", { "class": "charge" }, "The article calls it: ",
          el("q", { text: item.charge.text })));
      }
      list.appendChild(row);
    });
  }

  // --- figures --------------------------------------------------------------------

  function quantity(value) {
    return Number(value).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function valueText(figure) {
    if (figure.low === figure.high) { return quantity(figure.low); }
    return quantity(figure.low) + "–" + quantity(figure.high);
  }

  function saidBy(figure, attributions) {
    if (figure.source === null || figure.source === undefined || !attributions) { return "—"; }
    var item = attributions[figure.source];
    if (!item) { return "—"; }
    if (item.source_kind === "author") { return "the author"; }
    if (item.source_kind === "unattributed") { return "unattributed"; }
    var kind = item.refers_to && item.refers_to.kind ? item.refers_to.kind : item.source_kind;
    return sourceName(item) + " (" + kind + ")";
  }

  function renderFigures(analysis) {
    var panel = $("figures-panel");
    var body = $("figures-body");
    clear(body);
    var painting = window.CSS && CSS.highlights && window.Highlight;
    if (painting) { CSS.highlights.delete("ps-figure"); }
    var figures = analysis.figures;
    panel.hidden = !figures;
    if (!figures) { return; }
    if (figures.length === 0) {
      body.appendChild(el("p", { "class": "help", text: "No figures found." }));
      return;
    }
    var status = el("p", { "class": "help", role: "status" });
    var conflicts = analysis.figure_conflicts || [];
    var flagged = {};
    if (conflicts.length) {
      var list = el("ul", { "class": "conflicts" });
      conflicts.forEach(function (conflict) {
        conflict.figures.forEach(function (i) { flagged[i] = true; });
        var quoted = conflict.figures.map(function (i) {
          return "#" + (i + 1) + " “" + (figures[i] ? figures[i].text : "?") + "”";
        }).join(", ");
        var button = el("button", { type: "button", "class": "small show", "aria-pressed": "false",
          "aria-controls": "r-text", text: "Show in text" });
        button.addEventListener("click", function () {
          pressHighlight(button, conflict.figures.map(function (i) { return figures[i]; })
            .filter(Boolean), [], status, "The figures that disagree are");
        });
        list.appendChild(el("li", null, el("span", { "class": "flag", "aria-hidden": "true", text: "⚑ " }),
          el("strong", { text: conflict.note || "These figures disagree" }), " — " + quoted + " ", button));
      });
      body.appendChild(el("h3", { text: "Figures that disagree" }));
      body.appendChild(list);
      // They stay marked in the text, whatever else is highlighted.
      var marked = Object.keys(flagged).map(function (i) { return figures[i]; }).filter(Boolean);
      if (painting && marked.length) {
        CSS.highlights.set("ps-figure", highlightOf(textNodes(), marked));
        body.appendChild(el("p", { "class": "help",
          text: "In the text, these figures have a double red underline." }));
      }
    } else {
      body.appendChild(el("p", { "class": "help", text: "No conflicting figures." }));
    }
    body.appendChild(status);
    var rows = figures.map(function (figure, index) {
      var sign = QUALIFIER_SIGNS[figure.qualifier] || "";
      // data-label names each cell where a phone lays a row out as a block; the roles
      // keep it a table for a screen reader there.
      return el("tr", { "class": flagged[index] ? "flagged" : null, role: "row" },
        el("td", { "class": "num", role: "cell" }, String(index + 1),
          flagged[index] ? el("span", { "class": "flag", role: "img", "aria-label": "disagrees", text: " ⚑" }) : null),
        el("td", { role: "cell", "data-label": "Figure", text: figure.text }),
        el("td", { "class": "num", role: "cell", "data-label": "Value", text: sign + valueText(figure) }),
        el("td", { role: "cell", "data-label": "Counts", text: figure.counts || "—" }),
        el("td", { role: "cell", "data-label": "Said by", text: saidBy(figure, analysis.attributions) }));
    });
    var table = el("table", { "class": "figures", role: "table" },
      el("caption", { "class": "visually-hidden", text: "Every figure in the article" }),
      el("thead", { role: "rowgroup" }, el("tr", { role: "row" }, ["#", "Figure", "Value", "Counts", "Said by"].map(function (h) {
        return el("th", { scope: "col", role: "columnheader", text: h });
      }))),
      el("tbody", { role: "rowgroup" }, rows));
    body.appendChild(el("div", { "class": "table-wrap", tabindex: "0", role: "region",
      "aria-label": "Figures table" }, table));
  }

  // --- history --------------------------------------------------------------------

  var historyOffset = 0;

  function showHistory() {
    show("view-history", "History");
    var params = new URLSearchParams(window.location.search);
    $("query").value = params.get("query") || "";
    historyOffset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    loadHistory();
  }

  function loadHistory() {
    var query = $("query").value.trim();
    var params = new URLSearchParams({ limit: String(HISTORY_PAGE), offset: String(historyOffset) });
    if (query) { params.set("query", query); }
    $("history-status").textContent = "Loading…";
    api("/api/analyses?" + params.toString()).then(function (page) {
      renderHistory(page);
    }, function (problem) {
      $("history-status").textContent = problem.message;
    });
  }

  function renderHistory(page) {
    var list = $("history-list");
    clear(list);
    list.setAttribute("start", String(page.offset + 1));
    var query = page.query;
    if (page.total === 0) {
      $("history-status").textContent = query
        ? "No analysis has a title or source matching “" + query + "”."
        : "No analyses yet. Analyze an article and it will be listed here.";
    } else {
      var last = Math.min(page.offset + page.items.length, page.total);
      $("history-status").textContent = (query ? "Matching “" + query + "”: " : "")
        + "showing " + (page.offset + 1) + "–" + last + " of " + page.total + ", newest first.";
    }
    page.items.forEach(function (item) {
      var meta = [];
      if (item.source) { meta.push(item.source); }
      meta.push(formatDate(item.created));
      meta.push(plural(item.spans, "span"));
      meta.push(percent(item.covered_share || 0, 0) + " covered");
      list.appendChild(el("li", null,
        el("a", { href: item.permalink, text: item.title || "Untitled article" }),
        metaLine(el("span", { "class": "meta" }), meta)));
    });
    $("newer").hidden = page.offset === 0;
    $("older").hidden = page.offset + page.items.length >= page.total;
  }

  function historyUrl() {
    var params = new URLSearchParams();
    var query = $("query").value.trim();
    if (query) { params.set("query", query); }
    if (historyOffset) { params.set("offset", String(historyOffset)); }
    var search = params.toString();
    return "/history" + (search ? "?" + search : "");
  }

  // --- wiring ---------------------------------------------------------------------

  function wire() {
    document.querySelectorAll('input[name="mode"]').forEach(function (radio) {
      radio.addEventListener("change", function () { setError(null); syncMode(); });
    });
    $("analyze-form").addEventListener("submit", submitForm);
    $("history-form").addEventListener("submit", function (event) {
      event.preventDefault();
      historyOffset = 0;
      window.history.pushState({}, "", historyUrl());
      loadHistory();
    });
    $("older").addEventListener("click", function () {
      historyOffset += HISTORY_PAGE;
      window.history.pushState({}, "", historyUrl());
      loadHistory();
    });
    $("newer").addEventListener("click", function () {
      historyOffset = Math.max(0, historyOffset - HISTORY_PAGE);
      window.history.pushState({}, "", historyUrl());
      loadHistory();
    });
    $("technique-list").addEventListener("click", function (event) {
      var button = event.target.closest("button.technique");
      if (button) { toggleTechnique(button.getAttribute("data-technique")); }
    });
    $("min-score").addEventListener("input", function () {
      showMinScore(Number($("min-score").value));
      applyFilter();
      keepMinScoreInAddress();
    });
    $("show-all").addEventListener("click", function () {
      current.selected = {};
      applyFilter();
      var first = document.querySelector("#technique-list button.technique");
      if (first) { first.focus(); }
    });
    $("claims-more").addEventListener("click", toggleClaims);
    $("copy-link").addEventListener("click", function () {
      var link = $("r-permalink").href;
      var done = function () { $("copy-status").textContent = "Copied."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link).then(done, function () {
          $("copy-status").textContent = "Could not copy; select the link instead.";
        });
      } else {
        $("copy-status").textContent = "Select the link to copy it.";
      }
    });
    var text = $("r-text");
    text.addEventListener("focusin", function (event) {
      tipsOff = false;
      var mark = activeMark(event.target);
      if (mark) { showTip(mark); }
    });
    text.addEventListener("focusout", function (event) {
      if (!activeMark(event.relatedTarget)) { hideTip(); }
    });
    text.addEventListener("mouseover", function (event) {
      tipsOff = false;
      var mark = activeMark(event.target);
      if (mark && mark !== tipFor) { showTip(mark); }
    });
    // The tooltip stays while the pointer is on it (to read or select its words), and
    // goes when the pointer leaves both it and the marks.
    text.addEventListener("mouseleave", function (event) {
      if (event.relatedTarget && $("tip").contains(event.relatedTarget)) { return; }
      if (!activeMark(document.activeElement)) { hideTip(); }
    });
    $("tip").addEventListener("mouseleave", function (event) {
      if (activeMark(event.relatedTarget)) { return; }  // back on a mark: mouseover says which
      if (!activeMark(document.activeElement)) { hideTip(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !$("tip").hidden) { tipsOff = true; hideTip(); }
      if (event.key === "Escape" && !$("classify-popover").hidden) { closeAsk(true); }
    });
    document.addEventListener("selectionchange", updateAskButton);
    var askButton = $("classify-button");
    // Pressing the button must not take the selection away before the click.
    askButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
    askButton.addEventListener("click", ask);
    $("classify-close").addEventListener("click", function () { closeAsk(true); });
    $("ask-form").addEventListener("submit", askByWords);
    window.addEventListener("resize", function () { if (tipFor) { placeTip(tipFor); } });
    window.addEventListener("popstate", route);
  }

  function start() {
    wire();
    route();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
