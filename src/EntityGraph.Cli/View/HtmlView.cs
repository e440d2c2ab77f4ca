using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EntityGraph.Graphs;
using EntityGraph.Output;

namespace EntityGraph.Cli.View;

/// <summary>
/// Self-contained HTML pages for people who check extraction (as displaCy or brat's browser): an article page, a
/// folder index with the merged graph, and the service's live page. Every page has inline CSS and one inline script and
/// loads nothing from the network, so it works offline and from a file:// URL.
/// </summary>
/// <remarks>
/// The data travels as JSON in a <c>&lt;script type="application/json"&gt;</c> block written with the default
/// <see cref="JavaScriptEncoder"/>, which escapes <c>&lt; &gt; &amp; ' "</c> and every non-ASCII character as
/// <c>\uXXXX</c>: no input can close the block or open a tag. The script builds the highlighted text with DOM calls
/// (text nodes, never innerHTML), so text from the article is never parsed as HTML. The same script renders a
/// <c>/v1/extract</c> answer on the live page, so the file and the service show the same view. Highlights come from the
/// document's character offsets into the original text (UTF-16 code units, which is what JavaScript strings index).
/// </remarks>
internal static class HtmlView
{
    private static readonly JsonWriterOptions SafeJson = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    /// <summary>The id of the JSON data block, which the browser tests read too.</summary>
    public const string DataElementId = "eg-data";

    /// <summary>One article: highlighted text, entities, relations (asserted and not), and its graph.</summary>
    /// <param name="document">A document that went through the pipeline.</param>
    /// <param name="indexHref">Link back to the folder's index page, or null when there is none.</param>
    public static string Article(Document document, string? indexHref)
    {
        string data = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("mode", "article");
            w.WriteString("text", document.Text);
            if (indexHref is not null)
                w.WriteString("index", indexHref);
            w.WritePropertyName("doc");
            DocumentJson.Write(document, w, new DocumentJsonOptions { Indented = false });
            w.WriteEndObject();
        });
        string title = document.Id.Length > 0 ? document.Id : "article";
        // The escaped text is also in the page itself, so a reader without scripts still sees the article.
        string fallback = "<pre class=\"plain\">" + WebUtility.HtmlEncode(document.Text) + "</pre>";
        return Page(title, data, fallback);
    }

    /// <summary>The folder's page: the cross-document graph (node size by mention count) and links to every article page.</summary>
    /// <param name="graph">The merged graph of the folder.</param>
    /// <param name="articles">Each document id with the relative link to its page, in order.</param>
    public static string Index(KnowledgeGraph graph, IReadOnlyList<(string Id, string Href)> articles)
    {
        string data = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("mode", "index");
            w.WriteStartArray("articles");
            foreach ((string id, string href) in articles)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("href", href);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteGraph(w, graph);
            w.WriteEndObject();
        });
        return Page("EntityGraph: " + articles.Count + " article(s)", data, string.Empty);
    }

    /// <summary>
    /// The graph's <c>nodes</c> and <c>edges</c> as <see cref="KnowledgeGraph.WriteJson"/> writes them (schema
    /// <c>entitygraph.graph/1</c>), except that each node's mention list becomes its count: the page draws only the
    /// count, and the full list would repeat every mention, which the article pages already show.
    /// </summary>
    private static void WriteGraph(Utf8JsonWriter w, KnowledgeGraph graph)
    {
        using var full = new MemoryStream();
        graph.WriteJson(full, indented: false);
        using JsonDocument json = JsonDocument.Parse(full.GetBuffer().AsMemory(0, (int)full.Length));
        w.WriteStartArray("nodes");
        foreach (JsonElement node in json.RootElement.GetProperty("nodes").EnumerateArray())
        {
            w.WriteStartObject();
            foreach (JsonProperty property in node.EnumerateObject())
            {
                if (property.NameEquals("mentions"))
                    w.WriteNumber("mentions", property.Value.GetArrayLength());
                else
                    property.WriteTo(w); // re-escaped by the page's encoder, like everything in the block
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("edges");
        json.RootElement.GetProperty("edges").WriteTo(w);
    }

    /// <summary>The service's page (<c>GET /</c>): a text box whose text goes to <c>POST /v1/extract</c>, then the article view.</summary>
    public static string LivePage() => Page("EntityGraph", "{\"mode\":\"live\"}", string.Empty);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, SafeJson))
            write(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Page(string title, string json, string fallback)
    {
        var html = new StringBuilder(json.Length + Css.Length + Script.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            // The page needs nothing from anywhere: the policy makes that a rule the browser enforces.
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<main id=\"app\">").Append(fallback)
            .Append("<noscript><p>Turn on JavaScript to see highlights, entities, relations and the graph.</p></noscript></main>\n")
            .Append("<script type=\"application/json\" id=\"").Append(DataElementId).Append("\">").Append(json).Append("</script>\n")
            .Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private const string Css = """
:root{--fg:#1b1f24;--muted:#4a5360;--bg:#fff;--line:#c9d1d9;--focus:#0b57d0;
--PER:#ffd8a8;--ORG:#b2f2bb;--LOC:#a5d8ff;--MISC:#eebefa;--OTHER:#dee2e6;
--PERs:#b35c00;--ORGs:#2b8a3e;--LOCs:#1864ab;--MISCs:#862e9c;--OTHERs:#495057}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:.6rem 1rem;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline}
header h1{font-size:1.2rem;margin:0;word-break:break-all}
a{color:#0b4fa8}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;padding:1rem}
@media (max-width:820px){.layout{grid-template-columns:minmax(0,1fr)}}
section{min-width:0}
h2{font-size:1.05rem;margin:.8rem 0 .4rem}
h3{font-size:.95rem;margin:.6rem 0 .3rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:6px;padding:.8rem;max-height:75vh;overflow:auto}
.plain{white-space:pre-wrap;overflow-wrap:anywhere;padding:1rem}
.m{border-radius:3px;padding:0 1px;border-bottom:2px solid var(--OTHERs);background:var(--OTHER);cursor:pointer;color:inherit}
.t-PER{background:var(--PER);border-color:var(--PERs)}.t-ORG{background:var(--ORG);border-color:var(--ORGs)}
.t-LOC{background:var(--LOC);border-color:var(--LOCs)}.t-MISC{background:var(--MISC);border-color:var(--MISCs)}
.m.hl{outline:3px solid #d9480f;outline-offset:1px}
.s.hs{background:#fff3bf}
.trg.ht{text-decoration:underline 3px #c92a2a;font-weight:700}
.m.ha{outline:3px dashed #c92a2a;outline-offset:1px}
.chip{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em;border:1px solid var(--fg)}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem;color:var(--muted)}
.legend .key{padding:0 .3em;border-radius:3px}
ul.list{list-style:none;margin:0;padding:0}
ul.list li{margin:.15rem 0}
button.item{all:unset;box-sizing:border-box;display:block;width:100%;padding:.25rem .4rem;border-radius:4px;cursor:pointer;border:1px solid transparent}
button.item:hover{background:#f1f3f5}
button.item[aria-pressed="true"]{border-color:var(--focus);background:#e7f0ff}
:focus-visible{outline:3px solid var(--focus)!important;outline-offset:2px}
.small{font-size:.85rem;color:var(--muted)}
.conf{font-variant-numeric:tabular-nums}
.unasserted{border-left:4px solid #868e96;padding-left:.5rem}
.warn{background:#fff4e6;border:1px solid #e8590c;padding:.4rem .6rem;border-radius:4px}
.error{background:#fff5f5;border:1px solid #c92a2a;padding:.4rem .6rem;border-radius:4px}
svg.graph{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fcfcfd}
svg.graph text{font-size:11px;fill:var(--fg)}
svg.graph .edge line{stroke:#495057;stroke-width:1.4}
svg.graph .edge text{fill:var(--muted);font-size:10px}
svg.graph .node circle{stroke:#1b1f24;stroke-width:1}
svg.graph .node{cursor:pointer}
svg.graph .node.sel circle{stroke:#d9480f;stroke-width:4}
svg.graph .edge.sel line{stroke:#c92a2a;stroke-width:3}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid var(--line);padding:.2rem .4rem;text-align:left;vertical-align:top}
tr.sel{background:#e7f0ff}
textarea{width:100%;min-height:10rem;font:inherit;padding:.5rem}
.live{padding:1rem}
.live button{font:inherit;padding:.3rem 1rem;margin-top:.4rem}
""";

    // Plain ES2017 with no libraries. Buttons get Enter and Space from the browser; SVG nodes get them from activate(). Text goes into the page only through createTextNode, textContent and
    // setAttribute, never innerHTML, so nothing the article holds is parsed as markup.
    private const string Script = """
(function () {
'use strict';
var SVGNS = 'http://www.w3.org/2000/svg';
var TYPES = { PER: 'Person', ORG: 'Organization', LOC: 'Location', MISC: 'Other name' };
var COLORS = { PER: '#ffd8a8', ORG: '#b2f2bb', LOC: '#a5d8ff', MISC: '#eebefa' };
function typeClass(t) { return TYPES[t] ? t : 'OTHER'; }
function el(tag, attrs, kids) {
  var e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, kids);
  return e;
}
function sv(tag, attrs, kids) {
  var e = document.createElementNS(SVGNS, tag);
  setAttrs(e, attrs);
  append(e, kids);
  return e;
}
function setAttrs(e, attrs) {
  if (!attrs) return;
  Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k])); });
}
function append(e, kids) {
  if (kids === null || kids === undefined) return;
  if (!Array.isArray(kids)) kids = [kids];
  kids.forEach(function (k) {
    if (k === null || k === undefined) return;
    e.appendChild(typeof k === 'string' || typeof k === 'number' ? document.createTextNode(String(k)) : k);
  });
}
function fmt(x) { return (Math.round(x * 100) / 100).toFixed(2); }
function activate(e, action) {
  e.addEventListener('click', action);
  e.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); action(ev); }
  });
}

function legend() {
  var items = Object.keys(TYPES).map(function (t) {
    return el('span', null, [el('span', { 'class': 'key m t-' + t }, t), ' ' + TYPES[t]]);
  });
  items.push(el('span', null, [el('span', { 'class': 'key m hl' }, 'entity'), ' selected entity']));
  items.push(el('span', null, [el('span', { 'class': 'key s hs' }, 'sentence'), ' evidence, ',
    el('span', { 'class': 'trg ht' }, 'trigger'), ', ', el('span', { 'class': 'key m ha' }, 'argument')]));
  return el('div', { 'class': 'legend', 'aria-label': 'Legend' }, items);
}

/* The text with sentences, mentions and triggers nested as spans. Every boundary of any of them cuts the text into
   pieces; each piece is inside at most one sentence, one mention and one trigger, and an element that a boundary of an
   outer one cuts continues in a second element with the same data attribute, so the markup always nests. */
function buildText(text, doc) {
  var sentences = doc.sentences || [], mentions = doc.mentions || [];
  var triggers = [], seen = {};
  (doc.relations || []).forEach(function (r) {
    r.evidence.forEach(function (ev) {
      if (ev.triggerStart === null || ev.triggerStart === undefined || ev.triggerEnd <= ev.triggerStart) return;
      var key = ev.triggerStart + ':' + ev.triggerEnd;
      if (!seen[key]) { seen[key] = true; triggers.push({ start: ev.triggerStart, end: ev.triggerEnd, key: key }); }
    });
  });
  var cuts = [0, text.length];
  function addCuts(list) { list.forEach(function (x) { cuts.push(x.start, x.end); }); }
  addCuts(sentences); addCuts(mentions); addCuts(triggers);
  cuts = cuts.filter(function (c) { return c >= 0 && c <= text.length; }).sort(function (a, b) { return a - b; });
  var bounds = [];
  cuts.forEach(function (c) { if (bounds.length === 0 || bounds[bounds.length - 1] !== c) bounds.push(c); });
  function covering(list, a, b) {
    for (var i = 0; i < list.length; i++) if (list[i].start <= a && list[i].end >= b) return list[i];
    return null;
  }
  var entities = doc.entities || [];
  var root = el('div', { 'class': 'text', id: 'text', 'aria-label': 'Article text' });
  var open = [null, null, null];
  function make(level, item) {
    if (level === 0) return el('span', { 'class': 's', 'data-s': item.index });
    if (level === 2) return el('span', { 'class': 'trg', 'data-trg': item.key });
    var ent = item.entity === null || item.entity === undefined ? null : entities[item.entity];
    var tip = (ent ? ent.name + ' (' + ent.type + ')' : item.text + ' (' + item.label + ', no entity)') +
      (item.linkReason ? '; linked: ' + item.linkReason + ' ' + fmt(item.linkScore) : '') + '; ' + item.source + ' ' + fmt(item.confidence);
    return el('mark', { 'class': 'm t-' + typeClass(item.label), 'data-m': item.index, 'data-e': ent ? item.entity : null, title: tip });
  }
  for (var i = 0; i + 1 < bounds.length; i++) {
    var a = bounds[i], b = bounds[i + 1];
    var want = [covering(sentences, a, b), covering(mentions, a, b), covering(triggers, a, b)];
    var level = 0;
    while (level < 3 && (open[level] ? open[level].item === want[level] : !want[level])) level++;
    for (var k = level; k < 3; k++) open[k] = null;
    for (k = level; k < 3; k++) {
      if (!want[k]) continue;
      var parent = root;
      for (var p = k - 1; p >= 0; p--) if (open[p]) { parent = open[p].node; break; }
      var node = make(k, want[k]);
      parent.appendChild(node);
      open[k] = { item: want[k], node: node };
    }
    var target = root;
    for (var q = 2; q >= 0; q--) if (open[q]) { target = open[q].node; break; }
    target.appendChild(document.createTextNode(text.slice(a, b)));
  }
  return root;
}

function clearMarks(scope) {
  ['hl', 'hs', 'ht', 'ha', 'sel'].forEach(function (c) {
    Array.prototype.forEach.call(scope.querySelectorAll('.' + c), function (n) { if (!n.closest('.legend')) n.classList.remove(c); });
  });
  Array.prototype.forEach.call(scope.querySelectorAll('[aria-pressed="true"]'), function (n) { n.setAttribute('aria-pressed', 'false'); });
}
function mark(scope, selector, cls) {
  var nodes = scope.querySelectorAll(selector);
  Array.prototype.forEach.call(nodes, function (n) { n.classList.add(cls); });
  return nodes;
}
function reveal(nodes) { if (nodes.length && nodes[0].scrollIntoView) nodes[0].scrollIntoView({ block: 'nearest' }); }

/* A circle layout: deterministic (nodes sorted by type, then name), needs no physics, and every edge stays visible. */
function graphSvg(nodes, edges, onNode, onEdge, label) {
  var n = nodes.length;
  var maxR = 4;
  nodes.forEach(function (d) { d.r = 5 + 3 * Math.sqrt(d.weight || 1); maxR = Math.max(maxR, d.r); });
  var radius = Math.max(110, n * (maxR * 2 + 6) / (2 * Math.PI));
  var size = 2 * (radius + maxR + 110);
  var c = size / 2;
  var pos = {};
  nodes.forEach(function (d, i) {
    var t = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
    pos[d.key] = { x: c + radius * Math.cos(t), y: c + radius * Math.sin(t), t: t, r: d.r };
  });
  var svg = sv('svg', { 'class': 'graph', viewBox: '0 0 ' + Math.round(size) + ' ' + Math.round(size), role: 'group', 'aria-label': label });
  var defs = sv('defs', null, sv('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    sv('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#495057' })));
  svg.appendChild(defs);
  edges.forEach(function (e) {
    var s = pos[e.from], o = pos[e.to];
    if (!s || !o) return;
    var dx = o.x - s.x, dy = o.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var x1 = s.x + dx / len * s.r, y1 = s.y + dy / len * s.r, x2 = o.x - dx / len * (o.r + 2), y2 = o.y - dy / len * (o.r + 2);
    var g = sv('g', { 'class': 'edge', 'data-edge': e.key, tabindex: onEdge ? 0 : null, role: onEdge ? 'button' : null, 'aria-label': e.title },
      [sv('title', null, e.title),
       sv('line', { x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1), 'marker-end': 'url(#arrow)', 'marker-start': e.symmetric ? 'url(#arrow)' : null }),
       sv('text', { x: ((x1 + x2) / 2).toFixed(1), y: ((y1 + y2) / 2 - 3).toFixed(1), 'text-anchor': 'middle' }, e.label)]);
    if (onEdge) activate(g, function () { onEdge(e); });
    svg.appendChild(g);
  });
  nodes.forEach(function (d) {
    var p = pos[d.key];
    var right = Math.cos(p.t) >= 0;
    var lx = p.x + Math.cos(p.t) * (p.r + 4), ly = p.y + Math.sin(p.t) * (p.r + 4) + 4;
    var g = sv('g', { 'class': 'node', 'data-node': d.key, tabindex: 0, role: 'button', 'aria-label': d.title },
      [sv('title', null, d.title),
       sv('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: p.r.toFixed(1), fill: COLORS[d.type] || '#dee2e6' }),
       sv('text', { x: lx.toFixed(1), y: ly.toFixed(1), 'text-anchor': right ? 'start' : 'end' }, d.label)]);
    activate(g, function () { onNode(d); });
    svg.appendChild(g);
  });
  return svg;
}

function renderArticle(app, text, doc, indexHref) {
  app.textContent = '';
  var head = el('header', null, [el('h1', null, doc.id || 'article'),
    el('span', { 'class': 'small' }, (doc.mentions || []).length + ' mentions, ' + (doc.entities || []).length + ' entities, ' + (doc.relations || []).length + ' relations'),
    indexHref ? el('a', { href: indexHref }, 'All articles') : null, legend()]);
  app.appendChild(head);
  var warnings = (doc.warnings || []).map(function (w) { return el('p', { 'class': 'warn', role: 'status' }, 'Warning: ' + w); });
  var textPanel = buildText(text, doc);
  var entities = doc.entities || [], mentions = doc.mentions || [], relations = doc.relations || [];
  var scope = app;
  function selectEntity(index) {
    clearMarks(scope);
    var nodes = mark(textPanel, '[data-e="' + index + '"]', 'hl');
    mark(scope, '[data-entity="' + index + '"]', 'sel');
    Array.prototype.forEach.call(scope.querySelectorAll('button[data-entity="' + index + '"]'), function (b) { b.setAttribute('aria-pressed', 'true'); });
    mark(scope, '[data-node="' + index + '"]', 'sel');
    reveal(nodes);
  }
  function selectEvidence(r, ri, ev, button) {
    clearMarks(scope);
    if (button) button.setAttribute('aria-pressed', 'true');
    var nodes = mark(textPanel, '[data-s="' + ev.sentence + '"]', 'hs');
    if (ev.triggerStart !== null && ev.triggerStart !== undefined) mark(textPanel, '[data-trg="' + ev.triggerStart + ':' + ev.triggerEnd + '"]', 'ht');
    mark(textPanel, '[data-m="' + ev.subjectMention + '"]', 'ha');
    mark(textPanel, '[data-m="' + ev.objectMention + '"]', 'ha');
    mark(scope, '[data-edge="' + ri + '"]', 'sel');
    reveal(nodes);
  }
  function bestEvidence(r) {
    var best = null;
    r.evidence.forEach(function (ev) {
      var ok = r.asserted ? !ev.modality : true;
      if (ok && (!best || ev.confidence > best.confidence)) best = ev;
    });
    return best || r.evidence[0];
  }
  textPanel.addEventListener('click', function (ev) {
    var m = ev.target.closest ? ev.target.closest('mark[data-e]') : null;
    if (m) selectEntity(m.getAttribute('data-e'));
  });

  var order = entities.map(function (e, i) { return i; }).sort(function (a, b) {
    return entities[b].mentions.length - entities[a].mentions.length || (entities[a].name < entities[b].name ? -1 : entities[a].name > entities[b].name ? 1 : 0);
  });
  var entityList = el('ul', { 'class': 'list', id: 'entities' }, order.map(function (i) {
    var e = entities[i];
    var aliases = {};
    e.mentions.forEach(function (mi) { if (mentions[mi]) aliases[mentions[mi].text] = true; });
    var b = el('button', { 'class': 'item', type: 'button', 'data-entity': i, 'aria-pressed': 'false',
      title: 'Written as: ' + Object.keys(aliases).join(' | ') },
      [el('span', { 'class': 'chip t-' + typeClass(e.type) + ' m' }), e.name + ' ',
       el('span', { 'class': 'small' }, e.type + ', ' + e.mentions.length + ' mention' + (e.mentions.length === 1 ? '' : 's'))]);
    b.addEventListener('click', function () { selectEntity(i); });
    return el('li', null, b);
  }));

  function relationList(asserted) {
    var byType = {};
    relations.forEach(function (r, ri) {
      if (!!r.asserted !== asserted) return;
      (byType[r.type] = byType[r.type] || []).push(ri);
    });
    var types = Object.keys(byType).sort();
    if (types.length === 0) return [el('p', { 'class': 'small' }, asserted ? 'No asserted relations.' : 'None.')];
    return types.map(function (t) {
      var items = byType[t].sort(function (a, b) { return relations[b].confidence - relations[a].confidence; }).map(function (ri) {
        var r = relations[ri];
        var sName = entities[r.subject] ? entities[r.subject].name : r.subjectId, oName = entities[r.object] ? entities[r.object].name : r.objectId;
        var rb = el('button', { 'class': 'item', type: 'button', 'data-relation': ri, 'aria-pressed': 'false' },
          [sName + (r.symmetric ? ' \u2194 ' : ' \u2192 ') + oName + ' ', el('span', { 'class': 'small conf' }, 'confidence ' + fmt(r.confidence))]);
        rb.addEventListener('click', function () { selectEvidence(r, ri, bestEvidence(r), rb); });
        var evs = el('ul', { 'class': 'list small', style: 'margin-left:1rem' }, r.evidence.map(function (ev, k) {
          var trig = ev.triggerText ? '\u201c' + ev.triggerText + '\u201d' : 'no trigger word';
          var eb = el('button', { 'class': 'item', type: 'button', 'data-evidence': ri + ':' + k, 'aria-pressed': 'false' },
            'sentence ' + (ev.sentence + 1) + ', ' + trig + ', ' + ev.pattern + (ev.modality ? ', ' + ev.modality : '') + ', ' + fmt(ev.confidence));
          eb.addEventListener('click', function () { selectEvidence(r, ri, ev, eb); });
          return el('li', null, eb);
        }));
        return el('li', null, [rb, evs]);
      });
      return el('div', null, [el('h3', null, t + ' (' + items.length + ')'), el('ul', { 'class': 'list' }, items)]);
    });
  }

  var gNodes = [], gEdges = [], used = {};
  relations.forEach(function (r, ri) {
    if (!r.asserted) return;
    used[r.subject] = used[r.object] = true;
    var sName = entities[r.subject] ? entities[r.subject].name : '', oName = entities[r.object] ? entities[r.object].name : '';
    gEdges.push({ key: ri, from: r.subject, to: r.object, label: r.type, symmetric: r.symmetric, title: sName + ' ' + r.type + ' ' + oName + ' (' + fmt(r.confidence) + ')', r: r });
  });
  entities.forEach(function (e, i) {
    if (used[i]) gNodes.push({ key: i, label: e.name, type: e.type, weight: e.mentions.length, title: e.name + ' (' + e.type + ', ' + e.mentions.length + ' mentions)' });
  });
  gNodes.sort(function (a, b) { return a.type < b.type ? -1 : a.type > b.type ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0; });
  var graph = gNodes.length
    ? graphSvg(gNodes, gEdges, function (d) { selectEntity(d.key); }, function (e) { selectEvidence(e.r, e.key, bestEvidence(e.r), null); }, 'Graph of asserted relations')
    : el('p', { 'class': 'small' }, 'No asserted relations to draw.');

  var left = el('section', { 'aria-label': 'Text' }, warnings.concat([el('h2', null, 'Text'), textPanel]));
  var right = el('section', { 'aria-label': 'Entities and relations' }, [
    el('h2', null, 'Graph'), el('p', { 'class': 'small' }, 'Entities that take part in asserted relations; node size grows with mentions.'), graph,
    el('h2', null, 'Entities (' + entities.length + ')'), entityList,
    el('h2', null, 'Relations'), el('div', { id: 'relations' }, relationList(true)),
    el('h2', null, 'Found but not asserted (negated, hedged, modal)'), el('div', { id: 'unasserted', 'class': 'unasserted' }, relationList(false))]);
  app.appendChild(el('div', { 'class': 'layout' }, [left, right]));
}

function renderIndex(app, data) {
  app.textContent = '';
  var nodes = data.nodes || [], edges = data.edges || [];
  var byId = {};
  nodes.forEach(function (n) { byId[n.id] = n; });
  var hrefs = {};
  (data.articles || []).forEach(function (a) { hrefs[a.id] = a.href; });
  app.appendChild(el('header', null, [el('h1', null, 'EntityGraph: ' + (data.articles || []).length + ' articles'),
    el('span', { 'class': 'small' }, nodes.length + ' entities, ' + edges.length + ' relations'), legend()]));
  var table;
  function selectNode(d) {
    clearMarks(app);
    mark(app, '[data-node="' + d.key + '"]', 'sel');
    var rows = mark(table, '[data-node-row="' + d.key + '"]', 'sel');
    reveal(rows);
  }
  var keep = {}, count = 0;
  edges.forEach(function (e) { keep[e.subject] = keep[e.object] = true; });
  var ranked = nodes.slice().sort(function (a, b) { return b.mentions - a.mentions || (a.id < b.id ? -1 : 1); });
  ranked.forEach(function (n) { if (keep[n.id]) count++; });
  ranked.forEach(function (n) { if (!keep[n.id] && count < 60) { keep[n.id] = true; count++; } });
  var gNodes = nodes.filter(function (n) { return keep[n.id]; }).map(function (n) {
    return { key: n.id, label: n.name, type: n.type, weight: n.mentions, title: n.name + ' (' + n.type + ', ' + n.mentions + ' mentions in ' + n.documents.length + ' articles)' };
  });
  gNodes.sort(function (a, b) { return a.type < b.type ? -1 : a.type > b.type ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0; });
  var gEdges = edges.map(function (e, i) {
    var s = byId[e.subject], o = byId[e.object];
    return { key: i, from: e.subject, to: e.object, label: e.type, symmetric: e.symmetric,
      title: (s ? s.name : e.subject) + ' ' + e.type + ' ' + (o ? o.name : e.object) + ' (in ' + e.documents.join(', ') + ')' };
  });
  function docLinks(ids) {
    var out = [];
    ids.forEach(function (id, i) {
      if (i > 0) out.push(', ');
      out.push(hrefs[id] ? el('a', { href: hrefs[id] }, id) : id);
    });
    return out;
  }
  var articles = el('ul', { id: 'articles' }, (data.articles || []).map(function (a) { return el('li', null, el('a', { href: a.href }, a.id)); }));
  table = el('table', { id: 'nodes' }, [el('thead', null, el('tr', null, [el('th', null, 'Entity'), el('th', null, 'Type'), el('th', null, 'Mentions'), el('th', null, 'Articles')])),
    el('tbody', null, ranked.map(function (n) {
      return el('tr', { 'data-node-row': n.id }, [el('td', null, n.name), el('td', null, n.type), el('td', null, n.mentions), el('td', null, docLinks(n.documents))]);
    }))]);
  var relRows = el('table', { id: 'edges' }, [el('thead', null, el('tr', null, [el('th', null, 'Subject'), el('th', null, 'Relation'), el('th', null, 'Object'), el('th', null, 'Articles')])),
    el('tbody', null, edges.map(function (e) {
      return el('tr', null, [el('td', null, byId[e.subject] ? byId[e.subject].name : e.subject), el('td', null, e.type),
        el('td', null, byId[e.object] ? byId[e.object].name : e.object), el('td', null, docLinks(e.documents))]);
    }))]);
  var graph = gNodes.length ? graphSvg(gNodes, gEdges, selectNode, null, 'Graph of the folder') : el('p', { 'class': 'small' }, 'No entities.');
  app.appendChild(el('div', { 'class': 'layout' }, [
    el('section', { 'aria-label': 'Graph' }, [el('h2', null, 'Graph'),
      el('p', { 'class': 'small' }, 'Entities merged across articles (node size by mention count) and their asserted relations.'), graph]),
    el('section', { 'aria-label': 'Articles and entities' }, [el('h2', null, 'Articles'), articles,
      el('h2', null, 'Relations (' + edges.length + ')'), relRows, el('h2', null, 'Entities (' + nodes.length + ')'), table])]));
}

function renderLive(app) {
  app.textContent = '';
  var area = el('textarea', { id: 'input', 'aria-label': 'Article text', placeholder: 'Paste an English news article here.' });
  var button = el('button', { id: 'extract', type: 'button' }, 'Extract');
  var status = el('p', { id: 'status', role: 'status', 'class': 'small' });
  var result = el('div', { id: 'result' });
  app.appendChild(el('div', { 'class': 'live' }, [el('h1', null, 'EntityGraph'), area, button, status]));
  app.appendChild(result);
  button.addEventListener('click', function () {
    var text = area.value;
    button.disabled = true;
    status.textContent = 'Extracting\u2026';
    fetch('v1/extract', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'pasted', text: text }) })
      .then(function (res) {
        return res.json().then(function (body) { return { ok: res.ok, status: res.status, body: body }; });
      })
      .then(function (r) {
        if (!r.ok) throw new Error((r.body && (r.body.detail || r.body.title)) || ('HTTP ' + r.status));
        status.textContent = '';
        renderArticle(result, text, r.body, null);
      })
      .catch(function (err) {
        result.textContent = '';
        status.textContent = '';
        result.appendChild(el('p', { 'class': 'error', role: 'alert' }, 'Error: ' + err.message));
      })
      .then(function () { button.disabled = false; });
  });
}

var data = JSON.parse(document.getElementById('eg-data').textContent);
var app = document.getElementById('app');
if (data.mode === 'article') renderArticle(app, data.text, data.doc, data.index || null);
else if (data.mode === 'index') renderIndex(app, data);
else renderLive(app);
document.documentElement.setAttribute('data-ready', 'true');
})();
""";
}
