// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", (event) => {
  if (event.target.matches(".js-autosubmit")) {
    event.target.form.submit();
  }
});
