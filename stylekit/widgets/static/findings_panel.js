// The coach's findings, rendered by anywidget (stylekit/widgets/coach.py: FindingsPanel).
// `value` is the findings as HTML, replaced on every check. `announcement` is the same in one short sentence, read
// out by screen readers: a live region must stay in the page while its text changes to be announced, which an
// ipywidgets HTML (its content replaced wholesale) cannot promise. It is read out once the findings have stayed the
// same for a moment, so typing is not talked over at every keystroke.
const QUIET_MS = 1000;

function render({model, el}) {
  el.classList.add("stylekit-findings-panel");
  const status = document.createElement("div");
  status.className = "stylekit-announcement";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  // Visually hidden, still read: the findings themselves are on screen below.
  status.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;" +
    "clip:rect(0 0 0 0);white-space:nowrap;border:0";
  const shown = document.createElement("div");
  el.append(status, shown);
  let timer = null;
  const announce = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const said = model.get("announcement");
      if (status.textContent !== said) {
        status.textContent = said;
      }
    }, QUIET_MS);
  };
  const show = () => { shown.innerHTML = model.get("value"); };
  model.on("change:value", show);
  model.on("change:announcement", announce);
  show();
  return () => clearTimeout(timer);
}

export default {render};
