// The print button needs script, so it stays hidden until this file runs; the Content
// Security Policy forbids inline handlers, hence a file of its own.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
