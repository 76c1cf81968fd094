// Visit form: quick duration buttons (shown only when this script runs; the number field works alone).
document.querySelectorAll(".js-duration-presets").forEach((presets) => {
  const input = presets.closest("form").querySelector(".js-duration");
  if (!input) {
    return;
  }
  presets.classList.remove("d-none");
  presets.addEventListener("click", (event) => {
    const button = event.target.closest("[data-minutes]");
    if (button) {
      input.value = button.dataset.minutes;
    }
  });
});
