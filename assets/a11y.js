// Keyboard access the components do not give by themselves.
//
// 1. Tables that scroll sideways (a wide table on a phone) can be focused and scrolled by keyboard
//    (WCAG 2.1.1; axe: scrollable-region-focusable).
// 2. Keyboard focus on Dash's dropdowns goes straight to their button.
//
// dcc.Dropdown puts a hidden <input aria-hidden="true" tabindex="0"> before its button (a workaround
// for Safari, which leaves buttons out of the Tab order) and moves focus on to the button. A focusable
// element hidden from screen readers fails WCAG 4.1.2 (axe: aria-hidden-focus). An explicit tabindex
// puts the button in every browser's Tab order, Safari's too, so the input is taken out of it.
(function () {
  "use strict";
  const SELECTOR = "input.dash-dropdown-focus-target";

  function fix(input) {
    const button = input.nextElementSibling;
    if (!button || button.tagName !== "BUTTON") return;
    const wanted = button.disabled ? -1 : 0;
    // Only real changes: each write is itself an attribute change this observer sees.
    if (input.tabIndex !== -1) input.tabIndex = -1;
    if (button.tabIndex !== wanted) button.tabIndex = wanted;
  }

  function fixAll(root) {
    if (root.matches && root.matches(SELECTOR)) fix(root);
    if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(fix);
  }

  function markScrollingTables() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (!scrolls && box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
    });
  }

  let pending = null;
  function soon() {  // once per frame, however many nodes change
    if (pending === null) {
      pending = window.requestAnimationFrame(function () {
        pending = null;
        markScrollingTables();
      });
    }
  }
  window.addEventListener("resize", soon);

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes") {
        const input = change.target.previousElementSibling;
        if (input && input.matches(SELECTOR)) fix(input);
        else if (change.target.matches(SELECTOR)) fix(change.target);
        return;
      }
      change.addedNodes.forEach(fixAll);
      if (change.addedNodes.length) soon();
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["tabindex", "disabled"],
  });
  document.addEventListener("DOMContentLoaded", function () {
    fixAll(document);
  });
})();
