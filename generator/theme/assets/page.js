/* The page's own small behaviours.
 *
 * The stylesheets: the page's head carries the rules its first paint needs and links the whole
 * stylesheets as print-only, so that they do not hold the paint back (generator/critical.py);
 * here they are switched to every medium.
 *
 * The reader's text size: 标准 (the theme's) or 大字 (a quarter larger), chosen with the two
 * buttons at the top of every page and kept for the next pages (localStorage, this site only).
 * The head of each page applies a kept choice before the first paint (main.html); without
 * JavaScript the buttons stay hidden and the browser's own zoom enlarges the page, which
 * reflows to 320 CSS pixels without sideways scrolling.
 */
(() => {
  "use strict";
  for (const link of document.querySelectorAll("link[data-bulletin-styles]")) link.media = "all";
})();

(() => {
  "use strict";
  const KEY = "bulletin-text-size";
  const root = document.documentElement;
  const group = document.querySelector(".text-size");
  if (!group) return;

  function show(size) {
    root.classList.toggle("bulletin-large", size === "large");
    for (const button of group.querySelectorAll("button[data-text-size]")) {
      button.setAttribute("aria-pressed", String(button.dataset.textSize === size));
    }
  }

  function keep(size) {
    try {
      if (size === "large") localStorage.setItem(KEY, size);
      else localStorage.removeItem(KEY);
    } catch (e) {
      // storage refused (a private window): the choice holds for this page only
    }
  }

  group.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-text-size]");
    if (!button) return;
    show(button.dataset.textSize);
    keep(button.dataset.textSize);
  });
  show(root.classList.contains("bulletin-large") ? "large" : "standard");
  group.hidden = false;
})();
