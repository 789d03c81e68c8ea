/* The search box in the header: Pagefind's index, Material's look, keyboard first.
 *
 * The index (pagefind/) is made at build time from the built pages, one language per script
 * tree; Pagefind loads only the pieces a query needs. A query typed in the other script is
 * converted character by character into the page's script first (search/to-*.json,
 * made from OpenCC), so a Simplified query finds Traditional pages and the other way round.
 * Chinese is cut into the same tokens as the pages were (hooks/search_tokens.py: pairs of
 * neighbouring characters, spelt in letters). Nothing here writes words of its own: they
 * are Material's, passed in data- attributes of the box. Without JavaScript the box's form
 * leads to the index of all projects.
 */
(() => {
  "use strict";
  const box = document.querySelector("[data-bulletin-search]");
  if (!box) return;
  const input = box.querySelector("input[name=q]");
  const form = box.querySelector("form");
  const list = box.querySelector(".md-search-result__list");
  const meta = box.querySelector(".md-search-result__meta");
  const toggle = document.getElementById("__search");
  const bundle = new URL(box.dataset.pagefind, location.href);
  const LIMIT = 10;
  let loading = null;
  let serial = 0;
  let kind = null; // the kind of page the results are narrowed to (報告, 項目, 地區), or none
  let filtering = null;
  const kinds = document.createElement("div");
  kinds.className = "search-kinds";
  kinds.setAttribute("role", "group");
  meta.after(kinds);

  function open(on) {
    if (toggle) toggle.checked = on;
  }

  // the further pieces of the index at `url` (a folder) in the page's language
  const lang = (document.documentElement.lang || "").toLowerCase();
  function pieces(url) {
    return fetch(new URL("pieces.json", url))
      .then((r) => (r.ok ? r.json() : {}))
      .then((all) => (all[lang] || []).map((piece) => new URL(piece, url).href))
      .catch(() => []);
  }

  function load() {
    if (!loading) {
      const engine = import(bundle.href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: new URL("..", bundle).pathname });
        // a province's page: the other shards' indexes, searched with this one; and the
        // further pieces of each index in this page's language (site.py: index_site)
        const others = (box.dataset.merge || "").split(" ").filter(Boolean);
        const bundles = [new URL(".", bundle).href].concat(
          others.map((other) => new URL(other, location.href).href));
        const more = await Promise.all(bundles.map(pieces));
        for (const [i, url] of bundles.entries()) {
          if (i > 0) await pagefind.mergeIndex(url);
          for (const piece of more[i]) await pagefind.mergeIndex(piece);
        }
        await pagefind.init();
        return pagefind;
      });
      const table = fetch(new URL(box.dataset.map, location.href))
        .then((r) => (r.ok ? r.json() : {}))
        .catch(() => ({}));
      loading = Promise.all([engine, table]);
      loading.catch(() => {
        loading = null; // try again on the next query
      });
    }
    return loading;
  }

  // The query in the page's script: the characters only the other script has converted
  // (电 -> 電); if there were any, also with the characters both scripts write (厂 -> 廠),
  // since the page may write either (電廠, or 征地 where OpenCC says 徵地).
  function variants(query, table) {
    const foreign = table.foreign || {};
    const also = table.also || {};
    const chars = Array.from(query);
    const own = chars.map((c) => foreign[c] || c).join("");
    const full = chars.map((c) => foreign[c] || also[c] || c).join("");
    return chars.some((c) => c in foreign) && full !== own ? [own, full] : [own];
  }

  // the same as hooks/search_tokens.py
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+/gu;
  const OTHER = /[0-9A-Za-z][0-9A-Za-z.]*[0-9A-Za-z]|[0-9A-Za-z]/g;
  const spell = (c) =>
    c.codePointAt(0).toString(16).padStart(5, "0").replace(/[0-9a-f]/g,
      (d) => "abcdefghijklmnop"[parseInt(d, 16)]);

  function tokens(query) {
    const out = [];
    const single = [];
    for (const run of query.match(HAN) || []) {
      const chars = Array.from(run);
      if (chars.length === 1) single.push(spell(chars[0])); // a prefix: last
      for (let i = 0; i + 1 < chars.length; i++) out.push(spell(chars[i]) + spell(chars[i + 1]));
    }
    for (const word of query.replace(HAN, " ").match(OTHER) || []) out.push(word.toLowerCase());
    return out.concat(single).join(" ");
  }

  // The sentence of the page's text where the query stands, the query marked; or the
  // text's start. Built as text nodes: nothing from the index becomes markup.
  const WIDTH = 48;
  function excerpt(text, query) {
    const p = document.createElement("p");
    const words = query.split(/\s+/).filter(Boolean);
    const at = words.map((w) => text.indexOf(w)).filter((i) => i >= 0);
    if (!at.length) {
      p.append(text.slice(0, 2 * WIDTH) + (text.length > 2 * WIDTH ? "…" : ""));
      return p;
    }
    const start = Math.max(0, Math.min(...at) - WIDTH);
    const end = Math.min(text.length, Math.min(...at) + 2 * WIDTH);
    let piece = text.slice(start, end);
    if (start > 0) p.append("…");
    while (piece) {
      const hits = words.map((w) => [piece.indexOf(w), w]).filter(([i]) => i >= 0);
      if (!hits.length) {
        p.append(piece);
        break;
      }
      const [i, w] = hits.sort((a, b) => a[0] - b[0] || b[1].length - a[1].length)[0];
      p.append(piece.slice(0, i));
      const mark = document.createElement("mark");
      mark.textContent = w;
      p.append(mark);
      piece = piece.slice(i + w.length);
    }
    if (end < text.length) p.append("…");
    return p;
  }

  function item(data, query) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const h = document.createElement("h1");
    h.textContent = (data.meta && data.meta.title) || data.url;
    article.append(h);
    const where = [data.filters && data.filters.kind, data.filters && data.filters.region]
      .flat()
      .filter(Boolean);
    if (where.length) {
      const small = document.createElement("p");
      small.className = "search-where";
      small.textContent = where.join(" · ");
      article.append(small);
    }
    const text = ((data.meta && data.meta.text) || "").replace(/\s*_{3}[A-Z_]+_{3}\s*/g, " ");
    article.append(excerpt(text, query));
    a.append(article);
    li.append(a);
    return li;
  }

  function count(n) {
    if (n === 0) return box.dataset.none;
    const words = n === 1 ? box.dataset.one : box.dataset.other;
    return words.replace("#", String(n));
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++serial;
    if (!query) {
      list.replaceChildren();
      delete list.dataset.shown;
      kinds.replaceChildren();
      meta.textContent = "";
      kind = null;
      return;
    }
    if (!list.children.length) meta.textContent = box.dataset.wait;
    let pagefind, table;
    try {
      [pagefind, table] = await load();
    } catch (e) {
      meta.textContent = box.dataset.none;
      return;
    }
    await new Promise((done) => setTimeout(done, 120)); // typing: search when it pauses
    if (mine !== serial) return;
    const forms = variants(query, table);
    const options = kind ? { filters: { kind } } : {};
    const searches = await Promise.all(forms.map((q) => pagefind.search(tokens(q), options)));
    if (mine !== serial) return;
    const best = new Map(); // one entry per page, its best score
    for (const found of searches) {
      for (const r of found.results) {
        if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
      }
    }
    const results = [...best.values()].sort((a, b) => b.score - a.score);
    const data = await Promise.all(results.slice(0, LIMIT).map((r) => r.data()));
    if (mine !== serial) return;
    meta.textContent = count(results.length);
    showKinds(searches);
    const shown = `${forms.join(" ")}\n${data.map((d) => d.url).join("\n")}`;
    if (!filtering) {
      // the filter index is loaded after the first results, not before them; then the
      // results are shown again with their kinds
      filtering = pagefind.filters().then(run, () => {});
    }
    if (shown !== list.dataset.shown) { // the same results again: keep them (and the focus)
      list.dataset.shown = shown;
      list.replaceChildren(...data.map((d) => item(d, forms.join(" "))));
    }
  }

  // One button per kind of page the query finds, with how many: a press narrows the results
  // to that kind (Pagefind's filter), a second press widens them again.
  function showKinds(searches) {
    const found = {};
    for (const s of searches) {
      for (const [name, n] of Object.entries((s.filters && s.filters.kind) || {})) {
        found[name] = Math.max(found[name] || 0, n);
      }
    }
    const names = Object.keys(found).filter((name) => found[name] > 0 || name === kind);
    kinds.replaceChildren(
      ...(names.length > 1 || kind ? names.sort() : []).map((name) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = `${name} ${found[name] || 0}`;
        button.setAttribute("aria-pressed", String(name === kind));
        button.addEventListener("click", () => {
          kind = kind === name ? null : name;
          run();
        });
        return button;
      }),
    );
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", () => {
    open(true);
    load().catch(() => {});
  });
  form.addEventListener("submit", (event) => {
    const first = links()[0];
    if (first) {
      event.preventDefault();
      location.href = first.href;
    }
  });
  box.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      open(false);
      input.blur();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus();
      else all[at - 1].focus();
    }
  });
  // "/" or "s" anywhere else opens the search, as in Material
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s") {
      event.preventDefault();
      open(true);
      input.focus();
    }
  });
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (toggle.checked) input.focus();
    });
  }
})();
