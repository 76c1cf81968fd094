// The printable documents' "Print" button (no inline scripts: the Content-Security-Policy forbids them).
document.addEventListener("click", (event) => {
  if (event.target.closest(".js-print-page")) {
    window.print();
  }
});
