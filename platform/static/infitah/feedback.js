/* Feedback where the eye is: after a form was sent, the confirmation (role="status") or the
   error summary is scrolled to the top of the screen and focused, so that a person on a phone
   sees it (and a screen reader reads it) instead of the place the page was sent back to.
   A served file (script-src 'self'): no inline script, nothing to add to the CSP. */
(function () {
  "use strict";
  var SUMMARY = ".error-summary";
  var FEEDBACK = SUMMARY + ', .alert[role="status"], .alert[role="alert"], [role="status"] > .alert';

  function afterAPost() {
    // Post/redirect/get arrives by a redirect; a form sent back with its errors is a 4xx.
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    var navigation = entries[0];
    if (!navigation) { return false; }
    return navigation.redirectCount > 0 || (navigation.responseStatus || 200) >= 400;
  }

  function show(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    element.scrollIntoView({ block: "start" });
    element.focus({ preventScroll: true });
  }

  function feedbackShow() {
    var summary = document.querySelector(SUMMARY);
    var target = summary || (afterAPost() ? document.querySelector(FEEDBACK) : null);
    if (!target) { return; }
    // Messages inside a role="status" region: the region is what is announced and focused.
    var region = target.parentElement;
    if (target !== summary && region && region.getAttribute("role") === "status") { target = region; }
    show(target);
  }

  // After the browser has scrolled to the address's #fragment, if it had one.
  if (document.readyState === "complete") {
    feedbackShow();
  } else {
    window.addEventListener("load", function () { window.requestAnimationFrame(feedbackShow); });
  }
})();
