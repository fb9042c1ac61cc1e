// The project's form widgets in the browser (organizations/widgets.py, ADR 0020); kept out
// of the HTML so the Content-Security-Policy can forbid inline scripts. Without script
// the forms still work: dates are typed as dd/mm/yyyy (dd/mm/yyyy HH:MM with a time),
// countries picked from a list.
(() => {
  const pad = (n) => String(n).padStart(2, "0");

  // "1/2/2026", "01022026" → "01/02/2026"; anything else is left for the server to judge.
  const normaliseDay = (value) => {
    let match = value.match(/^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/);
    if (!match) match = value.match(/^(\d{2})(\d{2})(\d{4})$/);
    return match ? `${pad(match[1])}/${pad(match[2])}/${match[3]}` : value;
  };

  // With a time: "1/2/2026 9:05" (or "9h05") → "01/02/2026 09:05".
  const normalise = (text, withTime) => {
    const value = text.trim().replace(/\s+/g, " ");
    if (!withTime) return normaliseDay(value);
    const match = value.match(/^(\S+) (\d{1,2})[:hH.](\d{2})$/);
    return match ? `${normaliseDay(match[1])} ${pad(match[2])}:${match[3]}` : value;
  };

  // "01/02/2026" → "2026-02-01", "01/02/2026 09:05" → "2026-02-01T09:05" (the native
  // pickers' values); "" when the text is not a day (and time).
  const toIso = (text, withTime) => {
    const value = normalise(text, withTime);
    const match = value.match(/^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}:\d{2}))?$/);
    if (!match || (withTime && !match[4])) return "";
    const day = `${match[3]}-${match[2]}-${match[1]}`;
    return withTime ? `${day}T${match[4]}` : day;
  };

  const fromIso = (iso, withTime) => {
    const match = iso.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/);
    if (!match || (withTime && !match[4])) return "";
    const day = `${match[3]}/${match[2]}/${match[1]}`;
    return withTime ? `${day} ${match[4]}` : day;
  };

  // A dd/mm/yyyy text field (dd/mm/yyyy HH:MM when data-date-input="datetime") with a
  // calendar button: the button opens the browser's own picker (a hidden date or
  // datetime-local input) and writes the choice back the same way.
  const enhanceDate = (input) => {
    if (input.dataset.dateReady) return;
    input.dataset.dateReady = "1";
    const withTime = input.dataset.dateInput === "datetime";
    const wrap = document.createElement("span");
    wrap.className = withTime ? "dn-date-wrap dn-date-wrap--datetime" : "dn-date-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    const native = document.createElement("input");
    native.type = withTime ? "datetime-local" : "date";
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
      native.value = toIso(input.value, withTime);
      if (native.showPicker) native.showPicker();
      else native.focus();
    });
    native.addEventListener("change", () => {
      const value = fromIso(native.value, withTime);
      if (!value) return;
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
    input.addEventListener("blur", () => {
      input.value = normalise(input.value, withTime);
    });
  };

  // A select with a search box (Tom Select, vendored under static/vendor/): typing "Hàn"
  // (or "han") narrows the list to Hàn Quốc. A multiple select shows its choices as
  // chips with a remove button; a single one (a guest's nationality) shows its choice.
  const enhanceSelect = (select) => {
    if (select.tomselect || typeof window.TomSelect !== "function") return;
    const empty = select.dataset.noResults || "—";
    const control = new window.TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
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
