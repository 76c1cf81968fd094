// The bell in the header: asks the unread count now, then every `poll_seconds` the server gives
// and whenever the tab comes back into view, so a person sees new notifications without reloading.
(() => {
  const bell = document.querySelector("[data-bell-url]");
  if (!bell) {
    return;
  }
  const count = bell.querySelector("[data-bell-count]");
  const label = bell.querySelector("[data-bell-label]");
  let timer = null;
  let seconds = 30;

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, seconds * 1000);
  };

  async function refresh() {
    try {
      const response = await fetch(bell.dataset.bellUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok && response.headers.get("Content-Type")?.startsWith("application/json")) {
        const data = await response.json();
        count.textContent = data.unread > 99 ? "99+" : String(data.unread);
        count.hidden = data.unread === 0;
        label.textContent = data.label;
        bell.dataset.unread = String(data.unread);
        seconds = Math.max(data.poll_seconds || seconds, 1);
      }
    } catch (error) {
      // Offline for a moment: try again at the next tick.
    }
    schedule();
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      refresh();
    }
  });
  refresh();
})();
