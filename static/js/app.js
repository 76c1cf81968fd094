// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", (event) => {
  if (event.target.matches(".js-autosubmit")) {
    event.target.form.submit();
  }
});

// A table wider than the screen scrolls sideways: keyboard users reach it with Tab (WCAG 2.1.1), and
// the arrow keys scroll it. Only while it overflows, so that a table that fits is no extra tab stop.
function reachableScrollers() {
  document.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
    } else {
      box.removeAttribute("tabindex");
    }
  });
}
reachableScrollers();
window.addEventListener("resize", reachableScrollers);
