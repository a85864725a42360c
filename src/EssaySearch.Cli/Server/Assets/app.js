// The search page. It renders the JSON of /api/search (the schema of `search --json`) and /api/essays/{id}.
// Essay text is only ever set as text (textContent, text nodes), never parsed as HTML.
"use strict";

const PAGE_SIZE = 10;
// The last page whose offset the API takes (at most int.MaxValue - Api.MaxLimit): any page past it is past the last hit,
// as page 400 of 23 hits is, and shows the last page as that one does, where the API refused its offset.
const LAST_PAGE = Math.floor((2 ** 31 - 1 - 100) / PAGE_SIZE) + 1;
const DEBOUNCE_MS = 200;
// Typing that starts this long after the page last changed is a new search, which Back returns from; typing sooner
// revises the one shown (its entry replaced), so that Back does not step through every pause of one query.
const SETTLE_MS = 1000;
// The longest query the engine takes (QueryCompiler.MaxLength). A longer one is refused here, before it goes into the
// URL: a pasted page of text would make a request line longer than the server reads.
const MAX_QUERY_LENGTH = 1000;
// Results come as the query is typed, so its last word may be half a word: a Latin one finds the words it starts too
// (opena: OpenAI), below the word itself. Always, not only before a space: a link or a reload holds the query trimmed.
const TYPED = "last_word_as_prefix=true";
// The engine counts every match up to this many (TopParagraphs.ExactTotalUpTo); a total it did not count exactly is more.
const EXACT_TOTAL_UP_TO = 1000;
// The fields a query may name (QueryCompiler's, and text, the default).
const FIELDS = ["title", "author", "section", "tag", "link", "source", "essay", "text"];
// A field's name or a sign that ends the query is the start of a term being typed (title: on the way to title:反思):
// searched as it stands, the query is refused (title: alone), or the term left out. Typing waits for the term, as the
// engine reads it; Enter searches it as it stands.
const UNFINISHED = new RegExp(`(?:^|\\s)(?:(?:${FIELDS.join("|")}):|[-+!])$`, "i");
// So is an operator alone (OR on the way to ORM or 智能 OR 奇点): the query OR alone is refused, and flashed red as typed.
const OPERATOR_ENDS = /(?:^|\s)(?:AND|OR|NOT|&&|\|\|)$/;
// A request unanswered this long is given up, and said to be (the server's own limit is 10 s a request: past it, the
// server is hung or gone, and would leave the page waiting for ever).
const REQUEST_TIMEOUT_MS = 12000;
// Hits (or an essay) shown while the next query's (or essay's) are awaited this long are dimmed, and cannot be opened:
// they are not its answer.
const STALE_MS = 400;
const $ = id => document.getElementById(id);
const box = $("q"), statusLine = $("status"), hitList = $("hits"), pager = $("pager");
const results = $("results"), reader = $("reader");

let timer = 0;
let composing = false;
let inFlight = null;       // AbortController of the request under way
let shown = "";            // the URL state the page shows, to skip repeating a request
let opened = null;         // the hit last opened, to return the keyboard to it
let changed = 0;           // when the page's URL last changed (performance.now())
let newSearch = false;     // whether the typing under way began a new search
let staleTimer = 0;

// An element with the given class and children (strings become text nodes).
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

// Text with its [start, end) spans wrapped in <mark>.
function marked(text, spans) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) out.append(text.slice(at, start));
    out.append(el("mark", "", text.slice(start, end)));
    at = end;
  }
  out.append(text.slice(at));
  return out;
}

// The results or the reading view. The status line goes with the view: above the results; in the header, beside the
// way back, while reading, so that the count of the essay's matches stays in view however far the essay is scrolled.
function view(reading) {
  results.hidden = reading;
  reader.hidden = $("reader-nav").hidden = !reading;
  if (reading) $("reader-nav").append(statusLine);
  else results.before(statusLine);
}

function clearHits() {
  settled();
  hitList.replaceChildren();
  pager.hidden = true;
}

// The hits shown are another query's (or page's) while this one's are awaited, and the essay shown another's while this
// one is: once the wait is noticeable, dimmed and out of reach (inert), so that they are not taken for its answer.
function awaiting(shown) {
  clearTimeout(staleTimer);
  staleTimer = setTimeout(() => {
    shown.classList.add("stale");
    if (shown === results) hitList.inert = pager.inert = true;
    else reader.inert = true;
  }, STALE_MS);
}

function settled() {
  clearTimeout(staleTimer);
  results.classList.remove("stale");
  reader.classList.remove("stale");
  hitList.inert = pager.inert = reader.inert = false;
}

function setStatus(text, isError = false, detail = "") {
  statusLine.textContent = text;
  statusLine.title = detail;
  statusLine.classList.toggle("error", isError);
}

// How the query was searched, in Chinese, from the fields that say it (the API's notice is English: it stays as the tooltip).
// (searched is in an answer only where it differs from the query.)
function howSearched(body) {
  const parts = [];
  if (body.as_plain_text) {
    const excluding = /searched as plain text, excluding (.+?)(?:;|$)/.exec(body.notice ?? "");
    parts.push(excluding ? `查询语法无法识别，已按普通文本搜索，仍排除 ${excluding[1]}` : "查询语法无法识别，已按普通文本搜索");
  }
  // Nor these: 智能 OR and 智能 title:, typed on the way to more, search 智能.
  for (const [, what, nothing] of (body.notice ?? "").matchAll(/(?:^|; )([^;]+?) (?:has|have) nothing (to join on one side|after it)/g))
    parts.push(`${what.replace(/ and /g, "、")} ${nothing === "after it" ? "后面缺少要搜索的词" : "缺少一侧要连接的词"}，已略去`);
  // Every paragraph scores the same, and the order is the corpus's, not a ranking.
  if (body.unranked) parts.push("查询只有要排除的词：列出其余全部段落，不分名次，按文章（文件名）和段落的顺序");
  if (body.relaxed === "metadata") parts.push("没有段落的正文含有全部词语，已连同标题、作者、章节和标签一起搜索");
  // A question's paragraphs that have it as written come first, then the others with its words.
  if (byWords(body)) {
    const words = body.searched ?? body.query;
    parts.push(body.total === 0 ? `也没有段落含有其中任一词语：${words}`
      : body.as_written ? `含有原样查询的 ${body.as_written} 个段落在前，其后是含有其中任一词语的段落，含词多的在前：${words}`
      : `没有段落含有原样的查询，已改为搜索含有其中任一词语的段落，含词多的在前：${words}`);
    if (body.left_out?.length) parts.push(`略去：${body.left_out.join(" ")}`);
    // A word in no paragraph, when no other word is in one either, is searched as the words inside it.
    for (const [word, inside] of Object.entries(body.split ?? {})) parts.push(`没有段落含有 ${word}，已拆成 ${inside.join(" ")} 搜索`);
    for (const [word, chinese] of Object.entries(body.translated ?? {})) parts.push(`${word} 也按 ${chinese.join(" ")} 搜索`);
    // Found nothing, the words are said above to be in no paragraph.
    if (body.not_found?.length && body.total > 0) parts.push(`没有段落含有：${body.not_found.join(" ")}`);
  }
  return parts.length ? `（${parts.join("；")}）` : "";
}

// Whether the answer was searched as the query's words: relaxed to them, or a question (whose paragraphs that have it as
// written come first).
const byWords = body => body.relaxed === "words" || body.relaxed === "question";

// A query as a status line quotes it: a pasted page of text is not repeated whole.
const shortened = text => [...text].length > 40 ? [...text].slice(0, 40).join("") + "…" : text;

// An ISO 8601 date as people write it: 2025-01-06 10:39, not 2025-01-06T10:39; any other as written.
const shownDate = published => published.replace(/^(\d{4}-\d{2}-\d{2})T/, "$1 ");

// What an essay's marks are matches of: the texts marked, each once (in any case or width, and with or without the
// invisible format characters a clipped page may have inside a word, which the index leaves out). The query does not name
// them as typed: a word being typed marks the words it starts (githu: GitHub), a phrase its words joined, an English
// word its Chinese; and a field (title:), an operator or an excluded word (-手机) marks nothing in the text. Those the
// query names come in its order, the others after them as they come; at most four. With nothing marked, the words
// searched: a relaxed query's words, each quoted, as each is matched alone; otherwise the query.
function quotedWords(body, markedTexts = []) {
  const quoted = words => words.map(word => `“${word}”`).join("");
  if (markedTexts.length === 0) return quoted(byWords(body) ? (body.searched ?? body.query).split(" ") : [body.query]);
  const keyOf = text => text.normalize("NFKC").replace(/\p{Cf}/gu, "").toLowerCase();
  const marked = new Map(); // each text's key: the text as first marked
  for (const text of markedTexts)
    if (!marked.has(keyOf(text))) marked.set(keyOf(text), text);
  const query = keyOf(body.query);
  const position = key => {
    const at = query.indexOf(key);
    return at < 0 ? query.length : at; // one the query does not name: after those it does
  };
  const named = [...marked].sort(([a], [b]) => position(a) - position(b)).map(([, text]) => text); // stable: as they come
  return quoted(named.slice(0, 4)) + (named.length > 4 ? "等" : "");
}

const timedOut = () => new Error(`搜索服务 ${REQUEST_TIMEOUT_MS / 1000} 秒内没有回答，请稍后按回车重试`);

async function getJson(url) {
  inFlight?.abort();
  inFlight = new AbortController();
  const signal = AbortSignal.any([inFlight.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw error.name === "TimeoutError" ? timedOut() : new Error("无法连接搜索服务，请稍后按回车重试");
  }
  // An answer the server's own limits gave (before the API saw the request) has no JSON body.
  const body = await response.json().catch(error => {
    if (error.name === "AbortError") throw error; // superseded while its body was read
    if (error.name === "TimeoutError") throw timedOut();
    return null;
  });
  if (!response.ok || body === null)
    throw Object.assign(new Error(inChinese(response.status, body?.error)), { status: response.status, detail: body?.error ?? "" });
  return body;
}

// Each message of the API's errors, as this page says it: a text, or a function of the message's parts. Every message
// the engine (QueryCompiler) and the server (its request validation) give has one; BrowserTests feeds them all.
const ERRORS = [
  // The engine's, for a query.
  [/^the query is empty$/, "查询是空的"],
  [/^the query is (\d+) characters long; a query may be at most (\d+)$/, (length, most) => `查询太长：${length} 个字符，最多 ${most} 个`],
  [/^the query has no searchable words \((.+)\)$/, why => `查询里没有可搜索的词：${whyNoWords(why)}`],
  [/^the query is only (.+), with nothing to search$/, only => `查询只有 ${only}，没有要搜索的词`],
  [/^(the query|a group of the query) has no searchable words but what it excludes \((.+)\)$/,
    (what, why) => `${what === "the query" ? "查询" : "查询中有一组"}只有要排除的词，没有要找的词（${whyNoWords(why)}）`],
  [/^(.+), and as plain text the query only excludes words$/, problem => `${syntaxProblem(problem)}；按普通文本搜索，又只有要排除的词，没有要找的词`],
  [/^(.+), and as plain text the query has no searchable words \((.+)\)$/,
    (problem, why) => `${syntaxProblem(problem)}；按普通文本搜索，又没有可搜索的词：${whyNoWords(why)}`],
  // The server's, for a request.
  [/^(\w+) must be a whole number from (\d+) to (\d+), not '(.*)'$/, (name, least, most, value) => `参数 ${name} 须是 ${least} 到 ${most} 的整数，不能是“${value}”`],
  [/^(\w+) must be true or false \(or 1 or 0\), not '(.*)'$/, (name, value) => `参数 ${name} 须是 true 或 false（或 1 或 0），不能是“${value}”`],
  [/^unknown parameter '(.*)' \((.+)\)$/, (name, taken) => `没有参数“${name}”（${parametersTaken(taken)}）`],
  [/^a parameter without a name \((.+)\)$/, taken => `有一个参数没有名字（${parametersTaken(taken)}）`],
  [/^(\w+) is given more than once; give it once$/, name => `参数 ${name} 给了不止一次，只能给一次`],
  [/^the (query string|path) is not percent-encoded UTF-8/,
    part => `网址的${part === "path" ? "路径" : "查询字符串"}不是百分号编码的 UTF-8（% 后面不是两位十六进制数字，或字节不是 UTF-8）`],
  [/^this server answers only requests for localhost$/, "这个搜索服务只回答发往 localhost 的请求"],
  [/^the server takes no request body$/, "搜索服务不接受请求正文"],
  [/^the URL is (\d+) characters long, over the limit of (\d+); a query may be at most (\d+) characters$/,
    (length, limit, most) => `网址长 ${length} 个字符，超过上限 ${limit} 个：查询最多 ${most} 个字符`],
  [/^the request has (\d+) headers, over the limit of (\d+)$/, (count, limit) => `请求有 ${count} 个标头，超过上限 ${limit} 个`],
  [/^the request's headers are (\d+) bytes, over the limit of (\d+)$/, (size, limit) => `请求的标头共 ${size} 字节，超过上限 ${limit} 字节`],
  [/^no essay '(.*)' in the index; GET \/api\/essays lists them$/, "索引中没有这篇文章：它可能已被删除、改名，或无法读取"],
  // Why is the file reader's (its bytes, its encoding, its Markdown), of many kinds: the tooltip's English says it.
  [/^the essay '(.*)' is left out of the index, as it cannot be read: /, "这篇文章的文件无法读取，没有编入索引"],
  [/^no API endpoint (\S+) \(endpoints: (.+)\)$/, (path, endpoints) => `没有 API 端点 ${path}（端点有：${endpoints}）`],
  [/^nothing at (\S+); the API is under (\S+) \(see the README\)$/, (path, api) => `${path} 处什么也没有；API 在 ${api} 下（见 README）`],
  [/^(\S+) is not allowed: the server only reads \(GET, HEAD\)$/, method => `不允许 ${method}：搜索服务只读（GET、HEAD）`],
  [/^internal error; the server's standard error says more$/, "搜索服务内部出错：详情见它的标准错误输出"],
  [/^the request failed with status (\d+)$/, status => `请求失败（HTTP ${status}）`],
];

// Why a query has no searchable words: what the analysis leaves out of the text.
const whyNoWords = why => translated([
  [/^punctuation and symbols are not indexed$/, "标点、符号和表情不编入索引"],
  [/^words longer than (\d+) characters are not indexed$/, most => `超过 ${most} 个字符的词不编入索引`],
], why) ?? why;

// A query's syntax the engine did not understand, or refuses (QueryCompiler.Describe, its parser's Refused).
function syntaxProblem(problem) {
  const problems = [
    [/^unbalanced quote$/, "引号不成对"],
    [/^unbalanced parenthesis$/, "括号不成对"],
    [/^query syntax not understood$/, "查询语法无法识别"],
    [/^only a trailing \* is supported as a wildcard$/, "通配符只能是词尾的 *"],
    [/^fuzzy search \(~\) is not supported$/, "不支持模糊搜索（~）"],
    [/^regular expressions are not supported$/, "不支持正则表达式"],
    [/^ranges are not supported$/, "不支持范围查询"],
    [/^unknown field '(.*)' \(fields: (.+)\)$/, (field, fields) => `没有字段“${field}”（字段有：${fields}）`],
  ];
  return translated(problems, problem) ?? problem;
}

// What parameters an endpoint takes, as an unknown one's error lists them.
const parametersTaken = taken => translated([
  [/^parameters: (.+)$/, names => `参数有：${names}`],
  [/^(\S+) takes no parameters$/, path => `${path} 不接受参数`],
], taken) ?? taken;

// `message` as `table` says it, or null when no entry of the table is for it.
function translated(table, message) {
  for (const [pattern, chinese] of table) {
    const match = pattern.exec(message);
    if (match) return typeof chinese === "function" ? chinese(...match.slice(1)) : chinese;
  }
  return null;
}

// Why the server cannot answer (503). Those it may soon get past are worth trying again; the others say why it has no
// index to answer from (LiveIndex, from the command's own open), which trying again does not change: the user must act.
const UNAVAILABLE = [
  [/^the request took too long$/, "查询用时太长，请稍后按回车重试"],
  [/^the index has not been opened yet$/, "索引尚未打开，请稍后按回车重试"],
  [/^the server is shutting down$/, "搜索服务正在关闭"],
  [/^seeds folder '(.*)' holds no \.md, \.markdown or \.txt files$/, folder => `文章文件夹“${folder}”里没有 .md、.markdown 或 .txt 文件，没有可搜索的文章`],
  [/^seeds folder '(.*)' does not exist, and there is no index in '(.*)' to search$/, (folder, index) => `文章文件夹“${folder}”不存在，“${index}”中也没有可搜索的索引`],
  [/^seeds folder '(.*)' does not exist$/, folder => `文章文件夹“${folder}”不存在`],
  [/^no index in '(.*)' and no seeds folder '(.*)' to build one from; pass --seeds DIR$/,
    (index, folder) => `“${index}”中没有索引，也没有文章文件夹“${folder}”可以建立索引：启动时用 --seeds 指定文章文件夹`],
  [/^no index in '(.*)'; run `search index` to build it$/, index => `“${index}”中没有索引：运行 \`search index\` 建立后即可搜索`],
  // What is wrong with the files, in the engine's English, stays in the tooltip.
  [/^the index in '(.*)' is damaged or unreadable \(.*\); rebuild it with `search index --full`$/,
    index => `“${index}”中的索引已损坏或无法读取：运行 \`search index --full\` 重建后即可搜索`],
  [/^the index in '(.*)' cannot be searched: .*; run `search index` to build it$/,
    index => `“${index}”中的索引由另一版本建立，无法搜索：运行 \`search index\` 重建后即可搜索`],
];

// An error of the API (English, one line: it stays as the status line's tooltip) as this page says it.
function inChinese(status, message) {
  if (!message) return `搜索服务出错（HTTP ${status}），请稍后按回车重试`;
  if (status === 503) return translated(UNAVAILABLE, message) ?? `搜索服务无法回答：${message}`;
  return translated(ERRORS, message) ?? `无法搜索这个查询：${message}`;
}

function state() {
  const params = new URLSearchParams(location.search);
  return {
    q: params.get("q") || "",
    page: Math.min(LAST_PAGE, Math.max(1, parseInt(params.get("page") || "1", 10) || 1)),
    essay: params.get("essay"),
    p: parseInt(params.get("p") || "0", 10) || 0,
  };
}

function urlOf({ q, page, essay, p }) {
  const params = new URLSearchParams();
  if (essay) params.set("essay", essay);
  if (q) params.set("q", q);
  if (page > 1 && !essay) params.set("page", String(page));
  if (essay && p) params.set("p", String(p));
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

// Shows the page of `next`, in a new history entry when `push`; says whether its URL differs from the one shown.
function navigate(next, push) {
  const url = urlOf(next);
  const moved = url !== location.pathname + location.search;
  if (moved) {
    changed = performance.now();
    // An entry pushed from the results is marked, so that "back" from an essay returns to those very results.
    if (push) history.pushState({ fromResults: !state().essay }, "", url);
    else history.replaceState(history.state, "", url);
  }
  render();
  return moved;
}

// Typing (or composing with an input method) that begins a while after the page last changed begins a new search.
function typingStarts() {
  if (performance.now() - changed > SETTLE_MS) newSearch = true;
}

async function render() {
  const current = state();
  const key = location.search;
  if (key === shown) return;
  shown = key;
  try {
    await show(current);
  } catch (error) {
    if (error.name === "AbortError") return;
    shown = ""; // the same query again (Enter, the button) tries again
    setStatus(error.message, true, error.detail ?? "");
  }
}

async function show(current) {
  if (document.activeElement !== box) box.value = current.q;
  if (current.essay) return showEssay(current);
  view(false);
  document.title = current.q ? `${current.q} – 文章搜索` : "文章搜索";
  if (!current.q.trim()) {
    clearHits();
    setStatus("");
    return;
  }
  if (refusedAsTooLong(current.q.trim())) return; // a link's: it would make a request longer than the server reads
  setStatus("搜索中…");
  awaiting(results);
  const offset = (current.page - 1) * PAGE_SIZE;
  let body;
  try {
    body = await getJson(`/api/search?q=${encodeURIComponent(current.q)}&limit=${PAGE_SIZE}&offset=${offset}&${TYPED}`);
  } catch (error) {
    if (error.name !== "AbortError") { // superseded by a newer search: its hits are on the way
      clearHits();
    }
    throw error;
  }
  // A page past the last (an old link, a shorter list since): the last page instead.
  if (body.hits.length === 0 && body.total > 0 && body.total_exact) {
    navigate({ ...current, page: Math.ceil(body.total / PAGE_SIZE) }, false);
    return;
  }
  showHits(body, current, offset);
}

function showHits(body, current, offset) {
  settled();
  const items = body.hits.map(hit => {
    const link = el("a", "hit",
      el("span", "hit-title", marked(hit.title, hit.title_highlights)),
      el("div", "meta", [hit.author, shownDate(hit.published), hit.section, hit.paragraph > 0 && `第 ${hit.paragraph} 段`, `${hit.file}:${hit.line}`].filter(Boolean).join(" · ")),
      el("p", hit.code ? "snippet code" : "snippet", marked(hit.snippet, hit.snippet_highlights)));
    link.href = urlOf({ q: current.q, essay: hit.essay, p: hit.paragraph });
    link.dataset.essay = hit.essay;
    link.dataset.paragraph = String(hit.paragraph);
    return el("li", "", link);
  });
  hitList.replaceChildren(...items);
  // Back from an essay: the keyboard returns to the hit that opened it (not while the box is being typed in).
  if (document.activeElement !== box)
    items.map(item => item.firstChild).find(link => opened && link.dataset.essay === opened.essay && link.dataset.paragraph === opened.paragraph)?.focus();
  opened = null;
  const notice = howSearched(body);
  // Not the lower bound the answer gives: it depends on how many hits were asked for, and so grew as the reader turned
  // pages (至少 1022 on the first, 至少 2438 on the second, of the same 3035 matches). What holds whichever page asked is
  // that the engine counted past EXACT_TOTAL_UP_TO.
  const total = body.total_exact ? `${body.total}` : `超过 ${EXACT_TOTAL_UP_TO}`;
  setStatus(body.total === 0 ? `没有段落包含“${shortened(body.query)}”${notice}` : `${total} 个段落匹配${notice}`, false, body.notice ?? "");
  pager.hidden = body.total <= PAGE_SIZE;
  const end = offset + body.hits.length;
  // A total not counted exactly is more than EXACT_TOTAL_UP_TO, and no less than the page's last hit: past the count,
  // the latter is the one to say (第 1991–2000 条，共超过 1000 条 read as a contradiction). 以上 takes the number in: the
  // page may end at the last match.
  const of = body.total_exact ? `共 ${body.total} 条` : end > EXACT_TOTAL_UP_TO ? `共 ${end} 条以上` : `共超过 ${EXACT_TOTAL_UP_TO} 条`;
  $("page-range").textContent = body.hits.length ? `第 ${offset + 1}–${end} 条，${of}` : "";
  $("previous").disabled = current.page <= 1;
  $("next").disabled = body.hits.length < PAGE_SIZE || (body.total_exact && end >= body.total);
}

async function showEssay(current) {
  view(true);
  setStatus("载入中…");
  awaiting(reader);
  const essayUrl = `/api/essays/${current.essay.split("/").map(encodeURIComponent).join("/")}`;
  let body, refused = null; // the error of a query the engine refused
  try {
    try {
      body = await getJson(current.q ? `${essayUrl}?q=${encodeURIComponent(current.q)}&${TYPED}` : essayUrl);
    } catch (error) {
      if (error.status !== 400 || !current.q) throw error;
      refused = error; // a query the engine refuses (a shared link's): the essay, unmarked, says so
      body = await getJson(essayUrl);
    }
  } catch (error) {
    if (error.name !== "AbortError") {
      settled();
      document.title = "文章搜索";
      $("essay-title").textContent = "";
      $("essay-meta").textContent = "";
      $("essay-body").replaceChildren();
    }
    throw error;
  }
  settled();
  const essay = body.essay;
  document.title = `${essay.title} – 文章搜索`;
  $("essay-title").replaceChildren(marked(essay.title, body.title_highlights));
  const meta = $("essay-meta");
  meta.replaceChildren([essay.author, shownDate(essay.published), `${essay.paragraphs} 段`, essay.file].filter(Boolean).join(" · "));
  if (/^https?:\/\//i.test(essay.source)) {
    const source = el("a", "", "原文");
    source.href = essay.source;
    source.rel = "noreferrer noopener";
    meta.append(" · ", source);
  }
  let section = "", target = null;
  const nodes = [], markedTexts = [];
  for (const paragraph of body.paragraphs) {
    if (paragraph.section && paragraph.section !== section) nodes.push(el("h2", "", paragraph.section));
    section = paragraph.section;
    markedTexts.push(...paragraph.highlights.map(([start, end]) => paragraph.text.slice(start, end)));
    const node = el("p", paragraph.code ? "code" : "", el("span", "number", String(paragraph.paragraph)), marked(paragraph.text, paragraph.highlights));
    node.id = `p${paragraph.paragraph}`;
    if (paragraph.paragraph === current.p) {
      node.classList.add("target");
      target = node;
    }
    nodes.push(node);
  }
  $("essay-body").replaceChildren(...nodes);
  // An essay found by its title, author, tags or source, but not its text, says so rather than "0 matches", whether the
  // query was searched as typed or by its words (Altman 量子, Altman 为什么: found by its author); one found for what its
  // paragraph lacks (-智能) says that.
  if (refused !== null) setStatus(`未标出匹配：${refused.message}`, true, refused.detail);
  else if (body.unranked && markedTexts.length === 0) setStatus("查询只有要排除的词：找到的段落不含这些词，文中没有可标出的匹配", false, body.notice);
  else setStatus(!current.q ? "" : markedTexts.length > 0 ? `本文有 ${markedTexts.length} 处${quotedWords(body, markedTexts)}`
    : `正文中没有${quotedWords(body)}；本文因标题、作者、标签、来源或链接相符而被找到`);
  // Without a paragraph to show, the essay opens at its heading: the top of the page (scrolled to the window's top, the
  // essay began under the header).
  if (target) target.scrollIntoView({ block: "center" });
  else window.scrollTo(0, 0);
  $("essay-title").focus({ preventScroll: true }); // a screen reader starts at the essay, not in the search form
}

// Whether `q` is longer than the engine takes, and so is refused here, the request before it abandoned and its hits cleared.
function refusedAsTooLong(q) {
  const length = [...q].length; // characters, as the engine counts them: an emoji is one
  if (length <= MAX_QUERY_LENGTH) return false;
  inFlight?.abort();
  clearHits();
  setStatus(`查询太长：${length} 个字符，最多 ${MAX_QUERY_LENGTH} 个`, true);
  return true;
}

// Searches the box's query after `delay`; while it is being typed (`typing`), not one that ends in a term begun.
function searchSoon(delay = DEBOUNCE_MS, typing = true) {
  clearTimeout(timer);
  opened = null;
  const q = box.value.trim();
  if (refusedAsTooLong(q)) {
    shown = "";
    return;
  }
  if (typing && (UNFINISHED.test(q) || OPERATOR_ENDS.test(q))) return;
  timer = setTimeout(() => {
    // A new search is a new entry once it shows another page (not for a space typed: the same query).
    if (navigate({ q, page: 1 }, newSearch || state().essay !== null)) newSearch = false;
  }, delay);
}

box.addEventListener("compositionstart", () => {
  typingStarts(); // when the composing starts: a word composed can take longer than the pause
  composing = true;
  clearTimeout(timer);
});
box.addEventListener("compositionend", () => {
  composing = false;
  searchSoon();
});
box.addEventListener("input", event => {
  if (composing || event.isComposing) return; // the words are not typed yet: search on compositionend
  typingStarts();
  searchSoon();
});
$("search-form").addEventListener("submit", event => {
  event.preventDefault();
  // The query shown failed (the server down or busy): the same view again, the essay or the page of hits it was.
  if (shown === "" && box.value.trim() === state().q) {
    clearTimeout(timer);
    render();
  } else {
    searchSoon(0, false);
  }
});

hitList.addEventListener("click", event => {
  const link = event.target.closest("a.hit");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  opened = { essay: link.dataset.essay, paragraph: link.dataset.paragraph };
  navigate({ q: state().q, essay: link.dataset.essay, p: Number(link.dataset.paragraph) }, true);
});
// Another page of hits opens at its first hit, not where the pager was.
function turnPage(by) {
  navigate({ ...state(), page: state().page + by }, true);
  window.scrollTo(0, 0);
}
$("previous").addEventListener("click", () => turnPage(-1));
$("next").addEventListener("click", () => turnPage(1));
$("back").addEventListener("click", () => {
  // Back in history when the results came before; a shared link to an essay goes to its query's results.
  if (history.state?.fromResults) history.back();
  else navigate({ q: state().q, page: 1 }, true);
});

document.addEventListener("keydown", event => {
  if (event.isComposing) return; // Escape or / that an input method takes for itself
  const hits = [...hitList.querySelectorAll("a.hit")];
  const at = hits.indexOf(document.activeElement);
  if (event.key === "/" && document.activeElement !== box) {
    event.preventDefault();
    box.focus();
    box.select();
  } else if (event.key === "Escape" && !reader.hidden) {
    event.preventDefault(); // in the search box, the browser's own Escape would empty it and search for nothing
    $("back").click();
  } else if (!results.hidden && hits.length && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    if (document.activeElement === box && event.key === "ArrowUp") return;
    event.preventDefault();
    const next = event.key === "ArrowDown" ? Math.min(at + 1, hits.length - 1) : at - 1;
    (next < 0 ? box : hits[next]).focus();
  }
});

window.addEventListener("popstate", () => {
  changed = -Infinity; // typing on the entry gone back to begins a new search, not a revision of it
  box.value = state().q; // even while the box has the focus: the page shows the query of the entry gone back to
  render();
});
render();
if (!state().essay) box.focus();
