// Behaviour of our pages, kept out of the HTML so the Content-Security-Policy can forbid
// inline scripts.
document.addEventListener("click", (event) => {
  const adder = event.target.closest("[data-add-row]");
  if (!adder) return;
  const prefix = adder.dataset.addRow;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-template`).innerHTML;
  document.getElementById(`${prefix}-body`)
    .insertAdjacentHTML("beforeend", template.replace(/__prefix__/g, total.value));
  total.value = parseInt(total.value, 10) + 1;
});

document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Delegation members chosen from the registry of persons (danh bạ): typing a name lists
// the persons it matches, accents aside, with date of birth and unit to tell namesakes
// apart; choosing one fills the row and links it. Typing again unlinks it.
(() => {
  let timer = null;
  const field = (row, name) => row.querySelector(`[name$="-${name}"]`);
  const close = (row) => row.querySelectorAll(".dn-person-choices").forEach((el) => el.remove());

  const choose = (row, person) => {
    field(row, "full_name").value = person.full_name;
    field(row, "person_id").value = person.id;
    for (const name of ["position", "unit_name", "leader_level", "date_of_birth"]) {
      const input = field(row, name);
      if (input && person[name]) input.value = person[name];
    }
    close(row);
  };

  const show = (input, people) => {
    const row = input.closest("tr");
    close(row);
    if (!people.length) return;
    const list = document.createElement("ul");
    list.className = "dn-person-choices";
    list.dataset.testid = "person-choices";
    for (const person of people) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "dn-button-secondary";
      button.dataset.testid = "person-choice";
      button.textContent = person.label;
      button.addEventListener("click", () => choose(row, person));
      item.appendChild(button);
      list.appendChild(item);
    }
    input.insertAdjacentElement("afterend", list);
  };

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("[data-person-search]")) return;
    const row = input.closest("tr");
    const link = field(row, "person_id");
    if (link) link.value = "";
    const body = input.closest("[data-person-search-url]");
    clearTimeout(timer);
    if (!body || input.value.trim().length < 2) return close(row);
    timer = setTimeout(async () => {
      const url = `${body.dataset.personSearchUrl}?q=${encodeURIComponent(input.value)}`;
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) show(input, (await response.json()).results);
    }, 250);
  });
})();
