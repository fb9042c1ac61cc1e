// The project's form widgets in the browser (organizations/widgets.py, ADR 0019); kept out
// of the HTML so the Content-Security-Policy can forbid inline scripts. Without script
// the forms still work: dates are typed as dd/mm/yyyy, countries picked from a list.
(() => {
  const pad = (n) => String(n).padStart(2, "0");

  // "1/2/2026", "01022026" → "01/02/2026"; anything else is left for the server to judge.
  const normalise = (text) => {
    const value = text.trim();
    let match = value.match(/^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/);
    if (!match) match = value.match(/^(\d{2})(\d{2})(\d{4})$/);
    return match ? `${pad(match[1])}/${pad(match[2])}/${match[3]}` : value;
  };

  const toIso = (text) => {
    const match = normalise(text).match(/^(\d{2})\/(\d{2})\/(\d{4})$/);
    return match ? `${match[3]}-${match[2]}-${match[1]}` : "";
  };

  // A dd/mm/yyyy text field with a calendar button: the button opens the browser's own
  // date picker (a hidden date input) and writes the chosen day back as dd/mm/yyyy.
  const enhanceDate = (input) => {
    if (input.dataset.dateReady) return;
    input.dataset.dateReady = "1";
    const wrap = document.createElement("span");
    wrap.className = "dn-date-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    const native = document.createElement("input");
    native.type = "date";
    native.className = "dn-date__native";
    native.tabIndex = -1;
    native.setAttribute("aria-hidden", "true");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "dn-date__button";
    button.setAttribute("aria-label", input.dataset.pickerLabel || "📅");
    button.innerHTML = '<span class="material-icons" aria-hidden="true">event</span>';
    wrap.append(native, button);
    button.addEventListener("click", () => {
      native.value = toIso(input.value);
      if (native.showPicker) native.showPicker();
      else native.focus();
    });
    native.addEventListener("change", () => {
      const [year, month, day] = native.value.split("-");
      if (!day) return;
      input.value = `${day}/${month}/${year}`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
    input.addEventListener("blur", () => {
      input.value = normalise(input.value);
    });
  };

  // A multiple select with a search box (Tom Select, vendored under static/vendor/):
  // typing "Hàn" (or "han") narrows the list to Hàn Quốc.
  const enhanceSelect = (select) => {
    if (select.tomselect || typeof window.TomSelect !== "function") return;
    const empty = select.dataset.noResults || "—";
    const control = new window.TomSelect(select, {
      plugins: ["remove_button"],
      maxOptions: null,
      hidePlaceholder: true,
      placeholder: select.dataset.placeholder || "",
      closeAfterSelect: true,
      // Filter as each key is typed: with the default 300 ms throttle, a choice made
      // within that time was followed by a late refresh that reopened the list and took
      // the focus back, scrolling the page up to the picker.
      refreshThrottle: 0,
      render: {
        no_results: () => {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = empty;
          return div;
        },
      },
    });
    // Tom Select moves the label to its own input; the hidden original keeps a name.
    const label = document.querySelector(`label[for="${control.control_input.id}"]`);
    if (label && !select.getAttribute("aria-label")) {
      select.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    }
    if (select.required || select.getAttribute("aria-required") === "true") {
      control.control_input.setAttribute("aria-required", "true");
    }
    if (select.getAttribute("aria-invalid") === "true") {
      control.control_input.setAttribute("aria-invalid", "true");
    }
    const described = select.getAttribute("aria-describedby");
    if (described) control.control_input.setAttribute("aria-describedby", described);
  };

  const enhance = (root) => {
    root.querySelectorAll("input[data-date-input]").forEach((input) => {
      // The blank row of a formset lives in a <template>: enhanced once it is a row.
      if (!input.closest("template")) enhanceDate(input);
    });
    root.querySelectorAll("select[data-searchable]").forEach(enhanceSelect);
  };

  const start = () => enhance(document);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("turbo:load", start);

  // Rows added to a formset ("Thêm thành viên") get the same widgets.
  new MutationObserver((changes) => {
    for (const change of changes) {
      change.addedNodes.forEach((node) => {
        if (node.nodeType === Node.ELEMENT_NODE && node.closest(".dn-formset")) enhance(node);
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
